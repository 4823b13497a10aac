"""Redline: the newer of two rendered documents with every difference from the older as a Word tracked change.

The new body is rebuilt as a merge. Blocks (paragraphs, tables) are matched by a key of their text, formatting and
targets; unchanged ones stay, similar ones are diffed inside (words in a paragraph, rows and cells in a table), the
rest are deleted (copied from the old document) or inserted whole. Paragraph marks are then arranged so that
accepting every change gives the new text and rejecting every change the old text, in Word and in LibreOffice.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import itertools
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from afsprakengen.rounds.worddiff import matches, opcodes, token_starts, tokens, words

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P, TBL, TR, TC, SDT, R = (qn(f"w:{tag}") for tag in ("p", "tbl", "tr", "tc", "sdt", "r"))
PPR, RPR, TRPR, TCPR, SECTPR = (qn(f"w:{tag}") for tag in ("pPr", "rPr", "trPr", "tcPr", "sectPr"))
T, DEL_TEXT, INSTR, DEL_INSTR = (qn(f"w:{tag}") for tag in ("t", "delText", "instrText", "delInstrText"))
INS, DEL, HYPERLINK, NUM_PR, NUM_ID = (qn(f"w:{tag}") for tag in ("ins", "del", "hyperlink", "numPr", "numId"))
ANNOTATION_IDS = etree.XPath("//@w:id", namespaces={"w": W_NS})
BOOKMARKS = frozenset({qn("w:bookmarkStart"), qn("w:bookmarkEnd")})
TRACKED = frozenset({INS, DEL, qn("w:moveFrom"), qn("w:moveTo")})
TRACKED_ROW = frozenset({INS, DEL, qn("w:trPrChange")})
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_ID, R_EMBED = f"{{{R_NS}}}id", f"{{{R_NS}}}embed"
BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
SPECIAL_CHARS = {
    qn("w:tab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "\u2011",
    qn("w:softHyphen"): "\u00ad",
}
"""Run content other than w:t that a word-level diff can handle, with the character it stands for."""
IGNORED_IN_RUN = frozenset({RPR, qn("w:lastRenderedPageBreak")})
NOT_COPIED = frozenset(
    {*BOOKMARKS, SECTPR, qn("w:pPrChange"), qn("w:rPrChange")}
    | {qn(f"w:{tag}") for tag in ("commentRangeStart", "commentRangeEnd", "commentReference")}
    | {qn(f"w:{tag}") for tag in ("footnoteReference", "endnoteReference", "permStart", "permEnd")}
)
"""What a deleted block copied from the old document leaves behind: anchors and references into its own parts."""
PPR_TAIL = frozenset({RPR, SECTPR, qn("w:pPrChange")})
"""w:pPr children that are not paragraph properties proper (CT_PPrBase); a w:pPrChange holds only the others."""
KEY_LEAVES_OUT = frozenset({SECTPR, qn("w:pPrChange")})
"""w:pPr children that do not decide whether a paragraph is unchanged."""
CUTOFF = 0.5
"""Least similarity (0..1, on words) for an old and a new paragraph or row to be shown as one changed block."""
MAX_PAIRING = 2500
"""Largest old x new block count of a changed stretch searched for similar pairs; larger ones are replaced whole."""


def redline(old_docx: bytes, new_docx: bytes, author: str, when: datetime) -> bytes:
    """The NEW document with every difference from OLD in its body as a tracked change (w:ins/w:del)."""
    old, new = docx.Document(BytesIO(old_docx)), docx.Document(BytesIO(new_docx))
    revisions = _Revisions(author, when, _first_free_id(new))
    importer = _Importer(old.part, new.part, revisions.new_id)
    merger = _Merger(_Side(old.part), _Side(new.part), revisions, importer)
    merger.merge_container(old.element.body, new.element.body)
    out = BytesIO()
    new.save(out)
    return out.getvalue()


# --- revision marks --------------------------------------------------------------------------------------------


class _Revisions:
    """Makes the revision elements: one author and date for all, ids counted up from a free one."""

    def __init__(self, author: str, when: datetime, first_id: int) -> None:
        self.author = author
        moment = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
        self.date = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._ids = itertools.count(first_id)

    def new_id(self) -> str:
        return str(next(self._ids))

    def element(self, tag: str) -> Any:
        """A new w:ins, w:del, w:rPrChange or w:pPrChange with id, author and date."""
        element = OxmlElement(tag)
        element.set(qn("w:id"), self.new_id())
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        return element

    def wrap(self, kind: str, runs: Iterable[Any]) -> Any:
        wrapper = self.element(f"w:{kind}")
        wrapper.extend(runs)
        return wrapper

    def track_all(self, block: Any, kind: str) -> None:
        """Everything in a block inserted or deleted: its runs, its rows and (inside it) its paragraph marks."""
        self._wrap_runs(block, kind)
        for row in block.iter(TR):
            self.mark_row(row, kind)
        for p in block.iter(P):
            if p is not block and not _ends_cell(p) and not _in_run(p):
                self.mark_paragraph(p, kind)

    def _wrap_runs(self, block: Any, kind: str) -> None:
        """Put each stretch of sibling runs in one w:ins/w:del (inside hyperlinks and fields too)."""
        wrapper = None
        for run in [r for r in block.iter(R) if not _in_run(r) and not _tracked(r)]:
            if wrapper is None or run.getprevious() is not wrapper:
                wrapper = self.element(f"w:{kind}")
                run.addprevious(wrapper)
            wrapper.append(run)
            if kind == "del":
                _to_deleted_text(run)

    def mark_paragraph(self, p: Any, kind: str) -> None:
        """Mark the paragraph mark inserted or deleted: w:pPr/w:rPr/w:ins|w:del, first in the w:rPr."""
        ppr = _child(p, PPR, lambda el: el.insert(0, OxmlElement("w:pPr")))
        rpr = _child(ppr, RPR, lambda el: _insert_before(el, OxmlElement("w:rPr"), {SECTPR, qn("w:pPrChange")}))
        mark = self.element(f"w:{kind}")
        before = rpr.find(INS)
        if before is not None:
            before.addnext(mark)
        else:
            rpr.insert(0, mark)

    def mark_row(self, row: Any, kind: str) -> None:
        """Mark a table row inserted or deleted: w:trPr/w:ins|w:del, after the row properties proper."""
        prex = qn("w:tblPrEx")
        trpr = _child(row, TRPR, lambda el: el.insert(1 if el.find(prex) is not None else 0, OxmlElement("w:trPr")))
        if all(c.tag in TRACKED_ROW for c in trpr):
            # CT_TrPrBase needs one row property before the revision; this one says what is so anyway.
            trpr.insert(0, OxmlElement("w:cantSplit", {qn("w:val"): "off"}))
        _insert_before(trpr, self.element(f"w:{kind}"), {qn("w:trPrChange")})

    def property_change(self, tag: str, old_properties: Iterable[Any]) -> Any:
        """A w:rPrChange/w:pPrChange that records the old properties (copies of the elements given)."""
        change = self.element(f"w:{tag}Change")
        props = OxmlElement(f"w:{tag}")
        props.extend(copy.deepcopy(c) for c in old_properties)
        change.append(props)
        return change


def _set_children(parent: Any, children: list[Any]) -> None:
    """Make these the parent's children, in order. Appending moves an element; lxml's remove() is slow in a big
    body (it reconciles namespaces), so only the children left out are removed."""
    for child in children:
        parent.append(child)
    for stale in list(parent)[: len(parent) - len(children)]:
        parent.remove(stale)


def _child(parent: Any, tag: str, create: Callable[[Any], None]) -> Any:
    found = parent.find(tag)
    if found is None:
        create(parent)
        found = parent.find(tag)
    return found


def _insert_before(parent: Any, element: Any, successors: set[str]) -> None:
    following = next((c for c in parent if c.tag in successors), None)
    if following is None:
        parent.append(element)
    else:
        following.addprevious(element)


def _to_deleted_text(run: Any) -> None:
    for child in run:
        if child.tag == T:
            child.tag = DEL_TEXT
        elif child.tag == INSTR:
            child.tag = DEL_INSTR


def _in_run(element: Any) -> bool:
    """Inside another run (a text box in a drawing): tracked with the run that holds it."""
    return next(element.iterancestors(R), None) is not None


def _tracked(run: Any) -> bool:
    return any(a.tag in TRACKED for a in run.iterancestors())


def _ends_cell(p: Any) -> bool:
    """The last paragraph of a table cell, whose mark Word cannot insert or delete."""
    return bool(p.getparent().tag == TC and p.getnext() is None)


def _first_free_id(document: Any) -> int:
    """One more than every numeric w:id in the new package (bookmarks, comments, revisions share the space)."""
    ids = [0]
    for part in document.part.package.iter_parts():
        root = getattr(part, "element", None)
        if root is not None:
            ids.extend(int(v) for v in ANNOTATION_IDS(root) if v.isdigit())
    return max(ids) + 1


# --- the two documents -----------------------------------------------------------------------------------------


class _Side:
    """One of the two documents: block keys and word tokens, cached, resolved through its relationships."""

    def __init__(self, part: Any) -> None:
        self._part = part
        self._numbering = _numbering(part)
        self._keys: dict[Any, Hashable] = {}
        self._words: dict[Any, list[str]] = {}
        self._lists: dict[str, Hashable] = {}

    def key(self, block: Any) -> Hashable:
        """What must be the same for a block (paragraph, table, row, cell) to count as unchanged."""
        if block not in self._keys:
            self._keys[block] = self._make_key(block)
        return self._keys[block]

    def _make_key(self, block: Any) -> Hashable:
        if block.tag in (TBL, TR, TC):
            return block.tag, self._signature(block)
        return block.tag, self.look(block.find(PPR), KEY_LEAVES_OUT), self._signature(block)

    def look(self, ppr: Any, leave_out: frozenset[str]) -> Hashable:
        """Paragraph properties as a comparable value; a list by its definition, as numIds differ between renders."""
        if ppr is None:
            return ()
        num_id = ppr.find(f"{NUM_PR}/{NUM_ID}")
        listed = self._list(num_id.get(qn("w:val"), "")) if num_id is not None else ()
        return tuple(_canon(c, skip=NUM_ID) for c in ppr if c.tag not in leave_out), listed

    def _list(self, num_id: str) -> Hashable:
        if num_id not in self._lists:
            num = _num(self._numbering, num_id)
            self._lists[num_id] = _list_definition(self._numbering, num) if num is not None else num_id
        return self._lists[num_id]

    def _signature(self, block: Any) -> tuple[Hashable, ...]:
        """Text, run formatting, link targets, field codes and pictures of a block, in order."""
        items: list[Hashable] = []
        for node in block.iter(R, T, INSTR, HYPERLINK, BLIP, P, TR, TC, *SPECIAL_CHARS):
            tag = node.tag
            if tag == R:
                items.append(_canon(node.find(RPR)))
            elif tag == T or (tag in SPECIAL_CHARS and node.getparent().tag == R):
                items.append(_char(node))
            elif tag == INSTR:
                items.append(("field", node.text or ""))
            elif tag == HYPERLINK:
                items.append(("link", self._target(node.get(R_ID))))
            elif tag == BLIP:
                items.append(("picture", self._blob_hash(node.get(R_EMBED))))
            elif tag == P and node is not block:
                items.append(("paragraph", self.look(node.find(PPR), KEY_LEAVES_OUT)))
            elif tag in (TR, TC) and node is not block:
                items.append(tag)
        return tuple(items)

    def words(self, block: Any) -> list[str]:
        """The words and punctuation of a block, for how similar two blocks are."""
        if block not in self._words:
            self._words[block] = words(_text(block))
        return self._words[block]

    def _target(self, rid: str | None) -> str:
        rel = self._part.rels.get(rid) if rid else None
        return str(rel.target_ref) if rel is not None and rel.is_external else ""

    def _blob_hash(self, rid: str | None) -> str:
        rel = self._part.rels.get(rid) if rid else None
        if rel is None or rel.is_external:
            return ""
        return hashlib.sha256(rel.target_part.blob).hexdigest()


class _Importer:
    """Copies old blocks into the new document: drops anchors, points references at the new package."""

    def __init__(self, old_part: Any, new_part: Any, new_id: Callable[[], str]) -> None:
        self._old, self._new, self._new_id = old_part, new_part, new_id
        self._rids: dict[str, str | None] = {}
        self._lists = _Lists(_numbering(old_part), _numbering(new_part))
        body = new_part.element
        self._doc_pr_ids = itertools.count(max([0, *(_int(d.get("id")) for d in body.iter(DOC_PR))]) + 1)

    def copy(self, block: Any) -> Any:
        block = copy.deepcopy(block)
        for node in [n for n in block.iter("{*}*") if n.tag in NOT_COPIED]:
            node.getparent().remove(node)
        for node in list(block.iter("{*}*")):
            self._fix(node)
        return block

    def _fix(self, node: Any) -> None:
        for name in [a for a in node.attrib if a.startswith(f"{{{W14}}}")]:
            del node.attrib[name]  # paraId/textId must stay unique; Word makes new ones
        for name in [a for a in node.attrib if a.startswith(f"{{{R_NS}}}")]:
            rid = self._rid(node.get(name))
            if rid is None:
                del node.attrib[name]
            else:
                node.set(name, rid)
        if node.get(qn("w:id")) is not None:  # a revision the old document had: ids must stay unique
            node.set(qn("w:id"), self._new_id())
        if node.tag == DOC_PR:
            node.set("id", str(next(self._doc_pr_ids)))
        if node.tag == PPR:
            self.fix_numbering(node)

    def observe_lists(self, old: Any, new: Any) -> None:
        self._lists.observe(old.find(PPR), new.find(PPR))

    def new_num_id(self, old_id: str) -> str | None:
        return self._lists.num_id(old_id)

    def fix_numbering(self, ppr: Any) -> None:
        """Point an old list paragraph at the same list in the new numbering part (or drop its numbering)."""
        num_id = ppr.find(f"{NUM_PR}/{NUM_ID}")
        if num_id is None:
            return
        new_id = self._lists.num_id(num_id.get(qn("w:val"), ""))
        if new_id is None:
            ppr.remove(ppr.find(NUM_PR))
        else:
            num_id.set(qn("w:val"), new_id)

    def _rid(self, old_rid: str) -> str | None:
        if old_rid not in self._rids:
            self._rids[old_rid] = self._relate(old_rid)
        return self._rids[old_rid]

    def _relate(self, old_rid: str) -> str | None:
        """The new document's relationship to what the old one's points at: links and pictures; else none."""
        rel = self._old.rels.get(old_rid)
        if rel is None:
            return None
        if rel.is_external:
            return str(self._new.relate_to(rel.target_ref, rel.reltype, is_external=True))
        if rel.reltype == RT.IMAGE:
            return str(self._new.get_or_add_image(BytesIO(rel.target_part.blob))[0])
        return None


class _Lists:
    """Old list numbering in the new document: the new numId of the same list where unchanged or changed paragraphs
    show which one that is, else a copy of the old list added to the new numbering part. The numIds themselves say
    nothing: markdown lists get theirs in render order."""

    def __init__(self, old: Any, new: Any) -> None:
        self._old, self._new = old, new
        self._ids: dict[str, str | None] = {"0": "0"}  # numId 0: numbering switched off

    def observe(self, old_ppr: Any, new_ppr: Any) -> None:
        """An old and a new paragraph that match: where both are in a list of the same kind, it is the same list."""
        old_id, new_id = _num_id(old_ppr), _num_id(new_ppr)
        if old_id and new_id and old_id not in self._ids:
            old_num, new_num = _num(self._old, old_id), _num(self._new, new_id)
            known = old_num is not None and new_num is not None
            if known and _list_definition(self._old, old_num) == _list_definition(self._new, new_num):
                self._ids[old_id] = new_id

    def num_id(self, old_id: str) -> str | None:
        if old_id not in self._ids:
            self._ids[old_id] = self._import(old_id)
        return self._ids[old_id]

    def _import(self, old_id: str) -> str | None:
        old_num = _num(self._old, old_id)
        abstract = _abstract(self._old, old_num)
        if abstract is None or self._new is None:
            return None
        abstract, num = copy.deepcopy(abstract), copy.deepcopy(old_num)
        abstract_id, num_id = (_next_number(self._new, tag, attr) for tag, attr in (ABSTRACT, NUM))
        abstract.set(qn("w:abstractNumId"), abstract_id)
        for nsid in abstract.findall(qn("w:nsid")):  # the list's identity; a copy is another list
            abstract.remove(nsid)
        num.set(qn("w:numId"), num_id)
        num.find(qn("w:abstractNumId")).set(qn("w:val"), abstract_id)
        _insert_before(self._new, abstract, {qn("w:num"), qn("w:numIdMacAtCleanup")})
        _insert_before(self._new, num, {qn("w:numIdMacAtCleanup")})
        return num_id


ABSTRACT = (qn("w:abstractNum"), qn("w:abstractNumId"))
NUM = (qn("w:num"), qn("w:numId"))


def _num_id(ppr: Any) -> str:
    num_id = ppr.find(f"{NUM_PR}/{NUM_ID}") if ppr is not None else None
    return "" if num_id is None else str(num_id.get(qn("w:val"), ""))


def _numbering(part: Any) -> Any:
    try:
        return part.part_related_by(RT.NUMBERING).element
    except KeyError:
        return None


def _num(numbering: Any, num_id: str) -> Any:
    if numbering is None:
        return None
    return next((n for n in numbering.iterchildren(NUM[0]) if n.get(NUM[1]) == num_id), None)


def _abstract(numbering: Any, num: Any) -> Any:
    ref = num.find(ABSTRACT[1]) if num is not None else None
    if ref is None:
        return None
    wanted = ref.get(qn("w:val"))
    return next((a for a in numbering.iterchildren(ABSTRACT[0]) if a.get(ABSTRACT[1]) == wanted), None)


def _list_definition(numbering: Any, num: Any) -> Hashable:
    """What a list looks like, without its ids: the levels of its abstract definition and its overrides."""
    abstract = _abstract(numbering, num)
    levels = tuple(_canon(c) for c in abstract if c.tag != qn("w:nsid")) if abstract is not None else ()
    return levels, tuple(_canon(c) for c in num if c.tag != ABSTRACT[1])


def _next_number(numbering: Any, tag: str, attribute: str) -> str:
    return str(max([0, *(_int(el.get(attribute)) for el in numbering.iterchildren(tag))]) + 1)


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else -1


# --- merging ---------------------------------------------------------------------------------------------------


@dataclass
class _Out:
    """A block of the merged body or cell, and the revision its paragraph mark gets once the order is settled."""

    element: Any
    mark: str | None = None
    change: str | None = None
    """"ins" or "del" when the whole block is inserted or deleted."""
    key: Hashable = None
    """The block's key when it is unchanged, inserted or deleted whole (blocks with equal keys can trade places)."""

    @property
    def tracked(self) -> bool:
        return self.change is not None


