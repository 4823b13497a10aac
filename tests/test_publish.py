"""`build --pdf --odt` and `publish`: PDF/A-2b + PDF/UA-1 and ODF beside every .docx, read back with pikepdf."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from afsprakengen.cli import cli
from afsprakengen.publish import office
from afsprakengen.publish.export import FILTERS
from afsprakengen.publish.pdfcheck import pdf_findings
from tests.pdftext import needs_libreoffice, text_of
from tests.sampledossier import SAMPLE, TODAY, run_build

XMP_PDFA = "{http://www.aiim.org/pdfa/ns/id/}"
XMP_PDFUA = "{http://www.aiim.org/pdfua/ns/id/}"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("published")
    result = run_build(
        SAMPLE, out, "--year", "2025", "--only", "evaluatie", "--only", "woonvisie-uittreksel", "--pdf", "--odt"
    )
    assert result.exit_code == 0, result.output
    assert "4 files written as PDF and ODT." in result.output
    return out


@needs_libreoffice
def test_every_docx_gets_a_pdf_and_an_odt_beside_it(published: Path) -> None:
    documents = sorted(p.stem for p in published.glob("*.docx"))
    assert documents == ["evaluatie-2025", "woonvisie-uittreksel-2025"]
    assert sorted(p.stem for p in published.glob("*.pdf")) == documents
    assert sorted(p.stem for p in published.glob("*.odt")) == documents


@needs_libreoffice
def test_the_pdf_is_pdfa_2b_and_pdfua_1_tagged_dutch_and_titled(published: Path) -> None:
    with pikepdf.open(published / "evaluatie-2025.pdf") as pdf:
        with pdf.open_metadata() as meta:
            assert (meta[f"{XMP_PDFA}part"], meta[f"{XMP_PDFA}conformance"]) == ("2", "B")
            assert meta[f"{XMP_PDFUA}part"] == "1"
            assert meta["{http://purl.org/dc/elements/1.1/}title"] == "Evaluatie prestatieafspraken 2025"
        assert str(pdf.Root.Lang) == "nl-NL"
        assert bool(pdf.Root.MarkInfo.Marked)
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert "/Outlines" in pdf.Root  # the headings as bookmarks
        fonts = [f for page in pdf.pages for f in page.Resources.get("/Font", {}).values()]
        assert fonts and all("/FontFile2" in _descriptor(f) or "/FontFile3" in _descriptor(f) for f in fonts)
    assert "Evaluatie prestatieafspraken 2025" in text_of(published / "evaluatie-2025.pdf", 1)


def _descriptor(font: pikepdf.Object) -> pikepdf.Object:
    """The font descriptor of a simple or a composite (Type0) font."""
    if "/DescendantFonts" in font:
        font = font.DescendantFonts[0]
    return font.FontDescriptor


@needs_libreoffice
def test_the_odt_is_odf_text_with_the_documents_text(published: Path) -> None:
    with zipfile.ZipFile(published / "woonvisie-uittreksel-2025.odt") as odt:
        assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert "Woonvisie-uittreksel 2025" in odt.read("content.xml").decode("utf-8")


@needs_libreoffice
def test_the_pdf_check_finds_what_a_plain_export_lacks(published: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    office.convert(
        office.find_office() or pytest.fail("no LibreOffice"), [published / "evaluatie-2025.docx"], "pdf", plain
    )
    findings = pdf_findings(plain / "evaluatie-2025.pdf")
    assert "the XMP metadata do not identify the file as PDF/A-2b" in findings
    assert "the XMP metadata do not identify the file as PDF/UA-1" in findings
    assert "the PDF is not tagged (no structure tree)" in findings
    assert "PDFUACompliance" in FILTERS["pdf"] and '"SelectPdfVersion":{"type":"long","value":"2"}' in FILTERS["pdf"]


def test_without_libreoffice_the_docx_stay_and_the_message_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFSPRAKENGEN_SOFFICE", str(tmp_path / "no-soffice"))
    office.find_office.cache_clear()
    try:
        result = run_build(SAMPLE, tmp_path / "out", "--only", "kalender", "--year", "2027", "--pdf")
    finally:
        office.find_office.cache_clear()
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "error: --pdf needs LibreOffice: install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"
        " (the .docx files are written)"
    )
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["kalender-2027.docx"]


@needs_libreoffice
def test_publish_gathers_only_the_definitief_documents_of_the_year_with_an_index(tmp_path: Path) -> None:
    out = tmp_path / "2027"
    result = CliRunner().invoke(cli, ["publish", str(SAMPLE), "--year", "2027", "--out", str(out), *TODAY])
    assert result.exit_code == 0, result.output
    bods = ["activiteitenoverzicht-wonen-en-welzijn-2027", "activiteitenoverzicht-woonstad-2027"]
    # the prestatieafspraken and the excerpt of 2027 are concept: not published
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.html", *(f"{b}.{ext}" for b in bods for ext in ("docx", "odt", "pdf"))]
    )
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in index
    about = "Activiteitenoverzicht Woonstad Voorbeeldstad aan gemeente Voorbeeldstad 2027: versie 1.1, definitief"
    assert f"<p>{about}</p>" in index
    for f in out.glob("activiteitenoverzicht-*"):
        assert f'<a href="{f.name}">' in index
        assert hashlib.sha256(f.read_bytes()).hexdigest() in index


def test_publish_says_when_nothing_of_the_year_is_definitief(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["publish", str(SAMPLE), "--year", "2030", "--out", str(tmp_path / "o"), *TODAY])
    assert result.exit_code == 1
    assert (
        result.output.splitlines()[-1]
        == "error: nothing to publish for 2030: no document of jaarschijf 2030 is definitief"
    )
