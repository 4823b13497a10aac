"""A seeded mutation fuzzer: mutated copies of the test base and the sample, checked; no internal error, no hang.

Each case copies a seed dossier, applies one to three mutations (YAML structure, value types, references, unicode,
raw bytes, aliases, folders) and checks it in this process with a time limit. A case fails when the check raises,
takes longer than the limit, or reports a problem whose file:line:col does not exist. `make fuzz` runs 10,000 cases
(`python -m tests.fuzz --cases 10000`); the test suite runs a few hundred (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import FrameType

from afsprakengen.check.dossier import check_dossier
from afsprakengen.load.yamlerrors import LINE_BREAK
from afsprakengen.problems import Problem
from tests.casefolders import BASE
from tests.sampledossier import SAMPLE

SEEDS = (BASE, SAMPLE)
TIME_LIMIT = 10.0
"""Seconds a check of one mutated dossier may take; the seeds take well under one."""
TODAY = date(2026, 11, 27)

_SCALAR = re.compile(r"(?P<lead>:\s|-\s)(?P<value>[^\s#&*\[{'\"|>][^\n#]*)$", re.MULTILINE)
_ID = re.compile(r"\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b|\b[A-Z]{2,6}(?:-[A-Z0-9]+)*\b")
_REPLACEMENTS = (
    "",
    "~",
    "0",
    "-1",
    "2027",
    "9999",
    "1e308",
    "-1e308",
    ".nan",
    ".inf",
    "99999999999999999999999999999",
    "0x7fffffff",
    "true",
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "'2027-13-45'",
    "'2027-02-30'",
    "'2027-Q5'",
    "'13-45'",
    "nee",
    "x" * 300,
    "'\\u0000'",
    '"\\x01\\x0b\\ud800"',
    '"\\u202e\\u200b"',
    "'😀' ",
    "&x 1",
    "*nowhere",
    "!!python/object:os.system 1",
    "!!binary aGVsbG8=",
    "'a: b'",
    "'../../etc/passwd'",
    "'{{ 7*7 }}'",
    "'</w:t></w:r>'",
    "'**x** [l](javascript:alert(1)) <b>'",
)
_UNICODE = ("\u0000", "\u0007", "\u000b", "\ufffe", "\u202e", "\u200d", "é", "😀", "\ufeff", "\u00a0", "\t", "\r")
_BYTES = (b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xfe\xff", b"\r\n", b"\t")


@dataclass(frozen=True)
class Failure:
    """A case that failed: its number, what it did, and what went wrong."""

    case: int
    mutations: tuple[str, ...]
    reason: str


def run(
    cases: int, seed: int = 15, limit: float = TIME_LIMIT, log: Callable[[str], None] | None = None
) -> list[Failure]:
    """Run `cases` mutated dossiers from `seed`; every failure (internal error, hang, a place that does not exist)."""
    failures: list[Failure] = []
    with tempfile.TemporaryDirectory(prefix="afsprakengen-fuzz-") as temp:
        for case in range(cases):
            rng = random.Random(f"{seed}-{case}")
            dossier = Path(temp) / f"case{case}"
            shutil.copytree(rng.choice(SEEDS), dossier)
            done = tuple(_mutate(rng, dossier) for _ in range(rng.randint(1, 3)))
            reason = _check_case(dossier, limit)
            if reason is not None:
                failures.append(Failure(case, done, reason))
                if log:
                    log(f"case {case} {done}: {reason}")
            shutil.rmtree(dossier, ignore_errors=True)
    return failures


class _Hang(Exception):
    """The time limit of a case passed."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check_case(dossier: Path, limit: float) -> str | None:
    """Why the check of the dossier failed as a program, or None when it only found problems (or none)."""
    try:
        with _time_limit(limit):
            result = check_dossier(dossier, str(dossier), TODAY)
    except _Hang:
        return f"hang: the check took longer than {limit:.0f} s"
    except Exception as exc:
        return f"internal error: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=-3)}"
    for problem in result.problems:
        wrong = _misplaced(problem)
        if wrong:
            return f"{wrong}: {problem.format()}"
    return None


