"""The benchmark table: one row per speed goal with its measured value, its goal and whether it is met."""

from __future__ import annotations

import sys
from dataclasses import dataclass

NOT_AVAILABLE = "not available yet"


@dataclass(frozen=True)
class Row:
    """One goal: what is measured, the value measured in this run, the goal, and whether it is met (None: n/a)."""

    name: str
    measured: str
    goal: str
    met: bool | None

    @property
    def verdict(self) -> str:
        """`met`, `NOT met`, or `not available yet` when the feature to measure does not exist yet."""
        return NOT_AVAILABLE if self.met is None else "met" if self.met else "NOT met"


def unavailable(name: str, goal: str, why: str) -> Row:
    """A row for a goal whose command or keyword does not exist yet."""
    return Row(name, why, goal, None)


def announce(row: Row) -> Row:
    """Print a row as soon as it is measured (on stderr, so a long run shows progress), and return it."""
    print(f"  {row.name}: {row.measured} (goal {row.goal}) {row.verdict}", file=sys.stderr, flush=True)
    return row


def format_table(rows: list[Row]) -> str:
    """The rows as an aligned plain-text table."""
    header = Row("Goal", "Measured", "Limit", None)
    cells = [(r.name, r.measured, r.goal, "Result" if r is header else r.verdict) for r in [header, *rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)).rstrip() for cell in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
