"""The accessibility check of produced .docx files: each finding on a broken document, nothing on the sample."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from afsprakengen.cli import cli
from afsprakengen.word.accessibility import Finding, _heading_levels, _level, docx_findings
from afsprakengen.word.builders import compose, para
from afsprakengen.word.markdown import markdown_to_xml
from afsprakengen.word.outline import continue_outline, style_levels
from afsprakengen.word.tables import loop_table
from tests.sampledossier import SAMPLE, run_build
from tests.test_markdown import FakeTarget

SAMPLE_BUILDS: list[list[str]] = [[]]


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\x10\x20\x30" * 2 + b"\x00" + b"\x10\x20\x30" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with(header: str, *paragraphs: tuple[str, str]) -> docx.document.Document:
    """A document in the house style with these (text, style) paragraphs."""
    document = compose(header)
    for text, style in paragraphs:
        para(document, text, style)
    return document


def _good() -> docx.document.Document:
    """A document in the house style that passes: a title, Dutch, headings in order, a table with a header row."""
    document = _with("Kop", ("1. Inleiding", "Heading 1"), ("1.1 Doel", "Heading 2"))
    loop_table(document, ["Code", "Titel"], "x in xs", ["{{ x.code }}", "{{ x.titel }}"], [3.0, 13.0])
    document.core_properties.title = "Prestatieafspraken 2027"
    return document


def test_a_document_in_the_house_style_passes() -> None:
    assert docx_findings(_bytes(_good())) == []


def test_a_skipped_heading_level_is_found_with_its_heading_path_and_paragraph() -> None:
    document = _good()
    para(document, "BESCH-01 Nieuwbouw", "Heading 4")
    found = docx_findings(_bytes(document))
    # paragraphs are counted as Word counts them, those in table cells too (the table's eight come before)
    found_at = Finding("heading level 4 follows level 2", "word/document.xml", 11, ("1. Inleiding", "1.1 Doel"))
    assert found == [found_at]
    assert found[0].place() == "word/document.xml, paragraph 11, under 1. Inleiding > 1.1 Doel"


def test_a_first_heading_below_level_one_is_found() -> None:
    document = _with("Kop", ("Tekst", "Body Text"), ("Een kop", "Heading 2"))
    document.core_properties.title = "T"
    assert [f.message for f in docx_findings(_bytes(document))] == ["heading level 2 follows no heading"]


def test_a_picture_without_alternative_text_is_found() -> None:
    document = _good()
    document.add_picture(io.BytesIO(_png()))
    found = docx_findings(_bytes(document))
    assert [f.message for f in found] == ["'Picture 1' has no alternative text (wp:docPr descr)"]
    assert found[0].headings == ("1. Inleiding", "1.1 Doel")
    document.inline_shapes[0]._inline.docPr.set("descr", "Logo van de gemeente")
    assert docx_findings(_bytes(document)) == []


def test_a_drawn_vml_shape_is_found_even_with_alt() -> None:
    document = _good()
    run = document.add_paragraph().add_run()
    run._r.append(
        docx.oxml.parse_xml(
            '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:v="urn:schemas-microsoft-com:vml"><v:shape id="x" alt="CONCEPT"/></w:pict>'
        )
    )
    assert [f.message for f in docx_findings(_bytes(document))] == [
        "a VML shape (w:pict), which a PDF shows as a figure without alternative text; use a DrawingML drawing"
    ]


def test_a_table_without_a_header_row_is_found() -> None:
    document = _good()
    document.add_table(rows=2, cols=2)
    assert [f.message for f in docx_findings(_bytes(document))] == ["a table without a header row (w:tblHeader)"]


def test_a_document_without_language_or_title_is_found() -> None:
    document = _good()
    document.core_properties.title = ""
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    defaults.remove(defaults.find(qn("w:lang")))
    assert [f.message for f in docx_findings(_bytes(document))] == [
        "the document has no title (docProps/core.xml dc:title)",
        "the document has no language (w:docDefaults w:lang in word/styles.xml)",
    ]


def test_markdown_headings_continue_the_outline_under_the_heading_before_them() -> None:
    """'## kop' in a text under an agreement (level 3) becomes level 4, its '####' level 5; after a theme, level 3."""
    document = _good()  # 1. Inleiding (1), 1.1 Doel (2)
    para(document, "BESCH-01 Nieuwbouw", "Afspraakkop")
    body = document.element.body
    text = "## Achtergrond\n\nTekst.\n\n#### Detail\n\n## Aanpak"
    xml = markdown_to_xml(text, FakeTarget())
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for block in parse_xml(f"<w:body {ns}>{xml}</w:body>"):
        body.insert(len(body) - 1, block)  # before the section properties
    para(document, "1.2 Tweede thema", "Heading 2")
    body.insert(len(body) - 1, parse_xml(f"<w:body {ns}>{markdown_to_xml('## Kop', FakeTarget())}</w:body>")[0])
    continue_outline(body, style_levels(document.styles.element.xml.encode()))
    styled = [(p.style.style_id if p.style else "", p.text) for p in document.paragraphs]
    headings = [(style, text) for style, text in styled if style.startswith("Heading")]
    assert headings[2:] == [
        ("Heading4", "Achtergrond"),
        ("Heading5", "Detail"),
        ("Heading4", "Aanpak"),
        ("Heading2", "1.2 Tweede thema"),
        ("Heading3", "Kop"),
    ]
    assert docx_findings(_bytes(document)) == []
    assert style_levels(document.styles.element.xml.encode())["Afspraakkop"] == 3  # through Heading 3
    assert "TOCHeading" not in style_levels(document.styles.element.xml.encode())  # outline level 9: body text


def test_the_sample_has_no_markdown_heading_left_unresolved(sample_out: Path) -> None:
    with zipfile.ZipFile(sample_out / "prestatieafspraken-2027.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "Kop+" not in body and "Tussenkop" in body  # Tussenkop is left to labels and status lines


def test_the_whole_sample_passes_the_command(sample_out: Path) -> None:
    result = CliRunner().invoke(cli, ["documents", "check", str(sample_out)])
    assert result.output == "15 documents checked: no problems.\n"
    assert result.exit_code == 0


def test_the_command_lists_every_finding_with_its_place_and_exits_1(tmp_path: Path) -> None:
    document = _good()
    document.add_table(rows=1, cols=1)
    (tmp_path / "a.docx").write_bytes(_bytes(document))
    (tmp_path / "b.docx").write_bytes(b"not a zip")
    result = CliRunner().invoke(cli, ["documents", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{tmp_path / 'a.docx'}:1:1: error: a table without a header row (w:tblHeader) (word/document.xml, "
        "paragraph 10, under 1. Inleiding > 1.1 Doel)",
        f"{tmp_path / 'b.docx'}:1:1: error: not a readable Word document (BadZipFile: File is not a zip file)",
        "2 documents checked: 2 problems.",
    ]


def test_build_refuses_a_document_its_template_makes_inaccessible(tmp_path: Path) -> None:
    template = _with("Kalender", ("{{ titel }}", "Heading 1"))
    template.add_table(rows=1, cols=1).cell(0, 0).text = "zonder kopregel"
    path = tmp_path / "kalender.docx"
    template.save(str(path))
    result = run_build(
        SAMPLE, tmp_path / "out", "--only", "kalender", "--year", "2027", "--template", f"kalender={path}"
    )
    assert result.exit_code == 1
    assert (
        f"{path}:1:1: error: kalender-2027.docx: a table without a header row (w:tblHeader) (word/document.xml, "
        "paragraph 1, under Kalender prestatieafspraken 2027); the document is not written" in result.output
    )
    assert not (tmp_path / "out" / "kalender-2027.docx").exists()


@pytest.mark.parametrize("name", ["wijzigingsoverzicht.docx", "prestatieafspraken-2027-redline.docx"])
def test_the_diff_documents_pass(name: str, diff_documents: Path) -> None:
    assert docx_findings((diff_documents / name).read_bytes()) == []


@pytest.mark.parametrize("value", ["Kop+2", "Kop&#43;2", "Kop&#043;2", "Kop&#x2B;2", "Kop&#x2b;2"])
def test_a_markdown_heading_is_found_in_the_rendered_text_however_its_value_is_written(value: str) -> None:
    """The render walks the tree for the outline only when the text has a markdown heading: every spelling counts."""
    from afsprakengen.word.render import _HEADING_STYLE

    assert _HEADING_STYLE.search(f'<w:pStyle w:val="{value}"/>'.encode())
    assert not _HEADING_STYLE.search(b'<w:pStyle w:val="Kop2"/><w:t>Kop 2 en +</w:t>')


def test_a_style_with_quotes_in_its_id_still_sets_the_level_markdown_headings_continue() -> None:
    """Only the marks of styles with a level are searched; an id with both kinds of quote falls back to all marks."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def paragraph(style: str) -> str:
        return f"<w:p><w:pPr><w:pStyle w:val={style}/></w:pPr></w:p>"

    for style_id, written in (("it's", '"it\'s"'), ('"it\'s"', "'&quot;it&apos;s&quot;'")):
        paragraphs = paragraph(written) + paragraph('"Gewoon"') + paragraph('"Kop+1"')
        body = parse_xml(f"<w:body {ns}>{paragraphs}</w:body>")
        continue_outline(body, {style_id: 2})
        assert [p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) for p in body][2] == "Heading3"