class _Merger:
    """Rebuilds the new body as old and new merged, differences marked."""

    def __init__(self, old: _Side, new: _Side, revisions: _Revisions, importer: _Importer) -> None:
        self.old, self.new, self.rev, self.importer = old, new, revisions, importer
        self._word_diffs: dict[Any, _WordDiff] = {}
        self._replaced: dict[Any, list[Any]] = {}
        """Paragraphs whose old content was deleted whole, with that content (it comes before the new)."""

    def merge_container(self, old: Any, new: Any) -> None:
        """A body or table cell: its blocks merged, then put back between its properties."""
        outs = _settle(_slide(self._merge_blocks(_blocks(old), _blocks(new))), self.rev)
        for out in outs:
            if out.mark:
                self.rev.mark_paragraph(out.element, out.mark)
        self._untangle([out.element for out in outs])
        head = [c for c in new if c.tag == TCPR]
        tail = [c for c in new if c.tag == SECTPR]
        _set_children(new, [*head, *(out.element for out in outs), *tail])

    def _untangle(self, blocks: list[Any]) -> None:
        """LibreOffice makes one change of an insertion that ends a paragraph and one that starts the next, the
        untracked paragraph mark between them included, so rejecting it joins the paragraphs. Where that would
        happen, the paragraph before is redone to end with a deletion, or else the one after to start with one."""
        for first, second in itertools.pairwise(blocks):
            if first.tag == P and second.tag == P and _insertions_meet(first, second):
                self._end_with_deletion(first)
                if _insertions_meet(first, second) and second in self._word_diffs:
                    self._word_diffs[second].deletion_first = True
                    self._write_words(self._word_diffs[second], second)

    def _end_with_deletion(self, p: Any) -> None:
        if p in self._word_diffs:
            self._word_diffs[p].deletion_last = True
            self._write_words(self._word_diffs[p], p)
        elif p in self._replaced:
            p.extend(self._replaced[p])  # the old content after the new

    def _merge_blocks(self, olds: list[Any], news: list[Any]) -> list[_Out]:
        outs: list[_Out] = []
        ops = opcodes([self.old.key(b) for b in olds], [self.new.key(b) for b in news])
        for op, i1, i2, j1, j2 in ops:  # lists first, before any old list paragraph is copied
            if op == "equal":
                for old, new in zip(olds[i1:i2], news[j1:j2], strict=True):
                    if old.tag == P:
                        self.importer.observe_lists(old, new)
        for op, i1, i2, j1, j2 in ops:
            if op == "equal":
                for old, new in zip(olds[i1:i2], news[j1:j2], strict=True):
                    if old.tag == P and _num_id(old.find(PPR)):
                        self._record_properties(old, new)  # a list item can have moved to another list
                outs.extend(_Out(b, key=self.new.key(b)) for b in news[j1:j2])
            else:
                outs.extend(self._merge_stretch(olds[i1:i2], news[j1:j2]))
        return outs

    def _merge_stretch(self, olds: list[Any], news: list[Any]) -> list[_Out]:
        """Changed blocks: similar pairs diffed inside; the others deleted (old first) and inserted."""
        outs: list[_Out] = []
        i = j = 0
        for pi, pj in _pairs(olds, news, self._block_fits, self._similarity):
            outs += self._deleted(olds[i:pi]) + self._inserted(news[j:pj]) + self._merge_pair(olds[pi], news[pj])
            i, j = pi + 1, pj + 1
        return outs + self._deleted(olds[i:]) + self._inserted(news[j:])

    def _block_fits(self, old: Any, new: Any) -> bool:
        if old.tag != new.tag or old.tag not in (P, TBL):
            return False
        return old.tag == TBL or self._similarity(old, new) >= CUTOFF

    def _similarity(self, old: Any, new: Any) -> float:
        return _similarity(self.old.words(old), self.new.words(new))

    def _deleted(self, blocks: Sequence[Any]) -> list[_Out]:
        outs = []
        for block in blocks:
            if block.tag in (P, TBL, SDT):  # loose anchors between blocks are not worth keeping
                copied = self.importer.copy(block)
                self.rev.track_all(copied, "del")
                outs.append(_Out(copied, "del" if block.tag == P else None, "del", self.old.key(block)))
        return outs

    def _inserted(self, blocks: Sequence[Any]) -> list[_Out]:
        # Loose anchors between blocks (bookmarks, permissions) stay as they are.
        outs = [self._inserted_out(b) if b.tag in (P, TBL, SDT) else _Out(b) for b in blocks]
        for block in blocks:
            self.rev.track_all(block, "ins")
        return outs

    def _inserted_out(self, block: Any) -> _Out:
        return _Out(block, "ins" if block.tag == P else None, "ins", self.new.key(block))

    def _merge_pair(self, old: Any, new: Any) -> list[_Out]:
        if old.tag == P:
            return [_Out(self._merge_paragraph(old, new))]
        return self._merge_table(old, new)

    # --- paragraphs ---

    def _merge_paragraph(self, old: Any, new: Any) -> Any:
        """One paragraph: word-level changes when both hold only text, else old content out and new content in."""
        self.importer.observe_lists(old, new)
        old_text, new_text = _PlainText.of(old, keep_anchors=False), _PlainText.of(new, keep_anchors=True)
        if old_text is None or new_text is None:
            self._replace_content(old, new)
        else:
            self._word_diffs[new] = _WordDiff(old_text, new_text)
            self._write_words(self._word_diffs[new], new)
        self._record_properties(old, new)
        return new

    def _replace_content(self, old: Any, new: Any) -> None:
        copied = self.importer.copy(old)
        self.rev.track_all(copied, "del")
        self.rev.track_all(new, "ins")
        start = 1 if new.find(PPR) is not None else 0
        gone = [c for c in list(copied) if c.tag != PPR]
        for offset, child in enumerate(gone):
            new.insert(start + offset, child)
        self._replaced[new] = gone

    def _write_words(self, diff: _WordDiff, target: Any) -> None:
        old_chars, new_chars = diff.old.atoms, diff.new.atoms
        content: list[Any] = [*diff.new.leading]
        old_at, new_at = token_starts(diff.old.text), token_starts(diff.new.text)
        for op, i1, i2, j1, j2 in diff.opcodes():
            gone, came = old_chars[old_at[i1] : old_at[i2]], new_chars[new_at[j1] : new_at[j2]]
            if op == "equal":
                content.extend(self._kept_runs(gone, came))
                continue
            changes = [("del", gone), ("ins", came)]
            for kind, atoms in reversed(changes) if op == INSERTED_FIRST else changes:
                if atoms:
                    content.append(self.rev.wrap(kind, _runs(atoms, deleted=kind == "del")))
        content.extend(diff.new.trailing)
        for child in [c for c in target if c.tag != PPR]:
            target.remove(child)
        target.extend(content)

    def _kept_runs(self, olds: list[_Atom], news: list[_Atom]) -> list[Any]:
        """Unchanged text in the new formatting, with a w:rPrChange where the old formatting differed."""
        runs = []
        for (_, old_key), group in itertools.groupby(zip(olds, news, strict=True), lambda pair: _pair_key(*pair)):
            pairs = list(group)
            old_rpr, new_atoms = pairs[0][0].rpr, [new for _, new in pairs]
            run = _run(new_atoms, deleted=False)
            if old_key != new_atoms[0].key:
                rpr = _child(run, RPR, lambda el: el.insert(0, OxmlElement("w:rPr")))
                kept = [c for c in (old_rpr if old_rpr is not None else ()) if c.tag != qn("w:rPrChange")]
                rpr.append(self.rev.property_change("rPr", kept))
            runs.append(run)
        return runs

    def _record_properties(self, old: Any, new: Any) -> None:
        """A w:pPrChange with the old paragraph properties when they differ, or when it was in another list."""
        old_ppr, new_ppr = old.find(PPR), new.find(PPR)
        if self.old.look(old_ppr, PPR_TAIL) == self.new.look(new_ppr, PPR_TAIL) and self._same_list(old_ppr, new_ppr):
            return
        if new_ppr is None:
            new_ppr = OxmlElement("w:pPr")
            new.insert(0, new_ppr)
        for stale in new_ppr.findall(qn("w:pPrChange")):
            new_ppr.remove(stale)
        change = self.rev.property_change("pPr", _look(old))
        self.importer.fix_numbering(change[0])
        new_ppr.append(change)

    def _same_list(self, old_ppr: Any, new_ppr: Any) -> bool:
        old_id, new_id = _num_id(old_ppr), _num_id(new_ppr)
        return not (old_id and new_id) or self.importer.new_num_id(old_id) == new_id

    # --- tables ---

    def _merge_table(self, old: Any, new: Any) -> list[_Out]:
        """Rows matched like blocks; a table with other columns (or odd content) is replaced whole."""
        if _columns(old) != _columns(new) or not (_plain_table(old) and _plain_table(new)):
            return self._deleted([old]) + self._inserted([new])
        rows = self._merge_rows(_rows(old), _rows(new))
        _set_children(new, [*(c for c in new if c.tag != TR), *rows])
        return [_Out(new)]

    def _merge_rows(self, olds: list[Any], news: list[Any]) -> list[Any]:
        rows: list[Any] = []
        for op, i1, i2, j1, j2 in opcodes([self.old.key(r) for r in olds], [self.new.key(r) for r in news]):
            if op == "equal":
                rows.extend(news[j1:j2])
                continue
            old_rows, new_rows, i, j = olds[i1:i2], news[j1:j2], 0, 0
            for pi, pj in _pairs(old_rows, new_rows, _row_fits, self._similarity):
                rows += self._deleted_rows(old_rows[i:pi]) + self._inserted_rows(new_rows[j:pj])
                rows.append(self._merge_row(old_rows[pi], new_rows[pj]))
                i, j = pi + 1, pj + 1
            rows += self._deleted_rows(old_rows[i:]) + self._inserted_rows(new_rows[j:])
        return rows

    def _merge_row(self, old: Any, new: Any) -> Any:
        for old_cell, new_cell in zip(_cells(old), _cells(new), strict=True):
            self.merge_container(old_cell, new_cell)
        return new

    def _deleted_rows(self, rows: list[Any]) -> list[Any]:
        copies = [self.importer.copy(row) for row in rows]
        for row in copies:
            self.rev.track_all(row, "del")
        return copies

    def _inserted_rows(self, rows: list[Any]) -> list[Any]:
        for row in rows:
            self.rev.track_all(row, "ins")
        return rows


