"""`afsprakengen build`: the sample's documents against golden dumps, determinism, atomicity and safety."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from afsprakengen.cli import cli
from afsprakengen.documents.kinds import BUILT_KINDS, KIND_BY_NAME, KINDS, DocumentKind
from afsprakengen.model import DossierModel
from afsprakengen.resources import resource_dir
from afsprakengen.word.package import template_bytes
from tests.casefolders import BASE
from tests.docdump import dump_docx
from tests.goldenfile import GOLDEN, assert_golden
from tests.pdftext import needs_libreoffice, pdf_text
from tests.sampledossier import SAMPLE, TODAY, run_build

YEARS = (2025, 2026, 2027)
SAMPLE_BUILDS = [["--only", "prestatieafspraken"]]


def test_one_document_per_cycle_with_agreements(sample_out: Path) -> None:
    assert sorted(p.name for p in sample_out.iterdir()) == [f"prestatieafspraken-{y}.docx" for y in YEARS]


@pytest.mark.parametrize("year", YEARS)
def test_document_matches_its_golden_dump(sample_out: Path, year: int, update_golden: bool) -> None:
    dump = dump_docx(sample_out / f"prestatieafspraken-{year}.docx")
    assert_golden(GOLDEN / f"prestatieafspraken-{year}.txt", dump, update_golden)


def test_building_twice_gives_identical_bytes(sample_out: Path, tmp_path: Path) -> None:
    assert run_build(SAMPLE, tmp_path, "--year", "2027", "--only", "prestatieafspraken").exit_code == 0
    again = (tmp_path / "prestatieafspraken-2027.docx").read_bytes()
    assert again == (sample_out / "prestatieafspraken-2027.docx").read_bytes()


@pytest.mark.parametrize("typed", ["./samples/voorbeeldstad", "samples/voorbeeldstad/", str(SAMPLE)])
def test_the_same_bytes_however_the_dossier_path_is_typed(
    typed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SAMPLE.parent.parent)
    outs: dict[str, dict[str, bytes]] = {}
    for path in ("samples/voorbeeldstad", typed):
        out = tmp_path / str(len(outs))
        args = ["build", path, "--out", str(out), "--year", "2027", *TODAY, "--no-layout", "--no-cache"]
        assert CliRunner().invoke(cli, args, catch_exceptions=False).exit_code == 0
        outs[path] = {p.name: p.read_bytes() for p in out.iterdir()}
    first, second = outs.values()
    assert sorted(first) == [  # every document of 2027
        "activiteitenoverzicht-wonen-en-welzijn-2027.docx",
        "activiteitenoverzicht-woonstad-2027.docx",
        "prestatieafspraken-2027.docx",
        "woonvisie-uittreksel-2027.docx",
    ]
    assert first == second


def test_source_date_epoch_sets_the_zip_times(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run_build(BASE, tmp_path, "--year", "2027").exit_code == 0
    with zipfile.ZipFile(tmp_path / "prestatieafspraken-2027.docx") as z:
        assert {info.date_time for info in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_properties_come_from_the_data(sample_out: Path) -> None:
    document = docx.Document(str(sample_out / "prestatieafspraken-2027.docx"))
    props = document.core_properties
    assert (props.title, props.subject) == ("Prestatieafspraken 2027", "Prestatieafspraken Voorbeeldstad 2027")
    assert props.created is not None and props.created.date().isoformat() == "2026-11-20"
    with zipfile.ZipFile(sample_out / "prestatieafspraken-2027.docx") as z:
        custom = z.read("docProps/custom.xml").decode("utf-8")
    for expected in (
        'name="Versie"',
        "<vt:lpwstr>0.3</vt:lpwstr>",
        "<vt:lpwstr>concept</vt:lpwstr>",
        'name="Invoer-hash"',
        "sha256:",
    ):
        assert expected in custom


def _header_footer_text(path: Path) -> str:
    section = docx.Document(str(path)).sections[0]
    return "\n".join(p.text for part in (section.header, section.footer) for p in part.paragraphs)


def test_concept_mark_and_footer(sample_out: Path) -> None:
    concept = _header_footer_text(sample_out / "prestatieafspraken-2027.docx")
    final = _header_footer_text(sample_out / "prestatieafspraken-2026.docx")
    assert "CONCEPT" in concept and "CONCEPT" not in final
    footer = concept.splitlines()[-1]
    assert footer.startswith("Versie 0.3 · concept · 20 november 2026 · ") and footer.endswith("pagina 1 van 1")
    assert "Versie 1.0 · definitief" in final
    with zipfile.ZipFile(sample_out / "prestatieafspraken-2027.docx") as z:
        headers = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/header"))
    # words in the header on every page, no drawn watermark (an untagged figure on every page of the PDF)
    assert '<w:b/><w:color w:val="C00000"/></w:rPr><w:t>CONCEPT – niet ondertekenen</w:t>' in headers
    assert "<w:pict>" not in headers and "<w:drawing>" not in headers


def test_table_of_contents_is_filled_without_update_prompt(sample_out: Path) -> None:
    with zipfile.ZipFile(sample_out / "prestatieafspraken-2027.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
    assert "updateFields" not in settings
    assert 'w:anchor="_Toc000001"' in body and 'w:name="_Toc000001"' in body
    dump = dump_docx(sample_out / "prestatieafspraken-2027.docx")
    assert "[toc 1] [Ondergetekenden](#_Toc000001)" in dump and "[toc 1] [1. Inleiding](#_Toc000003)" in dump
    assert "[toc 2] [4.1 Beschikbaarheid](#_Toc000007)" in dump


def test_dutch_language_on_all_text(sample_out: Path) -> None:
    with zipfile.ZipFile(sample_out / "prestatieafspraken-2027.docx") as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    assert '<w:lang w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="nl-NL"/>' in styles


def test_special_characters_render_exactly(tmp_path: Path) -> None:
    dossier = tmp_path / "d"
    shutil.copytree(BASE, dossier)
    pa = dossier / "2027" / "prestatieafspraken.yaml"
    title = 'Huur & "service" <b>niet vet</b> 🏠'
    pa.write_text(pa.read_text(encoding="utf-8").replace("titel: Labelsprongen", f"titel: '{title}'"), encoding="utf-8")
    assert run_build(dossier, tmp_path / "out", "--year", "2027").exit_code == 0
    assert f"DUUR-01 {title}" in dump_docx(tmp_path / "out" / "prestatieafspraken-2027.docx")


def _template_with(tmp_path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    path = tmp_path / "eigen.docx"
    document.save(str(path))
    return path


def test_sandbox_escape_is_refused(tmp_path: Path) -> None:
    evil = _template_with(tmp_path, "{{ cycler.__init__.__globals__ }}")
    result = run_build(BASE, tmp_path / "out", "--template", f"prestatieafspraken={evil}")
    assert result.exit_code == 1
    assert "it tries to reach Python internals, which is refused" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_missing_field_names_the_template_and_the_text_around_it(tmp_path: Path) -> None:
    bad = _template_with(tmp_path, "Titel: {{ titl }}")
    result = run_build(BASE, tmp_path / "out", "--template", f"prestatieafspraken={bad}")
    assert result.exit_code == 1
    assert f"{bad}:" in result.output
    assert "it uses a field the context does not have ('titl' is undefined) near «Titel: {{ titl }}»" in result.output


def test_failed_build_leaves_the_previous_document_intact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    only = ("--year", "2027", "--only", "prestatieafspraken")
    assert run_build(BASE, out, *only).exit_code == 0
    before = (out / "prestatieafspraken-2027.docx").read_bytes()
    bad = _template_with(tmp_path, "{{ titl }}")
    assert run_build(BASE, out, *only, "--template", f"prestatieafspraken={bad}").exit_code == 1
    assert (out / "prestatieafspraken-2027.docx").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["prestatieafspraken-2027.docx"]


def test_build_refuses_when_check_finds_errors(tmp_path: Path) -> None:
    dossier = tmp_path / "d"
    shutil.copytree(BASE, dossier)
    pa = dossier / "2027" / "prestatieafspraken.yaml"
    pa.write_text(
        pa.read_text(encoding="utf-8").replace("trekker: thuis\n    betrokken", "trekker: x\n    betrokken"),
        encoding="utf-8",
    )
    result = run_build(dossier, tmp_path / "out")
    assert result.exit_code == 1
    assert "Nothing was built." in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_committed_template_matches_its_script(kind: DocumentKind) -> None:
    committed = (resource_dir("templates") / kind.template).read_bytes()
    assert template_bytes(kind.build_template(), kind.template) == committed, "run: make templates"


@pytest.mark.parametrize("kind", [k.name for k in BUILT_KINDS])
def test_template_check_accepts_the_default_template(kind: str) -> None:
    default = resource_dir("templates") / KIND_BY_NAME[kind].template
    result = CliRunner().invoke(cli, ["template", "check", str(default), "--kind", kind])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("every field is known.\n")


def test_template_check_lists_unknown_nested_paths(tmp_path: Path) -> None:
    document = docx.Document()
    for text in (
        "{%p for t in themas %}",
        "{%p for a in t.afspraken %}",
        "Eenheid: {{ a.indicator.eenhed }}",
        "{%p endfor %}",
        "{%p endfor %}",
        "{{ gemente }}",
    ):
        document.add_paragraph(text)
    path = tmp_path / "eigen.docx"
    document.save(str(path))
    result = CliRunner().invoke(cli, ["template", "check", str(path), "--kind", "prestatieafspraken"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        "a.indicator.eenhed" in line and "did you mean 'eenheid'" in line and "Eenheid:" in line for line in lines
    )
    assert any("gemente" in line and "did you mean 'gemeente'" in line for line in lines)


@needs_libreoffice
@pytest.mark.parametrize("year", YEARS)
def test_libreoffice_reads_every_code_and_signatory(
    sample_out: Path, sample_model: DossierModel, year: int, tmp_path: Path
) -> None:
    text = pdf_text(sample_out / f"prestatieafspraken-{year}.docx", tmp_path)
    cyclus = sample_model.cyclus(year)
    assert cyclus is not None and cyclus.prestatieafspraken is not None
    pa = cyclus.prestatieafspraken
    missing = [a.code for a in pa.afspraken if a.code not in text]
    assert missing == []
    signers = [o.naam for pid in pa.partijen for o in sample_model.partij(pid).ondertekenaars]  # type: ignore[union-attr]
    assert [s for s in signers if " ".join(s.split()) not in text] == []
    assert ("CONCEPT" in text) == (pa.status == "concept")


def test_markdown_that_cannot_become_word_is_reported_at_its_field(tmp_path: Path) -> None:
    dossier = tmp_path / "d"
    shutil.copytree(BASE, dossier)
    pa = dossier / "2027" / "prestatieafspraken.yaml"
    text = pa.read_text(encoding="utf-8").replace(
        "tekst: Thuis levert **25** nultredenwoningen op.", "tekst: Zie ![plattegrond](plan.png)"
    )
    pa.write_text(text, encoding="utf-8")
    result = run_build(dossier, tmp_path / "out", "--only", "prestatieafspraken")
    assert result.exit_code == 1
    assert (
        f"{dossier}/2027/prestatieafspraken.yaml:12:12: error: $.afspraken[0].tekst: this text cannot be made "
        "into Word paragraphs: images are not supported in text fields" in result.output
    )
    assert not (tmp_path / "out").exists()


def test_an_output_path_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_build(BASE, blocker, "--only", "prestatieafspraken")
    assert result.exit_code == 2
    assert f"Invalid value for '--out': Directory '{blocker}' is a file." in result.output
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_an_output_folder_that_cannot_be_made_is_a_plain_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run_build(BASE, tmp_path / "file" / "out", "--only", "prestatieafspraken")
    assert result.exit_code == 1
    assert f"{tmp_path / 'file' / 'out'}:1:1: error: cannot create the output folder: Not a directory" in result.output
    assert "Traceback" not in result.output
