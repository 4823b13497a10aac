"""Kaders: the annex of the prestatieafspraken sums the local targets per kader line; status names unserved lines."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from afsprakengen.cli import cli
from tests.docdump import dump_docx
from tests.sampledossier import SAMPLE, run_build

SAMPLE_BUILDS = [("--year", "2027", "--only", "prestatieafspraken")]
HEADER = "  |h| Kaderregel | Omschrijving (eenheid) | Periode | Doel kader | Afspraken | Som lokaal | Jaren |"


def _annex(dump: str) -> str:
    start = dump.index("[Heading 1] Bijlage 2. Bijdrage aan landelijke en regionale kaders")
    return dump[start : dump.index("[Heading 1] Bijlage 3.", start)]


def _sample_copy(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> Path:
    dossier = tmp_path / "voorbeeldstad"
    shutil.copytree(SAMPLE, dossier)
    for name, (old, new) in edits.items():
        text = (dossier / name).read_text(encoding="utf-8")
        assert old in text
        (dossier / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return dossier


def _build_2027(tmp_path: Path, dossier: Path) -> str:
    result = run_build(dossier, tmp_path / "out", "--year", "2027", "--only", "prestatieafspraken")
    assert result.exit_code == 0, result.output
    return dump_docx(tmp_path / "out" / "prestatieafspraken-2027.docx")


def test_the_annex_sets_the_sum_of_local_targets_against_each_kader_line(sample_out: Path) -> None:
    annex = _annex(dump_docx(sample_out / "prestatieafspraken-2027.docx"))
    assert "[Heading 2] Nationale prestatieafspraken volkshuisvesting 2022 (landelijk kader)" in annex
    assert HEADER in annex
    # BESCH-01: 90 in 2027, doorkijk 108 + 148 + 110
    assert "| 2022–2030 | 250.000 | BESCH-01 | 456 | 2027–2030 |" in annex
    # WZ-01 38+56+48+48, WZ-05 40 (its doorkijk is text), WZ-06 4 x 120, WZ-08 52+24+16+20, WZ-11 30+36+24+24
    assert "| 290.000 | WZ-01, WZ-05, WZ-06, WZ-08, WZ-11 | 936 | 2027–2030 |" in annex
    assert "| 170.000 | WZ-01, WZ-05 | 230 | 2027–2030 |" in annex
    note = "de waarden in de doorkijk van WZ-05 voor 2028, 2029 en 2030 zijn geen getallen en tellen niet mee."
    assert f"[List Bullet] WZO-2022.NULTREDEN: {note}" in annex


def test_only_years_inside_the_period_count_and_another_unit_is_left_out(tmp_path: Path) -> None:
    dossier = _sample_copy(
        tmp_path,
        {
            "dossier.yaml": (
                "streefwaarde: 170000\n        eenheid: woningen\n        periode: {van: 2022, tot: 2030}",
                "streefwaarde: 170000\n        eenheid: woningen\n        periode: {van: 2022, tot: 2028}",
            ),
            "2027/prestatieafspraken.yaml": (
                "    doelen: [WZ-D1, LEEF-D1]\n",  # WZ-09, counted in ontmoetingsruimten
                "    doelen: [WZ-D1, LEEF-D1]\n    kaders: [WZO-2022.NULTREDEN]\n",
            ),
        },
    )
    annex = _annex(_build_2027(tmp_path, dossier))
    served = [line for line in annex.splitlines() if "| WZO-2022.NULTREDEN |" in line]
    assert len(served) == 1
    assert "| 2022–2028 | 170.000 | WZ-01, WZ-05, WZ-09 |" in served[0]
    assert served[0].endswith("| 134 | 2027–2028 |")  # WZ-01 38+56, WZ-05 40; 2029 and 2030 fall outside
    assert "WZO-2022.NULTREDEN: de waarde in de doorkijk van WZ-05 voor 2028 is geen getal en telt niet mee." in annex
    other_unit = "WZ-09 telt in ontmoetingsruimten, de kaderregel in woningen: de bijdrage telt niet mee."
    assert f"[List Bullet] WZO-2022.NULTREDEN: {other_unit}" in annex


def test_a_dossier_without_kaders_has_no_annex(tmp_path: Path) -> None:
    dossier = _sample_copy(tmp_path, {})
    text = (dossier / "dossier.yaml").read_text(encoding="utf-8")
    start, end = text.index("kaders:\n"), text.index("instellingen:\n")
    (dossier / "dossier.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    for year in ("2025", "2026", "2027"):
        agreements = dossier / year / "prestatieafspraken.yaml"
        kept = [line for line in agreements.read_text(encoding="utf-8").split("\n") if "    kaders: [" not in line]
        agreements.write_text("\n".join(kept), encoding="utf-8")
    dump = _build_2027(tmp_path, dossier)
    assert "Bijdrage aan landelijke en regionale kaders" not in dump
    assert "Kaderregel" not in dump
    assert "[Heading 1] Bijlage 2. Kerncijfers" in dump


def test_status_names_a_kader_line_the_concept_agreements_do_not_serve(tmp_path: Path) -> None:
    dossier = _sample_copy(
        tmp_path,
        {"2027/prestatieafspraken.yaml": ("    kaders: [NPA-2022.NIEUWBOUW]\n", "")},
    )
    result = CliRunner().invoke(cli, ["status", str(dossier), "--today", "2026-11-27"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines() if "kader line" in line]
    assert len(lines) == 1, result.output
    assert lines[0].endswith("kader line NPA-2022.NIEUWBOUW is served by no agreement of 2027")
    sample = CliRunner().invoke(cli, ["status", str(SAMPLE), "--today", "2026-11-27"], catch_exceptions=False)
    assert "kader line" not in sample.output
