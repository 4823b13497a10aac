"""The dossier's own traffic-light scale: the model's scale, the evaluation's lights and counts, the monitor."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from afsprakengen.check.dossier import check_dossier
from afsprakengen.model import DossierModel, stoplicht
from afsprakengen.monitor.export import export_monitor
from afsprakengen.monitor.importer import ImportRequest, import_monitor
from tests.casefolders import CASES, make_case_dossier
from tests.docdump import dump_docx
from tests.sampledossier import run_build
from tests.test_evaluatie import chart_parts, chart_series, status_cells

LEIDEN = CASES / "valid" / "own-traffic-light-scale"
"""A three-level scale: groen 'op schema', oranje 'aandacht nodig' and rood 'niet gehaald' (explanation required)."""
DAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def leiden_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("leiden")
    dossier = make_case_dossier(LEIDEN, root / "d")
    assert run_build(dossier, root / "out", "--only", "evaluatie").exit_code == 0
    return root / "out" / "evaluatie-2025.docx"


def test_without_its_own_scale_a_dossier_has_the_five_standard_statuses(sample_model: DossierModel) -> None:
    codes = [n.code for n in stoplicht.scale(sample_model)]
    assert codes == ["gerealiseerd", "deels gerealiseerd", "vertraagd", "niet gerealiseerd", "vervallen"]
    found = stoplicht.level(sample_model, "vertraagd")
    assert found is not None and found.hex == "56B4E9" and not found.toelichting_verplicht
    assert stoplicht.level(sample_model, "groen") is None


def test_the_status_cells_show_the_label_in_the_colour_of_the_scale(leiden_out: Path) -> None:
    assert status_cells(leiden_out) == {"WZ-01": ("aandacht nodig", "EF6C00"), "DUUR-01": ("op schema", "66BB6A")}


def test_the_summary_counts_per_level_of_the_scale(leiden_out: Path) -> None:
    tables = docx.Document(str(leiden_out)).tables
    per_status = next(t for t in tables if t.rows[0].cells[0].text == "Status")
    rows = [[c.text for c in r.cells] for r in per_status.rows]
    assert rows == [["Status", "Aantal", "Aandeel"], ["op schema", "1", "50%"], ["aandacht nodig", "1", "50%"],
                    ["Totaal", "2", "100%"]]  # fmt: skip
    per_theme = next(t for t in tables if t.rows[0].cells[0].text == "Thema")
    assert [c.text for c in per_theme.rows[0].cells] == [
        "Thema",
        "Aantal",
        "Op schema",
        "Aandacht nodig",
        "Niet gehaald",
    ]
    assert [c.text for c in per_theme.rows[-1].cells] == ["Totaal", "2", "1", "1", "–"]


def test_the_text_and_the_chart_name_the_levels_of_the_scale(leiden_out: Path) -> None:
    dump = dump_docx(leiden_out)
    assert "Op schema: 1 van de 2 afspraken voor 2025." in dump
    assert "heeft 3 niveaus, elk met een eigen kleur: op schema, aandacht nodig en niet gehaald." in dump
    assert "groen is gerealiseerd" not in dump and "deels gerealiseerd" not in dump
    series = chart_series(chart_parts(leiden_out)["word/charts/chart1.xml"])
    assert [(name, colour) for name, colour, _, _ in series] == [("op schema", "66BB6A"), ("aandacht nodig", "EF6C00")]


def _leiden_workbook(tmp_path: Path) -> tuple[Path, Workbook]:
    """The Leiden-style case dossier and its exported 2025 monitor workbook."""
    dossier = make_case_dossier(LEIDEN, tmp_path / "d")
    result = check_dossier(dossier, "d", DAY)
    assert result.model is not None and not result.errors
    data = export_monitor(result.model, 2025, "d")
    assert isinstance(data, bytes)
    return dossier, load_workbook(io.BytesIO(data))


def _rows(ws: Worksheet) -> dict[str, int]:
    return {str(ws.cell(n, 1).value): n for n in range(2, ws.max_row + 1)}


def test_the_workbook_lists_and_explains_the_levels_of_the_scale(tmp_path: Path) -> None:
    _, wb = _leiden_workbook(tmp_path)
    ws = wb["Afspraken"]
    assert isinstance(ws, Worksheet)
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert '"groen,oranje,rood"' in lists
    assert ws.cell(_rows(ws)["WZ-01"], 10).value == "oranje"  # pre-filled from 2025/evaluatie.yaml
    explained = wb["Toelichting"]
    assert isinstance(explained, Worksheet)
    lines = [tuple(c.value for c in row) for row in explained.iter_rows(max_col=3)]
    start = lines.index(("Stoplicht", "Betekenis", "Uitleg"))
    assert lines[start + 1 :] == [
        ("groen", "op schema", "Een toelichting is niet verplicht."),
        ("oranje", "aandacht nodig", "Een toelichting is verplicht: schrijf in de kolom Toelichting waarom."),
        ("rood", "niet gehaald", "Een toelichting is verplicht: schrijf in de kolom Toelichting waarom."),
    ]


def test_an_import_checks_each_status_against_the_scale_and_its_required_explanation(tmp_path: Path) -> None:
    dossier, wb = _leiden_workbook(tmp_path)
    ws = wb["Afspraken"]
    assert isinstance(ws, Worksheet)
    rows = _rows(ws)
    ws[f"J{rows['WZ-01']}"] = "geel"
    ws[f"J{rows['DUUR-01']}"], ws[f"K{rows['DUUR-01']}"] = "rood", None
    wb.save(tmp_path / "m.xlsx")
    evaluation = dossier / "2025" / "evaluatie.yaml"
    before = evaluation.read_bytes()
    found = import_monitor(ImportRequest(tmp_path / "m.xlsx", "m.xlsx", dossier, "d", DAY))
    assert [p.format() for p in found.problems] == [
        f"m.xlsx!Afspraken!J{rows['WZ-01']}: error: 'geel' is not a status on the list (groen, oranje, rood)",
        f"m.xlsx!Afspraken!K{rows['DUUR-01']}: error: the status 'rood' needs an explanation; write in the "
        "toelichting why",
    ]
    assert found.target is None and evaluation.read_bytes() == before

    ws[f"J{rows['WZ-01']}"], ws[f"K{rows['DUUR-01']}"] = "groen", "De labelsprongen wachten op de aannemer."
    wb.save(tmp_path / "m.xlsx")
    done = import_monitor(ImportRequest(tmp_path / "m.xlsx", "m.xlsx", dossier, "d", DAY))
    assert not done.problems and done.target is not None
    assert "status: rood\n    toelichting: De labelsprongen wachten op de aannemer." in evaluation.read_text("utf-8")
    checked = check_dossier(dossier, "d", DAY)
    assert not checked.errors
