"""Render goals: prestatieafspraken render + finish against the floor, and the whole build at N=5000."""

from __future__ import annotations

from pathlib import Path

from afsprakengen.build import plan, render_job
from afsprakengen.check.dossier import check_dossier
from afsprakengen.documents.kinds import Job, JobOptions
from benchmarks.dossiers import TODAY, large_dossier
from benchmarks.floor import prepare, render_floor
from benchmarks.measure import BenchError, child_env, failed, median_cpu, ms, run_child, tool
from benchmarks.table import Row, announce

RENDER_RATIO = 1.5
BUILD_RATIO = 3.0
PEAK_MB = 300.0
KIND = "prestatieafspraken"


def job_of(root: Path) -> Job:
    """The one prestatieafspraken job `plan` makes for a checked generated dossier."""
    result = check_dossier(root, root.name, TODAY)
    if result.errors or result.model is None:
        raise failed(f"{root}: the generated dossier has errors", result.problems)
    jobs = plan(result.model, (2027,), (KIND,), JobOptions())
    if len(jobs) != 1:
        raise BenchError(f"{root}: plan made {len(jobs)} prestatieafspraken jobs instead of 1")
    return jobs[0]


def _render(job: Job) -> None:
    data = render_job(job)
    if not isinstance(data, bytes):
        raise failed("render_job failed", data)


def floor_seconds(job: Job, reps: int) -> float:
    """Median CPU seconds of the floor on the job's context."""
    floor = prepare(job)
    render_floor(floor)  # warm: the first render pays for Jinja's and zlib's first use
    return median_cpu(lambda _: lambda: render_floor(floor), reps)


def render_row(tmp: Path, n: int, reps: int) -> tuple[Row, float]:
    """render_job against the floor on the same context; returns the row and the floor's seconds."""
    job = job_of(large_dossier(tmp / f"render-{n}", n))
    floor = floor_seconds(job, reps)
    _render(job)  # warm: the template is compiled once per process, in both
    render = median_cpu(lambda _: lambda: _render(job), reps)
    ratio = render / floor
    measured = f"{ratio:.2f}x floor ({ms(render)} vs floor {ms(floor)})"
    return announce(Row(f"render+finish, N={n}", measured, f"<= {RENDER_RATIO}x floor", ratio <= RENDER_RATIO)), floor


def whole_build_rows(tmp: Path, n: int, floor: float) -> list[Row]:
    """`afsprakengen build --only prestatieafspraken` in a child process: CPU against the floor, peak memory."""
    root = large_dossier(tmp / f"build-{n}", n)
    args = [
        tool(),
        "build",
        str(root),
        "--only",
        KIND,
        "--out",
        str(tmp / f"build-{n}-out"),
        "--today",
        str(TODAY),
        "--no-layout",
    ]
    child = run_child(args, child_env(tmp, f"build-{n}-cache"))
    ratio = child.cpu / floor
    measured = f"{ratio:.2f}x floor ({ms(child.cpu)} cpu, {ms(child.wall)} wall; floor {ms(floor)})"
    peak = f"{child.peak_mb:.0f} MB (largest process)"
    return [
        announce(Row(f"whole build, N={n}", measured, f"<= {BUILD_RATIO}x floor", ratio <= BUILD_RATIO)),
        announce(Row(f"whole build, N={n}: peak memory", peak, f"< {PEAK_MB:.0f} MB", child.peak_mb < PEAK_MB)),
    ]


def render_rows(tmp: Path) -> list[Row]:
    """The render rows at N=500 and N=5000, then the whole build at N=5000 against the N=5000 floor."""
    small, _ = render_row(tmp, 500, 5)
    large, floor = render_row(tmp, 5000, 3)
    return [small, large, *whole_build_rows(tmp, 5000, floor)]
