"""Terminal views for the CLI to print: the status and the calendar as text and data, and the diff as text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from afsprakengen.cycle.dispute import DisputeDates
from afsprakengen.cycle.milestones import Milestone, YearCalendar
from afsprakengen.cycle.status import DossierStatus, StatusItem
from afsprakengen.dutch import LOCALE
from afsprakengen.rounds.compare import AfspraakDiff, Diff, FieldChange, ThemaDiff
from afsprakengen.rounds.versions import Version, version_name
from afsprakengen.rounds.worddiff import Segment

MARKS = {"done": "✓", "open": "·", "attention": "!", "late": "✗"}


def status_lines(status: DossierStatus) -> list[str]:
    """The status as readable lines: per cycle its items, then the next milestone."""
    lines = [f"{status.gemeente}: status on {status.today.isoformat()}"]
    for c in status.cycles:
        lines += ["", f"Jaarschijf {c.jaar} ({c.phase})"]
        lines += [f"  {MARKS[i.state]} {i.state:<9} {i.what}{_due(i)}" for i in c.items] or ["  (nothing yet)"]
        if c.peildatum is not None:
            lines.append(f"  last progress report: peildatum {c.peildatum.isoformat()}")
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
                "geschil": [_dispute_data(d) for d in c.disputes],
                "peildatum": c.peildatum.isoformat() if c.peildatum else None,
            }
            for c in status.cycles
        ],
    }


def _item_data(i: StatusItem) -> dict[str, Any]:
    return {"state": i.state, "what": i.what, "due": i.due.isoformat() if i.due else None, "days_left": i.days_left}


def _dispute_data(d: DisputeDates) -> dict[str, Any]:
    return {
        "corporatie": d.corporatie,
        "overleg_gestart": d.overleg_gestart.isoformat(),
        "zes_maanden": d.zes_maanden.isoformat(),
        "geschil_uiterlijk": d.geschil_uiterlijk.isoformat(),
    }


def _milestone_data(m: Milestone) -> dict[str, Any]:
    return {
        "jaar": m.jaar,
        "key": m.key,
        "titel": m.titel,
        "verantwoordelijk": m.verantwoordelijk,
        "start": m.start.isoformat(),
        "end": m.end.isoformat(),
    }


def calendar_lines(cal: YearCalendar) -> list[str]:
    """Month by month, every milestone and planned meeting in the year with its cycle and who is responsible.

    A milestone the dossier shows done is marked "✓ done"; the dossier's tripartite meetings are listed on their date.
    """
    from babel.dates import format_date  # loads Babel only when the calendar is printed

    lines = [f"Kalender prestatieafspraken {cal.year}: {cal.gemeente}"]
    by_month: dict[int, list[tuple[date, str]]] = {}
    for m in cal.milestones:
        month = m.start.month if m.start.year == cal.year else 1
        done = " · ✓ done" if m in cal.done else ""
        text = f"{_when(m, cal.year):<22} {m.titel} · jaarschijf {m.jaar} · {m.verantwoordelijk}{done}"
        by_month.setdefault(month, []).append((m.start, text))
    for o in cal.overleggen:
        when = format_date(o.datum, "d MMMM", locale=LOCALE)
        by_month.setdefault(o.datum.month, []).append((o.datum, f"{when:<22} Tripartiet overleg: {o.onderwerp}"))
    for month in sorted(by_month):
        lines += ["", format_date(date(cal.year, month, 1), "LLLL yyyy", locale=LOCALE)]
        lines += [f"  {text}" for _, text in sorted(by_month[month], key=lambda entry: entry[0])]
    return lines


def _when(m: Milestone, year: int) -> str:
    from babel.dates import format_date

    if not m.is_period:
        return format_date(m.start, "d MMMM", locale=LOCALE)
    start = format_date(m.start, "d MMM" if m.start.year == year else "d MMM yyyy", locale=LOCALE)
    end = format_date(m.end, "d MMM" if m.end.year == year else "d MMM yyyy", locale=LOCALE)
    return f"{start} – {end}"


# --- the diff ----------------------------------------------------------------------------------------------------

MARKERS = {"delete": ("[-", "-]"), "insert": ("{+", "+}"), "equal": ("", "")}
"""Word-diff markers as `git diff --word-diff` shows them."""
SIGNS = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}
INDENT = "      "
ABSENT = "(none)"
WIDTH = 100
"""A value up to this long is shown whole; a longer one around the part that differs."""
CONTEXT = 30
"""Characters of unchanged text kept on either side of the part of a long value that differs."""


def diff_lines(diff: Diff, old: Version, new: Version) -> list[str]:
    """The diff as lines for the terminal: a header, the document's own changes, a block per theme, a summary."""
    lines = [
        f"Prestatieafspraken {new.jaar}, {new.model.dossier.gemeente.naam}: {version_name(old)} -> {version_name(new)}"
    ]
    if diff.document:
        lines += ["", "Document", *(line for c in diff.document for line in _field_lines(c, "  "))]
    for theme in diff.themas:
        lines += ["", *_theme_lines(theme, diff)]
    lines += ["", summary(diff) if diff.has_changes else f"No differences. {summary(diff)}"]
    return lines