def _settle(outs: list[_Out], rev: _Revisions) -> list[_Out]:
    """Make the paragraph marks of a body or cell work both ways, per run of paragraphs up to a table or the end.

    The mark of a run's last paragraph cannot be a revision (Word and LibreOffice would leave an empty paragraph).
    When tracked paragraphs reach that end, each mark moves up one paragraph, as Word does it; when no paragraph
    comes before them, the last deleted and the first inserted paragraph become one. Paragraphs joined by accepting
    or rejecting then take the properties of the one they stand for: Word keeps the last one's, LibreOffice the
    first one's when that keeps text, so both get them (the old ones in a w:pPrChange).
    """
    settled: list[_Out] = []
    run: list[_Out] = []
    for out in outs:
        if out.element.tag == P:
            run.append(out)
        else:
            settled += [*_settle_run(run, rev), out]
            run = []
    return settled + _settle_run(run, rev)


def _settle_run(paragraphs: list[_Out], rev: _Revisions) -> list[_Out]:
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


def _tracked_stretches(paragraphs: list[_Out]) -> list[tuple[int, int]]:
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


def _group_looks(group: list[_Out]) -> tuple[list[list[Any]], list[list[Any]]]:
    """The looks the paragraphs of a group stand for: in the new document and in the old one, in order."""
    new_looks = [_look(out.element) for out in group if out.change != "del"]
    old_looks = [_old_look(out.element) for out in group if out.change != "ins"]
    return new_looks, old_looks


