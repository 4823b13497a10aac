"""Timing helpers: CPU time in-process (time.process_time) and of child processes (user+sys from os.wait4)."""

from __future__ import annotations

import compileall
import contextlib
import functools
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from afsprakengen.problems import Problem


class BenchError(Exception):
    """A real error while measuring (a command failed, a dossier had errors): the suite exits non-zero."""


def failed(what: str, problems: Iterable[Problem]) -> BenchError:
    """A BenchError saying what failed, with its problems as the tool prints them."""
    return BenchError(what + ":\n" + "\n".join(p.format() for p in problems))


def cpu_of(fn: Callable[[], object]) -> float:
    """CPU seconds of this process spent in one call of fn."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def median_cpu(make: Callable[[int], Callable[[], object]], reps: int) -> float:
    """Median CPU seconds of `make(i)()` over reps runs; only the returned call is timed, not `make`."""
    return statistics.median(cpu_of(make(i)) for i in range(reps))


@dataclass(frozen=True)
class Child:
    """One finished child process: CPU (user+sys, its own children included), wall time, peak memory, output."""

    cpu: float
    wall: float
    peak_mb: float
    returncode: int
    output: str
    timed_out: bool = False


def tool(name: str = "afsprakengen") -> str:
    """The installed command next to this interpreter (the venv's), so children run the code under test."""
    return str(Path(sys.executable).parent / name)


def child_env(tmp: Path, cache: str) -> dict[str, str]:
    """A measured child's environment: its own cache folder under tmp (XDG_CACHE_HOME, never the user's).

    The package's bytecode is compiled first, as an installed tool has it (pip compiles a wheel's modules when it
    installs them): in an editable checkout run with PYTHONDONTWRITEBYTECODE=1 every child would otherwise compile
    the source of each module it imports, on every start, and the rows would measure that.
    """
    _package_compiled()
    return {"XDG_CACHE_HOME": str(tmp / cache)}


@functools.cache
def _package_compiled() -> None:
    """The bytecode of every module of the package under test, written where Python looks for it (__pycache__)."""
    import afsprakengen

    if not compileall.compile_dir(Path(afsprakengen.__file__).parent, quiet=1):
        raise BenchError("the package's modules could not be compiled to bytecode")


def run_child(
    args: Sequence[str], env: Mapping[str, str] | None = None, *, check: bool = True, timeout: float | None = None
) -> Child:
    """Run a command to its end, measured with os.wait4 by `launch.py`; with check, a non-zero exit is a BenchError.

    The command is started by launch.py, so its peak memory is its own and not this process's (see there); its
    CPU and wall time are measured there too, without the launcher's start. After `timeout` seconds the child's
    process group (the launcher, the command and its workers) is killed and the Child says so.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory(prefix="afsprakengen-launch-") as folder:
        report = Path(folder) / "used.json"
        start = time.perf_counter()
        env = {**os.environ, **(env or {})}
        launched = [sys.executable, "-I", "-S", str(_LAUNCH), str(report), *args]
        proc = subprocess.Popen(launched, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        timer = threading.Timer(timeout or 0, _kill_group, (proc.pid,))
        if timeout:
            timer.start()
        proc.wait()
        wall = time.perf_counter() - start
        timer.cancel()
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
        used = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
    timed_out = timeout is not None and wall >= timeout
    if used is None and not timed_out:
        raise BenchError(f"{' '.join(args)} could not be started (exit {proc.returncode}):\n{text[-2000:]}")
    used = used or {"cpu": 0.0, "wall": wall, "peak_kb": 0}  # killed before the launcher could report
    child = Child(used["cpu"], used["wall"], used["peak_kb"] / 1024, proc.returncode, text, timed_out)
    if check and child.returncode != 0 and not timed_out:
        raise BenchError(f"{' '.join(args)} exited with {child.returncode}:\n{text[-2000:]}")
    return child


_LAUNCH = Path(__file__).with_name("launch.py")


def _kill_group(pid: int) -> None:
    """Kill the process group this suite started for one child (the child is its leader)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def median_child(make: Callable[[int], Sequence[str]], reps: int, env: Mapping[str, str] | None = None) -> Child:
    """The run with the median CPU time of `make(i)` over reps runs (its wall time and memory with it)."""
    runs = sorted((run_child(make(i), env) for i in range(reps)), key=lambda c: c.cpu)
    return runs[len(runs) // 2]


def ms(seconds: float) -> str:
    """Seconds as whole milliseconds."""
    return f"{seconds * 1000:.0f} ms"
