"""Image files a dossier names (party logos): inside the dossier, PNG or JPEG by their bytes, and their size."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
"""JPEG start-of-frame markers: the segment that holds the height and width."""
_NO_LENGTH = frozenset({0x01, *range(0xD0, 0xD9)})
"""JPEG markers without a length field."""


@dataclass(frozen=True)
class ImageFile:
    """An image read from the dossier: its bytes, 'png' or 'jpeg', and its size in pixels."""

    data: bytes
    kind: str
    width: int
    height: int


class ImageError(Exception):
    """Why a named image cannot be used, in plain words."""


def read_image(folder: Path, name: str) -> ImageFile:
    """The image at `name` (relative to folder); raises ImageError when it is outside, missing or not PNG/JPEG."""
    path = _inside(folder, name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImageError(f"'{name}' does not exist in the dossier folder") from None
    except IsADirectoryError:
        raise ImageError(f"'{name}' is a folder, not an image file") from None
    except OSError as exc:
        raise ImageError(f"'{name}' cannot be read ({exc.strerror or exc})") from None
    size = _png_size(data) if data.startswith(_PNG) else _jpeg_size(data) if data.startswith(_JPEG) else None
    if size is None or min(size) < 1:
        raise ImageError(f"'{name}' is not a PNG or JPEG image (judged by its contents, not its name)")
    return ImageFile(data, "png" if data.startswith(_PNG) else "jpeg", *size)


def _inside(folder: Path, name: str) -> Path:
    relative = PurePosixPath(name.replace("\\", "/"))
    path = (folder / relative).resolve()
    if relative.is_absolute() or not path.is_relative_to(folder.resolve()):
        raise ImageError(f"'{name}' is outside the dossier folder; put the logo in the dossier, e.g. logos/logo.png")
    return path


def _png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the IHDR chunk that must follow the PNG signature."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame segment, walking the segments after the SOI marker."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        if marker in _NO_LENGTH:
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _SOF and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return int(width), int(height)
        at += 2 + length
    return None