def _dress_group(group: list[_Out], looks: tuple[list[list[Any]], list[list[Any]]], rev: _Revisions) -> None:
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


def _join_last_deleted_to_first_inserted(group: list[_Out], paragraphs: list[_Out]) -> None:
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

    new: list[Any] | None
    old: list[Any] | None

    @staticmethod
    def of(out: _Out) -> _Looks:
        return _Looks(
            _look(out.element) if out.change != "del" else None,
            _old_look(out.element) if out.change != "ins" else None,
        )

    def shown(self, joined: list[Any] | None) -> list[Any]:
        if joined is not None:
            return joined
        return self.new if self.new is not None else self.old or []

    def before(self, joined: list[Any] | None) -> list[Any] | None:
        return joined if joined is not None else self.old


def _joined_looks(group: list[_Out], joining: str, looks: list[list[Any]]) -> list[list[Any] | None]:
    """Per paragraph, the look of the paragraph its joined set stands for: on the set's last paragraph (Word keeps
    that one's properties), and on its first when that keeps its text (LibreOffice then keeps the first one's) or
    when that only adds a w:pPrChange (rejecting; LibreOffice does better with it there)."""
    result: list[list[Any] | None] = []
    wanted = iter(looks)
    members: list[_Out] = []
    for out in group:
        members.append(out)
        if out.mark != joining:
            look = next(wanted)
            joined: list[list[Any] | None] = [None] * len(members)
            joined[-1] = look
            if members[0].change != joining or joining == "ins":
                joined[0] = look
            result += joined
            members = []
    return result


