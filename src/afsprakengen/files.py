"""Write output files atomically: a temp file in the same folder, fsync, then one rename; failures in plain words."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import secrets
import time
from pathlib import Path


class WriteError(Exception):
    """An output file could not be written; the message names the path and says why in plain words."""


def write_atomic(data: bytes, target: Path) -> None:
    """Write data to target through a temp file in the same folder + fsync + os.replace.

    On any failure the temp file is removed and an existing target is left as it was. The file gets the mode a
    newly created file gets (0o666 minus the umask).
    """
    try:
        _check_target(target)
        _replace_with(data, target)
    except OSError as e:
        raise WriteError(f"cannot write {target}: {_reason(e, target.parent)}") from e


STALE_AFTER = 3600.0
"""Seconds after which a temp file is taken to be left by a killed writer (a live one writes in well under this)."""


def remove_stale_temps(target: Path) -> None:
    """Remove the temp files of target that a killed or crashed writer left behind (older than STALE_AFTER)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for temp in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
            if _TEMP.fullmatch(temp.name.removeprefix(f".{target.name}")):
                with contextlib.suppress(OSError):
                    if now - temp.lstat().st_mtime > STALE_AFTER:
                        temp.unlink()


_TEMP = re.compile(r"\.[0-9a-f]{12}\.tmp")


REASONS = {
    errno.ENOENT: "the folder {folder} does not exist",
    errno.ENOTDIR: "the folder {folder} does not exist",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "it is a folder",
    errno.ENAMETOOLONG: "the file name is too long",
}
"""Plain-English reasons for the failures people meet; anything else falls back to the system's own words."""


def _check_target(target: Path) -> None:
    folder = target.parent
    if target.is_dir():
        raise WriteError(f"cannot write {target}: it is a folder")
    if not folder.is_dir():
        where = f"{folder} is not a folder" if folder.exists() else f"the folder {folder} does not exist"
        raise WriteError(f"cannot write {target}: {where}")


def _replace_with(data: bytes, target: Path) -> None:
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    # os.open with 0o666 lets the umask decide the mode, as for any new file (mkstemp would give 0o600).
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems (Windows) cannot open a folder, which is fine."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(error: OSError, folder: Path) -> str:
    if error.errno in REASONS:
        return REASONS[error.errno].format(folder=folder)
    return (error.strerror or "unknown error").lower()
