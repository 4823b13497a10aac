"""Sliding: stretches of blocks inserted or deleted whole moved past equal blocks to where their marks can work."""

from __future__ import annotations

from afsprakengen.word.redline.settle import Out
from afsprakengen.word.redline.tags import P


def slide(outs: list[Out]) -> list[Out]:
    """Move each stretch of blocks inserted (or deleted) whole past unchanged blocks equal to its own, to where its
    paragraph marks can be tracked both ways (see settle). difflib may put it either side of a repeated block,
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


def _best_place(outs: list[Out], start: int, end: int) -> tuple[list[Out], int]:
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

    def placed(shift: int) -> list[Out]:
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


def _same(unchanged: Out, tracked: Out) -> bool:
    return not unchanged.tracked and unchanged.key is not None and unchanged.key == tracked.key


def _stranded_runs(outs: list[Out]) -> int:
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