def _dress(p: Any, shown: list[Any], before: list[Any] | None, rev: _Revisions) -> None:
    """Give a paragraph these properties, and a w:pPrChange with `before` when that differs."""
    ppr = _child(p, PPR, lambda el: el.insert(0, OxmlElement("w:pPr")))
    for child in [c for c in ppr if c.tag not in (RPR, SECTPR)]:
        ppr.remove(child)
    for index, child in enumerate(shown):
        ppr.insert(index, copy.deepcopy(child))
    if before is not None and _canon_all(before) != _canon_all(shown):
        ppr.append(rev.property_change("pPr", before))


def _look(p: Any) -> list[Any]:
    """A paragraph's own properties (CT_PPrBase)."""
    ppr = p.find(PPR)
    return [copy.deepcopy(c) for c in ppr if c.tag not in PPR_TAIL] if ppr is not None else []


def _old_look(p: Any) -> list[Any]:
    """The properties a paragraph had in the old document: from its w:pPrChange, else its own."""
    change = p.find(f"{PPR}/{qn('w:pPrChange')}/{PPR}")
    return [copy.deepcopy(c) for c in change] if change is not None else _look(p)


def _canon_all(elements: Iterable[Any]) -> Hashable:
    return tuple(_canon(e) for e in elements)


def _slide(outs: list[_Out]) -> list[_Out]:
    """Move each stretch of blocks inserted (or deleted) whole past unchanged blocks equal to its own, to where its
    paragraph marks can be tracked both ways (see _settle). difflib may put it either side of a repeated block,
    such as the empty paragraph after each agreement's table; after is better than before a table."""
    start = 0
    while start < len(outs):
        end = start + 1
        if outs[start].tracked:
            while end < len(outs) and outs[end].change == outs[start].change:
                end += 1
            outs, end = _best_place(outs, start, end)
        start = end
    return outs


