"""Results kept by content hash in the user's cache folder: safe to delete, never trusted across tool versions.

Each version of the tool keeps its results in a folder of its own; the folder another version left is removed
once nothing has been written to it for STALE_DAYS (it is never read by this version, and would stay for ever).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import shutil
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from afsprakengen import __version__

_PACKAGE = Path(__file__).resolve().parent
_LIMIT = 512 * 1024 * 1024
"""A stored result larger than this is not kept (a cache must never fill a disk with one dossier)."""
STALE_DAYS = 30
"""Days after its last write that the folder of another version of the tool is removed."""
_FINGERPRINT = re.compile(r"[0-9a-f]{16}")


@cache
def tool_fingerprint() -> str:
    """A hash of this installation: its version and the bytes of its code, schemas and templates.

    A cache made by any other version (or an edited checkout) is never read: its folder has another name.
    """
    digest = hashlib.sha256(__version__.encode())
    for root in (_PACKAGE, _PACKAGE / "schemas", _PACKAGE.parent.parent / "schemas"):
        for relative in _code_files(root):
            digest.update(relative.encode() + b"\0" + (root / relative).read_bytes())
    return digest.hexdigest()[:16]


def _code_files(root: Path) -> list[str]:
    """The .py and .json files below root (none in __pycache__), as sorted relative POSIX paths; [] without root."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        prefix = Path(folder).relative_to(root).as_posix()
        found.extend(f"{prefix}/{name}" if prefix != "." else name for name in files if name.endswith((".py", ".json")))
    return sorted(found)


def user_cache_root() -> Path:
    """$XDG_CACHE_HOME/afsprakengen, else ~/.cache/afsprakengen (the folder may be deleted at any time)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "afsprakengen"


def key_of(*pieces: bytes | str) -> str:
    """A cache key: the sha256 of the pieces, each length-prefixed so no two lists of pieces collide."""
    digest = hashlib.sha256()
    for piece in pieces:
        data = piece.encode("utf-8") if isinstance(piece, str) else piece
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@dataclass(frozen=True)
class Cache:
    """A folder of pickled results by kind and key; every failure to read or write is a miss, never an error."""

    root: Path = field(default_factory=user_cache_root)

    @property
    def folder(self) -> Path:
        return self.root / tool_fingerprint()

    def get(self, kind: str, key: str) -> Any | None:
        """The stored result, or None when there is none (or it cannot be read)."""
        try:
            with (self.folder / kind / key[:2] / key).open("rb") as fh:
                return pickle.load(fh)  # our own files, in a folder named after this version
        except Exception:  # a damaged or foreign cache entry is a miss
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store a result atomically; a cache that cannot be written is skipped silently."""
        with contextlib.suppress(Exception):
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            if len(data) > _LIMIT:
                return
            target = self.folder / kind / key[:2] / key
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f".{key}.{os.getpid()}.tmp")
            temp.write_bytes(data)
            os.replace(temp, target)
            prune_other_versions(self.root)


@cache
def prune_other_versions(root: Path, now: float | None = None) -> None:
    """Remove the folders of other versions of the tool not written to for STALE_DAYS (once per process and root:
    at a cache's first write); a folder that cannot be read or removed is left, silently."""
    cutoff = (time.time() if now is None else now) - STALE_DAYS * 86400
    with contextlib.suppress(OSError):
        for folder in root.iterdir():
            if folder.name == tool_fingerprint() or not _FINGERPRINT.fullmatch(folder.name) or folder.is_symlink():
                continue
            if folder.is_dir() and _last_written(folder) < cutoff:
                shutil.rmtree(folder, ignore_errors=True)


def _last_written(folder: Path) -> float:
    """When a result was last written into a version's folder: the latest change of it, of its kinds' folders and
    of their key folders (a write renames a file into one of those)."""
    latest = folder.stat().st_mtime
    for kind in folder.iterdir():
        if kind.is_dir() and not kind.is_symlink():
            latest = max(latest, kind.stat().st_mtime, *(sub.stat().st_mtime for sub in kind.iterdir()))
    return latest
