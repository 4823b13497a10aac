"""Page and section starts: the paragraphs before which, or after which, a run of paragraph marks must end."""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml.etree import _Element

from afsprakengen.word.redline.elements import insert_before
from afsprakengen.word.redline.tags import PPR, SECTPR

PAGE_BREAK_BEFORE = f"{PPR}/{qn('w:pageBreakBefore')}"
OLD_PAGE_BREAK_BEFORE = f"{PPR}/{qn('w:pPrChange')}/{PPR}/{qn('w:pageBreakBefore')}"
OFF = frozenset({"0", "false", "off"})


def starts_page(p: _Element) -> bool:
    """Whether the paragraph starts a page in the new or in the old document (w:pageBreakBefore).

    Accepting or rejecting a paragraph mark joins two paragraphs, and LibreOffice gives the joined one the page
    break of the first: a tracked mark right before a page start would lose it. The mark moves up instead."""
    return any(_on(p.find(path)) for path in (PAGE_BREAK_BEFORE, OLD_PAGE_BREAK_BEFORE))


def ends_section(p: _Element) -> bool:
    """Whether the paragraph ends a section (its w:pPr holds a w:sectPr): its mark must stay untracked."""
    return p.find(f"{PPR}/{SECTPR}") is not None


def move_section_end(source: _Element, target: _Element) -> None:
    """Move the section end of `source` to `target`, a deleted paragraph that ended the section in the old one."""
    sect_pr = source.find(f"{PPR}/{SECTPR}")
    ppr = target.find(PPR)
    if ppr is None:
        ppr = target.makeelement(PPR, {})
        target.insert(0, ppr)
    insert_before(ppr, sect_pr, {qn("w:pPrChange")})


def _on(flag: _Element | None) -> bool:
    return flag is not None and flag.get(qn("w:val"), "true") not in OFF
