"""Where a build came from: the Git commit of the dossier, its time, and whether it has uncommitted changes."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Provenance:
    """The dossier's Git commit (None outside Git) and whether its folder differs from that commit."""

    commit: str | None = None
    dirty: bool = False

    @property
    def label(self) -> str:
        """For the footer: 'commit 1a2b3c4d5e6f', with ', gewijzigd' for uncommitted changes; empty outside Git."""
        if self.commit is None:
            return ""
        return f"commit {self.commit}" + (", gewijzigd" if self.dirty else "")


def git_provenance(root: Path, output: Path | None = None) -> Provenance:
    """The provenance of the dossier folder at root; a folder outside Git (or no git) has none.

    The build's own output folder, when it lies inside the dossier, does not count as a change.
    """
    if shutil.which("git") is None:
        return Provenance()
    commit = _git(root, "rev-parse", "--short=12", "HEAD")
    if not commit:
        return Provenance()
    changes = _git(root, "status", "--porcelain", "--untracked-files=all", "--", ".", *_excluded(root, output))
    return Provenance(commit, bool(changes))


def _excluded(root: Path, output: Path | None) -> list[str]:
    """A pathspec that leaves out the output folder, if it is inside the dossier."""
    if output is None:
        return []
    try:
        inside = output.resolve().relative_to(root.resolve())
    except (OSError, ValueError):
        return []
    return [f":(exclude){inside.as_posix()}"] if inside.parts else []


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def commit_time(root: Path) -> datetime | None:
    """The committer time of the last commit that changed the dossier's folder, in UTC; None outside Git."""
    if shutil.which("git") is None:
        return None
    raw = _git(root, "log", "-1", "--format=%ct", "HEAD", "--", ".")
    return _epoch(raw)


def source_date_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) when it is a whole number of seconds; otherwise None."""
    return _epoch(os.environ.get("SOURCE_DATE_EPOCH", ""))


def _epoch(raw: str) -> datetime | None:
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()):
        return None
    try:
        return datetime.fromtimestamp(int(raw), UTC)
    except (OverflowError, OSError, ValueError):
        return None