def _levels_one_by_one(root: etree._Element, levels: dict[str, int]) -> list[int]:
    """Every paragraph's outline level, looked up paragraph by paragraph (what `_heading_levels` finds sooner)."""
    return [_level(p, levels) for p in root.iter(qn("w:p"))]


def test_the_headings_found_from_their_marks_are_those_found_paragraph_by_paragraph(sample_out: Path) -> None:
    documents = sorted(sample_out.rglob("*.docx"))
    assert documents
    for document in documents:
        with zipfile.ZipFile(document) as package:
            root = etree.fromstring(package.read("word/document.xml"))
            levels = style_levels(package.read("word/styles.xml"))
        found = _heading_levels(root, levels)
        assert [found.get(p, 0) for p in root.iter(qn("w:p"))] == _levels_one_by_one(root, levels), document.name
        assert any(found.values()), document.name


def test_a_paragraph_s_own_outline_level_wins_and_a_tracked_change_s_style_does_not_count() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = etree.fromstring(
        f"<w:body {w}>"
        '<w:p><w:pPr><w:pStyle w:val="Kop1"/><w:outlineLvl w:val="9"/></w:pPr></w:p>'  # own level 9: body text
        '<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:p>'  # level 3 of its own
        '<w:p><w:pPr><w:pPrChange><w:pPr><w:pStyle w:val="Kop1"/></w:pPr></w:pPrChange></w:pPr></w:p>'
        '<w:p><w:r><w:rPr><w:pStyle w:val="Kop1"/></w:rPr></w:r></w:p>'  # not a paragraph's properties
        '<w:p><w:pPr><w:pStyle w:val="Kop1"/></w:pPr></w:p>'
        '<w:p><w:pPr><w:keepNext/><w:pStyle w:val="Kop2"/></w:pPr></w:p>'  # a style not first: looked up
        '<w:p><w:pPr><w:pStyle w:val="Kop2"/><w:outlineLvl w:val="0"/></w:pPr></w:p>'  # its own level after it
        '<w:p><w:pPr><w:pStyle w:val="Kop2"/></w:pPr><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:p>'  # 2nd pPr
        '<w:p><w:pPr/><w:pPr><w:pStyle w:val="Kop1"/></w:pPr></w:p>'  # only the first pPr counts
        "</w:body>"
    )
    found = _heading_levels(body, {"Kop1": 1, "Kop2": 2})
    assert [found.get(p, 0) for p in body.iter(qn("w:p"))] == [0, 3, 0, 0, 1, 2, 1, 2, 0]
    assert _levels_one_by_one(body, {"Kop1": 1, "Kop2": 2}) == [0, 3, 0, 0, 1, 2, 1, 2, 0]
