"""Batch goal: 342 sample-sized dossiers, every document, in one `afsprakengen batch --jobs 2 --no-cache`."""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks.dossiers import TODAY, sample_copy
from benchmarks.measure import child_env, run_child, tool
from benchmarks.table import Row, announce, unavailable

DOSSIERS = 342
QUICK_DOSSIERS = 20
WALL = 60.0
GIVE_UP = 5
"""A batch still running after this many times the goal is stopped (it misses the goal; `make bench` stays short)."""


def quick() -> bool:
    """BENCH_QUICK=1: build only QUICK_DOSSIERS dossiers and extrapolate (labelled so in the table)."""
    return os.environ.get("BENCH_QUICK", "") not in ("", "0")


def batch_row(tmp: Path) -> Row:
    """Wall time of the batch build (extrapolated linearly to 342 dossiers in quick mode)."""
    name, goal = f"batch of {DOSSIERS} sample dossiers, --jobs 2", f"< {WALL:.0f} s wall"
    usage = run_child([tool(), "batch", "--help"], check=False)
    if usage.returncode != 0:
        return announce(unavailable(name, goal, "no `afsprakengen batch` command"))
    count = QUICK_DOSSIERS if quick() else DOSSIERS
    roots = [str(sample_copy(tmp / "batch" / f"d{i:03d}", f"Batchstad {i:03d}")) for i in range(1, count + 1)]
    out = tmp / "batch-out"
    args = [tool(), "batch", *roots, "--out", str(out), "--jobs", "2", "--today", str(TODAY), "--no-layout"]
    no_cache = "--no-cache" in usage.output
    if no_cache:
        args.append("--no-cache")
    limit = GIVE_UP * WALL * count / DOSSIERS
    child = run_child(args, child_env(tmp, "batch-cache"), timeout=limit)  # an empty cache if no --no-cache
    how = f"extrapolated from {count} dossiers ({child.wall:.1f} s)" if count != DOSSIERS else f"{count} dossiers"
    if child.timed_out:
        return announce(Row(name, f"over {GIVE_UP * WALL:.0f} s wall (stopped; {how})", goal, False))
    documents = len(list(out.rglob("*.docx")))
    wall = child.wall * DOSSIERS / count
    cache = "" if no_cache else "; no --no-cache option yet: empty cache"
    measured = f"{wall:.1f} s wall ({how}; {child.cpu:.1f} s cpu, {documents} documents{cache})"
    return announce(Row(name, measured, goal, wall < WALL))
