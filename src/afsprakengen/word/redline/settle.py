"""Paragraph-mark settling: marks and properties arranged so that accepting gives the new, rejecting the old."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import _Element

from afsprakengen.word.redline.elements import canon, get_or_add
from afsprakengen.word.redline.marks import Revisions
from afsprakengen.word.redline.pages import ends_section, move_section_end, starts_page
from afsprakengen.word.redline.tags import PPR, PPR_TAIL, RPR, SECTPR, P


@dataclass
class Out:
    """A block of the merged body or cell, and the revision its paragraph mark gets once the order is settled."""

    element: _Element
    mark: str | None = None
    change: str | None = None
    """"ins" or "del" when the whole block is inserted or deleted."""
    key: Hashable = None
    """The block's key when it is unchanged, inserted or deleted whole (blocks with equal keys can trade places)."""
    old_section_end: bool = False
    """A deleted paragraph that ended a section in the old document."""

    @property
    def tracked(self) -> bool:
        return self.change is not None


def settle(outs: list[Out], rev: Revisions) -> list[Out]:
    """Make the paragraph marks of a body or cell work both ways, per run of paragraphs up to a table or the end.

    The mark of a run's last paragraph cannot be a revision (Word and LibreOffice would leave an empty paragraph).
    A run also ends before a paragraph that starts a page and after one that ends a section (pages.py). When
    tracked paragraphs reach that end, each mark moves up one paragraph, as Word does it; when no paragraph
    comes before them, the last deleted and the first inserted paragraph become one. Paragraphs joined by accepting
    or rejecting then take the properties of the one they stand for: Word keeps the last one's, LibreOffice the
    first one's when that keeps text, so both get them (the old ones in a w:pPrChange).
    """
    _move_section_ends(outs)
    settled: list[Out] = []
    run: list[Out] = []
    for out in outs:
        if out.element.tag != P:
            settled += [*_settle_run(run, rev), out]
            run = []
            continue
        if run and starts_page(out.element):
            settled += _settle_run(run, rev)
            run = []
        run.append(out)
        if ends_section(out.element):
            settled += _settle_run(run, rev)
            run = []
    return settled + _settle_run(run, rev)


def _move_section_ends(outs: list[Out]) -> None:
    """A section that ended later in the old document, after paragraphs now deleted, ends after the last of them:
    the deleted paragraphs stay in the section they were in."""
    for index, out in enumerate(outs):
        if out.element.tag != P or not ends_section(out.element):
            continue
        following = itertools.takewhile(lambda o: o.change == "del" and o.element.tag == P, outs[index + 1 :])
        ending = [o for o in following if o.old_section_end]
        if ending:
            move_section_end(out.element, ending[-1].element)


def _settle_run(paragraphs: list[Out], rev: Revisions) -> list[Out]:
    start = len(paragraphs)
    while start > 0 and paragraphs[start - 1].tracked:
        start -= 1
    for first, end in _tracked_stretches(paragraphs[:start]):
        middle = paragraphs[first : end + 1]  # ends at an unchanged paragraph: the marks work as they are
        _dress_group(middle, _group_looks(middle), rev)
    if start == len(paragraphs):
        return paragraphs
    group = paragraphs[max(start - 1, 0) :]
    looks = _group_looks(group)
    if start == 0:
        _join_last_deleted_to_first_inserted(group, paragraphs)
    else:
        shifted = [*(out.mark for out in group[1:]), None]
        for out, mark in zip(group, shifted, strict=True):
            out.mark = mark
    group[-1].mark = None
    _dress_group(group, looks, rev)
    return paragraphs


def _tracked_stretches(paragraphs: list[Out]) -> list[tuple[int, int]]:
    """(first, end) of each stretch of tracked paragraphs, end being the index of the paragraph after it."""
    stretches: list[tuple[int, int]] = []
    index = 0
    while index < len(paragraphs):
        if paragraphs[index].tracked:
            first = index
            while index < len(paragraphs) and paragraphs[index].tracked:
                index += 1
            stretches.append((first, index))
        index += 1
    return stretches


def _group_looks(group: list[Out]) -> tuple[list[list[_Element]], list[list[_Element]]]:
    """The looks the paragraphs of a group stand for: in the new document and in the old one, in order."""
    new_looks = [look(out.element) for out in group if out.change != "del"]
    old_looks = [_old_look(out.element) for out in group if out.change != "ins"]
    return new_looks, old_looks


