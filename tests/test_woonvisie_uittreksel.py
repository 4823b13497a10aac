"""The woonvisie excerpt: golden dumps, what it shows per goal, `--theme`, narrowing, determinism, LibreOffice."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from afsprakengen.documents.kinds import KIND_BY_NAME, JobOptions
from afsprakengen.model import Cyclus, DossierModel
from tests.casefolders import BASE
from tests.docdump import dump_docx
from tests.goldenfile import GOLDEN, assert_golden
from tests.pdftext import needs_libreoffice, pdf_text
from tests.sampledossier import SAMPLE, run_build
from tests.test_build import YEARS

KIND = ["--only", "woonvisie-uittreksel"]
SAMPLE_BUILDS = [KIND, [*KIND, "--theme", "WZ"]]
WZ_GOALS = ["WZ-D1", "WZ-D2", "WZ-D3", "WZ-D4"]
EXTRA_GOAL = """      - code: DUUR-D2
        titel: Aardgasvrije wijken
        toelichting: Noord wordt als eerste wijk **aardgasvrij**.
"""
SPECIAL = 'Huur & "service" <b>niet vet</b>'


@pytest.fixture(scope="module")
def open_goal_dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base dossier with a goal that nothing addresses, an introduction with special characters and a source."""
    dossier = tmp_path_factory.mktemp("open") / "d"
    shutil.copytree(BASE, dossier)
    woonvisie = dossier / "woonvisie.yaml"
    text = woonvisie.read_text(encoding="utf-8")
    head = f"titel: Woonvisie Teststad 2025-2030\ninleiding: '{SPECIAL}'\nbron: https://example.org/woonvisie.pdf\n"
    woonvisie.write_text(text.replace("titel: Woonvisie Teststad 2025-2030\n", head) + EXTRA_GOAL, encoding="utf-8")
    return dossier


def _goal_codes(model: DossierModel, themes: tuple[str, ...] = ()) -> list[str]:
    return [d.code for t in model.woonvisie.themas if not themes or t.thema in themes for d in t.doelen]


def test_one_excerpt_per_cycle_and_one_per_cycle_for_the_theme(sample_out: Path) -> None:
    expected = [f"woonvisie-uittreksel-{y}.docx" for y in YEARS] + [f"woonvisie-uittreksel-WZ-{y}.docx" for y in YEARS]
    assert sorted(p.name for p in sample_out.iterdir()) == sorted(expected)


@pytest.mark.parametrize("name", [f"woonvisie-uittreksel-{y}" for y in YEARS] + ["woonvisie-uittreksel-WZ-2027"])
def test_excerpt_matches_its_golden_dump(sample_out: Path, name: str, update_golden: bool) -> None:
    assert_golden(GOLDEN / f"{name}.txt", dump_docx(sample_out / f"{name}.docx"), update_golden)


def test_every_goal_has_a_heading_with_its_code(sample_out: Path, sample_model: DossierModel) -> None:
    dump = dump_docx(sample_out / "woonvisie-uittreksel-2027.docx")
    headings = [line for line in dump.splitlines() if line.startswith("[Heading 2]")]
    assert [h.split()[3] for h in headings] == _goal_codes(sample_model)


def test_theme_excerpt_has_only_that_themes_goals(sample_out: Path, sample_model: DossierModel) -> None:
    dump = dump_docx(sample_out / "woonvisie-uittreksel-WZ-2027.docx")
    assert all(code in dump for code in WZ_GOALS)
    others = [c for c in _goal_codes(sample_model) if not c.startswith("WZ-")]
    assert [c for c in others if c in dump] == []
    assert "[Title] Woonvisie-uittreksel 2027: Wonen met zorg" in dump
    assert "het bevat alleen Wonen met zorg." in dump


