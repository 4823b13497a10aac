"""A workbook's bytes made reproducible: a fixed modification time in its properties and fixed zip entry times."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")


def stable_xlsx(data: bytes, stamp: datetime) -> bytes:
    """The same workbook with docProps/core.xml's modified set to stamp and every entry dated stamp."""
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    w3c = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "docProps/core.xml":
                part = _MODIFIED.sub(
                    lambda m: b"<dcterms:modified" + m.group(1) + b">" + w3c + b"</dcterms:modified>", part
                )
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, part)
    return out.getvalue()
