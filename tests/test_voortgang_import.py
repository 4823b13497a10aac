"""`monitor import --as voortgang`: the workbook of a running year into J/voortgang-<peildatum>.yaml, and back out."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from afsprakengen.check.dossier import check_dossier
from afsprakengen.cli import cli
from afsprakengen.publish.office import convert, find_office
from tests.docdump import dump_docx
from tests.progressfill import JUNE, JUNE_DAY, MARCH_DAY, WORKBOOK, exported, fill, import_progress
from tests.sampledossier import SAMPLE, run_build
from tests.test_monitor import EXPECTED, _bad_workbook, dossier

JUNE_FILE = Path("2026") / "voortgang-2026-06-30.yaml"
__all__ = ["dossier"]  # the fixture: the sample without its progress reports of 2026


def test_a_resaved_workbook_becomes_a_progress_report_that_check_accepts(dossier: Path, tmp_path: Path) -> None:
    office = find_office()
    assert office is not None, "LibreOffice (soffice) is needed: .ci/run installs it"
    (tmp_path / "filled").mkdir()
    filled = fill(exported(dossier, 2026), JUNE, tmp_path / "filled" / "monitor-2026.xlsx")
    convert(office, [filled], "xlsx", tmp_path)  # xlsx -> xlsx: the copy LibreOffice writes
    resaved = tmp_path / "monitor-2026.xlsx"
    assert resaved.read_bytes() != filled.read_bytes()
    result = import_progress(resaved, dossier, JUNE_DAY)
    assert result.problems == () and result.created
    assert result.target == "voorbeeldstad/2026/voortgang-2026-06-30.yaml"
    text = (dossier / JUNE_FILE).read_text(encoding="utf-8")
    assert text.startswith("jaar: 2026\npeildatum: 2026-06-30\nstatus: concept\nafspraken:\n  - afspraak: BESCH-01\n")
    assert "  - afspraak: WZ-05\n    status: vertraagd\n    realisatie: vergunning verleend\n" in text
    assert "vervolg" not in text and "activiteit" not in text
    checked = check_dossier(dossier, "voorbeeldstad", JUNE_DAY)
    assert checked.errors == 0, [p.format() for p in checked.problems]
    cyclus = checked.model.cyclus(2026) if checked.model else None
    assert cyclus is not None and [v.peildatum for v in cyclus.voortgang] == [JUNE_DAY]
    assert import_progress(resaved, dossier, JUNE_DAY).target is None  # the second time nothing changes
    built = run_build(dossier, tmp_path / "out", "--only", "voortgangsrapportage")
    assert built.exit_code == 0, built.output
    body = dump_docx(tmp_path / "out" / "voortgangsrapportage-2026-06-30.docx")
    assert (
        "| WZ-05 | Nultredenwoningen project De Linde | Woonstad Voorbeeldstad | vergunning verleend | vertraagd |"
        in body
    )


def test_ten_kinds_of_bad_cells_are_ten_errors_and_no_file(dossier: Path, tmp_path: Path) -> None:
    workbook = _bad_workbook(dossier, tmp_path / "monitor-2026.xlsx")
    result = import_progress(workbook, dossier, JUNE_DAY)
    # the evaluation's errors, less the missing vervolg: a progress report has none
    wanted = [line for line in EXPECTED.splitlines() if "vervolg is missing" not in line]
    assert [p.format() for p in result.problems] == wanted and len(wanted) == 10
    assert result.target is None and not (dossier / JUNE_FILE).exists()


def test_the_sample_progress_is_what_its_filled_workbook_says(dossier: Path) -> None:
    shutil.copy(SAMPLE / "2026" / "voortgang-2026-03-31.yaml", dossier / "2026")
    result = import_progress(WORKBOOK, dossier, JUNE_DAY)
    assert result.problems == () and result.created
    committed = (SAMPLE / JUNE_FILE).read_text(encoding="utf-8")
    assert committed.split("\n", 1)[1] == (dossier / JUNE_FILE).read_text(encoding="utf-8")  # less its modeline
    shutil.copy(SAMPLE / JUNE_FILE, dossier / JUNE_FILE)
    again = import_progress(WORKBOOK, dossier, JUNE_DAY)
    assert again.problems == () and again.target is None and again.changes == ()


def test_export_starts_from_the_latest_progress_report(dossier: Path) -> None:
    for name in ("voortgang-2026-03-31.yaml", "voortgang-2026-06-30.yaml"):
        shutil.copy(SAMPLE / "2026" / name, dossier / "2026")
    ws = load_workbook(io.BytesIO(exported(dossier, 2026)))["Afspraken"]
    rows = {r[0]: r[8:12] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["BESCH-05"] == (0, "niet gerealiseerd", JUNE["BESCH-05"][2], None)
    assert rows["BESCH-04"] == (None, None, None, None)


def test_an_update_keeps_the_comments_and_changes_only_the_cells(dossier: Path, tmp_path: Path) -> None:
    march = dossier / "2026" / "voortgang-2026-03-31.yaml"
    text = (SAMPLE / "2026" / march.name).read_text(encoding="utf-8")
    march.write_text(text.replace("  - afspraak: WZ-01\n", "  # nultreden\n  - afspraak: WZ-01\n"), encoding="utf-8")
    before = march.read_text(encoding="utf-8")
    wb = load_workbook(io.BytesIO(exported(dossier, 2026)))
    ws = wb["Afspraken"]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "WZ-01")
    ws[f"I{row}"], ws[f"J{row}"] = 7, "vertraagd"
    wb.save(tmp_path / "monitor-2026.xlsx")
    result = import_progress(tmp_path / "monitor-2026.xlsx", dossier, MARCH_DAY)
    assert result.problems == () and not result.created
    assert [(c.code, c.field, c.old, c.new) for c in result.changes] == [
        ("WZ-01", "status", "gerealiseerd", "vertraagd"),
        ("WZ-01", "realisatie", 6, 7),
    ]
    after = march.read_text(encoding="utf-8")
    old = "  - afspraak: WZ-01\n    status: gerealiseerd\n    realisatie: 6\n"
    assert after == before.replace(old, "  - afspraak: WZ-01\n    status: vertraagd\n    realisatie: 7\n")


def test_a_peildatum_outside_the_year_is_refused(dossier: Path) -> None:
    result = import_progress(WORKBOOK, dossier, date(2027, 6, 30))
    assert [p.format() for p in result.problems] == [
        "monitor-2026-ingevuld.xlsx!Toelichting!B1: error: --peildatum: the peildatum 2027-06-30 is neither in 2026 "
        "nor in the first quarter of 2027; a progress report of 2026 reports on a day of 2026"
    ]


def test_the_command_writes_the_progress_report_and_needs_both_options(dossier: Path) -> None:
    args = ["monitor", "import", str(WORKBOOK), str(dossier), "--as", "voortgang"]
    refused = CliRunner().invoke(cli, args)
    assert refused.exit_code == 2 and "--as voortgang and --peildatum go together" in refused.output
    done = CliRunner().invoke(cli, [*args, "--peildatum", "2026-06-30"])
    assert done.exit_code == 0, done.output
    assert "BESCH-01: realisatie: (empty) -> 41" in done.output
    assert done.output.endswith(f"created {dossier}/2026/voortgang-2026-06-30.yaml (28 changes)\n")
