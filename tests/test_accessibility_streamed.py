"""The body read a block at a time judges every document as the whole tree does: the same findings, text and errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from afsprakengen.word import accessibility, readback
from afsprakengen.word.accessibility import Finding, part_findings, read_and_judge
from afsprakengen.word.builders import para
from afsprakengen.word.readback import UnreadableDocument, read_back
from tests.sampledossier import SAMPLE, run_build
from tests.test_accessibility import _bytes, _good, _png

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
SAMPLE_BUILDS: list[list[str]] = [[]]
PIECES = [64, 4096, 256 * 1024]  # 64 bytes: nearly every block straddles pieces; 256 KiB: as build reads


def _whole_tree(data: bytes) -> tuple[str, list[Finding]]:
    """What the verification found before the body was streamed: the whole tree's text and findings."""
    parts = read_back(data)
    return parts.body_text(), part_findings(parts.roots)


def _streams(data: bytes) -> bool:
    """Whether the body is judged by the streaming path (not the whole-tree fallback)."""
    return accessibility._streamed(readback.read_back_parts(data)[1](), {}) is not None


def _inaccessible() -> list[bytes]:
    """Documents with each kind of finding, several at once, an empty heading on the heading path."""
    skipped, picture, vml, table, bare, empty = (_good() for _ in range(6))
    para(skipped, "BESCH-01 Nieuwbouw", "Heading 4")
    picture.add_picture(io.BytesIO(_png()))
    para(picture, "2. Daarna", "Heading 1")
    picture.add_picture(io.BytesIO(_png()))
    vml.add_paragraph().add_run()._r.append(
        docx.oxml.parse_xml(f'<w:pict {W} xmlns:v="urn:schemas-microsoft-com:vml"><v:shape id="x"/></w:pict>')
    )
    table.add_table(rows=2, cols=2).cell(1, 1).paragraphs[0].style = "Heading 4"
    bare.core_properties.title = ""
    para(empty, "", "Heading 1")
    para(empty, "Te diep", "Heading 3")
    for _ in range(200):  # a body of many pieces, findings far into it
        para(empty, "Tekst " * 20, "Body Text")
    para(empty, "Nog dieper", "Heading 5")
    return [_bytes(d) for d in (skipped, picture, vml, table, bare, empty)]


@pytest.mark.parametrize("piece", PIECES)
def test_documents_with_findings_are_judged_the_same_streamed(piece: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readback, "PIECE", piece)
    documents = _inaccessible()
    for data in documents:
        assert _streams(data)
        assert read_and_judge(data) == _whole_tree(data)
    found = [[f.message for f in read_and_judge(data)[1]] for data in documents]
    assert found == [
        ["heading level 4 follows level 2"],
        [f"'Picture {n}' has no alternative text (wp:docPr descr)" for n in (1, 2)],
        ["a VML shape (w:pict), which a PDF shows as a figure without alternative text; use a DrawingML drawing"],
        ["a table without a header row (w:tblHeader)", "heading level 4 follows level 2"],
        ["the document has no title (docProps/core.xml dc:title)"],
        ["heading level 3 follows level 1", "heading level 5 follows level 3"],
    ]
    last = read_and_judge(documents[-1])[1][-1]
    assert last.headings == ("", "Te diep") and last.paragraph == 213


def test_every_sample_document_is_judged_the_same_streamed(
    sample_out: Path, diff_documents: Path, tmp_path: Path
) -> None:
    assert run_build(SAMPLE.parent / "regio-dalvelde", tmp_path).exit_code == 0
    documents = [*sample_out.rglob("*.docx"), *diff_documents.rglob("*.docx"), *tmp_path.rglob("*.docx")]
    assert len(documents) > 30
    for document in documents:
        data = document.read_bytes()
        assert _streams(data), document.name
        text, findings = read_and_judge(data)
        assert (text, findings) == _whole_tree(data), document.name
        assert len(text) > 100


def _with_body(data: bytes, old: bytes, new: bytes) -> bytes:
    """The document with one change in its word/document.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            part = source.read(name)
            if name == "word/document.xml":
                assert old in part
                part = part.replace(old, new, 1)
            target.writestr(name, part)
    return out.getvalue()


UNUSUAL = {
    "a content control around a table": (
        b"<w:tbl>",
        b"<w:sdt><w:sdtContent><w:tbl>",
        b"</w:tbl>",
        b"</w:tbl></w:sdtContent></w:sdt>",
    ),
    "a bookmark in the body": (b"<w:body>", b"<w:body><w:bookmarkStart w:id='1' w:name='b'/>", b"", b""),
    "a comment after the last block": (b"</w:body>", b"<!-- x --></w:body>", b"", b""),
    "a second body": (b"</w:body>", b"</w:body><w:body/>", b"", b""),
    "a background before the body": (b"<w:body>", b"<w:background w:color='FFFFFF'/><w:body>", b"", b""),
}


@pytest.mark.parametrize("name", UNUSUAL)
@pytest.mark.parametrize("piece", PIECES)
def test_a_body_of_unusual_structure_is_judged_whole(name: str, piece: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readback, "PIECE", piece)
    document = _good()
    document.add_table(rows=2, cols=2)
    para(document, "Te diep", "Heading 4")
    old, new, old_end, new_end = UNUSUAL[name]
    data = _with_body(_bytes(document), old, new)
    if old_end:
        data = _with_body(data, old_end, new_end)
    assert not _streams(data)
    text, findings = read_and_judge(data)
    assert (text, findings) == _whole_tree(data)
    assert "a table without a header row (w:tblHeader)" in [f.message for f in findings]


@pytest.mark.parametrize("piece", PIECES)
def test_a_broken_body_gives_the_error_of_the_whole_read_back(piece: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readback, "PIECE", piece)
    good = _bytes(_good())
    for data in (
        _with_body(good, b"</w:body>", b"</w:bod>"),
        _with_body(good, b"<w:body>", b"<w:body><w:p>&nbsp;</w:p>"),
        _with_body(good, b"</w:document>", b""),
        _with_body(good, b"Inleiding", b"Inleiding").replace(b"Inleiding", b"Inleidinx"),  # stored: a bad CRC-32
    ):
        with pytest.raises(UnreadableDocument) as whole:
            read_back(data)
        with pytest.raises(UnreadableDocument) as streamed:
            read_and_judge(data)
        assert str(streamed.value) == str(whole.value) != ""
