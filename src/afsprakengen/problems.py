"""Problems found in a dossier, each with the place it was found: the currency between all stages."""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.Enum):
    """How bad a problem is: an error stops a build, a warning is advice."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a dossier file: 1-based line and column, and the JSON path of the value there."""

    file: str
    line: int = 1
    column: int = 1
    pointer: str = ""
    """JSON path such as `$.afspraken[3].trekker`; empty for problems with the file as a whole."""
    cell: str = ""
    """In a workbook: the sheet and cell, `Afspraken!D14` (shown as `file!Afspraken!D14` instead of line:col)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with (or advice about) the dossier, said in plain words."""

    location: Location
    severity: Severity
    message: str

    def format(self) -> str:
        """Render as `path:line:col: severity: [json path: ]message` (in a workbook `path!sheet!cell: ...`)."""
        loc = self.location
        where = f"{loc.pointer}: " if loc.pointer else ""
        place = f"{loc.file}!{loc.cell}" if loc.cell else f"{loc.file}:{loc.line}:{loc.column}"
        return one_line(f"{place}: {self.severity.value}: {where}{self.message}")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """The text with every control character (newline, ANSI escape, line separator) written as its escape."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def error(location: Location, message: str) -> Problem:
    """An error at a location."""
    return Problem(location, Severity.ERROR, message)


def warning(location: Location, message: str) -> Problem:
    """A warning at a location."""
    return Problem(location, Severity.WARNING, message)


MAX_PER_FILE = 200
"""Problems shown per file; the rest are one line that says how many (999,000 lines help nobody)."""
STOPPED = "the check of this file stopped here: it has too many problems"
"""The message of a check that stopped early (the schema check after MAX_VIOLATIONS); `capped` says 'at least'."""


def capped(problems: Iterable[Problem], limit: int = MAX_PER_FILE) -> list[Problem]:
    """At most `limit` problems per file, in the order given; then one line, at the first left out, with the count."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.location.file, []).append(problem)
    out: list[Problem] = []
    for found in by_file.values():
        stopped = [p for p in found if p.message == STOPPED]
        rest = [p for p in found if p.message != STOPPED]
        out.extend(rest[:limit])
        hidden = rest[limit:]
        if hidden or stopped:
            out.append(error((hidden or stopped)[0].location, _more(len(hidden), bool(stopped))))
    return out


def _more(hidden: int, stopped: bool) -> str:
    if not hidden:
        return "the check of this file stopped here after too many problems; fix the ones above and check again"
    more = f"{'at least ' if stopped else ''}{hidden:,} more problem{'' if hidden == 1 else 's'}"
    return f"{more} in this file not shown; fix the ones above and check again"


def count(problems: Iterable[Problem], severity: Severity) -> int:
    """How many problems have the given severity."""
    return sum(1 for p in problems if p.severity is severity)


def json_path(path: Iterable[str | int]) -> str:
    """Format a path of keys and indexes as a JSON path: `$.afspraken[3].trekker`."""
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}"
        else:
            out += f"[{part!r}]"
    return out


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ` (did you mean 'x'?)` for the closest candidate, or an empty string."""
    pool = [c for c in candidates if c != word]
    folded = {c.casefold(): c for c in pool}
    if word.casefold() in folded:
        return f" (did you mean '{folded[word.casefold()]}'?)"
    match = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
