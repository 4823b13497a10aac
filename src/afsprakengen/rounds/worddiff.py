"""Word-level diff of two texts, like `git diff --word-diff`, and the tokenizer and sequence matcher under it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["equal", "insert", "delete"]
Opcode = tuple[str, int, int, int, int]
"""difflib-style (tag, i1, i2, j1, j2): old[i1:i2] is equal to, replaced by, deleted from or inserted as new[j1:j2]."""
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
"""Words, runs of whitespace, and single punctuation marks: a changed number in '**25**.' is just '25'."""
_WORD = re.compile(r"\w+|[^\w\s]")
_MAX_DIFFLIB = 250_000
"""Largest old x new item count matched by difflib alone; larger stretches are first anchored on unique items."""
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
    a, b = tokens(old), tokens(new)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b, anchored=False):
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


# --- tokens and matching, also under the redline's word-level changes --------------------------------------------


def tokens(text: str) -> list[str]:
    """The word diff's tokens: words, runs of whitespace and single punctuation marks; together they are the text."""
    return _TOKEN.findall(text)


def token_starts(text: str) -> list[int]:
    """Where each token starts in the text, and the text's length last."""
    return [m.start() for m in _TOKEN.finditer(text)] + [len(text)]


def words(text: str) -> list[str]:
    """The tokens without the whitespace: the words and punctuation marks, for how similar two texts are."""
    return _WORD.findall(text)


def opcodes(old: Sequence[Hashable], new: Sequence[Hashable], anchored: bool = True) -> list[Opcode]:
    """difflib-style opcodes (equal, replace, delete, insert) from the matching stretches (see `matches`)."""
    ops: list[Opcode] = []
    i = j = 0
    for match_i, match_j, size in [*matches(old, new, anchored), (len(old), len(new), 0)]:
        if i < match_i or j < match_j:
            op = "replace" if i < match_i and j < match_j else "delete" if i < match_i else "insert"
            ops.append((op, i, match_i, j, match_j))
        if size:
            ops.append(("equal", match_i, match_i + size, match_j, match_j + size))
        i, j = match_i + size, match_j + size
    return ops


def matches(old: Sequence[Hashable], new: Sequence[Hashable], anchored: bool = True) -> list[tuple[int, int, int]]:
    """Matching stretches (i, j, size) in order, adjacent ones joined.

    Unanchored, this is difflib's matching (longest stretch first, without its junk heuristic), as the word diff of
    the wijzigingsoverzicht has it. Anchored, as the redline has it: difflib alone (without its junk heuristic, which
    would ignore the empty paragraph after every agreement) is quadratic in repeated items; so the common ends are
    matched first, then items found once on each side anchor the rest (patience diff), and difflib only matches what
    lies between.
    """
    found: list[tuple[int, int, int]] = []
    if anchored:
        _match(old, new, (0, len(old)), (0, len(new)), found)
    else:
        found.extend(SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks())
    joined: list[tuple[int, int, int]] = []
    for i, j, size in found:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            joined[-1] = (joined[-1][0], joined[-1][1], joined[-1][2] + size)
        elif size:
            joined.append((i, j, size))
    return joined


def _match(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    old_range: tuple[int, int],
    new_range: tuple[int, int],
    found: list[tuple[int, int, int]],
) -> None:
    (o1, o2), (n1, n2) = old_range, new_range
    head = 0
    while o1 + head < o2 and n1 + head < n2 and old[o1 + head] == new[n1 + head]:
        head += 1
    found.append((o1, n1, head))
    o1, n1 = o1 + head, n1 + head
    tail = 0
    while o2 - tail > o1 and n2 - tail > n1 and old[o2 - tail - 1] == new[n2 - tail - 1]:
        tail += 1
    o2, n2 = o2 - tail, n2 - tail
    anchors = _anchors(old, new, (o1, o2), (n1, n2)) if (o2 - o1) * (n2 - n1) > _MAX_DIFFLIB else []
    if anchors:
        for i, j in anchors:
            _match(old, new, (o1, i), (n1, j), found)
            found.append((i, j, 1))
            o1, n1 = i + 1, j + 1
        _match(old, new, (o1, o2), (n1, n2), found)
    elif o1 < o2 and n1 < n2:
        # Without anchors a very large middle falls back on difflib's junk heuristic to stay fast.
        matcher = SequenceMatcher(None, old[o1:o2], new[n1:n2], autojunk=(o2 - o1) * (n2 - n1) > _MAX_DIFFLIB)
        found.extend((o1 + i, n1 + j, size) for i, j, size in matcher.get_matching_blocks())
    found.append((o2, n2, tail))


def _anchors(
    old: Sequence[Hashable], new: Sequence[Hashable], old_range: tuple[int, int], new_range: tuple[int, int]
) -> list[tuple[int, int]]:
    """Items found exactly once in each range, as (i, j) pairs in the longest order both sides agree on."""
    seen: dict[Hashable, list[int]] = {}
    for i in range(*old_range):
        seen.setdefault(old[i], [0, -1, 0, -1])
        seen[old[i]][0] += 1
        seen[old[i]][1] = i
    for j in range(*new_range):
        if new[j] in seen:
            seen[new[j]][2] += 1
            seen[new[j]][3] = j
    pairs = sorted((i, j) for count_old, i, count_new, j in seen.values() if count_old == count_new == 1)
    return _increasing(pairs)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs (sorted by i) whose j also increases (patience sorting)."""
    tops: list[int] = []  # j at the top of each pile
    top_pair: list[int] = []  # index into pairs of that top
    back: list[int] = []  # per pair, the index of the pair below it in the chain
    for index, (_, j) in enumerate(pairs):
        pile = bisect.bisect_left(tops, j)
        back.append(top_pair[pile - 1] if pile else -1)
        if pile == len(tops):
            tops.append(j)
            top_pair.append(index)
        else:
            tops[pile], top_pair[pile] = j, index
    chain: list[tuple[int, int]] = []
    at = top_pair[-1] if top_pair else -1
    while at >= 0:
        chain.append(pairs[at])
        at = back[at]
    return chain[::-1]
