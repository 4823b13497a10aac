"""`monitor export` and `monitor import`: the workbook out, filled as a corporation would, re-saved, and read back."""

from __future__ import annotations

import csv
import io
import shutil
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from afsprakengen.check.dossier import check_dossier
from afsprakengen.cli import cli
from afsprakengen.load.yamlsource import load_yaml_bytes
from afsprakengen.model import DossierModel
from afsprakengen.monitor.export import export_monitor
from afsprakengen.monitor.importer import Imported, ImportRequest, import_monitor
from afsprakengen.monitor.validate import Filled, Realised
from afsprakengen.monitor.yamlnew import new_evaluatie
from afsprakengen.publish.office import convert, find_office
from tests.sampledossier import SAMPLE

DAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def model() -> DossierModel:
    result = check_dossier(SAMPLE, "voorbeeldstad", DAY)
    assert result.model is not None and not result.errors
    return result.model


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    target = tmp_path / "voorbeeldstad"
    shutil.copytree(SAMPLE, target)
    for path in (target / "2026").glob("voortgang-*.yaml"):  # the 2026 workbook then starts empty
        path.unlink()
    return target


def _export(dossier: Path, year: int) -> bytes:
    result = check_dossier(dossier, "voorbeeldstad", DAY)
    assert result.model is not None
    data = export_monitor(result.model, year, "voorbeeldstad")
    assert isinstance(data, bytes)
    return data


def _import(workbook: Path, dossier: Path, year: int | None = None) -> Imported:
    return import_monitor(ImportRequest(workbook, workbook.name, dossier, "voorbeeldstad", DAY, year))


def _sheet(wb: Workbook, title: str) -> Worksheet:
    ws = wb[title]
    assert isinstance(ws, Worksheet)
    return ws


def test_the_same_dossier_gives_the_same_bytes(model: DossierModel) -> None:
    first = export_monitor(model, 2026, "voorbeeldstad")
    time.sleep(1.1)  # openpyxl stamps the modification time in seconds
    assert export_monitor(model, 2026, "voorbeeldstad") == first
    assert isinstance(first, bytes)
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2025, 12, 11, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert ">2025-12-11T00:00:00Z</dcterms:modified>" in core  # the agreements' datum, not the clock


def test_the_workbook_has_its_sheets_locks_lists_and_widths(model: DossierModel) -> None:
    data = export_monitor(model, 2025, "voorbeeldstad")
    assert isinstance(data, bytes)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Afspraken", "Woonstad", "Wonen & Welzijn", "Toelichting"]
    ws = _sheet(wb, "Afspraken")
    assert [c.value for c in ws[1]] == [
        "Code", "Thema", "Titel", "Trekker", "Indicator", "Streefwaarde", "Eenheid", "Richting",
        "Realisatie", "Status", "Toelichting", "Vervolg",
    ]  # fmt: skip
    assert [c.value for c in ws[2]][:10] == [
        "BESCH-01",
        "Beschikbaarheid",
        "Nieuwbouw sociale huurwoningen",
        "Woonstad",
        "Opgeleverde sociale huurwoningen",
        108,
        "woningen",
        "minimaal",
        96,
        "deels gerealiseerd",
    ]  # fmt: skip  (pre-filled from 2025/evaluatie.yaml)
    assert ws.freeze_panes == "A2" and ws.protection.sheet
    assert ws["A2"].protection.locked and ws["F2"].protection.locked
    assert not any(ws[f"{c}2"].protection.locked for c in "IJKL")
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists == {
        '"gerealiseerd,deels gerealiseerd,vertraagd,niet gerealiseerd,vervallen"',  # the scale, best first
        '"doorzetten,bijstellen,beëindigen,nieuwe afspraak"',
    }
    numbers = next(dv for dv in ws.data_validations.dataValidation if dv.type == "decimal")
    text_targets = [c.row for c in ws["F"][1:] if isinstance(c.value, str)]
    assert text_targets and ws[f"H{text_targets[0]}"].value is None  # no richting for a text target
    checked = {cell for block in numbers.sqref.ranges for cell in block.cells}  # (row, column) pairs
    assert str(numbers.sqref).startswith("I2:I4 I6:I8 ")
    assert (2, 9) in checked and not checked & {(row, 9) for row in text_targets}  # a text target takes any text
    assert ws.column_dimensions["A"].width == 11 and ws.column_dimensions["K"].width == 50
    corp = _sheet(wb, "Woonstad")
    assert [c.value for c in corp[1]][4:] == [
        "Bod 2025",
        "Bod 2026",
        "Bod 2027",
        "Bod 2028",
        "Bod 2029",
        "Gerealiseerd 2025",
    ]
    assert [c.value for c in _sheet(wb, "Toelichting")[1]][:2] == ["Jaarschijf", 2025]