def test_two_themes_name_both_in_the_file_name(tmp_path: Path) -> None:
    result = run_build(SAMPLE, tmp_path, *KIND, "--year", "2027", "--theme", "WZ", "--theme", "BESCH")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["woonvisie-uittreksel-WZ-BESCH-2027.docx"]
    dump = dump_docx(tmp_path / "woonvisie-uittreksel-WZ-BESCH-2027.docx")
    assert "[Title] Woonvisie-uittreksel 2027: Beschikbaarheid en Wonen met zorg" in dump


def test_unknown_theme_is_an_error_with_a_hint_and_nothing_is_written(tmp_path: Path) -> None:
    result = run_build(SAMPLE, tmp_path / "out", "--theme", "WZZ")
    assert result.exit_code == 1
    expected = "dossier.yaml:76:1: error: $.themas: --theme WZZ: the dossier has no theme with this code"
    assert f"{expected} (did you mean 'WZ'?)" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_unknown_theme_without_a_close_match_lists_the_themes(tmp_path: Path) -> None:
    result = run_build(SAMPLE, tmp_path / "out", "--theme", "XY")
    assert result.exit_code == 1
    assert "(its themes are BESCH, BETAAL, DUUR, WZ, AG, LEEF, SAMEN)" in result.output
    assert not (tmp_path / "out").exists()


def test_year_and_only_narrow_the_output(tmp_path: Path) -> None:
    assert run_build(SAMPLE, tmp_path / "a", *KIND, "--year", "2027").exit_code == 0
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["woonvisie-uittreksel-2027.docx"]
    assert run_build(SAMPLE, tmp_path / "b", *KIND, "--year", "2025", "--year", "2026").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [f"woonvisie-uittreksel-{y}.docx" for y in YEARS[:2]]


def test_other_kinds_leave_the_excerpt_out(tmp_path: Path) -> None:
    assert run_build(SAMPLE, tmp_path, "--only", "prestatieafspraken", "--year", "2027").exit_code == 0
    assert not list(tmp_path.glob("woonvisie-uittreksel-*"))


def test_building_twice_gives_identical_bytes(sample_out: Path, tmp_path: Path) -> None:
    assert run_build(SAMPLE, tmp_path, *KIND, "--year", "2027", "--theme", "WZ").exit_code == 0
    name = "woonvisie-uittreksel-WZ-2027.docx"
    assert (tmp_path / name).read_bytes() == (sample_out / name).read_bytes()


def test_a_cycle_without_bod_or_agreements_has_no_excerpt(sample_model: DossierModel) -> None:
    jobs = KIND_BY_NAME["woonvisie-uittreksel"].jobs
    assert jobs is not None
    assert list(jobs(sample_model, Cyclus(2031), JobOptions())) == []


def _header_and_footer(path: Path) -> tuple[str, str]:
    """The header's and the footer's text."""
    section = docx.Document(str(path)).sections[0]
    header, footer = ("\n".join(p.text for p in part.paragraphs) for part in (section.header, section.footer))
    return header, footer


def test_concept_agreements_give_a_concept_excerpt_with_an_honest_footer(sample_out: Path) -> None:
    path = sample_out / "woonvisie-uittreksel-2027.docx"
    props = docx.Document(str(path)).core_properties
    assert (props.title, props.subject) == ("Woonvisie-uittreksel 2027", "Woonvisie-uittreksel Voorbeeldstad 2027")
    assert props.created is not None and props.created.date().isoformat() == "2026-11-20"
    header, footer = _header_and_footer(path)
    assert "CONCEPT – niet ondertekenen" in header
    assert footer.startswith("Woonvisie vastgesteld op 28 januari 2025 · afspraken 2027 versie 0.3, concept · ")
    assert "Versie 0.3 · vastgesteld" not in footer
    concept = "[Tussenkop] CONCEPT – de prestatieafspraken of een bod voor 2027 zijn nog niet definitief."
    assert concept in dump_docx(path)
    with zipfile.ZipFile(path) as z:
        custom = z.read("docProps/custom.xml").decode("utf-8")
    assert "<vt:lpwstr>concept</vt:lpwstr>" in custom and "<vt:lpwstr>0.3</vt:lpwstr>" in custom


