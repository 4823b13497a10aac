"""Build a case's dossier: the base dossier with the case's files laid over it."""

from __future__ import annotations

import shutil
from pathlib import Path

CASES = Path(__file__).parent / "cases"
BASE = CASES / "base"
CONTROL_FILES = {"expected.txt", "args.txt", "delete.txt", "README.md"}


def make_case_dossier(case: Path, target: Path) -> Path:
    """Copy the base dossier to target, overlay the case's files, delete those named in delete.txt."""
    shutil.copytree(BASE, target)
    for item in sorted(case.rglob("*")):
        relative = item.relative_to(case)
        if item.is_file() and relative.as_posix() not in CONTROL_FILES:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item, target / relative)
    delete = case / "delete.txt"
    if delete.exists():
        for line in delete.read_text(encoding="utf-8").split():
            (target / line).unlink()
    return target


def case_args(case: Path) -> list[str]:
    """Extra command-line arguments of a case (args.txt), default a fixed --today."""
    args = case / "args.txt"
    return args.read_text(encoding="utf-8").split() if args.exists() else ["--today", "2026-11-27"]