def test_each_column_below_the_header_has_the_named_style_of_its_kind(model: DossierModel) -> None:
    data = export_monitor(model, 2025, "voorbeeldstad")
    assert isinstance(data, bytes)
    ws = _sheet(load_workbook(io.BytesIO(data)), "Afspraken")
    styles = {c.style for c in ws[1]}, [{c.style for c in column[1:]} for column in ws.iter_cols()]
    assert styles[0] == {"Normal"}  # the header: bold, the default style
    assert styles[1] == [
        {"Normal"}, {"Normal"}, {"Tekst"}, {"Normal"}, {"Tekst"}, {"Normal"}, {"Normal"}, {"Normal"},
        {"Invullen"}, {"Invullen"}, {"Invullen, tekst"}, {"Invullen"},
    ]  # fmt: skip
    assert ws["K2"].fill.fgColor.rgb == "00FFF2CC" and ws["K2"].alignment.wrap_text and ws["C2"].alignment.wrap_text


def _fill(ws: Worksheet, row: int, realisatie: str | float, status: str, toelichting: str | None, vervolg: str) -> None:
    values: tuple[str | float | None, ...] = (realisatie, status, toelichting, vervolg)
    for column, value in zip("IJKL", values, strict=True):
        ws[f"{column}{row}"] = value


def _filled_2026(dossier: Path, target: Path) -> Path:
    """The 2026 workbook filled in as a corporation would, through openpyxl."""
    wb = load_workbook(io.BytesIO(_export(dossier, 2026)))
    ws = _sheet(wb, "Afspraken")
    _fill(ws, 2, 84, "deels gerealiseerd", "Zes woningen van Parkzicht\nwachten op de netaansluiting.", "doorzetten")
    _fill(ws, 3, 12, "gerealiseerd", None, "doorzetten")
    _fill(ws, 5, "beide besluiten genomen", "gerealiseerd", None, "beëindigen")
    _fill(ws, 7, 81.5, "gerealiseerd", "Ruim boven de afspraak.", "doorzetten")
    _sheet(wb, "Woonstad")["J2"] = 58
    wb.save(target)
    return target


def test_a_workbook_resaved_by_libreoffice_goes_into_a_new_evaluation(dossier: Path, tmp_path: Path) -> None:
    office = find_office()
    assert office is not None, "LibreOffice (soffice) is needed: .ci/run installs it"
    (tmp_path / "filled").mkdir()
    filled = _filled_2026(dossier, tmp_path / "filled" / "monitor-2026.xlsx")
    convert(office, [filled], "xlsx", tmp_path)  # xlsx -> xlsx: the copy LibreOffice writes
    resaved = tmp_path / "monitor-2026.xlsx"
    assert resaved.read_bytes() != filled.read_bytes()
    result = _import(resaved, dossier)
    assert result.problems == () and result.created
    assert [f"{c.code} {c.field} {c.new}" for c in result.changes][:5] == [
        "BESCH-01 realisatie 84",
        "BESCH-01 status deels gerealiseerd",
        "BESCH-01 toelichting Zes woningen van Parkzicht\nwachten op de netaansluiting.",
        "BESCH-01 vervolg doorzetten",
        "BESCH-02 realisatie 12",
    ]
    text = (dossier / "2026" / "evaluatie.yaml").read_text(encoding="utf-8")
    assert "  - afspraak: BETAAL-01\n    realisatie: 81.5\n    status: gerealiseerd\n" in text
    assert "    toelichting: |\n      Zes woningen van Parkzicht\n      wachten op de netaansluiting.\n" in text
    assert "activiteiten:\n  - activiteit: WS26-BESCH-01\n    gerealiseerd: 58\n" in text
    checked = check_dossier(dossier, "voorbeeldstad", DAY)
    assert checked.errors == 0, [p.format() for p in checked.problems]
    assert _import(resaved, dossier).target is None  # the second time nothing changes


