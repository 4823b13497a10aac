"""Pairing the blocks of a changed stretch: which old and new paragraph, table or row are one block changed."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Sequence

from lxml.etree import _Element

from afsprakengen.rounds.worddiff import matches
from afsprakengen.word.redline.elements import plain_row, row_cells

CUTOFF = 0.5
"""Least similarity (0..1, on words) for an old and a new paragraph or row to be shown as one changed block."""
MAX_PAIRING = 2500
"""Largest old x new block count of a changed stretch searched for similar pairs; larger ones are replaced whole."""
Fits = Callable[[_Element, _Element], bool]
"""Whether an old and a new block can be one block changed."""
Similarity = Callable[[_Element, _Element], float]
"""How similar an old and a new block are (0..1)."""


def pairs(
    olds: Sequence[_Element],
    news: Sequence[_Element],
    fits: Fits,
    similarity: Similarity,
) -> list[tuple[int, int]]:
    """Which old and new blocks of a changed stretch are one block changed: all in order when the counts are equal
    and every pair fits, else the most similar pair and recursively the stretches before and after it."""
    if len(olds) == len(news) and all(fits(o, n) for o, n in zip(olds, news, strict=True)):
        return [(i, i) for i in range(len(olds))]
    return _best_pairs(olds, news, fits, similarity, (0, len(olds)), (0, len(news)))


def _best_pairs(
    olds: Sequence[_Element],
    news: Sequence[_Element],
    fits: Fits,
    similarity: Similarity,
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


def row_fits(old: _Element, new: _Element) -> bool:
    return len(row_cells(old)) == len(row_cells(new)) and plain_row(old) and plain_row(new)


def word_similarity(old: list[str], new: list[str]) -> float:
    """difflib's ratio: twice the matching words over all words."""
    if not old and not new:
        return 1.0
    quick = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if quick.real_quick_ratio() < CUTOFF or quick.quick_ratio() < CUTOFF:
        return 0.0
    return 2 * sum(size for _, _, size in matches(old, new)) / (len(old) + len(new))
