"""Whole-process goals: --help, check and build of the sample, and a rebuild after one edit (CPU of the child)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.dossiers import SAMPLE, TODAY, edit_first_agreement, sample_copy
from benchmarks.measure import Child, child_env, median_child, ms, run_child, tool
from benchmarks.table import Row, announce

HELP = 0.150
CHECK = 0.300
BUILD = 1.5
REBUILD = 0.5


def cold(cache: Path, make: Callable[[int], Sequence[str]]) -> Callable[[int], Sequence[str]]:
    """`make`, with the child's cache folder (XDG_CACHE_HOME) emptied before every run."""

    def fresh(i: int) -> Sequence[str]:
        shutil.rmtree(cache, ignore_errors=True)
        return make(i)

    return fresh


def timed_row(name: str, child: Child, limit: float, note: str = "") -> Row:
    """A row of a child's CPU (user+sys) against a limit, with its wall time."""
    measured = f"{ms(child.cpu)} cpu ({ms(child.wall)} wall{note})"
    return announce(Row(name, measured, f"< {ms(limit)} cpu", child.cpu < limit))


def build_args(root: Path, out: Path) -> list[str]:
    """`afsprakengen build` of a dossier into out, as of the benchmark's date."""
    return [tool(), "build", str(root), "--out", str(out), "--today", str(TODAY), "--no-layout"]


def sample_build_row(tmp: Path, env: dict[str, str]) -> Row:
    """A build of the sample with an empty cache; the row names how many documents it wrote."""
    outs = [tmp / f"sample-out-{i}" for i in range(3)]
    child = median_child(cold(Path(env["XDG_CACHE_HOME"]), lambda i: build_args(SAMPLE, outs[i])), 3, env)
    written = min(len(list(out.rglob("*.docx"))) for out in outs)
    # the goal was set when the sample had 13 documents; it now has 15 (two progress reports)
    return timed_row("build sample (every document)", child, BUILD, f", {written} documents written")


def rebuild_row(tmp: Path, env: dict[str, str]) -> Row:
    """The second build of a copy of the sample after one agreement's text changed, the cache kept between."""
    root, out = sample_copy(tmp / "rebuild"), tmp / "rebuild-out"
    run_child(build_args(root, out), env)
    cached = any(path.is_file() for path in (Path(env["XDG_CACHE_HOME"]) / "afsprakengen").rglob("*"))

    def edited(i: int) -> Sequence[str]:
        edit_first_agreement(root, i + 1)
        return build_args(root, out)

    note = "" if cached else "; the first build cached nothing"
    return timed_row("rebuild sample, one agreement changed", median_child(edited, 3, env), REBUILD, note)


def cli_rows(tmp: Path) -> list[Row]:
    """The whole-process rows; every child gets its own cache folder (never the user's)."""
    env = child_env(tmp, "cli-cache")
    cache = Path(env["XDG_CACHE_HOME"])
    check = [tool(), "check", str(SAMPLE), "--today", str(TODAY)]
    return [
        timed_row("afsprakengen --help", median_child(lambda _: [tool(), "--help"], 5, env), HELP),
        timed_row("check sample, empty cache", median_child(cold(cache, lambda _: check), 5, env), CHECK),
        sample_build_row(tmp, env),
        rebuild_row(tmp, child_env(tmp, "rebuild-cache")),
    ]
