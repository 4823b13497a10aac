"""Regenerate the default Word templates in templates/ from their Python description (run after a change)."""

from __future__ import annotations

import sys
from pathlib import Path

from afsprakengen.word.templates import TEMPLATE_BUILDERS, template_bytes


def main() -> None:
    """Write every default template next to the package's templates/ folder."""
    out = Path(__file__).resolve().parent.parent / "templates"
    out.mkdir(exist_ok=True)
    for name in TEMPLATE_BUILDERS:
        (out / name).write_bytes(template_bytes(name))
        print(f"wrote templates/{name}", file=sys.stderr)


if __name__ == "__main__":
    main()
