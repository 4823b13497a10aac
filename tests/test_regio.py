"""The regional sample (samples/regio-dalvelde): three gemeenten check and build every document kind."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from afsprakengen.cli import cli
from tests.docdump import dump_docx
from tests.goldenfile import GOLDEN, assert_golden
from tests.sampledossier import ROOT, TODAY, run_build

REGIO = ROOT / "samples" / "regio-dalvelde"
GEMEENTEN = ("dalmerwijk", "hooghorst", "veldermonde")


@pytest.fixture(scope="module")
def regio_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The regional sample built once: every kind a build makes, and the kalender of 2027."""
    out = tmp_path_factory.mktemp("regio")
    for extra in ([], ["--only", "kalender", "--year", "2027"]):
        result = run_build(REGIO, out, *extra)
        assert result.exit_code == 0, result.output
    return out


def _text(out: Path, name: str) -> str:
    return dump_docx(out / name)


def _header_footer(path: Path) -> str:
    section = docx.Document(str(path)).sections[0]
    return "\n".join(p.text for part in (section.header, section.footer) for p in part.paragraphs)


def test_the_regional_sample_checks_without_problems() -> None:
    result = CliRunner().invoke(cli, ["check", str(REGIO), *TODAY], catch_exceptions=False)
    assert result.output == "15 files checked: no problems.\n"
    assert result.exit_code == 0


def test_a_regional_build_makes_an_excerpt_per_gemeente_and_one_evaluation(regio_out: Path) -> None:
    names = sorted(p.name for p in regio_out.iterdir())
    excerpts = [f"woonvisie-uittreksel-gemeente-{g}-{y}.docx" for y in (2026, 2027) for g in GEMEENTEN]
    overviews = [
        f"activiteitenoverzicht-{c}-{y}.docx" for c in ("horstland", "thuisbasis", "veldzicht") for y in (2026, 2027)
    ]
    assert names == sorted(
        [
            *excerpts,
            *overviews,
            "evaluatie-2026.docx",
            "kalender-2027.docx",
            "prestatieafspraken-2026.docx",
            "prestatieafspraken-2027.docx",
            "voortgangsrapportage-2026-06-30.docx",
        ]
    )


def test_the_regional_progress_report_names_the_region(regio_out: Path) -> None:
    text = _text(regio_out, "voortgangsrapportage-2026-06-30.docx")
    assert "Regio Dalvelde" in _header_footer(regio_out / "voortgangsrapportage-2026-06-30.docx")
    assert "In De Vliet stemde nog geen 70 procent van de huurders in met de renovatie." in text
    assert text.index("Afspraken die aandacht vragen") < text.index("BESCH-02")  # at risk first


