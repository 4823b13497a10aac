"""The views of a diff: text for the terminal, and the wijzigingsoverzicht and redline Word documents."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from afsprakengen import dutch
from afsprakengen.diffing import AfspraakDiff, Diff, FieldChange, ThemaDiff
from afsprakengen.problems import Location, Problem, error
from afsprakengen.versions import Version
from afsprakengen.worddiff import Segment

MARKERS = {"delete": ("[-", "-]"), "insert": ("{+", "+}"), "equal": ("", "")}
"""Word-diff markers as `git diff --word-diff` shows them."""
SIGNS = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}
INDENT = "      "
ABSENT = "(none)"


# --- the text view ------------------------------------------------------------------------------------------------


def diff_lines(diff: Diff, old: Version, new: Version) -> list[str]:
    """The diff as lines for the terminal: a header, the document's own changes, a block per theme, a summary."""
    lines = [f"Prestatieafspraken {new.jaar}, {new.model.dossier.gemeente.naam}: {_named(old)} -> {_named(new)}"]
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


def _named(v: Version) -> str:
    pa = v.afspraken
    return f"{v.label} (versie {pa.versie}, {pa.status}, {dutch.datum(pa.datum)})"


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
        return [f"{indent}{c.field}: {_one_line(c.old)} -> {_one_line(c.new)}"]
    lines = marked_lines(c.words)
    return _labelled(c.field, lines, indent)


def _plain_lines(field: str, text: str, indent: str) -> list[str]:
    return _labelled(field, text.rstrip("\n").split("\n"), indent)


def _labelled(field: str, lines: list[str], indent: str) -> list[str]:
    """`field: text` for one line; otherwise the field alone, with the lines indented below it."""
    if len(lines) <= 1:
        return [f"{indent}{field}: {''.join(lines)}"]
    return [f"{indent}{field}:", *(f"{indent}  {line}" if line else "" for line in lines)]


def _one_line(value: str | None) -> str:
    if value is None:
        return ABSENT
    flat = " ".join(value.split())
    return flat if len(flat) <= 100 else flat[:99] + "…"


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


# --- the documents ------------------------------------------------------------------------------------------------


def write_overzicht(diff: Diff, old: Version, new: Version, target: Path) -> tuple[Problem, ...]:
    """Write the wijzigingsoverzicht, the list of changes as a Word document for the meeting; the problems if not."""
    from afsprakengen.context.wijzigingsoverzicht import build_wijzigingsoverzicht
    from afsprakengen.resources import resource_dir
    from afsprakengen.word.render import render_docx

    ctx = build_wijzigingsoverzicht(diff, old, new)
    template = resource_dir("templates") / "wijzigingsoverzicht.docx"
    rendered = render_docx(template, f"templates/{template.name}", ctx, _herkomst(new))
    if rendered.data is None:
        return rendered.problems
    custom = (("Oude versie", _named(old)), *_commit("Oude commit", old), ("Nieuwe versie", _named(new)))
    return _finish_and_write(rendered.data, target, ctx.titel, new, (*custom, *_commit("Nieuwe commit", new)))


def write_redline(old: Version, new: Version, author: str | None, target: Path) -> tuple[Problem, ...]:
    """Write NEW's prestatieafspraken with every change since OLD as a Word tracked change; the problems if not."""
    rendered = [_prestatieafspraken_docx(v, _herkomst(new)) for v in (old, new)]
    old_docx, new_docx = rendered
    if not isinstance(old_docx, bytes) or not isinstance(new_docx, bytes):
        return tuple(p for r in rendered if not isinstance(r, bytes) for p in r)
    try:
        from afsprakengen.word.redline import redline  # written alongside; imported only when asked for
    except ImportError:
        return (error(Location(str(target)), "tracked changes are not available in this installation"),)
    pa = new.afspraken
    data = redline(old_docx, new_docx, author or f"Ronde {pa.versie}", _midnight(pa.datum))
    titel = f"Prestatieafspraken {new.jaar}, wijzigingen sinds {old.label}"
    return _finish_and_write(data, target, titel, new, (("Vergeleken met", _named(old)), *_commit("Commit", new)))


def _prestatieafspraken_docx(v: Version, herkomst: str) -> bytes | tuple[Problem, ...]:
    """A version's prestatieafspraken document, rendered with the default template as `build` renders it."""
    from afsprakengen.build import template_for
    from afsprakengen.documents import KIND_BY_NAME
    from afsprakengen.documents_types import JobOptions
    from afsprakengen.word.render import render_docx

    job = next(KIND_BY_NAME["prestatieafspraken"].jobs(v.model, v.cyclus, JobOptions()))
    path, shown = template_for("prestatieafspraken", ())
    rendered = render_docx(path, shown, job.context, herkomst)
    return rendered.data if rendered.data is not None else rendered.problems


def _finish_and_write(
    data: bytes, target: Path, titel: str, new: Version, custom: tuple[tuple[str, str], ...]
) -> tuple[Problem, ...]:
    """Properties from the new version, deterministic bytes, an atomic write."""
    from afsprakengen.word.writer import DocProperties, WriteError, finish_docx, write_atomic

    pa = new.afspraken
    props = DocProperties(
        title=titel,
        subject=f"Prestatieafspraken {new.model.dossier.gemeente.naam} {new.jaar}",
        author="afsprakengen",
        keywords="prestatieafspraken",
        version=pa.versie,
        status=pa.status,
        created=_midnight(pa.datum),
        custom=(("Versie", pa.versie), ("Status", pa.status), ("Jaarschijf", str(new.jaar)), *custom),
    )
    try:
        write_atomic(finish_docx(data, props), target)
    except WriteError as exc:
        return (error(Location(str(target)), str(exc)),)
    return ()


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _herkomst(v: Version) -> str:
    """Where the version came from, for the footer: its commit, as `build` shows it."""
    return f"commit {v.commit}" if v.commit else ""


def _commit(name: str, v: Version) -> tuple[tuple[str, str], ...]:
    return ((name, v.commit),) if v.commit else ()
