"""Headers and footers: each of NEW's paired with OLD's of the same section, kind and type, merged like the body."""

from __future__ import annotations

from collections.abc import Iterator

from docx.document import Document
from docx.oxml.ns import qn
from docx.parts.story import StoryPart
from lxml.etree import _Element

from afsprakengen.word.redline.tags import SECTPR

REFERENCES = (qn("w:headerReference"), qn("w:footerReference"))


def story_pairs(old: Document, new: Document) -> Iterator[tuple[StoryPart, StoryPart]]:
    """(old part, new part) per header and footer NEW's sections use, once each; a section OLD lacks is compared
    with OLD's last section, a reference OLD lacks is not compared."""
    old_sections, seen = _sections(old), set()
    for index, section in enumerate(_sections(new)):
        theirs = old_sections[min(index, len(old_sections) - 1)] if old_sections else None
        for tag, kind, rid in _references(section):
            old_rid = _reference(theirs, tag, kind) if theirs is not None else None
            if old_rid is None or rid in seen:
                continue
            seen.add(rid)
            yield _part(old, old_rid), _part(new, rid)


def _sections(document: Document) -> list[_Element]:
    return list(document.element.body.iter(SECTPR))


def _references(section: _Element) -> Iterator[tuple[str, str, str]]:
    for ref in section:
        if ref.tag in REFERENCES:
            yield ref.tag, ref.get(qn("w:type"), "default"), ref.get(qn("r:id"), "")


def _reference(section: _Element, tag: str, kind: str) -> str | None:
    return next((rid for t, k, rid in _references(section) if (t, k) == (tag, kind)), None)


def _part(document: Document, rid: str) -> StoryPart:
    part = document.part.related_parts[rid]
    assert isinstance(part, StoryPart), "a header or footer reference points at a header or footer part"
    return part