def _best_place(outs: list[_Out], start: int, end: int) -> tuple[list[_Out], int]:
    """The blocks with the stretch [start, end) moved to its best place, and where the stretch now ends."""
    down = 0
    while start + down < end and end + down < len(outs) and _same(outs[end + down], outs[start + down]):
        down += 1
    up = 0
    while end - up > start and start - up > 0 and _same(outs[start - up - 1], outs[end - up - 1]):
        up += 1

    if not (up or down):
        return outs, end
    low, high = start - up, end + down

    def placed(shift: int) -> list[_Out]:
        """outs[low:high] with the stretch moved: the unchanged blocks it passes, then the stretch rotated."""
        if shift >= 0:
            moved = [*outs[end : end + shift], *outs[start + shift : end], *outs[start : start + shift]]
            return [*outs[low:start], *moved, *outs[end + shift : high]]
        first, last = start + shift, end + shift
        return [*outs[low:first], *outs[last:end], *outs[start:last], *outs[first:start], *outs[end:high]]

    def cost(shift: int) -> tuple[int, int]:
        return _stranded_runs([*outs[max(low - 1, 0) : low], *placed(shift), *outs[high : high + 1]]), abs(shift)

    best = min(range(-up, down + 1), key=cost)
    outs[low:high] = placed(best)
    return outs, end + max(best, 0)


