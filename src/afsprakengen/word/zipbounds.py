"""A template's zip checked from its central directory before anything is inflated: its size, part count and sizes."""

from __future__ import annotations

import io
import zipfile

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
"""A template file larger than this is refused unread (the default templates are about 40 KB)."""
MAX_PARTS = 1_000
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
"""Inflated sizes: zipfile never inflates a part beyond the size the directory gives, so these bound memory."""


def package_problem(data: bytes) -> str | None:
    """Why the bytes cannot be opened as a template package safely, or None: read from the directory alone."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        return f"it is not a zip package ({exc})"
    if len(infos) > MAX_PARTS:
        return f"it has {len(infos):,} parts; a Word document has a few dozen (the limit is {MAX_PARTS:,})"
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            return f"the part {info.filename} inflates to {_mb(info.file_size)}; the limit is {_mb(MAX_PART_BYTES)}"
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        return f"its parts inflate to {_mb(total)} together; the limit is {_mb(MAX_TOTAL_BYTES)}"
    return None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MiB"