def test_definitief_inputs_give_an_excerpt_without_concept_mark(sample_out: Path) -> None:
    header, footer = _header_and_footer(sample_out / "woonvisie-uittreksel-2026.docx")
    assert "CONCEPT" not in header
    assert footer.startswith("Woonvisie vastgesteld op 28 januari 2025 · afspraken 2026 versie 1.0, definitief · ")


def test_a_concept_bod_makes_the_excerpt_concept(tmp_path: Path) -> None:
    dossier = tmp_path / "d"
    shutil.copytree(BASE, dossier)
    assert run_build(dossier, tmp_path / "definitief", *KIND, "--year", "2026").exit_code == 0
    header, footer = _header_and_footer(tmp_path / "definitief" / "woonvisie-uittreksel-2026.docx")
    assert "CONCEPT" not in header
    assert footer.startswith("Woonvisie niet vastgesteld · nog geen afspraken 2026 · ")
    bod = dossier / "2026" / "bod-thuis.yaml"
    bod.write_text(bod.read_text(encoding="utf-8").replace("status: definitief", "status: concept"), encoding="utf-8")
    assert run_build(dossier, tmp_path / "concept", *KIND, "--year", "2026").exit_code == 0
    header, _ = _header_and_footer(tmp_path / "concept" / "woonvisie-uittreksel-2026.docx")
    assert "CONCEPT – niet ondertekenen" in header


def test_a_goal_nothing_addresses_is_marked(open_goal_dossier: Path, tmp_path: Path) -> None:
    assert run_build(open_goal_dossier, tmp_path, *KIND, "--year", "2027").exit_code == 0
    dump = dump_docx(tmp_path / "woonvisie-uittreksel-2027.docx")
    assert "[Heading 2] 3.2 DUUR-D2 Aardgasvrije wijken" in dump
    assert "[Tussenkop] Nog niet geadresseerd in 2027: geen activiteit uit de biedingen en geen afspraak" in dump
    assert "| **DUUR-D2** Aardgasvrije wijken | **Nog niet geadresseerd in 2027** | – |" in dump
    assert "bij aan 2 van de 3 doelen in dit uittreksel. Aan 1 doel draagt nog niets bij." in dump


def test_markdown_special_characters_and_source_link(open_goal_dossier: Path, tmp_path: Path) -> None:
    assert run_build(open_goal_dossier, tmp_path, *KIND, "--year", "2027").exit_code == 0
    dump = dump_docx(tmp_path / "woonvisie-uittreksel-2027.docx")
    assert f"[Body Text] {SPECIAL}\n" in dump
    assert "[Body Text] Noord wordt als eerste wijk **aardgasvrij**." in dump
    assert "[https://example.org/woonvisie.pdf](https://example.org/woonvisie.pdf)" in dump


def test_a_cycle_without_agreements_says_so(tmp_path: Path) -> None:
    assert run_build(BASE, tmp_path, *KIND, "--year", "2026").exit_code == 0
    dump = dump_docx(tmp_path / "woonvisie-uittreksel-2026.docx")
    assert "Afspraken: voor 2026 zijn nog geen prestatieafspraken gemaakt." in dump
    assert "Geen afspraak voor 2026 draagt direct bij aan dit doel." in dump


@needs_libreoffice
@pytest.mark.parametrize("name", [f"woonvisie-uittreksel-{y}" for y in YEARS] + ["woonvisie-uittreksel-WZ-2027"])
def test_libreoffice_reads_every_goal_code(
    sample_out: Path, sample_model: DossierModel, name: str, tmp_path: Path
) -> None:
    text = pdf_text(sample_out / f"{name}.docx", tmp_path)
    themes = ("WZ",) if "-WZ-" in name else ()
    assert [c for c in _goal_codes(sample_model, themes) if c not in text] == []
    assert "Van woonvisie naar concrete afspraken" in text
    assert ("CONCEPT" in text) == name.endswith("2027")  # the agreements of 2027 are still concept