BAD_CELLS: dict[str, str | int] = {
    "Afspraken!A4": "BESCH-99",
    "Afspraken!A6": "BESCH-01",
    "Afspraken!C3": "Andere titel",
    "Afspraken!J2": "klaar",
    "Afspraken!L2": "stoppen",
    "Afspraken!I7": "ruim 80",
    "Afspraken!J7": "gerealiseerd",
    "Afspraken!L7": "doorzetten",
    "Afspraken!K8": 12,
    "Afspraken!J8": "vertraagd",
    "Afspraken!L8": "doorzetten",
    "Afspraken!I9": 60,
    "Afspraken!L9": "doorzetten",
    "Afspraken!J10": "gerealiseerd",
    "Afspraken!I13": -5,
    "Afspraken!J13": "vertraagd",
    "Afspraken!L13": "bijstellen",
    "Woonstad!J2": "ongeveer 40",
}

EXPECTED = """\
monitor-2026.xlsx!Afspraken!J2: error: 'klaar' is not a status on the list (gerealiseerd, deels gerealiseerd, \
vertraagd, niet gerealiseerd, vervallen)
monitor-2026.xlsx!Afspraken!L2: error: 'stoppen' is not a vervolg on the list (doorzetten, bijstellen, beëindigen, \
nieuwe afspraak)
monitor-2026.xlsx!Afspraken!C3: error: the Titel of BESCH-02 was changed (in the dossier: 'Woningen voor jongeren en \
starters'); this column comes from the dossier and cannot be changed here
monitor-2026.xlsx!Afspraken!A4: error: 'BESCH-99' is not a code of this cycle (did you mean 'BESCH-05'?)
monitor-2026.xlsx!Afspraken!A6: error: 'BESCH-01' is in row 2 already; keep one row per code
monitor-2026.xlsx!Afspraken!I7: error: 'ruim 80' is not a number, and the target of BETAAL-01 is one (80 procent): \
write the number alone, without a unit
monitor-2026.xlsx!Afspraken!K8: error: the toelichting is the number 12; write it as a sentence
monitor-2026.xlsx!Afspraken!J9: error: the status is missing; choose one of: gerealiseerd, deels gerealiseerd, \
vertraagd, niet gerealiseerd, vervallen
monitor-2026.xlsx!Afspraken!L10: error: the vervolg is missing; choose one of: doorzetten, bijstellen, beëindigen, \
nieuwe afspraak
monitor-2026.xlsx!Afspraken!I13: error: -5 is below 0; a realisation is 0 or more
monitor-2026.xlsx!Woonstad!J2: error: 'ongeveer 40' is not a number of 0 or more; write the number alone
"""


def _bad_workbook(dossier: Path, target: Path) -> Path:
    wb = load_workbook(io.BytesIO(_export(dossier, 2026)))
    for place, value in BAD_CELLS.items():
        sheet, cell = place.split("!")
        _sheet(wb, sheet)[cell] = value
    wb.save(target)
    return target


def test_every_bad_cell_is_an_error_at_its_cell_and_nothing_is_written(dossier: Path, tmp_path: Path) -> None:
    workbook = _bad_workbook(dossier, tmp_path / "monitor-2026.xlsx")
    result = _import(workbook, dossier)
    assert "".join(p.format() + "\n" for p in result.problems) == EXPECTED
    assert result.target is None and not (dossier / "2026" / "evaluatie.yaml").exists()


def test_the_command_prints_the_errors_and_exits_1(dossier: Path, tmp_path: Path) -> None:
    workbook = _bad_workbook(dossier, tmp_path / "monitor-2026.xlsx")
    result = CliRunner().invoke(cli, ["monitor", "import", str(workbook), str(dossier)])
    assert result.exit_code == 1
    assert f"{workbook}!Afspraken!A4: error: 'BESCH-99' is not a code of this cycle" in result.output
    assert result.output.endswith("11 errors; nothing was written.\n")


def test_an_existing_evaluation_keeps_every_comment_and_its_layout(dossier: Path, tmp_path: Path) -> None:
    path = dossier / "2025" / "evaluatie.yaml"
    before = path.read_text(encoding="utf-8")
    wb = load_workbook(io.BytesIO(_export(dossier, 2025)))
    ws = _sheet(wb, "Afspraken")
    ws["I2"], ws["J2"] = 97, "gerealiseerd"
    wb.save(tmp_path / "monitor-2025.xlsx")
    result = _import(tmp_path / "monitor-2025.xlsx", dossier)
    assert result.problems == () and not result.created
    assert [(c.code, c.field, c.old, c.new) for c in result.changes] == [
        ("BESCH-01", "realisatie", 96, 97),
        ("BESCH-01", "status", "deels gerealiseerd", "gerealiseerd"),
    ]
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(
        "realisatie: 96\n    status: deels gerealiseerd", "realisatie: 97\n    status: gerealiseerd", 1
    )
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]


