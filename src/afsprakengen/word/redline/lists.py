"""List numbering across the two documents: which new list an old one is, or a copy of it in the new numbering."""

from __future__ import annotations

import copy
from collections.abc import Hashable
from typing import cast

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import qn
from lxml.etree import _Element

from afsprakengen.word.redline.elements import as_int, canon, insert_before
from afsprakengen.word.redline.tags import ABSTRACT, NUM, NUM_ID, NUM_PR


class Lists:
    """Old list numbering in the new document: the new numId of the same list where unchanged or changed paragraphs
    show which one that is, else a copy of the old list added to the new numbering part. The numIds themselves say
    nothing: markdown lists get theirs in render order."""

    def __init__(self, old: _Element | None, new: _Element | None) -> None:
        self._old, self._new = old, new
        self._ids: dict[str, str | None] = {"0": "0"}  # numId 0: numbering switched off

    def observe(self, old_ppr: _Element | None, new_ppr: _Element | None) -> None:
        """An old and a new paragraph that match: where both are in a list of the same kind, it is the same list."""
        old_id, new_id = num_id_of(old_ppr), num_id_of(new_ppr)
        if old_id and new_id and old_id not in self._ids:
            old_num, new_num = num(self._old, old_id), num(self._new, new_id)
            known = old_num is not None and new_num is not None
            if known and list_definition(self._old, old_num) == list_definition(self._new, new_num):
                self._ids[old_id] = new_id

    def num_id(self, old_id: str) -> str | None:
        if old_id not in self._ids:
            self._ids[old_id] = self._import(old_id)
        return self._ids[old_id]

    def _import(self, old_id: str) -> str | None:
        old_num = num(self._old, old_id)
        abstract = _abstract(self._old, old_num)
        if abstract is None or old_num is None or self._new is None:
            return None
        abstract, num_copy = copy.deepcopy(abstract), copy.deepcopy(old_num)
        abstract_id, num_id = (_next_number(self._new, tag, attr) for tag, attr in (ABSTRACT, NUM))
        abstract.set(qn("w:abstractNumId"), abstract_id)
        for nsid in abstract.findall(qn("w:nsid")):  # the list's identity; a copy is another list
            abstract.remove(nsid)
        num_copy.set(qn("w:numId"), num_id)
        num_copy.find(qn("w:abstractNumId")).set(qn("w:val"), abstract_id)
        insert_before(self._new, abstract, {qn("w:num"), qn("w:numIdMacAtCleanup")})
        insert_before(self._new, num_copy, {qn("w:numIdMacAtCleanup")})
        return num_id


def num_id_of(ppr: _Element | None) -> str:
    num_id = ppr.find(f"{NUM_PR}/{NUM_ID}") if ppr is not None else None
    return "" if num_id is None else str(num_id.get(qn("w:val"), ""))


def numbering(part: Part) -> _Element | None:
    try:
        return cast(XmlPart, part.part_related_by(RT.NUMBERING)).element
    except KeyError:
        return None


def num(numbering: _Element | None, num_id: str) -> _Element | None:
    if numbering is None:
        return None
    return next((n for n in numbering.iterchildren(NUM[0]) if n.get(NUM[1]) == num_id), None)


def _abstract(numbering: _Element, num: _Element | None) -> _Element | None:
    ref = num.find(ABSTRACT[1]) if num is not None else None
    if ref is None:
        return None
    wanted = ref.get(qn("w:val"))
    return next((a for a in numbering.iterchildren(ABSTRACT[0]) if a.get(ABSTRACT[1]) == wanted), None)


def list_definition(numbering: _Element, num: _Element) -> Hashable:
    """What a list looks like, without its ids: the levels of its abstract definition and its overrides."""
    abstract = _abstract(numbering, num)
    levels = tuple(canon(c) for c in abstract if c.tag != qn("w:nsid")) if abstract is not None else ()
    return levels, tuple(canon(c) for c in num if c.tag != ABSTRACT[1])


def _next_number(numbering: _Element, tag: str, attribute: str) -> str:
    return str(max([0, *(as_int(el.get(attribute)) for el in numbering.iterchildren(tag))]) + 1)
