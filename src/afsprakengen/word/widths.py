"""Column widths that follow their content: a text width model of the house font and the share of a table's width."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

_CHARS = "".join(chr(c) for c in range(32, 127)) + "éëïöüèáóúàçÉ–—…’‘“”€·°²\u00a0"
# Advance widths in thousandths of an em of Carlito Bold (the metric twin of Calibri Bold), read from its hmtx
# table; bold is a little wider than regular, so a text measured with it fits in either.
_EM_THOUSANDTHS = (
    226, 326, 438, 498, 507, 729, 705, 233, 312, 312, 498, 498, 258, 306, 267, 430, 507, 507, 507, 507, 507, 507,
    507, 507, 507, 507, 276, 276, 498, 498, 498, 463, 898, 606, 561, 529, 630, 488, 459, 637, 631, 267, 331, 547,
    423, 874, 659, 676, 532, 686, 563, 473, 495, 653, 591, 906, 551, 520, 478, 325, 430, 325, 498, 498, 300, 494,
    537, 418, 537, 503, 316, 474, 537, 246, 255, 480, 246, 813, 537, 538, 537, 537, 355, 399, 347, 537, 473, 745,
    459, 474, 397, 344, 475, 344, 498, 503, 503, 246, 538, 537, 503, 494, 538, 537, 494, 418, 488, 498, 905, 711,
    258, 258, 435, 435, 507, 268, 342, 338, 226,
)  # fmt: skip
_WIDTH = dict(zip(_CHARS, _EM_THOUSANDTHS, strict=True)) | {"\u00ad": 0, "\u200b": 0}
_OTHER = 560
"""The width of a character the table does not have (a wide letter, so the estimate errs on the safe side)."""
SLACK = 1.06
"""Room on top of the estimate: other fonts, kerning and the renderer's rounding."""


def text_twips(text: str, size: float) -> float:
    """The width of a text on one line in twips, at a size in points."""
    return sum(_WIDTH.get(ch, _OTHER) for ch in text) * size * 20 / 1000 * SLACK


@dataclass(frozen=True)
class ColumnNeed:
    """What a column's cells need: `least` (its longest word, padding included) and `natural` (its longest line)."""

    least: float
    natural: float


def need_of(runs: Sequence[tuple[str, float]], padding: float) -> ColumnNeed:
    """The need of one paragraph, given as (text, size in points) runs, with the cell's padding added."""
    return _need_of(tuple(runs), padding)


@lru_cache(maxsize=65536)
def need_of_text(text: str, size: float, padding: float) -> ColumnNeed:
    """need_of of one run, remembered by its text (a plain table's paragraph, measured as one run)."""
    return _need_of(((text, size),), padding)


@lru_cache(maxsize=65536)
def _need_of(runs: tuple[tuple[str, float], ...], padding: float) -> ColumnNeed:
    """need_of, remembered: table cells repeat (labels, names, years), so most are measured once."""
    longest, word, line = 0.0, 0.0, 0.0
    for text, size in runs:
        scale = size * 20 / 1000 * SLACK
        for ch in text:
            width = _WIDTH.get(ch, _OTHER) * scale
            line += width
            word = 0.0 if ch.isspace() and ch != "\u00a0" else word + width
            longest = max(longest, word)
    return ColumnNeed(longest + padding, line + padding)


def widest(count: int, needs: Iterable[tuple[int, ColumnNeed]]) -> list[ColumnNeed]:
    """The need of each of `count` columns, from (column, paragraph's need) pairs: the most any paragraph needs."""
    least, natural = [0.0] * count, [0.0] * count
    for column, need in needs:
        least[column] = need.least if need.least > least[column] else least[column]
        natural[column] = need.natural if need.natural > natural[column] else natural[column]
    return [ColumnNeed(a, b) for a, b in zip(least, natural, strict=True)]


def share(needs: Sequence[ColumnNeed], total: int) -> list[int]:
    """Column widths in twips adding up to `total`, as browsers size an automatic table.

    When every column fits on one line, each gets its line and the rest is spread by those lines; otherwise each
    gets at least its longest word and the rest goes to the columns with more text than that, by how much more;
    when even the longest words do not fit, they are scaled down to the width there is.
    """
    least = [n.least for n in needs]
    natural = [max(n.natural, n.least) for n in needs]
    if sum(natural) <= total:
        widths = _spread(natural, natural, total - sum(natural))
    elif sum(least) <= total:
        widths = _spread(least, [b - a for a, b in zip(least, natural, strict=True)], total - sum(least))
    else:
        widths = [w * total / sum(least) for w in least]
    return _whole(widths, total)


def _spread(base: list[float], weights: list[float], extra: float) -> list[float]:
    weight = sum(weights)
    if weight <= 0:
        return [b + extra / len(base) for b in base]
    return [b + extra * w / weight for b, w in zip(base, weights, strict=True)]


def _whole(widths: list[float], total: int) -> list[int]:
    """Whole twips, the rounding left over given to the widest column, so the sum is exactly `total`."""
    whole = [int(w) for w in widths]
    if whole:
        whole[whole.index(max(whole))] += total - sum(whole)
    return whole
