"""A changed paragraph's words: its token diff written as runs in w:ins and w:del, redone with an edge deletion."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import _Element

from afsprakengen.rounds.worddiff import Opcode, opcodes, token_starts, tokens
from afsprakengen.word.redline.atoms import Atom, PlainText, pair_key, run_of, runs_of
from afsprakengen.word.redline.elements import get_or_add
from afsprakengen.word.redline.marks import Revisions
from afsprakengen.word.redline.tags import DEL, DEL_TEXT, INS, PPR, RPR, SPECIAL_CHARS, R, T

INSERTED_FIRST = "inserted-first"
"""Opcode of a replacement written insertion first, so that the paragraph ends with the deletion."""


@dataclass
class WordDiff:
    """A paragraph diffed word by word, kept to redo it with a deletion at an edge (see Merger._untangle)."""

    old: PlainText
    new: PlainText
    deletion_first: bool = False
    deletion_last: bool = False

    def opcodes(self) -> list[Opcode]:
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


def write_words(diff: WordDiff, target: _Element, rev: Revisions) -> None:
    """Make the paragraph's content the diff: unchanged runs, and the changed ones in w:del and w:ins."""
    old_chars, new_chars = diff.old.atoms, diff.new.atoms
    content: list[_Element] = [*diff.new.leading]
    old_at, new_at = token_starts(diff.old.text), token_starts(diff.new.text)
    for op, i1, i2, j1, j2 in diff.opcodes():
        gone, came = old_chars[old_at[i1] : old_at[i2]], new_chars[new_at[j1] : new_at[j2]]
        if op == "equal":
            content.extend(_kept_runs(gone, came, rev))
            continue
        changes = [("del", gone), ("ins", came)]
        for kind, atoms in reversed(changes) if op == INSERTED_FIRST else changes:
            if atoms:
                content.append(rev.wrap(kind, runs_of(atoms, deleted=kind == "del")))
    content.extend(diff.new.trailing)
    for child in [c for c in target if c.tag != PPR]:
        target.remove(child)
    target.extend(content)


def _kept_runs(olds: list[Atom], news: list[Atom], rev: Revisions) -> list[_Element]:
    """Unchanged text in the new formatting, with a w:rPrChange where the old formatting differed."""
    runs = []
    for (_, old_key), group in itertools.groupby(zip(olds, news, strict=True), lambda pair: pair_key(*pair)):
        pairs = list(group)
        old_rpr, new_atoms = pairs[0][0].rpr, [new for _, new in pairs]
        run = run_of(new_atoms, deleted=False)
        if old_key != new_atoms[0].key:
            rpr = get_or_add(run, RPR, lambda el: el.insert(0, OxmlElement("w:rPr")))
            kept = [c for c in (old_rpr if old_rpr is not None else ()) if c.tag != qn("w:rPrChange")]
            rpr.append(rev.property_change("rPr", kept))
        runs.append(run)
    return runs


def insertions_meet(first: _Element, second: _Element) -> bool:
    """The first paragraph's text ends with an insertion, its mark is not tracked, the second's starts inserted."""
    if _mark(first) is not None or _edge(first, last=True) != INS:
        return False
    edge = _edge(second, last=False)
    return edge == INS or (edge is None and _mark(second) == INS)


def _has_char(node: _Element) -> bool:
    return node.tag not in (T, DEL_TEXT) or bool(node.text)


def _mark(p: _Element) -> str | None:
    rpr = p.find(f"{PPR}/{RPR}")
    return next((c.tag for c in rpr if c.tag in (INS, DEL)), None) if rpr is not None else None


def _edge(p: _Element, last: bool) -> str | None:
    """INS, DEL or "" for the first (or last) character of a paragraph's text; None when it has none."""
    chars = [n for n in p.iter(T, DEL_TEXT, *SPECIAL_CHARS) if n.getparent().tag == R and _has_char(n)]
    if not chars:
        return None
    tracked = next(chars[-1 if last else 0].iterancestors(INS, DEL), None)
    return "" if tracked is None else str(tracked.tag)