def test_a_bad_cell_leaves_an_existing_evaluation_as_it_was(dossier: Path, tmp_path: Path) -> None:
    path = dossier / "2025" / "evaluatie.yaml"
    before = path.read_bytes()
    wb = load_workbook(io.BytesIO(_export(dossier, 2025)))
    ws = _sheet(wb, "Afspraken")
    ws["I2"], ws["J3"] = 97, "half"
    wb.save(tmp_path / "monitor-2025.xlsx")
    result = _import(tmp_path / "monitor-2025.xlsx", dossier)
    assert [p.format() for p in result.problems] == [
        "monitor-2025.xlsx!Afspraken!J3: error: 'half' is not a status on the list (gerealiseerd, deels gerealiseerd, "
        "vertraagd, niet gerealiseerd, vervallen)"
    ]
    assert path.read_bytes() == before


def test_a_csv_of_the_afspraken_sheet_with_semicolons_and_decimal_commas(dossier: Path, tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(_export(dossier, 2026)))
    rows = [["" if v is None else str(v) for v in row] for row in _sheet(wb, "Afspraken").iter_rows(values_only=True)]
    rows[1][8:12] = ["84,5", "deels gerealiseerd", "Bijna gehaald; de rest in 2027.", "doorzetten"]
    csv_path = tmp_path / "afspraken.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    assert [p.format() for p in _import(csv_path, dossier).problems] == [
        "afspraken.csv:1:1: error: the file names no jaarschijf (a CSV never does): give --year J"
    ]
    result = _import(csv_path, dossier, 2026)
    assert result.problems == ()
    assert [(c.code, c.field, c.new) for c in result.changes] == [
        ("BESCH-01", "realisatie", 84.5),
        ("BESCH-01", "status", "deels gerealiseerd"),
        ("BESCH-01", "toelichting", "Bijna gehaald; de rest in 2027."),
        ("BESCH-01", "vervolg", "doorzetten"),
    ]


def test_a_csv_cell_is_located_without_a_sheet(dossier: Path, tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(_export(dossier, 2026)))
    rows = [["" if v is None else str(v) for v in row] for row in _sheet(wb, "Afspraken").iter_rows(values_only=True)]
    rows[2][9:12] = ["klaar", "", "doorzetten"]
    with (tmp_path / "a.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    assert [p.format() for p in _import(tmp_path / "a.csv", dossier, 2026).problems] == [
        "a.csv!J3: error: 'klaar' is not a status on the list (gerealiseerd, deels gerealiseerd, vertraagd, "
        "niet gerealiseerd, vervallen)"
    ]


