"""Block keys: what must be the same for a paragraph, table, row or cell of the two documents to count as unchanged."""

from __future__ import annotations

import hashlib
from collections.abc import Hashable

from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml.etree import _Element

from afsprakengen.rounds import worddiff
from afsprakengen.word.redline.elements import block_text, canon, char_of
from afsprakengen.word.redline.lists import list_definition, num, numbering
from afsprakengen.word.redline.tags import (
    BLIP,
    HYPERLINK,
    INSTR,
    KEY_LEAVES_OUT,
    NUM_ID,
    NUM_PR,
    PPR,
    R_EMBED,
    R_ID,
    RPR,
    SPECIAL_CHARS,
    TBL,
    TC,
    TR,
    P,
    R,
    T,
)


class Side:
    """One of the two documents: block keys and word tokens, cached, resolved through its relationships."""

    def __init__(self, part: Part) -> None:
        self._part = part
        self._numbering = numbering(part)
        self._keys: dict[_Element, Hashable] = {}
        self._words: dict[_Element, list[str]] = {}
        self._lists: dict[str, Hashable] = {}

    def key(self, block: _Element) -> Hashable:
        """What must be the same for a block (paragraph, table, row, cell) to count as unchanged."""
        if block not in self._keys:
            self._keys[block] = self._make_key(block)
        return self._keys[block]

    def _make_key(self, block: _Element) -> Hashable:
        if block.tag in (TBL, TR, TC):
            return block.tag, self._signature(block)
        return block.tag, self.look(block.find(PPR), KEY_LEAVES_OUT), self._signature(block)

    def look(self, ppr: _Element, leave_out: frozenset[str]) -> Hashable:
        """Paragraph properties as a comparable value; a list by its definition, as numIds differ between renders."""
        if ppr is None:
            return ()
        num_id = ppr.find(f"{NUM_PR}/{NUM_ID}")
        listed = self._list(num_id.get(qn("w:val"), "")) if num_id is not None else ()
        return tuple(canon(c, skip=NUM_ID) for c in ppr if c.tag not in leave_out), listed

    def _list(self, num_id: str) -> Hashable:
        if num_id not in self._lists:
            found = num(self._numbering, num_id)
            self._lists[num_id] = list_definition(self._numbering, found) if found is not None else num_id
        return self._lists[num_id]

    def _signature(self, block: _Element) -> tuple[Hashable, ...]:
        """Text, run formatting, link targets, field codes and pictures of a block, in order."""
        items: list[Hashable] = []
        for node in block.iter(R, T, INSTR, HYPERLINK, BLIP, P, TR, TC, *SPECIAL_CHARS):
            tag = node.tag
            if tag == R:
                items.append(canon(node.find(RPR)))
            elif tag == T or (tag in SPECIAL_CHARS and node.getparent().tag == R):
                items.append(char_of(node))
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

    def words(self, block: _Element) -> list[str]:
        """The words and punctuation of a block, for how similar two blocks are."""
        if block not in self._words:
            self._words[block] = worddiff.words(block_text(block))
        return self._words[block]

    def _target(self, rid: str | None) -> str:
        rel = self._part.rels.get(rid) if rid else None
        return str(rel.target_ref) if rel is not None and rel.is_external else ""

    def _blob_hash(self, rid: str | None) -> str:
        rel = self._part.rels.get(rid) if rid else None
        if rel is None or rel.is_external:
            return ""
        return hashlib.sha256(rel.target_part.blob).hexdigest()
