"""Monitor goals in-process: export and import (new and updated) of the workbook of 5000 agreements, each < 2 s."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from openpyxl import load_workbook

from afsprakengen.cache import Cache
from afsprakengen.check.dossier import check_dossier
from afsprakengen.monitor.export import export_monitor
from afsprakengen.monitor.importer import ImportRequest, import_monitor
from benchmarks.dossiers import AGREEMENTS, BASE, TODAY
from benchmarks.measure import BenchError, cpu_of, failed, ms
from benchmarks.table import Row, announce

N = 5000
GOAL = 2.0
AGREEMENT = """  - code: WZ-{n:02d}
    thema: WZ
    titel: Nultredenwoningen project {n}
    tekst: Thuis levert {n} nultredenwoningen op.
    soort: resultaat
    trekker: thuis
    doelen: [WZ-D1]
    termijn: 2027-Q4
    indicator: {{naam: Opgeleverde nultredenwoningen, eenheid: woningen, streefwaarde: {n}}}
"""
"""Shorter than the check benchmark's agreement: 5000 of those pass the loader's 200,000-value bound."""


def compact_dossier(root: Path) -> Path:
    """tests/cases/base with N compact agreements in 2027."""
    shutil.copytree(BASE, root)
    path = root / AGREEMENTS
    head = path.read_text(encoding="utf-8").split("afspraken:\n")[0]
    path.write_text(head + "afspraken:\n" + "".join(AGREEMENT.format(n=i) for i in range(1, N + 1)), encoding="utf-8")
    return root


def monitor_rows(tmp: Path) -> list[Row]:
    """Export, then import of a workbook with every row filled in, its check of the dossier included.

    As the commands do, the check goes through a cache (here a fresh one in the temporary folder): the export
    fills it, so the import re-checks only what changed since (nothing the first time, the evaluatie.yaml the
    first import wrote the second time).
    """
    root = compact_dossier(tmp / "monitor")
    cache = Cache(tmp / "cache")
    result = check_dossier(root, root.name, TODAY, cache=cache)
    if result.model is None or result.errors:
        raise failed(f"{root}: the dossier has errors", result.problems)
    model = result.model
    data: list[bytes] = []
    export = cpu_of(lambda: data.append(_bytes(export_monitor(model, 2027, root.name))))
    workbook = _filled(data[0], tmp / "monitor-2027.xlsx", "gerealiseerd")
    request = ImportRequest(workbook, workbook.name, root, root.name, TODAY, cache=cache)
    imported = cpu_of(lambda: _imported(import_monitor(request).problems))
    again_xlsx = _filled(data[0], tmp / "again.xlsx", "vertraagd")
    again = ImportRequest(again_xlsx, again_xlsx.name, root, root.name, TODAY, cache=cache)
    updated = cpu_of(lambda: _imported(import_monitor(again).problems))
    goal = f"< {ms(GOAL)} cpu"
    return [
        announce(Row(f"monitor export N={N}", ms(export), goal, export < GOAL)),
        announce(Row(f"monitor import N={N}, new evaluatie.yaml", ms(imported), goal, imported < GOAL)),
        announce(Row(f"monitor import N={N}, every entry updated", ms(updated), goal, updated < GOAL)),
    ]


def _bytes(data: object) -> bytes:
    if not isinstance(data, bytes):
        raise BenchError(f"monitor export failed: {data}")
    return data


def _filled(data: bytes, target: Path, status: str) -> Path:
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Afspraken"]
    for row in range(2, N + 2):
        ws[f"I{row}"], ws[f"J{row}"], ws[f"L{row}"] = row, status, "doorzetten"
    wb.save(target)
    return target


def _imported(problems: tuple[object, ...]) -> None:
    if problems:
        raise BenchError(f"monitor import refused the filled workbook: {problems[0]}")