def test_export_command_writes_the_workbook(dossier: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    result = CliRunner().invoke(cli, ["monitor", "export", str(dossier), "--year", "2026", "--out", str(out)])
    assert result.exit_code == 0 and result.output == f"wrote {out}\n"
    assert out.read_bytes() == _export(dossier, 2026)
    missing = CliRunner().invoke(cli, ["monitor", "export", str(dossier), "--year", "2031", "--out", str(out)])
    assert missing.exit_code == 1
    assert "error: the dossier has no prestatieafspraken.yaml for 2031 (it has: 2025, 2026, 2027)" in missing.output


def test_a_file_that_is_no_workbook_is_one_error(dossier: Path, tmp_path: Path) -> None:
    (tmp_path / "m.xlsx").write_text("not a workbook", encoding="utf-8")
    assert [p.format() for p in _import(tmp_path / "m.xlsx", dossier).problems] == [
        "m.xlsx:1:1: error: this is not an .xlsx workbook (nor a .csv file); save it as .xlsx and try again"
    ]


def test_a_damaged_workbook_is_one_error(dossier: Path, tmp_path: Path) -> None:
    whole = _export(dossier, 2026)
    (tmp_path / "cut.xlsx").write_bytes(whole[: len(whole) // 2])
    with zipfile.ZipFile(tmp_path / "empty.xlsx", "w") as z:
        z.writestr("readme.txt", "a zip, not a workbook")
    for name in ("cut.xlsx", "empty.xlsx"):
        (problem,) = _import(tmp_path / name, dossier).problems
        assert problem.format().startswith(f"{name}:1:1: error: "), problem.format()
        assert "save it" in problem.format()


def test_the_sample_evaluation_is_what_its_filled_workbook_says(dossier: Path) -> None:
    workbook = SAMPLE.parent / "monitor-2025-ingevuld.xlsx"
    result = _import(workbook, dossier)
    assert result.problems == () and result.target is None and result.changes == ()
    wb = load_workbook(io.BytesIO(_export(dossier, 2025)))
    assert [r[9] for r in _sheet(wb, "Woonstad").iter_rows(min_row=2, max_row=3, values_only=True)] == [74, 0]


TRICKY = [
    "ja",
    "no",
    "null",
    "1.10",
    "2026-12-01",
    "klaar: deels",
    "# geen commentaar",
    "- geen lijst",
    "tekst met #hekje",
    "'aanhalingsteken",
    'dubbel "citaat"',
    "  voorloopspaties",
    "€ 27.500 vastgesteld",
    "regel een\nregel twee",
    " inspringen\nop de eerste regel",
    "tab\tin de tekst\nen een regel",
    "[haken]",
    "{accolades}",
    "*ster",
    "&anker",
    "!tag",
    "%procent",
    "@apenstaart",
    "`backtick",
    "einde met dubbele punt:",
]


@pytest.mark.parametrize("text", TRICKY)
def test_a_new_evaluation_reads_back_every_text_as_written(text: str) -> None:
    filled = Filled("WZ-01", "vertraagd", text, text, "doorzetten")
    written, _ = new_evaluatie(2026, DAY, [filled], [Realised("WS-01", 2.5)])
    loaded = load_yaml_bytes(written.encode("utf-8"), "evaluatie.yaml")
    assert loaded.doc is not None and loaded.problems == ()
    entry = loaded.doc.data["evaluaties"][0]
    assert (entry["realisatie"].rstrip("\n"), entry["toelichting"].rstrip("\n")) == (text, text)
    assert loaded.doc.data["activiteiten"] == [{"activiteit": "WS-01", "gerealiseerd": 2.5}]
    assert loaded.doc.data["datum"] == "2026-12-01"


def test_a_workbook_with_nothing_filled_in_writes_no_empty_evaluation(dossier: Path, tmp_path: Path) -> None:
    (tmp_path / "m.xlsx").write_bytes(_export(dossier, 2026))
    assert [p.format() for p in _import(tmp_path / "m.xlsx", dossier).problems] == [
        "m.xlsx:1:1: error: nothing is filled in on the Afspraken sheet; a new evaluatie.yaml needs a status for at "
        "least one agreement"
    ]


def test_a_missing_column_and_a_missing_sheet_are_errors(dossier: Path, tmp_path: Path) -> None:
    wb = load_workbook(io.BytesIO(_export(dossier, 2026)))
    _sheet(wb, "Afspraken")["J1"] = "Stoplicht"
    wb.save(tmp_path / "m.xlsx")
    assert [p.format() for p in _import(tmp_path / "m.xlsx", dossier).problems] == [
        "m.xlsx!Afspraken!J1: error: the column 'Status' is missing from the header row; export the workbook again"
    ]
    _sheet(wb, "Afspraken").title = "Blad1"
    wb.save(tmp_path / "m.xlsx")
    assert [p.format() for p in _import(tmp_path / "m.xlsx", dossier).problems] == [
        "m.xlsx:1:1: error: the workbook has no sheet 'Afspraken' "
        "(it has: Blad1, Woonstad, Wonen & Welzijn, Toelichting)"
    ]


def test_a_dossier_with_errors_takes_no_import(dossier: Path, tmp_path: Path) -> None:
    workbook = _filled_2026(dossier, tmp_path / "monitor-2026.xlsx")
    path = dossier / "2026" / "prestatieafspraken.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("jaar: 2026", "jaar: 2062", 1), encoding="utf-8")
    problems = [p.format() for p in _import(workbook, dossier).problems]
    assert problems and all(p.startswith("voorbeeldstad/2026/prestatieafspraken.yaml:") for p in problems)
    assert not (dossier / "2026" / "evaluatie.yaml").exists()