def summary(diff: Diff) -> str:
    """'1 added, 0 removed, 2 changed, 0 moved, 12 unchanged.'"""
    c = diff.counts()
    return f"{c.added} added, {c.removed} removed, {c.changed} changed, {c.moved} moved, {c.unchanged} unchanged."


def _theme_lines(theme: ThemaDiff, diff: Diff) -> list[str]:
    head = f"{theme.code} {theme.naam}"
    if theme.old_naam:
        head += f' (renamed from "{theme.old_naam}")'
    if not theme.has_changes:
        return [f"{head}: no changes ({_agreements(len(theme.unchanged))})"]
    lines = [head]
    for entry in theme.afspraken:
        lines += _entry_lines(entry, diff)
    for entry in theme.moved_out:
        lines.append(f"  < {entry.code} {entry.titel} (moved to {_theme(entry.moved_to, diff)})")
    if theme.unchanged:
        lines.append(f"  = {len(theme.unchanged)} unchanged: {', '.join(theme.unchanged)}")
    return lines


def _entry_lines(entry: AfspraakDiff, diff: Diff) -> list[str]:
    what = f"moved from {_theme(entry.moved_from, diff)}" if entry.kind == "moved" else entry.kind
    lines = [f"  {SIGNS[entry.kind]} {entry.code} {entry.titel} ({what})"]
    for c in entry.changes:
        if entry.kind == "added":
            lines += [] if c.field == "titel" else _plain_lines(c.field, c.new or "", INDENT)
        else:
            lines += _field_lines(c, INDENT)
    return lines


def _theme(code: str | None, diff: Diff) -> str:
    return f"{code} {diff.theme_name(code)}" if code else "?"


def _agreements(n: int) -> str:
    return f"{n} agreement{'s' if n != 1 else ''}"


def _field_lines(c: FieldChange, indent: str) -> list[str]:
    if not c.is_text or c.old is None or c.new is None:
        old, new = value_sides(c.old, c.new)
        return [f"{indent}{c.field}: {old} -> {new}"]
    lines = marked_lines(c.words)
    return _labelled(c.field, lines, indent)


def _plain_lines(field: str, text: str, indent: str) -> list[str]:
    return _labelled(field, text.rstrip("\n").split("\n"), indent)


def _labelled(field: str, lines: list[str], indent: str) -> list[str]:
    """`field: text` for one line; otherwise the field alone, with the lines indented below it."""
    if len(lines) <= 1:
        return [f"{indent}{field}: {''.join(lines)}"]
    return [f"{indent}{field}:", *(f"{indent}  {line}" if line else "" for line in lines)]


def value_sides(old: str | None, new: str | None) -> tuple[str, str]:
    """Both values on one line; when one is long, both cut to the part that differs with some context around it,
    '…' where text was left out, so a change is never cut away."""
    if old is None or new is None:
        return _flat(old), _flat(new)
    a, b = _flat(old), _flat(new)
    if max(len(a), len(b)) <= WIDTH:
        return a, b
    prefix = _common(a, b)
    suffix = _common(a[prefix:][::-1], b[prefix:][::-1])
    start = _word_start(a, prefix - CONTEXT)
    return _window(a, start, len(a) - suffix + CONTEXT), _window(b, start, len(b) - suffix + CONTEXT)


def _common(a: str, b: str) -> int:
    """The length of the start a and b share."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _flat(value: str | None) -> str:
    return ABSENT if value is None else " ".join(value.split())


def _word_start(text: str, at: int) -> int:
    """The start of the word at or before `at` (0 near the start)."""
    if at <= 0:
        return 0
    return text.rfind(" ", 0, at) + 1


def _window(text: str, start: int, end: int) -> str:
    """text[start:end], the end moved on to the end of its word, with '…' at a cut end."""
    space = text.find(" ", end) if end < len(text) else -1
    end = space if space >= 0 else len(text)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def marked_lines(words: tuple[Segment, ...]) -> list[str]:
    """A word diff as text lines with [-deleted-] and {+inserted+} words; only the lines with a change, '…' between."""
    lines: list[tuple[str, bool]] = [("", False)]
    for segment in words:
        start, end = MARKERS[segment.op]
        for i, piece in enumerate(segment.text.split("\n")):
            if i:
                lines.append(("", False))
            text, changed = lines[-1]
            marked = f"{start}{piece}{end}" if piece else ""
            lines[-1] = (text + marked, changed or bool(marked and segment.op != "equal"))
    while len(lines) > 1 and not lines[-1][0]:
        lines.pop()
    return list(_changed_only(lines))


def _changed_only(lines: list[tuple[str, bool]]) -> Iterator[str]:
    """Lines with a change; '…' where lines with text were left out (short texts are shown whole)."""
    skipped = False
    for text, changed in lines:
        if changed or len(lines) <= 3:
            if skipped:
                yield "…"
            yield text
            skipped = False
        else:
            skipped = skipped or bool(text.strip())
    if skipped:
        yield "…"
