"""Word-level diff of two texts, like `git diff --word-diff`, with changes joined so rewritten sentences read whole."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["equal", "insert", "delete"]
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
"""Words, runs of whitespace, and single punctuation marks: a changed number in '**25**.' is just '25'."""
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Segment:
    """A piece of a word diff: text both versions have (equal), or only the old (delete) or the new (insert)."""

    op: Op
    text: str


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Word-level diff: equal, deleted and inserted pieces that rebuild old (equal + delete) and new (equal + insert).

    Like `git diff --word-diff` ('twee woorden' -> 'drie nieuwe woorden' gives [-twee-]{+drie nieuwe+} woorden),
    and an unchanged stretch shorter than the changes on both sides joins them into one (diff-match-patch's
    semantic cleanup), so a rewritten sentence reads as one deletion and one insertion.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            raw.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(Segment("insert", "".join(b[j1:j2])))
    merged = _merge_pass(raw)
    while merged != raw:
        raw, merged = merged, _merge_pass(merged)
    return tuple(merged)


def _merge_pass(raw: list[Segment]) -> list[Segment]:
    """One pass joining changes separated by an unchanged stretch shorter than the changes on either side."""
    out: list[Segment] = []
    i = 0
    while i < len(raw):
        if raw[i].op == "equal":
            out.append(raw[i])
            i += 1
            continue
        end = _change_end(raw, i)
        while end + 1 < len(raw) and raw[end + 1].op != "equal" and _absorbed(raw, i, end):
            end = _change_end(raw, end + 1)
        out.extend(_joined(raw[i:end]))
        i = end
    return out


def _change_end(raw: list[Segment], start: int) -> int:
    """The index of the first unchanged segment at or after start (or the end)."""
    return next((j for j in range(start, len(raw)) if raw[j].op == "equal"), len(raw))


def _absorbed(raw: list[Segment], start: int, equal: int) -> bool:
    """Whether the unchanged segment at `equal` joins the changes around it: shorter than both, within a paragraph.

    A space always joins (as in git); nothing joins across a blank line, so each change stays in its paragraph.
    """
    before, after = raw[start:equal], raw[equal + 1 : _change_end(raw, equal + 1)]
    text = raw[equal].text
    if any(_PARAGRAPH_BREAK.search(s.text) for s in (*before, raw[equal], *after)):
        return False
    return text.isspace() or len(text) < min(_size(before), _size(after))


def _size(run: list[Segment]) -> int:
    return max(sum(len(s.text) for s in run if s.op != "insert"), sum(len(s.text) for s in run if s.op != "delete"))


def _joined(run: list[Segment]) -> list[Segment]:
    deleted = "".join(s.text for s in run if s.op != "insert")
    inserted = "".join(s.text for s in run if s.op != "delete")
    if not deleted.strip() or not inserted.strip():
        return run  # only one side really changed: keep the pieces, so the shared text stays shared
    return [Segment("delete", deleted), Segment("insert", inserted)]
