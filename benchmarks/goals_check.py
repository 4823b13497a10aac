"""Check goals in-process: check of 500 agreements, re-checks with a cache, and growth of check and build."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from afsprakengen.build import BuildRequest, build_dossier
from afsprakengen.cache import Cache
from afsprakengen.check.dossier import CheckResult, check_dossier
from benchmarks.dossiers import TODAY, edit_first_agreement, large_dossier, rename_gemeente
from benchmarks.measure import BenchError, cpu_of, failed, median_cpu, ms
from benchmarks.table import Row, announce, unavailable

CHECK_500 = 0.150
RECHECK = 0.050
GROWTH = 11.0
SIZES = (50, 500, 5000)
REPS = {50: 5, 500: 5, 5000: 3}


def checked(root: Path, **kwargs: Any) -> CheckResult:
    """check_dossier, with keywords it may not have yet; a dossier with errors is a BenchError."""
    check: Callable[..., CheckResult] = check_dossier
    result = check(root, root.name, TODAY, **kwargs)
    if result.errors:
        raise failed(f"{root}: the dossier has errors", result.problems)
    return result


def check_seconds(tmp: Path, n: int) -> float:
    """Median CPU seconds of a check of n agreements, each run on its own variant (nothing to reuse)."""

    def make(i: int) -> Callable[[], object]:
        root = large_dossier(tmp / f"check-{n}-{i}", n, i + 1)
        return lambda: checked(root)

    return median_cpu(make, REPS[n])


def build_seconds(tmp: Path, n: int) -> float:
    """Median CPU seconds of build_dossier (check included) of the prestatieafspraken of n agreements."""

    def make(i: int) -> Callable[[], object]:
        root = large_dossier(tmp / f"grow-{n}-{i}", n, i + 1)
        request = BuildRequest(root, root.name, tmp / f"grow-{n}-{i}-out", TODAY, (2027,), ("prestatieafspraken",))
        return lambda: _built(build_dossier(request).written)

    return median_cpu(make, 1 if n == 5000 else 3)


def _built(written: tuple[Path, ...]) -> None:
    if not written:
        raise BenchError("build_dossier wrote nothing")


def growth_row(what: str, seconds: dict[int, float]) -> Row:
    """Growth from 500 to 5000 agreements, with the times at every size."""
    ratio = seconds[5000] / seconds[500]
    sizes = ", ".join(f"{n}: {ms(s)}" for n, s in seconds.items())
    return announce(Row(f"{what} growth 500->5000", f"{ratio:.1f}x ({sizes})", f"<= {GROWTH:.0f}x", ratio <= GROWTH))


def recheck_row(tmp: Path, what: str, edit: Callable[[Path, int], None]) -> Row:
    """A re-check of 500 agreements after one edit, with the cache the previous check filled."""
    name, goal = f"re-check N=500, {what}", f"< {ms(RECHECK)} cpu"
    if "cache" not in inspect.signature(check_dossier).parameters:
        return announce(unavailable(name, goal, "check_dossier has no cache keyword"))
    root = large_dossier(tmp / f"recheck-{what[:4]}", 500)
    cache = Cache(tmp / f"recheck-{what[:4]}-cache")
    checked(root, cache=cache)

    def make(i: int) -> Callable[[], object]:
        edit(root, i + 1)
        return lambda: checked(root, cache=cache)

    seconds = median_cpu(make, 5)
    return announce(Row(name, ms(seconds), goal, seconds < RECHECK))


def check_rows(tmp: Path) -> list[Row]:
    """Check of 500 (no cache), the re-checks, and the growth of check and build over 50, 500 and 5000."""
    cpu_of(lambda: checked(large_dossier(tmp / "check-warm", 50, 99)))  # warm: imports and compiled schemas
    checks = {n: check_seconds(tmp, n) for n in SIZES}
    rows = [announce(Row("check N=500, no cache", ms(checks[500]), f"< {ms(CHECK_500)} cpu", checks[500] < CHECK_500))]
    rows.append(recheck_row(tmp, "one agreement changed", edit_first_agreement))
    rows.append(recheck_row(tmp, "dossier.yaml changed", lambda root, k: rename_gemeente(root, f"Teststad {k}")))
    rows.append(growth_row("check", checks))
    rows.append(growth_row("build", {n: build_seconds(tmp, n) for n in SIZES}))
    return rows