def _same(unchanged: _Out, tracked: _Out) -> bool:
    return not unchanged.tracked and unchanged.key is not None and unchanged.key == tracked.key


def _stranded_runs(outs: list[_Out]) -> int:
    """Runs of tracked paragraphs that end at a table or the end with no untracked paragraph before them."""
    count, index = 0, 0
    while index < len(outs):
        if not (outs[index].tracked and outs[index].element.tag == P):
            index += 1
            continue
        first = index
        while index < len(outs) and outs[index].tracked and outs[index].element.tag == P:
            index += 1
        before_ok = first > 0 and outs[first - 1].element.tag == P
        after_ok = index < len(outs) and outs[index].element.tag == P
        count += not (before_ok or after_ok)
    return count


def _pairs(
    olds: Sequence[Any], news: Sequence[Any], fits: Callable[[Any, Any], bool], similarity: Callable[[Any, Any], float]
) -> list[tuple[int, int]]:
    """Which old and new blocks of a changed stretch are one block changed: all in order when the counts are equal
    and every pair fits, else the most similar pair and recursively the stretches before and after it."""
    if len(olds) == len(news) and all(fits(o, n) for o, n in zip(olds, news, strict=True)):
        return [(i, i) for i in range(len(olds))]
    return _best_pairs(olds, news, fits, similarity, (0, len(olds)), (0, len(news)))


def _best_pairs(
    olds: Sequence[Any],
    news: Sequence[Any],
    fits: Callable[[Any, Any], bool],
    similarity: Callable[[Any, Any], float],
    old_range: tuple[int, int],
    new_range: tuple[int, int],
) -> list[tuple[int, int]]:
    (o1, o2), (n1, n2) = old_range, new_range
    if (o2 - o1) * (n2 - n1) > MAX_PAIRING:
        return []
    best, best_ratio = None, CUTOFF
    for j, i in itertools.product(range(n1, n2), range(o1, o2)):
        if fits(olds[i], news[j]) and (ratio := similarity(olds[i], news[j])) > best_ratio:
            best, best_ratio = (i, j), ratio
    if best is None:
        return []
    i, j = best
    before = _best_pairs(olds, news, fits, similarity, (o1, i), (n1, j))
    return [*before, best, *_best_pairs(olds, news, fits, similarity, (i + 1, o2), (j + 1, n2))]


def _row_fits(old: Any, new: Any) -> bool:
    return len(_cells(old)) == len(_cells(new)) and _plain_row(old) and _plain_row(new)


def _similarity(old: list[str], new: list[str]) -> float:
    """difflib's ratio: twice the matching words over all words."""
    if not old and not new:
        return 1.0
    quick = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if quick.real_quick_ratio() < CUTOFF or quick.quick_ratio() < CUTOFF:
        return 0.0
    return 2 * sum(size for _, _, size in matches(old, new)) / (len(old) + len(new))


INSERTED_FIRST = "inserted-first"
"""Opcode of a replacement written insertion first, so that the paragraph ends with the deletion."""


@dataclass
class _WordDiff:
    """A paragraph diffed word by word, kept to redo it with a deletion at an edge (see _Merger._untangle)."""

    old: _PlainText
    new: _PlainText
    deletion_first: bool = False
    deletion_last: bool = False

    def opcodes(self) -> list[tuple[str, int, int, int, int]]:
        """difflib opcodes over the word tokens, with an edge insertion made a replacement of a word if asked."""
        old_words, new_words = tokens(self.old.text), tokens(self.new.text)
        ops = opcodes(old_words, new_words)
        if self.deletion_first and len(ops) > 1 and ops[0][0] == "insert" and ops[1][0] == "equal":
            _, i1, i2, j1, j2 = ops[1]
            n = _words_to_borrow(new_words[j1:j2])
            rest = [("equal", i1 + n, i2, j1 + n, j2)] if n < i2 - i1 else []
            ops = [("replace", i1, i1 + n, ops[0][3], j1 + n), *rest, *ops[2:]]
        if self.deletion_last and ops and ops[-1][0] == "replace":
            ops[-1] = (INSERTED_FIRST, *ops[-1][1:])
        elif self.deletion_last and len(ops) > 1 and ops[-1][0] == "insert" and ops[-2][0] == "equal":
            _, i1, i2, j1, j2 = ops[-2]
            n = _words_to_borrow(new_words[j1:j2][::-1])
            rest = [("equal", i1, i2 - n, j1, j2 - n)] if n < i2 - i1 else []
            ops = [*ops[:-2], *rest, (INSERTED_FIRST, i2 - n, i2, j2 - n, ops[-1][4])]
        return ops


