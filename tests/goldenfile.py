"""One way to compare an output with its golden file, or rewrite that file under `--update-golden`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def read_text(path: Path) -> str:
    """A plain golden file: the whole file is the expected text."""
    return path.read_text(encoding="utf-8")


def write_text(path: Path, text: str) -> None:
    """Write a plain golden file, making its folder when needed."""
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")


def assert_golden(
    path: Path,
    actual: str,
    update: bool,
    *,
    read: Callable[[Path], str] = read_text,
    write: Callable[[Path, str], None] = write_text,
    message: str = "",
) -> None:
    """Assert actual is what the golden file at path expects; with update, first write actual there where it differs.

    read gives the expected text out of the file and write puts an actual text into it, for golden files that hold
    more than the expected text (such as the markdown fixtures, which also hold their inputs).
    """
    if update and (not path.exists() or read(path) != actual):
        write(path, actual)
    assert actual == read(path), message
