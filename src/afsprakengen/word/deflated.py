"""A package's parts as the zip `zipfile` writes, each distinct part deflated once per process (the template's own).

`zipfile` cannot take a part already deflated, and the large parts a document takes unchanged from its template
(styles.xml, the theme, numbering) are the same in every document of that template: a batch deflated them again
for each. This writes the very bytes `zipfile.ZipFile(..., "w")` writes for DEFLATED entries of a seekable file
(tests/test_deflated.py compares them), and keeps each part's deflated form by its bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping, Sequence

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20
"""What `zipfile` writes as the version needed and made by for a deflated entry (no ZIP64)."""
_DEFLATED = 8
_UTF8_NAME = 0x800
_LIMIT = (1 << 31) - 1
"""Beyond this the zip needs ZIP64 fields: `zipfile` writes those, not this module."""
_MAX_ENTRIES = 0xFFFF

_KEPT_BYTES = 64 * 1024 * 1024
_kept: dict[tuple[int, bytes], tuple[int, bytes]] = {}
"""Each part's CRC-32 and deflated bytes, by its level and bytes: read only; cleared when it holds more than 64 MiB."""
_kept_size = 0


def fits(parts: Mapping[str, bytes]) -> bool:
    """Whether the zip needs none of the ZIP64 fields (then `zip_bytes` writes it, else `zipfile` does)."""
    total = sum(len(name) + 2 * len(data) for name, data in parts.items())
    return len(parts) < _MAX_ENTRIES and total * 1.05 < _LIMIT


def zip_bytes(
    parts: Mapping[str, bytes],
    order: Sequence[str],
    when: tuple[int, int, int, int, int, int],
    level: int,
    external_attr: int,
    create_system: int,
    once: frozenset[str] = frozenset(),
) -> bytes:
    """The parts in this order, deflated at `level`, all with the date `when`, as `zipfile` writes them.

    The parts named in `once` are this document's own (its body, its properties): deflated, not kept.
    """
    dosdate = (when[0] - 1980) << 9 | when[1] << 5 | when[2]
    dostime = when[3] << 11 | when[4] << 5 | (when[5] // 2)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in order:
        data = parts[name]
        crc, packed = deflated(data, level, keep=name not in once)
        encoded, flags = _encoded(name)
        times = (flags, _DEFLATED, dostime, dosdate, crc, len(packed), len(data))
        local = _LOCAL.pack(b"PK\003\004", _VERSION, 0, *times, len(encoded), 0)
        out += (local, encoded, packed)
        fields = (b"PK\001\002", _VERSION, create_system, _VERSION, 0, *times, len(encoded), 0, 0, 0, 0)
        central.append(_CENTRAL.pack(*fields, external_attr, offset) + encoded)
        offset += len(local) + len(encoded) + len(packed)
    size = sum(map(len, central))
    end = _END.pack(b"PK\005\006", 0, 0, len(central), len(central), size, offset, 0)
    return b"".join((*out, *central, end))


def deflated(data: bytes, level: int, keep: bool = True) -> tuple[int, bytes]:
    """The CRC-32 and raw deflate stream of a part, as `zipfile` makes them (one compressobj, one write)."""
    global _kept_size
    known = _kept.get((level, data))
    if known is not None:
        return known
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    result = zlib.crc32(data), compressor.compress(data) + compressor.flush()
    if keep:
        if _kept_size + len(data) + len(result[1]) > _KEPT_BYTES:
            _kept.clear()
            _kept_size = 0
        _kept[level, data] = result
        _kept_size += len(data) + len(result[1])
    return result


def _encoded(name: str) -> tuple[bytes, int]:
    """The name as `zipfile` writes it: ASCII as is, anything else as UTF-8 with the flag saying so."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME
