"""Redline: differences between two rendered documents as tracked changes, checked in the XML and in LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from afsprakengen.cli import cli
from afsprakengen.word.redline import redline
from tests.casefolders import BASE
from tests.docxtarget import DocxTarget

AUTHOR = "Ronde 2"
WHEN = datetime(2026, 11, 20)
DATE = "2026-11-20T00:00:00Z"
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
REVISIONS = ("ins", "del", "pPrChange", "rPrChange")
SYSTEM_PYTHON = "/usr/bin/python3"
LOTRACKED = Path(__file__).with_name("lotracked.py")


# --- two small documents ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """What differs between the OLD and the NEW test document; everything else they share."""

    count: str
    place: str
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    point: str = "Tweede punt"
    link: tuple[str, str] = ("https://example.org/oud", "de website")
    title_end: str = ""
    rows: tuple[tuple[str, str, str], ...] = ()
    numbered: tuple[str, ...] = ()
    closing: str = "Slot."
    heading_style: str = "Heading 2"
    header: str = "Afspraken 2027, ronde 1"
    footer: str = "Versie 0.1 · 20 november 2026"


ROWS = (("Code", "Doel", "Waarde"), ("WZ-01", "Nultreden", "25"), ("DUUR-01", "Labels", "100"), ("WZ-02", "Zorg", "12"))
OLD = Version(
    "25",
    "Teststad.",
    removed=("Deze alinea vervalt helemaal.",),
    rows=ROWS,
    numbered=("eerst de bouw;", "dan de verhuur."),
)
NEW = Version(
    "30",
    "Teststad en Dorp.",
    added=("Een nieuwe alinea over isolatie.",),
    point="Tweede punt, gewijzigd",
    link=("https://example.org/nieuw", "de nieuwe website"),
    title_end=" en verder",
    rows=(ROWS[0], ("WZ-01", "Nultreden", "30"), ROWS[3], ("DUUR-02", "Isolatie", "40")),
    closing="Slot, nieuw.",
    heading_style="Heading 1",
    header="Afspraken 2027, ronde 2",
    footer="Versie 0.2 · 1 december 2026",
)


def build(version: Version) -> bytes:
    """A small document with bold runs, lists, a hyperlink and a table, in the given version."""
    document = docx.Document()
    target = DocxTarget(document)
    document.add_paragraph("Afspraken 2027", style=version.heading_style)
    p = document.add_paragraph("Thuis levert ")
    p.add_run(version.count).bold = True
    p.add_run(f" nultredenwoningen op in {version.place}")
    for text in version.removed:
        document.add_paragraph(text)
    document.add_paragraph("Een ongewijzigde alinea" + version.title_end)
    for text in version.added:
        document.add_paragraph(text)
    bullets = target.bullet_num_id()
    for text in ("Eerste punt", version.point):
        _list_paragraph(document, text, bullets)
    if version.numbered:
        numbered = target.new_numbered_num_id()
        for text in version.numbered:
            _list_paragraph(document, text, numbered)
    _link_paragraph(document, "Zie ", *version.link)
    table = document.add_table(rows=0, cols=3)
    for values in version.rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    document.add_paragraph(version.closing)
    document.sections[0].header.paragraphs[0].text = version.header
    document.sections[0].footer.paragraphs[0].text = version.footer
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _list_paragraph(document: Document, text: str, num_id: int) -> None:
    p = document.add_paragraph(text, style="List Paragraph")
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", 0), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), str(value))
        num_pr.append(child)
    p._p.get_or_add_pPr().append(num_pr)


def _link_paragraph(document: Document, before: str, url: str, text: str) -> None:
    p = document.add_paragraph(before)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), p.part.relate_to(url, RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    p._p.append(link)


@pytest.fixture(scope="module")
def redlined() -> bytes:
    return redline(build(OLD), build(NEW), AUTHOR, WHEN)


def body(docx_bytes: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        return etree.fromstring(z.read("word/document.xml")).find("w:body", NS)


def texts(element: Any, tag: str = "t") -> str:
    return "".join(t.text or "" for t in element.iterfind(f".//w:{tag}", NS))


def paragraph_with(root: Any, text: str) -> Any:
    return next(p for p in root.iterfind(".//w:p", NS) if text in texts(p) + texts(p, "delText"))


def revisions(root: Any) -> list[Any]:
    return [el for name in REVISIONS for el in root.iterfind(f".//w:{name}", NS)]


# --- the XML ---------------------------------------------------------------------------------------------------


def test_every_revision_has_the_author_the_date_and_its_own_id(redlined: bytes) -> None:
    found = revisions(body(redlined))
    ids = [el.get(qn("w:id")) for el in found]
    assert len(found) > 10
    assert {(el.get(qn("w:author")), el.get(qn("w:date"))) for el in found} == {(AUTHOR, DATE)}
    assert len(set(ids)) == len(ids)
    assert all(i is not None and i.isdigit() for i in ids)


def test_ids_start_above_the_ids_the_new_document_has(tmp_path: Path) -> None:
    new = docx.Document(io.BytesIO(build(NEW)))
    heading = new.paragraphs[0]._p
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), "9001")
    start.set(qn("w:name"), "_Toc000001")
    end.set(qn("w:id"), "9001")
    heading.insert(1, start)
    heading.append(end)
    out = io.BytesIO()
    new.save(out)
    ids = [int(el.get(qn("w:id"))) for el in revisions(body(redline(build(OLD), out.getvalue(), AUTHOR, WHEN)))]
    assert min(ids) > 9001


def test_a_changed_word_is_deleted_and_inserted_in_its_own_formatting(redlined: bytes) -> None:
    p = paragraph_with(body(redlined), "nultredenwoningen")
    deleted = p.find("w:del/w:r", NS)
    inserted = p.find("w:ins/w:r", NS)
    assert texts(deleted, "delText") == "25"
    assert deleted.find("w:rPr/w:b", NS) is not None
    assert texts(inserted) == "30"
    assert inserted.find("w:rPr/w:b", NS) is not None
    assert texts(p) == "Thuis levert 30 nultredenwoningen op in Teststad en Dorp."
    assert texts(p, "delText") == "25"


def test_deleted_text_is_delText_and_only_there(redlined: bytes) -> None:
    root = body(redlined)
    assert not root.findall(".//w:del//w:t", NS)
    assert all(any(a.tag == qn("w:del") for a in t.iterancestors()) for t in root.iterfind(".//w:delText", NS))


def test_a_removed_paragraph_is_deleted_with_its_paragraph_mark(redlined: bytes) -> None:
    p = paragraph_with(body(redlined), "Deze alinea vervalt")
    assert texts(p) == ""
    assert texts(p, "delText") == "Deze alinea vervalt helemaal."
    assert p.find("w:pPr/w:rPr/w:del", NS) is not None


def test_an_added_paragraph_is_inserted_with_its_paragraph_mark(redlined: bytes) -> None:
    p = paragraph_with(body(redlined), "nieuwe alinea")
    assert p.find("w:ins/w:r/w:t", NS) is not None
    assert p.find("w:pPr/w:rPr/w:ins", NS) is not None


def test_a_mark_revision_comes_first_in_the_paragraph_mark_properties(redlined: bytes) -> None:
    marks = body(redlined).findall(".//w:pPr/w:rPr", NS)
    assert marks
    for rpr in marks:
        tracked = [i for i, child in enumerate(rpr) if child.tag in (qn("w:ins"), qn("w:del"))]
        assert tracked == list(range(len(tracked)))
        assert rpr.getparent().index(rpr) > max(
            (rpr.getparent().index(c) for c in rpr.getparent() if c.tag not in (qn("w:rPr"), qn("w:pPrChange"))),
            default=-1,
        )


def test_a_changed_style_is_a_paragraph_property_change(redlined: bytes) -> None:
    p = paragraph_with(body(redlined), "Afspraken 2027")
    assert p.find("w:pPr/w:pStyle", NS).get(qn("w:val")) == "Heading1"
    old = p.find("w:pPr/w:pPrChange/w:pPr/w:pStyle", NS)
    assert old is not None
    assert old.get(qn("w:val")) == "Heading2"


def test_table_rows_are_kept_changed_deleted_and_inserted(redlined: bytes) -> None:
    rows = body(redlined).findall("w:tbl/w:tr", NS)
    assert [texts(r) + texts(r, "delText") for r in rows] == ["CodeDoelWaarde", "WZ-01Nultreden3025", *_rest(rows)]
    changed = rows[1]
    assert texts(changed.find("w:tc[3]", NS), "delText") == "25"
    assert texts(changed.find("w:tc[3]/w:p/w:ins", NS)) == "30"
    deleted = next(r for r in rows if "DUUR-01" in texts(r, "delText"))
    assert deleted.find("w:trPr/w:del", NS) is not None
    assert texts(deleted) == ""
    inserted = next(r for r in rows if "DUUR-02" in texts(r))
    assert inserted.find("w:trPr/w:ins", NS) is not None
    assert all(run.getparent().tag == qn("w:ins") for run in inserted.iterfind(".//w:r", NS))


def _rest(rows: list[Any]) -> list[str]:
    return [texts(r) + texts(r, "delText") for r in rows[2:]]


def test_a_deleted_row_marks_its_row_and_no_cell_end(redlined: bytes) -> None:
    deleted = next(r for r in body(redlined).findall("w:tbl/w:tr", NS) if "DUUR-01" in texts(r, "delText"))
    trpr = deleted.find("w:trPr", NS)
    assert trpr is deleted[0]
    assert [child.tag for child in trpr] == [qn("w:cantSplit"), qn("w:del")]  # CT_TrPrBase needs one property
    assert trpr[0].get(qn("w:val")) == "off"
    assert not deleted.findall(".//w:tc/w:p/w:pPr/w:rPr/w:del", NS)  # the last paragraph of a cell keeps its mark


def test_deleted_list_paragraphs_keep_a_list_the_new_document_has(redlined: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(redlined)) as z:
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    defined = {num.get(qn("w:numId")): num for num in numbering.iterfind("w:num", NS)}
    p = paragraph_with(body(redlined), "eerst de bouw")
    num_id = p.find("w:pPr/w:numPr/w:numId", NS).get(qn("w:val"))
    assert num_id in defined
    abstract_id = defined[num_id].find("w:abstractNumId", NS).get(qn("w:val"))
    abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
    assert abstract.find("w:lvl/w:numFmt", NS).get(qn("w:val")) == "decimal"


def test_a_changed_list_item_keeps_its_list(redlined: bytes) -> None:
    p = paragraph_with(body(redlined), "Tweede punt")
    assert p.find("w:pPr/w:numPr/w:numId", NS) is not None
    assert texts(p.find("w:ins", NS)) == ", gewijzigd"


def test_a_changed_link_is_deleted_and_inserted_whole_with_both_targets(redlined: bytes) -> None:
    p = paragraph_with(body(redlined), "website")
    links = p.findall("w:hyperlink", NS)
    assert [link[0].tag for link in links] == [qn("w:del"), qn("w:ins")]
    assert texts(p, "delText") == "Zie de website"
    assert texts(p) == "Zie de nieuwe website"
    rels = docx.Document(io.BytesIO(redlined)).part.rels
    assert [rels[link.get(qn("r:id"))].target_ref for link in links] == [
        "https://example.org/oud",
        "https://example.org/nieuw",
    ]


def _picture_document(pictures: tuple[tuple[str, bytes], ...]) -> bytes:
    document = docx.Document()
    for caption, png in pictures:
        document.add_paragraph(caption)
        document.add_picture(io.BytesIO(png))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _png(shade: int) -> bytes:
    """A one-pixel PNG of a grey shade."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(bytes([0, shade]))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_a_deleted_picture_is_copied_into_the_new_document() -> None:
    old = _picture_document((("Eerste", _png(10)), ("Tweede", _png(200))))
    new = _picture_document((("Eerste", _png(10)),))
    tracked = redline(old, new, AUTHOR, WHEN)
    root = body(tracked)
    blips = [b.get(qn("r:embed")) for b in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")]
    rels = docx.Document(io.BytesIO(tracked)).part.rels
    assert sorted(rels[rid].target_part.blob for rid in blips) == sorted([_png(10), _png(200)])
    doc_pr = [el.get("id") for el in root.iter("{*}docPr")]
    assert len(set(doc_pr)) == len(doc_pr) == 2
    deleted = paragraph_with(root, "Tweede").getnext()
    assert deleted.find("w:del/w:r/w:drawing", NS) is not None


def test_identical_documents_give_no_revisions() -> None:
    same = build(NEW)
    assert revisions(body(redline(same, same, AUTHOR, WHEN))) == []


def parts(docx_bytes: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_the_same_inputs_give_the_same_parts(redlined: bytes) -> None:
    # The zip's own entry times are the caller's to fix (writer.finish_docx); every part must be the same.
    assert parts(redline(build(OLD), build(NEW), AUTHOR, WHEN)) == parts(redlined)


def test_the_date_is_in_utc() -> None:
    from datetime import timedelta, timezone

    when = datetime(2026, 11, 20, 1, 30, tzinfo=timezone(timedelta(hours=1)))
    found = revisions(body(redline(build(OLD), build(NEW), AUTHOR, when)))
    assert {el.get(qn("w:date")) for el in found} == {"2026-11-20T00:30:00Z"}


# --- LibreOffice: accepting all gives NEW, rejecting all gives OLD ---------------------------------------------


def _uno_available() -> bool:
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False)
    return check.returncode == 0


needs_uno = pytest.mark.skipif(not _uno_available(), reason="LibreOffice with python3-uno is not installed")


def office_texts(work: Path, jobs: list[tuple[str, bytes]]) -> list[str]:
    """Run (command, document) jobs through tests/lotracked.py in one LibreOffice; the texts, whitespace folded."""
    return [_folded(out.read_text(encoding="utf-8")) for out in run_office(work, jobs, ".txt")]


def run_office(work: Path, jobs: list[tuple[str, bytes]], suffix: str) -> list[Path]:
    """Run (command, document) jobs through tests/lotracked.py in one LibreOffice; the files it saved."""
    argv: list[str] = []
    outs = [work / f"out{index}{suffix}" for index in range(len(jobs))]
    for index, ((command, data), out) in enumerate(zip(jobs, outs, strict=True)):
        source = work / f"in{index}.docx"
        source.write_bytes(data)
        argv += [command, str(source), str(out)]
    subprocess.run([SYSTEM_PYTHON, str(LOTRACKED), *argv], check=True, capture_output=True, timeout=600)
    return outs


def _folded(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").split())


def assert_round_trip(work: Path, old: bytes, new: bytes) -> None:
    tracked = redline(old, new, AUTHOR, WHEN)
    jobs = [("accept", tracked), ("text", new), ("reject", tracked), ("text", old)]
    accepted, new_text, rejected, old_text = office_texts(work, jobs)
    assert new_text != old_text
    assert accepted == new_text
    assert rejected == old_text


@needs_uno
def test_libreoffice_accepts_to_new_and_rejects_to_old(tmp_path: Path) -> None:
    assert_round_trip(tmp_path, build(OLD), build(NEW))


@needs_uno
def test_libreoffice_round_trip_the_other_way(tmp_path: Path) -> None:
    assert_round_trip(tmp_path, build(NEW), build(OLD))


AGREEMENT_WZ_02 = """  - code: WZ-02
    thema: WZ
    titel: Zorgwoningen
    tekst: |
      De gemeente en Thuis zoeken samen **twee** locaties voor zorgwoningen:

      - locatie De Linde;
      - locatie Het Hof.
    soort: inspanning
    trekker: gemeente-teststad
    betrokken: [thuis]
    doelen: [WZ-D1]
    termijn: 2027
"""


def _rendered(tmp_path: Path, name: str, edit: Callable[[str], str] | None = None) -> bytes:
    dossier = tmp_path / name
    shutil.copytree(BASE, dossier)
    agreements = dossier / "2027" / "prestatieafspraken.yaml"
    if edit:
        agreements.write_text(edit(agreements.read_text(encoding="utf-8")), encoding="utf-8")
    return _built(dossier, tmp_path / f"{name}-out")


def _built(dossier: Path, out: Path) -> bytes:
    args = ["build", str(dossier), "--out", str(out), "--only", "prestatieafspraken", "--year", "2027", "--no-layout"]
    result = CliRunner().invoke(cli, [*args, "--today", "2026-11-27"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return (out / "prestatieafspraken-2027.docx").read_bytes()


def _next_round(text: str) -> str:
    """Another agreement text and target for WZ-01, DUUR-01 taken out, WZ-02 (with a list) added."""
    text = text.replace("Thuis levert **25** nultredenwoningen op.", "Thuis levert **30** nultredenwoningen op.")
    text = text.replace("streefwaarde: 25", "streefwaarde: 30")
    kept, removed, _ = text.partition("  - code: DUUR-01")
    assert removed
    return kept + AGREEMENT_WZ_02


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    work = tmp_path_factory.mktemp("rounds")
    return _rendered(work, "old"), _rendered(work, "new", _next_round)


def test_a_rendered_document_gets_its_changes_tracked(rounds: tuple[bytes, bytes]) -> None:
    root = body(redline(*rounds, AUTHOR, WHEN))
    assert "DUUR-01 Labelsprongen" in texts(root, "delText")
    assert "WZ-02 Zorgwoningen" in texts(paragraph_with(root, "WZ-02 Zorgwoningen").find("w:ins", NS))
    target = paragraph_with(root, "30 woningen")
    assert (texts(target, "delText"), texts(target)) == ("25", "Streefwaarde 2027ten minste 30 woningen")


@needs_uno
def test_libreoffice_round_trip_of_a_rendered_document(tmp_path: Path, rounds: tuple[bytes, bytes]) -> None:
    assert_round_trip(tmp_path, *rounds)


@needs_uno
def test_libreoffice_round_trip_of_a_rendered_document_backwards(tmp_path: Path, rounds: tuple[bytes, bytes]) -> None:
    old, new = rounds
    assert_round_trip(tmp_path, new, old)


# --- LibreOffice: headers, footers, page breaks and sections both ways ------------------------------------------

PAGE_BREAK = f"{{{NS['w']}}}br"


def office_docx(work: Path, jobs: list[tuple[str, bytes]]) -> list[bytes]:
    """Run (command, document) jobs through tests/lotracked.py and save each result as Word again."""
    return [out.read_bytes() for out in run_office(work, jobs, ".docx")]


def stories(docx_bytes: bytes) -> dict[str, list[str]]:
    """What a reader sees: the body's paragraphs, every header's and footer's text, and where pages and sections
    start (the text of the paragraph a page break or a section end is in or before)."""
    found: dict[str, list[str]] = {"body": [], "headers": [], "footers": [], "breaks": []}
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        for name in sorted(z.namelist()):
            if name.startswith(("word/header", "word/footer")) and name.endswith(".xml"):
                text = _folded(texts(etree.fromstring(z.read(name))))
                # the page fields hold what LibreOffice had laid out when it saved, which varies between loads
                text = re.sub(r"pagina \d+ van \d+", "pagina N van M", text)
                found["headers" if "header" in name else "footers"] += [text] if text else []
        root = etree.fromstring(z.read("word/document.xml")).find("w:body", NS)
    for p in root.iterfind(".//w:p", NS):
        text = _folded(texts(p))
        found["body"] += [text] if text else []
        found["breaks"] += [f"{kind}: {text[:60]}" for kind in _breaks(p)]
    found["headers"].sort()
    found["footers"].sort()
    return found


def _breaks(p: Any) -> list[str]:
    kinds = []
    before = p.find("w:pPr/w:pageBreakBefore", NS)
    if before is not None and before.get(qn("w:val"), "true") not in ("0", "false", "off"):
        kinds.append("page before")
    kinds += ["page" for br in p.iterfind(".//w:br", NS) if br.get(qn("w:type")) == "page"]
    kinds += ["section end" for _ in p.iterfind("w:pPr/w:sectPr", NS)]
    return kinds


def assert_stories_round_trip(work: Path, old: bytes, new: bytes) -> None:
    tracked = redline(old, new, AUTHOR, WHEN)
    accepted, new_seen, rejected, old_seen = (
        stories(d) for d in office_docx(work, [("accept", tracked), ("text", new), ("reject", tracked), ("text", old)])
    )
    assert new_seen != old_seen
    for story in ("body", "headers", "footers", "breaks"):
        assert accepted[story] == new_seen[story], story
        assert rejected[story] == old_seen[story], story


@pytest.fixture(scope="module")
def sample_rounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """The sample's 2027 prestatieafspraken before and after the second round (tests/test_diff.py's ROUND_TWO)."""
    from tests.sampledossier import SAMPLE
    from tests.test_diff import ROUND_TWO, edited

    work = tmp_path_factory.mktemp("sample-rounds")
    old, new = edited(SAMPLE, work / "old", ()), edited(SAMPLE, work / "new", ROUND_TWO)
    return _built(old, work / "old-out"), _built(new, work / "new-out")


@needs_uno
def test_libreoffice_round_trip_of_the_sample_keeps_headers_footers_and_breaks(
    tmp_path: Path, sample_rounds: tuple[bytes, bytes]
) -> None:
    assert_stories_round_trip(tmp_path, *sample_rounds)


@needs_uno
def test_libreoffice_round_trip_of_headers_and_footers(tmp_path: Path) -> None:
    assert_stories_round_trip(tmp_path, build(OLD), build(NEW))


def paged(gone: bool) -> bytes:
    """A heading that starts a page, a page-break paragraph and a section that starts a page, each after a
    paragraph that only OLD has (`gone`: this is OLD)."""
    document = docx.Document()
    document.add_paragraph("Inleiding.")
    if gone:
        document.add_paragraph("Deze alinea voor de ondertekening vervalt.")
    document.add_heading("Ondertekening", 1).paragraph_format.page_break_before = True
    document.add_paragraph("Plaats en datum.")
    if gone:
        document.add_paragraph("Deze alinea voor de bijlage vervalt.")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Bijlage 1.")
    last = document.add_paragraph("Deze alinea van deel 1 blijft.")
    if gone:
        last = document.add_paragraph("Deze alinea van deel 1 vervalt.")
    document.add_section(WD_SECTION.NEW_PAGE)
    ending = document.element.body.findall("w:p", NS)[-1]
    last._p.get_or_add_pPr().append(ending.find("w:pPr/w:sectPr", NS))  # the section ends with this paragraph
    ending.getparent().remove(ending)
    document.add_paragraph("Deel 2.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_paged_documents_have_their_breaks() -> None:
    for gone in (True, False):
        assert stories(paged(gone))["breaks"] == [
            "page before: Ondertekening",
            "page: ",
            f"section end: Deze alinea van deel 1 {'vervalt' if gone else 'blijft'}.",
        ]


@needs_uno
@pytest.mark.parametrize("forwards", [True, False], ids=["deleted", "inserted"])
def test_libreoffice_keeps_page_and_section_starts_after_a_changed_paragraph(tmp_path: Path, forwards: bool) -> None:
    old, new = paged(gone=forwards), paged(gone=not forwards)
    assert_stories_round_trip(tmp_path, old, new)


@pytest.mark.parametrize("forwards", [True, False], ids=["deleted", "inserted"])
def test_no_tracked_mark_before_a_page_start_or_at_a_section_end(forwards: bool) -> None:
    # A tracked mark there would join the paragraphs around the page start or the section end (Word keeps the
    # last paragraph's properties, LibreOffice the first one's break): the mark moves up one paragraph instead.
    root = body(redline(paged(gone=forwards), paged(gone=not forwards), AUTHOR, WHEN))
    paragraphs = root.findall("w:p", NS)
    heading = paragraph_with(root, "Ondertekening")
    before = paragraphs[paragraphs.index(heading) - 1]
    ending = root.find("w:p/w:pPr/w:sectPr/../..", NS)
    for p in (before, ending):
        assert p.find("w:pPr/w:rPr/w:del", NS) is None and p.find("w:pPr/w:rPr/w:ins", NS) is None
    assert texts(ending, "delText" if forwards else "t") == "Deze alinea van deel 1 vervalt."
    assert len(root.findall("w:p/w:pPr/w:sectPr", NS)) == 1