def test_the_regional_dispute_export_gathers_the_stukken(tmp_path: Path) -> None:
    out = tmp_path / "geschil"
    args = ["geschil", "export", str(REGIO), "--year", "2027", "--out", str(out), *TODAY]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert "standpunten-2027.docx" in names and "prestatieafspraken-2027.docx" in names
    assert "activiteitenoverzicht-veldzicht-2027.docx" in names
    standpunten = dump_docx(out / "standpunten-2027.docx")
    for party in ("Gemeente Dalmerwijk", "Woonstichting Veldzicht", "Huurdersvereniging Veldzicht"):
        assert party in standpunten
    assert "volkshuisvestingsprogramma" in (out / "overzicht.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("year", [2026, 2027])
def test_the_prestatieafspraken_match_their_golden_dump(regio_out: Path, year: int, update_golden: bool) -> None:
    dump = _text(regio_out, f"prestatieafspraken-{year}.docx")
    assert_golden(GOLDEN / f"regio-dalvelde-prestatieafspraken-{year}.txt", dump, update_golden)


def test_the_prestatieafspraken_name_the_region_and_sign_per_gemeente(regio_out: Path) -> None:
    text = _text(regio_out, "prestatieafspraken-2026.docx")
    assert "[Subtitle] Regio Dalvelde" in text
    assert "Prestatieafspraken 2026 · Regio Dalvelde" in _header_footer(regio_out / "prestatieafspraken-2026.docx")
    signatures = [line for line in text.splitlines() if line.startswith("[Tussenkop] Namens ")]
    gemeenten = [f"[Tussenkop] Namens Gemeente {g.capitalize()}" for g in GEMEENTEN]
    assert signatures[:4] == [*gemeenten, "[Tussenkop] Namens Gemeente Veldermonde"]  # Veldermonde signs twice
    assert signatures[4:7] == [
        "[Tussenkop] Namens Woonstichting Veldzicht",
        "[Tussenkop] Namens Stichting Thuisbasis",
        "[Tussenkop] Namens Wooncoöperatie Horstland",
    ]
    for g in GEMEENTEN:  # the comparitie names every gemeente
        assert f"Gemeente {g.capitalize()}, vertegenwoordigd door" in text
    assert (
        "het college van burgemeester en wethouders van Hooghorst heeft op 4\u00a0maart\u00a02025 het "
        "Volkshuisvestingsprogramma Hooghorst 2025-2030 vastgesteld" in text
    )


def test_an_agreement_of_some_gemeenten_says_so(regio_out: Path) -> None:
    text = _text(regio_out, "prestatieafspraken-2027.docx")
    assert "**Geldt voor**⇥de gemeenten Hooghorst en Veldermonde" in text
    assert "**Geldt voor**⇥de gemeente Dalmerwijk" in text
    assert text.count("**Geldt voor**") == 4  # BESCH-02, BESCH-03, DUUR-02, WZ-01; the others apply to all


def test_each_excerpt_is_its_gemeentes_woonvisie_with_only_its_agreements(regio_out: Path) -> None:
    text = _text(regio_out, "woonvisie-uittreksel-gemeente-hooghorst-2027.docx")
    assert "[Subtitle] Gemeente Hooghorst" in text
    assert "Volkshuisvestingsprogramma Hooghorst 2025-2030" in text
    assert "HH-BESCH-1" in text
    assert "DW-BESCH-1" not in text and "VM-WZ-1" not in text
    assert "DUUR-02" in text  # Hooghorst's warmtenet
    assert "BESCH-02" not in text and "BESCH-03" not in text  # Dalmerwijk's and Veldermonde's own


def test_the_activity_overviews_name_the_gemeenten_they_serve(regio_out: Path) -> None:
    text = _text(regio_out, "activiteitenoverzicht-horstland-2027.docx")
    assert "[Subtitle] aan de gemeenten Hooghorst en Veldermonde" in text
    assert "met de gemeenten Hooghorst en Veldermonde." in text
    assert "Volkshuisvestingsprogramma Hooghorst 2025-2030 en Volkshuisvestingsprogramma Veldermonde 2025-2030" in text
    assert "Regio Dalvelde" not in _text(regio_out, "activiteitenoverzicht-thuisbasis-2027.docx").split("\n")[2]


def test_the_regional_evaluation_has_the_region_and_every_agreement(regio_out: Path) -> None:
    text = _text(regio_out, "evaluatie-2026.docx")
    assert "[Subtitle] Regio Dalvelde" in text
    for code in ("BESCH-01", "BESCH-02", "BESCH-03", "DUUR-01", "DUUR-02", "WZ-01", "WZ-02"):
        assert code in text


def test_build_gemeente_makes_only_its_excerpts_and_evaluation(tmp_path: Path) -> None:
    result = run_build(
        REGIO, tmp_path, "--gemeente", "gemeente-veldermonde", "--only", "evaluatie", "--only", "woonvisie-uittreksel"
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "evaluatie-gemeente-veldermonde-2026.docx",
        "woonvisie-uittreksel-gemeente-veldermonde-2026.docx",
        "woonvisie-uittreksel-gemeente-veldermonde-2027.docx",
    ]
    text = _text(tmp_path, "evaluatie-gemeente-veldermonde-2026.docx")
    assert "[Subtitle] Gemeente Veldermonde" in text
    assert "BESCH-03" in text and "WZ-01" in text and "BESCH-01" in text
    assert "BESCH-02" not in text and "DUUR-02" not in text  # Dalmerwijk's and Hooghorst's own


@pytest.mark.parametrize(
    ("dossier", "gemeente", "message"),
    [
        (
            REGIO,
            "gemeente-veldermond",
            "dossier.yaml:9:1: error: $.partijen: --gemeente gemeente-veldermond: the dossier has no gemeente "
            "with this party id (did you mean 'gemeente-veldermonde'?)",
        ),
        (
            ROOT / "samples" / "voorbeeldstad",
            "gemeente-voorbeeldstad",
            "dossier.yaml:6:1: error: $.partijen: --gemeente gemeente-voorbeeldstad: only a regional dossier "
            "(with regio) has several",
        ),
    ],
)
def test_build_gemeente_refuses_an_unknown_gemeente_at_its_place(
    tmp_path: Path, dossier: Path, gemeente: str, message: str
) -> None:
    result = run_build(dossier, tmp_path, "--gemeente", gemeente, "--only", "evaluatie")
    assert result.exit_code == 1
    assert message in result.output.replace("\n", " ")
    assert not any(tmp_path.iterdir())


def test_a_wijzigingsoverzicht_of_the_region(tmp_path: Path) -> None:
    new = tmp_path / "regio"
    shutil.copytree(REGIO, new)
    pa = new / "2027" / "prestatieafspraken.yaml"
    pa.write_text(pa.read_text(encoding="utf-8").replace("streefwaarde: 12\n", "streefwaarde: 10\n", 1), "utf-8")
    args = ["diff", str(REGIO / "2027"), str(new / "2027"), "--docx", str(tmp_path / "w.docx")]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "BESCH-02" in dump_docx(tmp_path / "w.docx")


def test_the_regional_calendar_names_every_gemeente(regio_out: Path) -> None:
    text = _text(regio_out, "kalender-2027.docx")  # without what is done, such as the adopted programmes
    assert "gemeenten, corporaties en huurdersorganisaties" in text
    assert "gemeente, corporaties" not in text
    listed = CliRunner().invoke(cli, ["calendar", "2027", str(REGIO)], catch_exceptions=False).output
    assert "Volkshuisvestingsprogramma als basis voor 2028 · jaarschijf 2028 · Gemeente Dalmerwijk, Gemeente " in listed
    assert "Hooghorst en Gemeente Veldermonde" in listed.replace("\n", " ")
