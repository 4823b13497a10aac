"""Merging: the new body rebuilt from old and new, blocks matched by key, differences marked as tracked changes."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import _Element

from afsprakengen.rounds.worddiff import opcodes
from afsprakengen.word.redline.atoms import PlainText
from afsprakengen.word.redline.elements import (
    child_blocks,
    grid_columns,
    plain_table,
    row_cells,
    set_children,
    table_rows,
)
from afsprakengen.word.redline.importer import Importer
from afsprakengen.word.redline.keys import Side
from afsprakengen.word.redline.lists import num_id_of
from afsprakengen.word.redline.marks import Revisions, first_free_id
from afsprakengen.word.redline.pages import ends_section
from afsprakengen.word.redline.pairing import CUTOFF, pairs, row_fits, word_similarity
from afsprakengen.word.redline.paragraphs import WordDiff, insertions_meet, write_words
from afsprakengen.word.redline.settle import Out, look, settle
from afsprakengen.word.redline.slide import slide
from afsprakengen.word.redline.stories import story_pairs
from afsprakengen.word.redline.tags import PPR, PPR_TAIL, SDT, SECTPR, TBL, TCPR, TR, P


def redline(old_docx: bytes, new_docx: bytes, author: str, when: datetime) -> bytes:
    """The NEW document with every difference from OLD in its body, headers and footers as a tracked change.

    The new body is rebuilt as a merge. Blocks (paragraphs, tables) are matched by a key of their text, formatting
    and targets; unchanged ones stay, similar ones are diffed inside (words in a paragraph, rows and cells in a
    table), the rest are deleted (copied from the old document) or inserted whole. Paragraph marks are then arranged
    so that accepting every change gives the new text and rejecting every change the old text, in Word and in
    LibreOffice.
    """
    old, new = docx.Document(BytesIO(old_docx)), docx.Document(BytesIO(new_docx))
    revisions = Revisions(author, when, first_free_id(new))
    for old_part, new_part, old_root, new_root in [
        (old.part, new.part, old.element.body, new.element.body),
        *((o, n, o.element, n.element) for o, n in story_pairs(old, new)),
    ]:
        importer = Importer(old_part, new_part, revisions.new_id)
        Merger(Side(old_part), Side(new_part), revisions, importer).merge_container(old_root, new_root)
    out = BytesIO()
    new.save(out)
    return out.getvalue()


class Merger:
    """Rebuilds the new body as old and new merged, differences marked."""

    def __init__(self, old: Side, new: Side, revisions: Revisions, importer: Importer) -> None:
        self.old, self.new, self.rev, self.importer = old, new, revisions, importer
        self._word_diffs: dict[_Element, WordDiff] = {}
        self._replaced: dict[_Element, list[_Element]] = {}
        """Paragraphs whose old content was deleted whole, with that content (it comes before the new)."""

    def merge_container(self, old: _Element, new: _Element) -> None:
        """A body or table cell: its blocks merged, then put back between its properties."""
        outs = settle(slide(self._merge_blocks(child_blocks(old), child_blocks(new))), self.rev)
        for out in outs:
            if out.mark:
                self.rev.mark_paragraph(out.element, out.mark)
        self._untangle([out.element for out in outs])
        head = [c for c in new if c.tag == TCPR]
        tail = [c for c in new if c.tag == SECTPR]
        set_children(new, [*head, *(out.element for out in outs), *tail])

    def _untangle(self, blocks: list[_Element]) -> None:
        """LibreOffice makes one change of an insertion that ends a paragraph and one that starts the next, the
        untracked paragraph mark between them included, so rejecting it joins the paragraphs. Where that would
        happen, the paragraph before is redone to end with a deletion, or else the one after to start with one."""
        for first, second in itertools.pairwise(blocks):
            if first.tag == P and second.tag == P and insertions_meet(first, second):
                self._end_with_deletion(first)
                if insertions_meet(first, second) and second in self._word_diffs:
                    self._word_diffs[second].deletion_first = True
                    write_words(self._word_diffs[second], second, self.rev)

    def _end_with_deletion(self, p: _Element) -> None:
        if p in self._word_diffs:
            self._word_diffs[p].deletion_last = True
            write_words(self._word_diffs[p], p, self.rev)
        elif p in self._replaced:
            p.extend(self._replaced[p])  # the old content after the new

    def _merge_blocks(self, olds: list[_Element], news: list[_Element]) -> list[Out]:
        outs: list[Out] = []
        ops = opcodes([self.old.key(b) for b in olds], [self.new.key(b) for b in news])
        for op, i1, i2, j1, j2 in ops:  # lists first, before any old list paragraph is copied
            if op == "equal":
                for old, new in zip(olds[i1:i2], news[j1:j2], strict=True):
                    if old.tag == P:
                        self.importer.observe_lists(old, new)
        for op, i1, i2, j1, j2 in ops:
            if op == "equal":
                for old, new in zip(olds[i1:i2], news[j1:j2], strict=True):
                    if old.tag == P and num_id_of(old.find(PPR)):
                        self._record_properties(old, new)  # a list item can have moved to another list
                outs.extend(Out(b, key=self.new.key(b)) for b in news[j1:j2])
            else:
                outs.extend(self._merge_stretch(olds[i1:i2], news[j1:j2]))
        return outs

    def _merge_stretch(self, olds: list[_Element], news: list[_Element]) -> list[Out]:
        """Changed blocks: similar pairs diffed inside; the others deleted (old first) and inserted."""
        outs: list[Out] = []
        i = j = 0
        for pi, pj in pairs(olds, news, self._block_fits, self._similarity):
            outs += self._deleted(olds[i:pi]) + self._inserted(news[j:pj]) + self._merge_pair(olds[pi], news[pj])
            i, j = pi + 1, pj + 1
        return outs + self._deleted(olds[i:]) + self._inserted(news[j:])

    def _block_fits(self, old: _Element, new: _Element) -> bool:
        if old.tag != new.tag or old.tag not in (P, TBL):
            return False
        return old.tag == TBL or self._similarity(old, new) >= CUTOFF

    def _similarity(self, old: _Element, new: _Element) -> float:
        return word_similarity(self.old.words(old), self.new.words(new))

    def _deleted(self, blocks: Sequence[_Element]) -> list[Out]:
        outs = []
        for block in blocks:
            if block.tag in (P, TBL, SDT):  # loose anchors between blocks are not worth keeping
                copied = self.importer.copy(block)
                self.rev.track_all(copied, "del")
                out = Out(copied, "del" if block.tag == P else None, "del", self.old.key(block))
                out.old_section_end = block.tag == P and ends_section(block)
                outs.append(out)
        return outs

    def _inserted(self, blocks: Sequence[_Element]) -> list[Out]:
        # Loose anchors between blocks (bookmarks, permissions) stay as they are.
        outs = [self._inserted_out(b) if b.tag in (P, TBL, SDT) else Out(b) for b in blocks]
        for block in blocks:
            self.rev.track_all(block, "ins")
        return outs

    def _inserted_out(self, block: _Element) -> Out:
        return Out(block, "ins" if block.tag == P else None, "ins", self.new.key(block))

    def _merge_pair(self, old: _Element, new: _Element) -> list[Out]:
        if old.tag == P:
            return [Out(self._merge_paragraph(old, new))]
        return self._merge_table(old, new)

    # --- paragraphs ---

    def _merge_paragraph(self, old: _Element, new: _Element) -> _Element:
        """One paragraph: word-level changes when both hold only text, else old content out and new content in."""
        self.importer.observe_lists(old, new)
        old_text, new_text = PlainText.of(old, keep_anchors=False), PlainText.of(new, keep_anchors=True)
        if old_text is None or new_text is None:
            self._replace_content(old, new)
        else:
            self._word_diffs[new] = WordDiff(old_text, new_text)
            write_words(self._word_diffs[new], new, self.rev)
        self._record_properties(old, new)
        return new

    def _replace_content(self, old: _Element, new: _Element) -> None:
        copied = self.importer.copy(old)
        self.rev.track_all(copied, "del")
        self.rev.track_all(new, "ins")
        start = 1 if new.find(PPR) is not None else 0
        gone = [c for c in list(copied) if c.tag != PPR]
        for offset, child in enumerate(gone):
            new.insert(start + offset, child)
        self._replaced[new] = gone

    def _record_properties(self, old: _Element, new: _Element) -> None:
        """A w:pPrChange with the old paragraph properties when they differ, or when it was in another list."""
        old_ppr, new_ppr = old.find(PPR), new.find(PPR)
        if self.old.look(old_ppr, PPR_TAIL) == self.new.look(new_ppr, PPR_TAIL) and self._same_list(old_ppr, new_ppr):
            return
        if new_ppr is None:
            new_ppr = OxmlElement("w:pPr")
            new.insert(0, new_ppr)
        for stale in new_ppr.findall(qn("w:pPrChange")):
            new_ppr.remove(stale)
        change = self.rev.property_change("pPr", look(old))
        self.importer.fix_numbering(change[0])
        new_ppr.append(change)

    def _same_list(self, old_ppr: _Element, new_ppr: _Element) -> bool:
        old_id, new_id = num_id_of(old_ppr), num_id_of(new_ppr)
        return not (old_id and new_id) or self.importer.new_num_id(old_id) == new_id

    # --- tables ---

    def _merge_table(self, old: _Element, new: _Element) -> list[Out]:
        """Rows matched like blocks; a table with other columns (or odd content) is replaced whole."""
        if grid_columns(old) != grid_columns(new) or not (plain_table(old) and plain_table(new)):
            return self._deleted([old]) + self._inserted([new])
        rows = self._merge_rows(table_rows(old), table_rows(new))
        set_children(new, [*(c for c in new if c.tag != TR), *rows])
        return [Out(new)]

    def _merge_rows(self, olds: list[_Element], news: list[_Element]) -> list[_Element]:
        rows: list[_Element] = []
        for op, i1, i2, j1, j2 in opcodes([self.old.key(r) for r in olds], [self.new.key(r) for r in news]):
            if op == "equal":
                rows.extend(news[j1:j2])
                continue
            old_rows, new_rows, i, j = olds[i1:i2], news[j1:j2], 0, 0
            for pi, pj in pairs(old_rows, new_rows, row_fits, self._similarity):
                rows += self._deleted_rows(old_rows[i:pi]) + self._inserted_rows(new_rows[j:pj])
                rows.append(self._merge_row(old_rows[pi], new_rows[pj]))
                i, j = pi + 1, pj + 1
            rows += self._deleted_rows(old_rows[i:]) + self._inserted_rows(new_rows[j:])
        return rows

    def _merge_row(self, old: _Element, new: _Element) -> _Element:
        for old_cell, new_cell in zip(row_cells(old), row_cells(new), strict=True):
            self.merge_container(old_cell, new_cell)
        return new

    def _deleted_rows(self, rows: list[_Element]) -> list[_Element]:
        copies = [self.importer.copy(row) for row in rows]
        for row in copies:
            self.rev.track_all(row, "del")
        return copies

    def _inserted_rows(self, rows: list[_Element]) -> list[_Element]:
        for row in rows:
            self.rev.track_all(row, "ins")
        return rows
