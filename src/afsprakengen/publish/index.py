"""The index of a published year: an accessible HTML page listing each document in its three formats."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

FORMAT_NAMES = {".pdf": "PDF/A", ".odt": "ODF", ".docx": "Word"}
"""How the index names each format, in the order it lists them."""


@dataclass(frozen=True)
class Published:
    """One published document: its title, subject, version and status, and its files (.pdf, .odt, .docx)."""

    title: str
    subject: str
    version: str
    status: str
    files: tuple[Path, ...]


def index_html(heading: str, documents: Sequence[Published]) -> bytes:
    """A small HTML page (lang nl) with per document its files, sizes and SHA-256 checksums."""
    items = "\n".join(_item(d) for d in documents)
    page = (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(heading)}</title>\n</head>\n<body>\n<main>\n<h1>{escape(heading)}</h1>\n"
        f"<ul>\n{items}\n</ul>\n</main>\n</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _item(d: Published) -> str:
    files = sorted(d.files, key=lambda f: list(FORMAT_NAMES).index(f.suffix) if f.suffix in FORMAT_NAMES else 99)
    links = "\n".join(
        f'<li><a href="{escape(f.name)}">{FORMAT_NAMES.get(f.suffix, f.suffix)}</a> ({_size(f)}, SHA-256 '
        f"<code>{hashlib.sha256(f.read_bytes()).hexdigest()}</code>)</li>"
        for f in files
    )
    version = f"versie {escape(d.version)}, " if d.version and d.version != "—" else ""
    about = f"{escape(d.subject)}: {version}{escape(d.status)}"
    return f"<li><h2>{escape(d.title)}</h2>\n<p>{about}</p>\n<ul>\n{links}\n</ul></li>"


def _size(f: Path) -> str:
    """The file's size in the unit it is counted in: KiB and MiB (1,024 bytes), with a decimal comma."""
    kib = f.stat().st_size / 1024
    return f"{kib:.0f} KiB" if kib < 1024 else f"{kib / 1024:.1f} MiB".replace(".", ",")
