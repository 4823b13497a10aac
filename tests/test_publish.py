"""`build --pdf --odt` and `publish`: PDF/A-2b + PDF/UA-1 and ODF beside every .docx, read back with pikepdf."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from afsprakengen.cli import cli
from afsprakengen.publish import office
from afsprakengen.publish.export import FILTERS, export
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


SAMPLE_DOCUMENTS = [
    *(f"activiteitenoverzicht-{c}-{y}" for c in ("wonen-en-welzijn", "woonstad") for y in (2025, 2026, 2027)),
    "evaluatie-2025",
    *(f"{kind}-{y}" for kind in ("prestatieafspraken", "woonvisie-uittreksel") for y in (2025, 2026, 2027)),
    "voortgangsrapportage-2026-03-31",
    "voortgangsrapportage-2026-06-30",
]


@pytest.fixture(scope="module")
def published_all(tmp_path_factory: pytest.TempPathFactory, diff_documents: Path) -> Path:
    """All 15 sample documents laid out (contents pages with page numbers) as PDF, and the two diff documents."""
    out = tmp_path_factory.mktemp("published-all")
    result = run_build(SAMPLE, out, "--pdf", layout=True)
    assert result.exit_code == 0, result.output
    assert "15 files written as PDF." in result.output
    for document in diff_documents.glob("*.docx"):
        (out / document.name).write_bytes(document.read_bytes())
    export([out / "wijzigingsoverzicht.docx", out / "prestatieafspraken-2027-redline.docx"], ["pdf"])
    return out


@needs_libreoffice
@pytest.mark.parametrize("name", [*SAMPLE_DOCUMENTS, "wijzigingsoverzicht", "prestatieafspraken-2027-redline"])
def test_every_published_pdf_passes_the_pdf_check(published_all: Path, name: str) -> None:
    """No untagged figure (the CONCEPT mark, the chart), no skipped heading level, every table with a TH."""
    assert sorted(p.stem for p in published_all.glob("*.pdf")) == sorted(
        [*SAMPLE_DOCUMENTS, "wijzigingsoverzicht", "prestatieafspraken-2027-redline"]
    )
    assert pdf_findings(published_all / f"{name}.pdf") == []


@needs_libreoffice
def test_the_concept_says_concept_on_every_page_and_the_chart_keeps_its_alt_text(published_all: Path) -> None:
    concept = published_all / "prestatieafspraken-2027.pdf"
    with pikepdf.open(concept) as pdf:
        pages = len(pdf.pages)
    assert all("CONCEPT – niet ondertekenen" in text_of(concept, page) for page in range(1, pages + 1))
    with pikepdf.open(published_all / "evaluatie-2025.pdf") as pdf:
        figures = [e for e in _structure(pdf.Root.StructTreeRoot) if str(e.get("/S")) == "/Figure"]
    alts = [str(f.Alt) for f in figures]
    assert len(alts) == 11  # the status chart and ten charts of target against realised
    assert alts[0].startswith("Staafdiagram: de afspraken van 2025 per ")
    assert "BESCH-01 Nieuwbouw sociale huurwoningen: afgesproken 108, gerealiseerd 96." in " ".join(alts)


def _structure(node: pikepdf.Object) -> list[pikepdf.Object]:
    """Every structure element under the node, the children before the grandchildren."""
    kid = node.get("/K")
    kids = list(kid) if isinstance(kid, pikepdf.Array) else [kid] if kid is not None else []
    found = [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
    return found + [e for k in found for e in _structure(k)]


@needs_libreoffice
def test_the_contents_page_has_page_numbers_in_the_pdf(published_all: Path) -> None:
    contents = text_of(published_all / "prestatieafspraken-2027.pdf", 2)
    assert contents.startswith("Prestatieafspraken 2027 · gemeente Voorbeeldstad CONCEPT – niet ondertekenen Inhoud")
    pages = {m[1]: int(m[2]) for m in re.finditer(r"(\d+\. [A-Z][a-z]+)\.{3,}(\d+) ", contents)}
    assert pages["1. Inleiding"] == 3 and 20 < pages["11. Ondertekening"] < 40, contents  # after the cover and contents
    assert pages["11. Ondertekening"] > pages["5. Wederkerigheid"] > pages["1. Inleiding"]
