"""Regenerate the default Word templates in templates/ from their Python description (run after a change)."""

from __future__ import annotations

import sys
from pathlib import Path

from afsprakengen.documents.kinds import KINDS
from afsprakengen.word.package import template_bytes


def main() -> None:
    """Write every default template next to the package's templates/ folder."""
    out = Path(__file__).resolve().parent.parent / "templates"
    out.mkdir(exist_ok=True)
    for kind in KINDS:
        (out / kind.template).write_bytes(template_bytes(kind.build_template(), kind.template))
        print(f"wrote templates/{kind.template}", file=sys.stderr)


if __name__ == "__main__":
    main()
