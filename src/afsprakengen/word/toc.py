"""Fill the table of contents at build time, so it shows its entries when first opened (no F9, no dialog)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from afsprakengen.word.assemble import STRICT, serialize
from afsprakengen.word.package import read_parts, stored_zip
from afsprakengen.word.xml import NAMESPACES, nsdecls, parse_xml, qn, whole_number
from afsprakengen.word.xml import element as OxmlElement

LEVELS = {"Heading1": 1, "Heading2": 2}
"""Heading style ids that go into the table of contents, with their level."""


def fill_toc(body: etree._Element) -> None:
    """Replace the cached result of the TOC field in a document's body by one linked entry per heading."""
    field = _toc_paragraph(body)
    if field is None:
        return
    entries = [_entry(p, level, i) for i, (p, level) in enumerate(_headings(body), start=1)]
    _clear_result(field)
    anchor = field
    for entry in entries:
        anchor.addnext(entry)
        anchor = entry
    end = _paragraph("TOC1")
    end.append(_fld_char("end"))
    anchor.addnext(end)


def _toc_paragraph(body: etree._Element) -> etree._Element | None:
    for instr in body.iter(qn("w:instrText")):
        if (instr.text or "").strip().startswith("TOC"):
            paragraph: etree._Element = instr.getparent().getparent()
            return paragraph
    return None


_HEADING_STYLES = " or ".join(f'@w:val="{style}"' for style in LEVELS)
_HEADINGS = etree.XPath(f".//w:pPr/w:pStyle[{_HEADING_STYLES}]", namespaces={"w": NAMESPACES["w"]})
"""The style marks of heading paragraphs: a search in C, so a long document is not walked paragraph by paragraph."""


def _headings(body: etree._Element) -> list[tuple[etree._Element, int]]:
    found = []
    for style in _HEADINGS(body):
        p = style.getparent().getparent()
        if p.tag == _P and "".join(t.text or "" for t in p.iter(qn("w:t"))).strip():
            found.append((p, LEVELS[style.get(qn("w:val"))]))
    return found


_P = qn("w:p")


def _clear_result(field: etree._Element) -> None:
    """Drop the field's old result: the runs after its 'separate' mark, and paragraphs up to its 'end'."""
    runs = list(field.iter(qn("w:r")))
    ends_here = any(_is_fld_char(r, "end") for r in runs)
    separate = next(i for i, r in enumerate(runs) if _is_fld_char(r, "separate"))
    for run in runs[separate + 1 :]:
        run.getparent().remove(run)
    sibling = None if ends_here else field.getnext()
    while sibling is not None:
        nxt = sibling.getnext()
        done = any(_is_fld_char(r, "end") for r in sibling.iter(qn("w:r")))
        sibling.getparent().remove(sibling)
        sibling = None if done else nxt


def _is_fld_char(run: etree._Element, kind: str) -> bool:
    char = run.find(qn("w:fldChar"))
    return char is not None and char.get(qn("w:fldCharType")) == kind


def _entry(heading: etree._Element, level: int, number: int) -> etree._Element:
    name = f"_Toc{number:06d}"
    _bookmark(heading, name, number)
    text = "".join(t.text or "" for t in heading.iter(qn("w:t")))
    p = _paragraph(f"TOC{level}")
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), name)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    link.append(run)
    p.append(link)
    return p


def _bookmark(heading: etree._Element, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(9000 + number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(9000 + number))
    ppr = heading.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        heading.insert(0, start)
    heading.append(end)


def _paragraph(style: str) -> etree._Element:
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    pstyle = OxmlElement("w:pStyle")
    pstyle.set(qn("w:val"), style)
    ppr.append(pstyle)
    p.append(ppr)
    return p


def _fld_char(kind: str) -> etree._Element:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


_DOCUMENT = "word/document.xml"
_TOC_ANCHOR = re.compile(r"_Toc(\d{6})$")


def has_toc(docx: bytes) -> bool:
    """Whether a rendered document has contents entries (made by `fill_toc`) that page numbers can go into."""
    return b'w:anchor="_Toc' in read_parts(docx)[_DOCUMENT]


def with_page_numbers(docx: bytes, pages: Mapping[int, int]) -> bytes:
    """The document with each contents entry ending in its page: a right tab with dots, and a PAGEREF field.

    `pages` maps the number of each `_TocNNNNNN` bookmark to its page. The field's result is the page, so Word
    and LibreOffice show it at first opening without updating fields; updating them finds the same page.
    """
    parts = read_parts(docx)
    root = etree.fromstring(parts[_DOCUMENT], STRICT)
    right = _text_width(root)
    for link in root.iter(qn("w:hyperlink")):
        match = _TOC_ANCHOR.match(link.get(qn("w:anchor")) or "")
        if match and int(match.group(1)) in pages:
            _number_entry(link, match.group(0), pages[int(match.group(1))], right)
    parts[_DOCUMENT] = serialize(root)
    return stored_zip(parts)


def _number_entry(link: etree._Element, bookmark: str, page: int, right: int) -> None:
    paragraph = link.getparent()
    ppr = paragraph.find(qn("w:pPr"))
    tabs = parse_xml(f'<w:tabs {nsdecls("w")}><w:tab w:val="right" w:leader="dot" w:pos="{right}"/></w:tabs>')
    ppr.find(qn("w:pStyle")).addnext(tabs)
    tab = OxmlElement("w:r")
    tab.append(OxmlElement("w:tab"))
    link.append(tab)
    link.append(_fld_char("begin"))
    link.append(_run_with("w:instrText", f" PAGEREF {bookmark} \\h "))
    link.append(_fld_char("separate"))
    link.append(_run_with("w:t", str(page)))
    link.append(_fld_char("end"))


def _run_with(tag: str, text: str) -> etree._Element:
    run = OxmlElement("w:r")
    child = OxmlElement(tag)
    child.text = text
    child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(child)
    return run


def _text_width(root: etree._Element) -> int:
    """The width between the margins of the document's last section, in twips (A4 with 2.5 cm margins if unknown)."""
    sect = root.find(f"{qn('w:body')}/{qn('w:sectPr')}")
    size = sect.find(qn("w:pgSz")) if sect is not None else None
    margins = sect.find(qn("w:pgMar")) if sect is not None else None
    if size is None or margins is None:
        return 9072
    width, left, rightm = (
        whole_number(x, 0) for x in (size.get(qn("w:w")), margins.get(qn("w:left")), margins.get(qn("w:right")))
    )
    return max(width - left - rightm, 1)
