"""The mutation fuzzer (tests/fuzz.py) in the suite: a few hundred cases; `make fuzz` runs 10,000."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from afsprakengen.problems import Location, Problem, error
from tests import fuzz

CASES = 300


def test_mutated_dossiers_give_located_problems_only() -> None:
    failures = fuzz.run(CASES, seed=2026)
    assert failures == [], "\n".join(f"case {f.case} {f.mutations}: {f.reason}" for f in failures)


def test_the_harness_reports_an_internal_error_and_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(fuzz, "check_dossier", crash)
    (failure,) = fuzz.run(1)
    assert failure.reason.startswith("internal error: ZeroDivisionError: boom")
    monkeypatch.setattr(fuzz, "check_dossier", lambda *args: time.sleep(5))
    (failure,) = fuzz.run(1, limit=0.2)
    assert failure.reason == "hang: the check took longer than 0 s"


def test_the_harness_knows_a_place_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\r\nb: 22\n", encoding="utf-8")

    def at(line: int, column: int, message: str = "x") -> Problem:
        return error(Location(str(path), line, column), message)

    assert fuzz._misplaced(at(2, 6)) is None
    assert fuzz._misplaced(at(2, 7)) == "column 7 of a line of 5 characters"
    assert fuzz._misplaced(at(4, 1)) == "line 4 of a file of 3 lines"
    assert fuzz._misplaced(at(1, 1, "a\nb")) is None  # Problem.format writes the newline as its escape: one line
    assert at(1, 1, "a\nb").format().endswith(": error: a\\nb")
    assert fuzz._misplaced(error(Location(str(tmp_path / "g.yaml")), "x")) == "the file does not exist"
    assert (
        fuzz._misplaced(error(Location(str(tmp_path / "g.yaml")), "g.yaml is missing; every dossier has one")) is None
    )
