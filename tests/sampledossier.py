"""The sample dossier (samples/voorbeeldstad) and `afsprakengen build` with the fixed --today the tests use."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from afsprakengen.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "voorbeeldstad"
TODAY = ["--today", "2026-11-27"]


def run_build(dossier: Path, out: Path, *extra: str, layout: bool = False) -> Result:
    """`afsprakengen build DOSSIER --out OUT --today 2026-11-27 [--no-layout] EXTRA...`.

    Without `layout`, LibreOffice's layout pass is skipped: the golden dumps do not depend on page breaks.
    """
    args = ["build", str(dossier), "--out", str(out), *TODAY, *([] if layout else ["--no-layout"]), *extra]
    return CliRunner().invoke(cli, args, catch_exceptions=False)
