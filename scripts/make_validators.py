"""Regenerate the shipped quick schema checks in check/validators/ from schemas/*.json (run after a schema change)."""

from __future__ import annotations

import sys
from pathlib import Path

from afsprakengen.check.fastschema import shipped_module
from afsprakengen.load.dossierfiles import INPUT_KINDS


def main() -> None:
    """Write one module per input kind into the package's check/validators/ folder."""
    out = Path(__file__).resolve().parent.parent / "src" / "afsprakengen" / "check" / "validators"
    out.mkdir(exist_ok=True)
    for kind in INPUT_KINDS:
        (out / f"{kind.name}.py").write_text(shipped_module(kind.name), encoding="utf-8")
        print(f"wrote src/afsprakengen/check/validators/{kind.name}.py", file=sys.stderr)


if __name__ == "__main__":
    main()
