"""The speed goals, each measured in this run and printed with its goal and whether it is met (`make bench`).

A goal not met is reported, not a failure: the exit code is 0. A real error (a command that fails, a generated
dossier with errors) stops the suite with exit code 1. BENCH_QUICK=1 builds fewer batch dossiers and extrapolates.
Names of groups as arguments (`python -m benchmarks.run render check`) measure only those groups.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks.goals_batch import batch_row, quick
from benchmarks.goals_check import check_rows
from benchmarks.goals_cli import cli_rows
from benchmarks.goals_monitor import monitor_rows
from benchmarks.goals_render import render_rows
from benchmarks.measure import BenchError
from benchmarks.table import Row, format_table

GROUPS: dict[str, Callable[[Path], list[Row]]] = {
    "render": render_rows,
    "check": check_rows,
    "cli": cli_rows,
    "monitor": monitor_rows,
    "batch": lambda tmp: [batch_row(tmp)],
}


def measure_all(tmp: Path, groups: Sequence[str]) -> list[Row]:
    """Every row of the groups named (all when none is), in the table's order."""
    print("measuring (CPU: time.process_time in-process; user+sys of child processes) ...", file=sys.stderr)
    return [row for name, rows in GROUPS.items() if not groups or name in groups for row in rows(tmp)]


def main(groups: Sequence[str] = ()) -> int:
    """Measure, print the table; 0 whether or not the goals are met, 1 on a real error (or an unknown group)."""
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        print(f"benchmark error: no group {', '.join(unknown)} (groups: {', '.join(GROUPS)})", file=sys.stderr)
        return 1
    start, load_before = time.perf_counter(), os.getloadavg()[0]
    try:
        with tempfile.TemporaryDirectory(prefix="afsprakengen-bench-") as tmp:
            rows = measure_all(Path(tmp), groups)
    except BenchError as exc:
        print(f"benchmark error: {exc}", file=sys.stderr)
        return 1
    met = sum(r.met is True for r in rows)
    mode = ", quick (BENCH_QUICK)" if quick() else ""
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    print(f"\nSpeed goals ({os.cpu_count()} cores, {load}{mode}; CPU times are medians of a few runs where cheap)\n")
    print(format_table(rows))
    print(f"\n{met} of {len(rows)} goals met; measured in {time.perf_counter() - start:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
