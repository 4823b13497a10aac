"""Terminal output: colour on a terminal (none with NO_COLOR or when piped), ASCII where the terminal cannot encode."""

from __future__ import annotations

import codecs
import os
import sys
import unicodedata

import click

from afsprakengen.problems import Problem, Severity

FALLBACKS = {"✓": "+", "✗": "x", "→": "->", "←": "<-", "·": "-", "–": "-", "—": "-", "…": "...", "€": "EUR"}
"""ASCII for the characters the views use that a terminal may not encode; others lose their accents or become '?'."""
TONES = {"error": "red", "warning": "yellow", "done": "green"}
ERROR_HANDLER = "afsprakengen-ascii"


def _ascii(char: str) -> str:
    if char in FALLBACKS:
        return FALLBACKS[char]
    if char in "\u00a0\u202f":
        return " "
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return plain or "?"


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: each character the stream cannot encode as its ASCII fallback."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(_ascii(c) for c in exc.object[exc.start : exc.end]), exc.end


def never_fail_on_encoding() -> None:
    """Make stdout and stderr write ASCII fallbacks for what their encoding lacks (a cp1252 console), never fail."""
    codecs.register_error(ERROR_HANDLER, _fallback)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=ERROR_HANDLER)


def colour() -> bool | None:
    """False with NO_COLOR set (no-color.org); else None: click colours a terminal and strips colour when piped."""
    return False if os.environ.get("NO_COLOR") else None


def say(text: str, tone: str | None = None, *, err: bool = False) -> None:
    """One line, in the colour of its tone (error, warning, done) on a terminal."""
    shown = click.style(text, fg=TONES[tone]) if tone else text
    click.echo(shown, err=err, color=colour())


def say_problem(problem: Problem, *, err: bool = False) -> None:
    """A problem as its one line, the severity word in red (error) or yellow (warning)."""
    word = problem.severity.value
    line = problem.format()
    start = line.index(f": {word}: ") + 2
    tone = "error" if problem.severity is Severity.ERROR else "warning"
    shown = line[:start] + click.style(word, fg=TONES[tone], bold=True) + line[start + len(word) :]
    click.echo(shown, err=err, color=colour())
