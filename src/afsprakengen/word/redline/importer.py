"""Bringing old content into the new document: anchors dropped, ids renewed, links, pictures and lists re-pointed."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from io import BytesIO

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.parts.story import StoryPart
from lxml.etree import _Element

from afsprakengen.word.redline.elements import as_int
from afsprakengen.word.redline.lists import Lists, numbering
from afsprakengen.word.redline.tags import DOC_PR, NOT_COPIED, NUM_ID, NUM_PR, PPR, R_NS, W14


class Importer:
    """Copies old blocks into the new document: drops anchors, points references at the new package."""

    def __init__(self, old_part: Part, new_part: StoryPart, new_id: Callable[[], str]) -> None:
        self._old, self._new, self._new_id = old_part, new_part, new_id
        self._rids: dict[str, str | None] = {}
        self._lists = Lists(numbering(old_part), numbering(new_part))
        body = new_part.element
        self._doc_pr_ids = itertools.count(max([0, *(as_int(d.get("id")) for d in body.iter(DOC_PR))]) + 1)

    def copy(self, block: _Element) -> _Element:
        block = copy.deepcopy(block)
        for node in [n for n in block.iter("{*}*") if n.tag in NOT_COPIED]:
            node.getparent().remove(node)
        for node in list(block.iter("{*}*")):
            self._fix(node)
        return block

    def _fix(self, node: _Element) -> None:
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

    def observe_lists(self, old: _Element, new: _Element) -> None:
        self._lists.observe(old.find(PPR), new.find(PPR))

    def new_num_id(self, old_id: str) -> str | None:
        return self._lists.num_id(old_id)

    def fix_numbering(self, ppr: _Element) -> None:
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