def _dress_group(group: list[Out], looks: tuple[list[list[_Element]], list[list[_Element]]], rev: Revisions) -> None:
    """Give the paragraphs that accepting or rejecting joins the look of the paragraph they stand for."""
    new_looks, old_looks = looks
    own = [_Looks.of(out) for out in group]
    marks = [out.mark for out in group]
    # Only deleted (or only inserted) paragraphs after a table leave one empty paragraph: a plain one.
    new_looks = [*new_looks, *[[]] * (len(marks) - marks.count("del") - len(new_looks))]
    old_looks = [*old_looks, *[[]] * (len(marks) - marks.count("ins") - len(old_looks))]
    if len(marks) - marks.count("del") != len(new_looks) or len(marks) - marks.count("ins") != len(old_looks):
        return
    accepted, rejected = _joined_looks(group, "del", new_looks), _joined_looks(group, "ins", old_looks)
    for out, natural, new, old in zip(group, own, accepted, rejected, strict=True):
        _dress(out.element, natural.shown(new), natural.before(old), rev)


def _join_last_deleted_to_first_inserted(group: list[Out], paragraphs: list[Out]) -> None:
    deleted = [out for out in group if out.mark == "del"]
    inserted = [out for out in group if out.mark == "ins"]
    if not (deleted and inserted):
        return
    first = inserted[0].element
    at = 1 if first.find(PPR) is not None else 0
    for offset, child in enumerate(c for c in list(deleted[-1].element) if c.tag != PPR):
        first.insert(at + offset, child)
    group.remove(deleted[-1])
    paragraphs.remove(deleted[-1])
    inserted[0].change = None  # old text and new text: it keeps text whichever way


@dataclass(frozen=True)
class _Looks:
    """A paragraph's own properties: new (unless it was deleted) and old (unless it was inserted)."""

    new: list[_Element] | None
    old: list[_Element] | None

    @staticmethod
    def of(out: Out) -> _Looks:
        return _Looks(
            look(out.element) if out.change != "del" else None,
            _old_look(out.element) if out.change != "ins" else None,
        )

    def shown(self, joined: list[_Element] | None) -> list[_Element]:
        if joined is not None:
            return joined
        return self.new if self.new is not None else self.old or []

    def before(self, joined: list[_Element] | None) -> list[_Element] | None:
        return joined if joined is not None else self.old


def _joined_looks(group: list[Out], joining: str, looks: list[list[_Element]]) -> list[list[_Element] | None]:
    """Per paragraph, the look of the paragraph its joined set stands for: on the set's last paragraph (Word keeps
    that one's properties), and on its first when that keeps its text (LibreOffice then keeps the first one's) or
    when that only adds a w:pPrChange (rejecting; LibreOffice does better with it there)."""
    result: list[list[_Element] | None] = []
    wanted = iter(looks)
    members: list[Out] = []
    for out in group:
        members.append(out)
        if out.mark != joining:
            look = next(wanted)
            joined: list[list[_Element] | None] = [None] * len(members)
            joined[-1] = look
            if members[0].change != joining or joining == "ins":
                joined[0] = look
            result += joined
            members = []
    return result


def _dress(p: _Element, shown: list[_Element], before: list[_Element] | None, rev: Revisions) -> None:
    """Give a paragraph these properties, and a w:pPrChange with `before` when that differs."""
    ppr = get_or_add(p, PPR, lambda el: el.insert(0, OxmlElement("w:pPr")))
    for child in [c for c in ppr if c.tag not in (RPR, SECTPR)]:
        ppr.remove(child)
    for index, child in enumerate(shown):
        ppr.insert(index, copy.deepcopy(child))
    if before is not None and _canon_all(before) != _canon_all(shown):
        ppr.append(rev.property_change("pPr", before))


def look(p: _Element) -> list[_Element]:
    """A paragraph's own properties (CT_PPrBase)."""
    ppr = p.find(PPR)
    return [copy.deepcopy(c) for c in ppr if c.tag not in PPR_TAIL] if ppr is not None else []


def _old_look(p: _Element) -> list[_Element]:
    """The properties a paragraph had in the old document: from its w:pPrChange, else its own."""
    change = p.find(f"{PPR}/{qn('w:pPrChange')}/{PPR}")
    return [copy.deepcopy(c) for c in change] if change is not None else look(p)


def _canon_all(elements: Iterable[_Element]) -> Hashable:
    return tuple(canon(e) for e in elements)
