"""The benchmarks' child measurement: a command's own peak memory and CPU, not those of the suite that starts it."""

from __future__ import annotations

import sys

import pytest
from benchmarks.measure import BenchError, run_child

HELD_MB = 150


def _touched(size_mb: int) -> bytearray:
    held = bytearray(size_mb << 20)
    held[::4096] = b"x" * len(held[::4096])  # every page resident
    return held


def test_a_child_reports_its_own_peak_not_the_one_of_the_process_that_started_it() -> None:
    held = _touched(HELD_MB)
    small = run_child([sys.executable, "-c", "pass"])
    large = run_child([sys.executable, "-c", "x = bytearray(200 << 20); x[::4096] = b'x' * len(x[::4096])"])
    assert len(held) == HELD_MB << 20
    assert small.peak_mb < HELD_MB / 3
    assert 200 <= large.peak_mb < 200 + HELD_MB / 3
    assert large.cpu > small.cpu > 0 and large.returncode == small.returncode == 0


def test_a_child_s_exit_status_output_and_a_command_that_cannot_start() -> None:
    child = run_child([sys.executable, "-c", "print('uit'); raise SystemExit(3)"], check=False)
    assert (child.returncode, child.output.strip()) == (3, "uit")
    with pytest.raises(BenchError, match="exited with 3"):
        run_child([sys.executable, "-c", "raise SystemExit(3)"])
    with pytest.raises(BenchError, match="could not be started"):
        run_child(["/no/such/command"])


def test_a_child_past_its_time_is_stopped() -> None:
    child = run_child([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert child.timed_out and child.returncode != 0 and child.wall < 10
