"""Regenerate the default Word templates in templates/ from their Python description, and their compiled form."""

from __future__ import annotations

import sys
from pathlib import Path

from afsprakengen.documents.kinds import KINDS
from afsprakengen.word.package import template_bytes
from afsprakengen.word.shipped import SHIPPED_NAME, shipped_bytes


def main() -> None:
    """Write every default template next to the package's templates/ folder, then the compiled form of them all."""
    out = Path(__file__).resolve().parent.parent / "templates"
    out.mkdir(exist_ok=True)
    written = []
    for kind in KINDS:
        written.append(template_bytes(kind.build_template(), kind.template))
        (out / kind.template).write_bytes(written[-1])
        print(f"wrote templates/{kind.template}", file=sys.stderr)
    (out / SHIPPED_NAME).write_bytes(shipped_bytes(written))
    print(f"wrote templates/{SHIPPED_NAME} (used only by this code with these library versions)", file=sys.stderr)


if __name__ == "__main__":
    main()