def _misplaced(problem: Problem) -> str | None:
    """Why a problem's file:line:col is not a place that exists, or None when it is."""
    where = problem.location
    path = Path(where.file)
    if "\n" in problem.format():
        return "a problem of more than one line"
    if not path.exists():  # a required file that is missing is named where it should be
        return None if problem.message.startswith(f"{path.name} is missing") else "the file does not exist"
    if path.is_dir():
        return None if (where.line, where.column) == (1, 1) else "a folder with a line and column"
    lines = LINE_BREAK.split(path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff"))
    if not 1 <= where.line <= len(lines):
        return f"line {where.line} of a file of {len(lines)} lines"
    if not 1 <= where.column <= len(lines[where.line - 1]) + 1:
        return f"column {where.column} of a line of {len(lines[where.line - 1])} characters"
    return None


# --- mutations ----------------------------------------------------------------------------------------------------


def _mutate(rng: random.Random, dossier: Path) -> str:
    """Apply one random mutation to a random file (or folder) of the dossier; what it did, in a few words."""
    files = sorted(dossier.rglob("*.yaml"))
    if not files:
        return "nothing left to mutate"
    path = rng.choice(files)
    name, mutation = rng.choice(_MUTATIONS)
    if mutation is None:
        return f"folder {_folder(rng, path)}"
    path.write_bytes(mutation(rng, path.read_bytes()))
    return f"{name} {path.relative_to(dossier)}"


def _text_mutation(change: Callable[[random.Random, str], str]) -> Callable[[random.Random, bytes], bytes]:
    def mutate(rng: random.Random, data: bytes) -> bytes:
        return change(rng, data.decode("utf-8", "replace")).encode("utf-8", "surrogatepass")

    return mutate


def _lines(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    action = rng.choice(("delete", "duplicate", "swap", "indent", "dedent", "move"))
    if action == "delete":
        del lines[i]
    elif action == "duplicate":
        lines.insert(i, lines[i])
    elif action == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif action == "indent":
        lines[i] = " " * rng.choice((1, 2, 4)) + lines[i]
    elif action == "dedent":
        lines[i] = lines[i].lstrip()
    else:
        lines.insert(j, lines.pop(i))
    return "\n".join(lines)


def _truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def _value(rng: random.Random, text: str) -> str:
    found = list(_SCALAR.finditer(text))
    if not found:
        return text
    match = rng.choice(found)
    new = rng.choice(_REPLACEMENTS)
    return text[: match.start("value")] + new + text[match.end("value") :]


def _reference(rng: random.Random, text: str) -> str:
    ids = list(_ID.finditer(text))
    if not ids:
        return text
    match = rng.choice(ids)
    other = rng.choice([m.group() for m in ids] + ["onbekend", "WZ-99", "X", "a-", "Thuis"])
    return text[: match.start()] + other + text[match.end() :]


def _unicode(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(_UNICODE) * rng.choice((1, 1, 3)) + text[at:]


def _alias(rng: random.Random, text: str) -> str:
    found = list(_SCALAR.finditer(text))
    if len(found) < 2:
        return text
    first, second = sorted(rng.sample(found, 2), key=lambda m: m.start())
    text = text[: second.start("value")] + "*fz" + text[second.end("value") :]
    return text[: first.start("value")] + "&fz " + text[first.start("value") :]


def _bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.5 and data:
        flipped = bytearray(data)
        flipped[min(at, len(data) - 1)] ^= 1 << rng.randrange(8)
        return bytes(flipped)
    return data[:at] + rng.choice(_BYTES) + data[at:]


def _folder(rng: random.Random, path: Path) -> str:
    """Move the file to another (year) folder, or rename its year folder."""
    root = path.parent.parent if path.parent.name.isdigit() else path.parent
    target = rng.choice(("2024", "2028", "2099", "1899", "0000", "9999", "20x7", "."))
    if path.parent.name.isdigit() and rng.random() < 0.5:
        renamed = root / (target if target != "." else "2030")
        if renamed.exists():
            return f"{path.parent.name} stays: {renamed.name} exists"
        path.parent.rename(renamed)
        return f"{path.parent.name} -> {renamed.name}"
    folder = root / target
    folder.mkdir(exist_ok=True)
    path.rename(folder / path.name)
    return f"{path.name} -> {target}"


_MUTATIONS: tuple[tuple[str, Callable[[random.Random, bytes], bytes] | None], ...] = (
    ("lines", _text_mutation(_lines)),
    ("truncate", _text_mutation(_truncate)),
    ("value", _text_mutation(_value)),
    ("value", _text_mutation(_value)),
    ("reference", _text_mutation(_reference)),
    ("unicode", _text_mutation(_unicode)),
    ("alias", _text_mutation(_alias)),
    ("bytes", _bytes),
    ("folder", None),
)


def main() -> int:
    """`python -m tests.fuzz --cases N [--seed S]`: run, print each failure and a summary; 1 when any failed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    start = time.perf_counter()
    failures = run(args.cases, args.seed, log=lambda line: print(line, flush=True))
    took = time.perf_counter() - start
    print(f"{args.cases:,} cases in {took:.0f} s: {len(failures)} failures.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
