"""Revision marks: w:ins, w:del and property changes with one author and date, and ids that are free."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable
from datetime import UTC, datetime

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import _Element

from afsprakengen.word.redline.elements import get_or_add, insert_before
from afsprakengen.word.redline.tags import (
    ANNOTATION_IDS,
    DEL_INSTR,
    DEL_TEXT,
    INS,
    INSTR,
    PPR,
    RPR,
    SECTPR,
    TC,
    TR,
    TRACKED,
    TRACKED_ROW,
    TRPR,
    P,
    R,
    T,
)


class Revisions:
    """Makes the revision elements: one author and date for all, ids counted up from a free one."""

    def __init__(self, author: str, when: datetime, first_id: int) -> None:
        self.author = author
        moment = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
        self.date = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._ids = itertools.count(first_id)

    def new_id(self) -> str:
        return str(next(self._ids))

    def element(self, tag: str) -> _Element:
        """A new w:ins, w:del, w:rPrChange or w:pPrChange with id, author and date."""
        element = OxmlElement(tag)
        element.set(qn("w:id"), self.new_id())
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        return element

    def wrap(self, kind: str, runs: Iterable[_Element]) -> _Element:
        wrapper = self.element(f"w:{kind}")
        wrapper.extend(runs)
        return wrapper

    def track_all(self, block: _Element, kind: str) -> None:
        """Everything in a block inserted or deleted: its runs, its rows and (inside it) its paragraph marks."""
        self._wrap_runs(block, kind)
        for row in block.iter(TR):
            self.mark_row(row, kind)
        for p in block.iter(P):
            if p is not block and not _ends_cell(p) and not _in_run(p):
                self.mark_paragraph(p, kind)

    def _wrap_runs(self, block: _Element, kind: str) -> None:
        """Put each stretch of sibling runs in one w:ins/w:del (inside hyperlinks and fields too)."""
        wrapper = None
        for run in [r for r in block.iter(R) if not _in_run(r) and not _tracked(r)]:
            if wrapper is None or run.getprevious() is not wrapper:
                wrapper = self.element(f"w:{kind}")
                run.addprevious(wrapper)
            wrapper.append(run)
            if kind == "del":
                _to_deleted_text(run)

    def mark_paragraph(self, p: _Element, kind: str) -> None:
        """Mark the paragraph mark inserted or deleted: w:pPr/w:rPr/w:ins|w:del, first in the w:rPr."""
        ppr = get_or_add(p, PPR, lambda el: el.insert(0, OxmlElement("w:pPr")))
        rpr = get_or_add(ppr, RPR, lambda el: insert_before(el, OxmlElement("w:rPr"), {SECTPR, qn("w:pPrChange")}))
        mark = self.element(f"w:{kind}")
        before = rpr.find(INS)
        if before is not None:
            before.addnext(mark)
        else:
            rpr.insert(0, mark)

    def mark_row(self, row: _Element, kind: str) -> None:
        """Mark a table row inserted or deleted: w:trPr/w:ins|w:del, after the row properties proper."""
        prex = qn("w:tblPrEx")
        trpr = get_or_add(row, TRPR, lambda el: el.insert(1 if el.find(prex) is not None else 0, OxmlElement("w:trPr")))
        if all(c.tag in TRACKED_ROW for c in trpr):
            # CT_TrPrBase needs one row property before the revision; this one says what is so anyway.
            trpr.insert(0, OxmlElement("w:cantSplit", {qn("w:val"): "off"}))
        insert_before(trpr, self.element(f"w:{kind}"), {qn("w:trPrChange")})

    def property_change(self, tag: str, old_properties: Iterable[_Element]) -> _Element:
        """A w:rPrChange/w:pPrChange that records the old properties (copies of the elements given)."""
        change = self.element(f"w:{tag}Change")
        props = OxmlElement(f"w:{tag}")
        props.extend(copy.deepcopy(c) for c in old_properties)
        change.append(props)
        return change


def _to_deleted_text(run: _Element) -> None:
    for child in run:
        if child.tag == T:
            child.tag = DEL_TEXT
        elif child.tag == INSTR:
            child.tag = DEL_INSTR


def _in_run(element: _Element) -> bool:
    """Inside another run (a text box in a drawing): tracked with the run that holds it."""
    return next(element.iterancestors(R), None) is not None


def _tracked(run: _Element) -> bool:
    return any(a.tag in TRACKED for a in run.iterancestors())


def _ends_cell(p: _Element) -> bool:
    """The last paragraph of a table cell, whose mark Word cannot insert or delete."""
    return bool(p.getparent().tag == TC and p.getnext() is None)


def first_free_id(document: Document) -> int:
    """One more than every numeric w:id in the new package (bookmarks, comments, revisions share the space)."""
    ids = [0]
    for part in document.part.package.iter_parts():
        root = getattr(part, "element", None)
        if root is not None:
            ids.extend(int(v) for v in ANNOTATION_IDS(root) if v.isdigit())
    return max(ids) + 1
