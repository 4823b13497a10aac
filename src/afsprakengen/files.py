"""Write output files atomically, one or a whole set: temp files in the same folder, fsync, renames; plain failures."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import time
from collections.abc import Iterator, Sequence
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


class SetWriteError(WriteError):
    """A set could not be written whole; `written` is exactly what was (nothing, unless a final rename failed)."""

    def __init__(self, target: Path, reason: str, written: tuple[Path, ...]) -> None:
        super().__init__(f"cannot write {target}: {reason}")
        self.target = target
        self.reason = reason
        self.written = written


def write_set(items: Sequence[tuple[bytes, Path]]) -> tuple[Path, ...]:
    """Write every file or nothing new: all to temp files first (fsync), then every rename in one short step.

    A failure while the temp files are written (a full disk) removes them and leaves every target as it was.
    Ctrl-C and SIGTERM wait until the renames are done; only SIGKILL or a power cut in that step can mix the set.
    A target that already holds exactly its bytes (a rebuild that changed nothing there) is left as it is, and is
    one of the set's files all the same (returned with the written ones, in the order of the items).
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for data, target in items:
            _check_target(target)
            if not _holds(target, data):
                staged.append((_staged(data, target), target))
    except (OSError, WriteError) as e:
        _discard(temp for temp, _ in staged)
        why = (
            str(e).removeprefix(f"cannot write {target}: ") if isinstance(e, WriteError) else _reason(e, target.parent)
        )
        raise SetWriteError(target, why, ()) from e
    _rename_all(staged)
    return tuple(target for _, target in items)


def _holds(target: Path, data: bytes) -> bool:
    """Whether target is a regular file (not a link) with exactly these bytes; any doubt is a no."""
    try:
        if not os.path.isfile(target) or os.path.islink(target) or os.path.getsize(target) != len(data):
            return False
        return target.read_bytes() == data
    except OSError:
        return False


def _rename_all(staged: list[tuple[Path, Path]]) -> tuple[Path, ...]:
    done: list[Path] = []
    with _signals_held():
        for temp, target in staged:
            try:
                os.replace(temp, target)
            except OSError as e:
                _discard(t for t, _ in staged[len(done) :])
                raise SetWriteError(target, _reason(e, target.parent), tuple(done)) from e
            done.append(target)
    for folder in dict.fromkeys(target.parent for target in done):
        _sync_folder(folder)
    return tuple(done)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back until the block is done (where the system can; elsewhere a no-op)."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _discard(temps: Iterator[Path] | Sequence[Path]) -> None:
    for temp in temps:
        with contextlib.suppress(OSError):
            temp.unlink()


STALE_AFTER = 3600.0
"""Seconds after which any temp file of ours is taken to be left behind (also one whose process id lives again)."""


def remove_stale_temps(folder: Path) -> None:
    """Remove the temp files of ours in folder that a killed or crashed writer left behind.

    Ours by their name only (`.name.<pid>-<hex>.tmp`, and `.name.<hex>.tmp` of earlier versions). A temp file is
    stale when the process that wrote it runs no more on this machine, or when it is over an hour old; a build
    running at the same time into the same folder keeps its own.
    """
    now = time.time()
    with contextlib.suppress(OSError):
        for temp in folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                if _stale(temp.name, now - temp.lstat().st_mtime):
                    temp.unlink()


_TEMP = re.compile(r"\..+\.(?:(?P<pid>[0-9]+)-[0-9a-f]{8}|[0-9a-f]{12})\.tmp")


def _stale(name: str, age: float) -> bool:
    match = _TEMP.fullmatch(name)
    if match is None:
        return False
    return age > STALE_AFTER or (match["pid"] is not None and not _running(int(match["pid"])))


def _running(pid: int) -> bool:
    """Whether a process with this id runs (on Windows, where signal 0 would end it, taken to be so)."""
    if os.name == "nt" or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


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
    temp = _staged(data, target)
    try:
        os.replace(temp, target)
    except BaseException:
        _discard((temp,))
        raise
    _sync_folder(target.parent)


def _staged(data: bytes, target: Path) -> Path:
    """The data in a new temp file beside target, on disk (fsync); the temp file removed if that fails."""
    temp = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    # os.open with 0o666 lets the umask decide the mode, as for any new file (mkstemp would give 0o600).
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        _discard((temp,))
        raise
    return temp


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
