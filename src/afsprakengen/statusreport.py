"""Text and data views of the status and the calendar, for the CLI to print."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from babel.dates import format_date

from afsprakengen.dutch import LOCALE
from afsprakengen.milestones import Milestone
from afsprakengen.status import DossierStatus, StatusItem

MARKS = {"done": "✓", "open": "·", "attention": "!", "late": "✗"}


def status_lines(status: DossierStatus) -> list[str]:
    """The status as readable lines: per cycle its items, then the next milestone."""
    lines = [f"{status.gemeente}: status on {status.today.isoformat()}"]
    for c in status.cycles:
        lines += ["", f"Jaarschijf {c.jaar} ({c.phase})"]
        lines += [f"  {MARKS[i.state]} {i.state:<9} {i.what}{_due(i)}" for i in c.items] or ["  (nothing yet)"]
        if c.next is not None:
            lines.append(f"  → next: {c.next.titel} ({c.next.verantwoordelijk}), {_span(c.next)}")
    late = len(status.late)
    lines += ["", f"{late} late item{'s' if late != 1 else ''}." if late else "Nothing is late."]
    return lines


def _due(item: StatusItem) -> str:
    if item.due is None or item.days_left is None:
        return ""
    if item.days_left >= 0:
        return f"; due {item.due.isoformat()}, {item.days_left} days left"
    return f"; was due {item.due.isoformat()}, {-item.days_left} days ago"


def _span(m: Milestone) -> str:
    return m.start.isoformat() if not m.is_period else f"{m.start.isoformat()} to {m.end.isoformat()}"


def status_data(status: DossierStatus) -> dict[str, Any]:
    """The status as JSON-ready data (schemas/status.schema.json)."""
    return {
        "gemeente": status.gemeente,
        "today": status.today.isoformat(),
        "late": len(status.late),
        "cycles": [
            {
                "jaar": c.jaar,
                "phase": c.phase,
                "items": [_item_data(i) for i in c.items],
                "next": _milestone_data(c.next) if c.next else None,
            }
            for c in status.cycles
        ],
    }


def _item_data(i: StatusItem) -> dict[str, Any]:
    return {"state": i.state, "what": i.what, "due": i.due.isoformat() if i.due else None, "days_left": i.days_left}


def _milestone_data(m: Milestone) -> dict[str, Any]:
    return {
        "jaar": m.jaar,
        "key": m.key,
        "titel": m.titel,
        "verantwoordelijk": m.verantwoordelijk,
        "start": m.start.isoformat(),
        "end": m.end.isoformat(),
    }


def calendar_lines(year: int, gemeente: str, milestones: Iterable[Milestone]) -> list[str]:
    """Month by month, every milestone in the year with its cycle and who is responsible."""
    lines = [f"Kalender prestatieafspraken {year}: {gemeente}"]
    by_month: dict[int, list[Milestone]] = {}
    for m in milestones:
        month = m.start.month if m.start.year == year else 1
        by_month.setdefault(month, []).append(m)
    for month in sorted(by_month):
        lines += ["", format_date(date(year, month, 1), "LLLL yyyy", locale=LOCALE)]
        lines += [
            f"  {_when(m, year):<22} {m.titel} · jaarschijf {m.jaar} · {m.verantwoordelijk}" for m in by_month[month]
        ]
    return lines


def _when(m: Milestone, year: int) -> str:
    if not m.is_period:
        return format_date(m.start, "d MMMM", locale=LOCALE)
    start = format_date(m.start, "d MMM" if m.start.year == year else "d MMM yyyy", locale=LOCALE)
    end = format_date(m.end, "d MMM" if m.end.year == year else "d MMM yyyy", locale=LOCALE)
    return f"{start} – {end}"
