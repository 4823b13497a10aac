"""Fill the table of contents at build time, so it shows its entries when first opened (no F9, no dialog)."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

LEVELS = {"Heading1": 1, "Heading2": 2}
"""Heading style ids that go into the table of contents, with their level."""


def fill_toc(body: BaseOxmlElement) -> None:
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


def _toc_paragraph(body: BaseOxmlElement) -> BaseOxmlElement | None:
    for instr in body.iter(qn("w:instrText")):
        if (instr.text or "").strip().startswith("TOC"):
            paragraph: BaseOxmlElement = instr.getparent().getparent()
            return paragraph
    return None


_HEADING_STYLES = " or ".join(f'@w:val="{style}"' for style in LEVELS)
_HEADINGS = etree.XPath(f".//w:pPr/w:pStyle[{_HEADING_STYLES}]", namespaces={"w": qn("w:p")[1:].split("}")[0]})
"""The style marks of heading paragraphs: a search in C, so a long document is not walked paragraph by paragraph."""


def _headings(body: BaseOxmlElement) -> list[tuple[BaseOxmlElement, int]]:
    found = []
    for style in _HEADINGS(body):
        p = style.getparent().getparent()
        if p.tag == _P and "".join(t.text or "" for t in p.iter(qn("w:t"))).strip():
            found.append((p, LEVELS[style.get(qn("w:val"))]))
    return found


_P = qn("w:p")


def _clear_result(field: BaseOxmlElement) -> None:
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


def _is_fld_char(run: BaseOxmlElement, kind: str) -> bool:
    char = run.find(qn("w:fldChar"))
    return char is not None and char.get(qn("w:fldCharType")) == kind


def _entry(heading: BaseOxmlElement, level: int, number: int) -> BaseOxmlElement:
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


def _bookmark(heading: BaseOxmlElement, name: str, number: int) -> None:
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


def _paragraph(style: str) -> BaseOxmlElement:
    p = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    pstyle = OxmlElement("w:pStyle")
    pstyle.set(qn("w:val"), style)
    ppr.append(pstyle)
    p.append(ppr)
    return p


def _fld_char(kind: str) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run
