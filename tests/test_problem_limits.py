"""At most MAX_PER_FILE problems per file, then one located line that says how many more (or at least how many)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from afsprakengen.check.dossier import check_dossier
from afsprakengen.problems import STOPPED, Location, capped, error
from tests.casefolders import BASE


def _with_bad_themes(tmp_path: Path, count: int) -> list[str]:
    dossier = Path(shutil.copytree(BASE, tmp_path / "d"))
    path = dossier / "woonvisie.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("themas:\n", "themas:\n" + "  - 1\n" * count))
    return [p.format() for p in check_dossier(dossier, "d", date(2026, 11, 27)).problems]


@pytest.mark.parametrize(
    ("count", "more"),
    [
        (250, "d/woonvisie.yaml:204:5: error: $.themas[200]: 50 more problems in this file not shown"),
        (201, "d/woonvisie.yaml:204:5: error: $.themas[200]: 1 more problem in this file not shown"),
        (99_000, "d/woonvisie.yaml:204:5: error: $.themas[200]: at least 800 more problems in this file not shown"),
    ],
)
def test_problems_beyond_the_limit_are_one_line(tmp_path: Path, count: int, more: str) -> None:
    lines = _with_bad_themes(tmp_path, count)
    assert len(lines) == 201
    first = "d/woonvisie.yaml:4:5: error: $.themas[0]: this must be a mapping of 'key: value' lines, not the number 1"
    assert lines[0] == first
    assert lines[199].startswith("d/woonvisie.yaml:203:5: error: $.themas[199]: this must be a mapping")
    assert lines[200] == more + "; fix the ones above and check again"


def test_at_the_limit_nothing_is_left_out(tmp_path: Path) -> None:
    lines = _with_bad_themes(tmp_path, 200)
    assert len(lines) == 200
    assert not any("not shown" in line for line in lines)


def test_a_check_that_stopped_early_says_so_without_hidden_problems() -> None:
    shown = [error(Location("f.yaml", i + 1), "x") for i in range(3)]
    stop = error(Location("f.yaml", 9, 2), STOPPED)
    lines = [p.format() for p in capped([*shown, stop])]
    assert lines[:3] == [p.format() for p in shown]
    message = "the check of this file stopped here after too many problems; fix the ones above and check again"
    assert lines[3:] == [f"f.yaml:9:2: error: {message}"]


def test_a_problem_is_one_line_whatever_its_values_hold() -> None:
    from afsprakengen.problems import Location, error

    hostile = "WZ-01\nd/fake.yaml:1:1: error: injected\r\x1b[2K\u2028\x85\t"
    line = error(Location(f"d/{hostile}.yaml", 2, 3, f"$.x['{hostile}']"), f"'{hostile}' is bad").format()
    assert len(line.splitlines()) == 1
    assert "\x1b" not in line and "\t" not in line
    assert line.count("WZ-01\\nd/fake.yaml:1:1: error: injected\\r\\x1b[2K\\u2028\\x85\\t") == 3
