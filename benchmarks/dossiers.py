"""Dossiers to measure: generated ones with N agreements (from tests/cases/base) and copies of the sample."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "tests" / "cases" / "base"
SAMPLE = REPO / "samples" / "voorbeeldstad"
TODAY = date(2026, 11, 27)
"""The date every check and build runs as (the tests' date), so advice about deadlines never changes."""
AGREEMENTS = Path("2027") / "prestatieafspraken.yaml"
_GEMEENTE_NAAM = re.compile(r"^(gemeente:\n  naam: )[^\n]*", re.MULTILINE)

AGREEMENT = """  - code: WZ-{n:02d}
    thema: WZ
    titel: Nultredenwoningen project {n}{variant}
    tekst: |
      Thuis levert **{n}** nultredenwoningen op in project {n}, met:
      - een lift;
      - een [zorgsteunpunt](https://example.org/{n}).
    soort: resultaat
    trekker: thuis
    betrokken: [gemeente-teststad]
    doelen: [WZ-D1]
    termijn: 2027-Q4
    indicator:
      naam: Opgeleverde nultredenwoningen
      eenheid: woningen
      streefwaarde: {n}
    doorkijk: {{2028: 1, 2029: 2, 2030: 3}}
"""


def large_dossier(root: Path, n: int, variant: int = 0) -> Path:
    """tests/cases/base with n agreements in 2027; a variant > 0 changes every title (no two variants equal)."""
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(BASE, root)
    path = root / AGREEMENTS
    head = path.read_text(encoding="utf-8").split("afspraken:\n")[0]
    suffix = f" (variant {variant})" if variant else ""
    body = "".join(AGREEMENT.format(n=i, variant=suffix) for i in range(1, n + 1))
    path.write_text(head + "afspraken:\n" + body, encoding="utf-8")
    return root


def sample_copy(root: Path, gemeente: str = "") -> Path:
    """A copy of samples/voorbeeldstad, its municipality renamed when `gemeente` is given."""
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(SAMPLE, root)
    if gemeente:
        rename_gemeente(root, gemeente)
    return root


def edit_first_agreement(root: Path, k: int) -> None:
    """Change the text of the first agreement in 2027 (a different text for every k)."""
    _replace_once(root / AGREEMENTS, "    tekst: |\n      ", f"    tekst: |\n      Wijziging {k}. ")


def rename_gemeente(root: Path, name: str) -> None:
    """Change dossier.yaml only: the municipality's name."""
    path = root / "dossier.yaml"
    text, count = _GEMEENTE_NAAM.subn(lambda m: m.group(1) + name, path.read_text(encoding="utf-8"), count=1)
    if not count:
        raise ValueError(f"{path}: cannot find the municipality's name to change")
    path.write_text(text, encoding="utf-8")


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{path}: cannot find {old!r} to change")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