def _words_to_borrow(tokens: list[str]) -> int:
    """How many unchanged tokens to take along into an edge replacement: up to and including a word."""
    return next((n for n, token in enumerate(tokens, start=1) if not token.isspace()), len(tokens))


def _insertions_meet(first: Any, second: Any) -> bool:
    """The first paragraph's text ends with an insertion, its mark is not tracked, the second's starts inserted."""
    if _mark(first) is not None or _edge(first, last=True) != INS:
        return False
    edge = _edge(second, last=False)
    return edge == INS or (edge is None and _mark(second) == INS)


def _has_char(node: Any) -> bool:
    return node.tag not in (T, DEL_TEXT) or bool(node.text)


def _mark(p: Any) -> str | None:
    rpr = p.find(f"{PPR}/{RPR}")
    return next((c.tag for c in rpr if c.tag in (INS, DEL)), None) if rpr is not None else None


def _edge(p: Any, last: bool) -> str | None:
    """INS, DEL or "" for the first (or last) character of a paragraph's text; None when it has none."""
    chars = [n for n in p.iter(T, DEL_TEXT, *SPECIAL_CHARS) if n.getparent().tag == R and _has_char(n)]
    if not chars:
        return None
    tracked = next(chars[-1 if last else 0].iterancestors(INS, DEL), None)
    return "" if tracked is None else str(tracked.tag)


# --- paragraph text as characters ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Atom:
    """One character of a paragraph with the run formatting it has (a tab or break keeps its element)."""

    char: str
    rpr: Any
    key: Hashable
    special: Any = None


@dataclass(frozen=True)
class _PlainText:
    """A paragraph of plain runs as characters, with the bookmarks before and after its text."""

    atoms: list[_Atom]
    leading: list[Any]
    trailing: list[Any]

    @property
    def text(self) -> str:
        return "".join(atom.char for atom in self.atoms)

    @staticmethod
    def of(p: Any, keep_anchors: bool) -> _PlainText | None:
        """None when the paragraph holds more than runs of text, tabs and breaks (or bookmarks inside its text)."""
        atoms: list[_Atom] = []
        leading: list[Any] = []
        trailing: list[Any] = []
        for child in p:
            if child.tag in BOOKMARKS:
                if keep_anchors:
                    (trailing if atoms else leading).append(child)
                continue
            if child.tag in (PPR, qn("w:proofErr")):
                continue
            found = _run_atoms(child) if child.tag == R else None
            if found is None or (found and trailing):
                return None
            atoms.extend(found)
        return _PlainText(atoms, leading, trailing)


def _run_atoms(run: Any) -> list[_Atom] | None:
    rpr = run.find(RPR)
    key = _canon(rpr)
    atoms: list[_Atom] = []
    for child in run:
        if child.tag == T:
            atoms.extend(_Atom(char, rpr, key) for char in child.text or "")
        elif child.tag in SPECIAL_CHARS:
            atoms.append(_Atom(_char(child), rpr, key, child))
        elif child.tag not in IGNORED_IN_RUN:
            return None
    return atoms


def _pair_key(old: _Atom, new: _Atom) -> tuple[Hashable, Hashable]:
    return new.key, old.key


def _runs(atoms: list[_Atom], deleted: bool = False) -> list[Any]:
    return [_run(list(group), deleted) for _, group in itertools.groupby(atoms, lambda atom: atom.key)]


def _run(atoms: list[_Atom], deleted: bool) -> Any:
    """A w:r with the atoms' formatting and their text (w:delText when deleted), tabs and breaks."""
    run = OxmlElement("w:r")
    if atoms[0].rpr is not None:
        run.append(copy.deepcopy(atoms[0].rpr))
        for stale in run[0].findall(qn("w:rPrChange")):
            run[0].remove(stale)
    for special, group in itertools.groupby(atoms, lambda atom: atom.special):
        if special is not None:
            run.extend(copy.deepcopy(atom.special) for atom in group)
            continue
        text = OxmlElement("w:delText" if deleted else "w:t")
        text.text = "".join(atom.char for atom in group)
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(text)
    return run


def _char(node: Any) -> str:
    if node.tag == T:
        return str(node.text or "")
    if node.tag == qn("w:br") and node.get(qn("w:type")) in ("page", "column"):
        return "\f"
    return SPECIAL_CHARS[node.tag]


def _text(block: Any) -> str:
    """The text of a block for comparing words; paragraphs (and so table cells) apart."""
    nodes = block.iter(P, T, *SPECIAL_CHARS)
    return "".join("\n" if n.tag == P else _char(n) for n in nodes if n.tag == P or n.getparent().tag == R)


# --- structure -------------------------------------------------------------------------------------------------


def _blocks(container: Any) -> list[Any]:
    return [c for c in container if c.tag not in (TCPR, SECTPR)]


def _rows(table: Any) -> list[Any]:
    return [c for c in table if c.tag == TR]


def _cells(row: Any) -> list[Any]:
    return [c for c in row if c.tag == TC]


def _plain_table(table: Any) -> bool:
    return all(c.tag in (qn("w:tblPr"), qn("w:tblGrid"), TR) for c in table)


def _plain_row(row: Any) -> bool:
    return all(c.tag in (qn("w:tblPrEx"), TRPR, TC) for c in row)


def _columns(table: Any) -> int:
    return len(table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))


def _canon(element: Any, skip: str = "") -> Hashable:
    """An element as a comparable value: tag, sorted attributes, text and children (a `skip` tag left out)."""
    if element is None:
        return ()
    children = tuple(_canon(c, skip) for c in element if c.tag != skip)
    return (element.tag, tuple(sorted(element.attrib.items())), element.text or "", children)
