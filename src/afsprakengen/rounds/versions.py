"""Resolve a `diff` argument (a cycle folder, its prestatieafspraken.yaml, or REV:PATH in Git) to a checked version."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from afsprakengen import dutch
from afsprakengen.check.dossier import check_dossier
from afsprakengen.model import Cyclus, DossierModel, Prestatieafspraken
from afsprakengen.problems import Location, Problem, Severity, error

FILE_NAME = "prestatieafspraken.yaml"
_YEAR = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class Version:
    """One version of a cycle's prestatieafspraken, from a dossier that passed its check."""

    label: str
    """How the version is named to people: the revision (`v2027-ronde2`) or the cycle folder as written."""
    model: DossierModel
    jaar: int
    commit: str | None = None
    """The Git commit of a `REV:PATH` version (12 hex digits); None for a folder."""

    @property
    def cyclus(self) -> Cyclus:
        """The cycle of this version."""
        found = self.model.cyclus(self.jaar)
        assert found is not None, "load_version only returns versions whose cycle exists"
        return found

    @property
    def afspraken(self) -> Prestatieafspraken:
        """The cycle's prestatieafspraken."""
        pa = self.cyclus.prestatieafspraken
        assert pa is not None, "load_version only returns versions with prestatieafspraken"
        return pa


@dataclass(frozen=True)
class LoadedVersion:
    """The version an argument names, or the errors that stopped it (each with a place)."""

    version: Version | None
    problems: tuple[Problem, ...] = ()


class _Refused(Exception):
    """The argument names no usable version; the message says why in plain words."""


def load_version(argument: str, today: date, cwd: Path | None = None) -> LoadedVersion:
    """The version an argument names: a path on disk if it exists, else `REV:PATH` when it has a colon."""
    here = cwd or Path.cwd()
    on_disk = here / argument
    try:
        if on_disk.exists() or ":" not in argument:
            return _checked(*_folder_version(on_disk, argument), today)
        rev, _, path = argument.partition(":")
        return _git_version(here, rev, path, today)
    except _Refused as exc:
        return LoadedVersion(None, (error(Location(argument), str(exc)),))


def previous_round(cycle: Path) -> str | None:
    """The previous round of a cycle folder in Git, as `REV:PATH`: the last commit whose prestatieafspraken.yaml
    differs from the one on disk (HEAD when the file has uncommitted changes); None outside Git or without one."""
    if shutil.which("git") is None or not (cycle / "prestatieafspraken.yaml").is_file():
        return None
    top = _git(cycle, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    changed = _git(cycle, "status", "--porcelain", "--", "prestatieafspraken.yaml")
    log = _git(cycle, "log", "--format=%H", "-n", "2", "--", "prestatieafspraken.yaml")
    commits = log.split() if log else []
    # a draft on disk newer than every commit: the last committed one is the previous round; else the one before
    skip = 0 if changed else 1
    return f"{commits[skip]}:{cycle.absolute()}" if len(commits) > skip else None


# --- a folder or file on disk -------------------------------------------------------------------------------------


def _folder_version(path: Path, argument: str) -> tuple[Path, str, int, str]:
    """(dossier root, how to show it, year, label) of a cycle folder or its prestatieafspraken.yaml."""
    if not path.exists():
        raise _Refused("no such file or folder")
    cycle = (path.parent if path.is_file() else path).resolve()
    shown = os.path.normpath(f"{argument}/..") if path.is_file() else os.path.normpath(argument)
    if path.is_file() and path.name != FILE_NAME:
        raise _Refused(f"not a {FILE_NAME} file; give a year folder (e.g. 2027) or its {FILE_NAME}")
    _require_cycle(cycle.name, (cycle / FILE_NAME).is_file(), [p.name for p in cycle.iterdir() if p.is_dir()])
    if not (cycle.parent / "dossier.yaml").is_file():
        raise _Refused(f"the folder above {cycle.name} has no dossier.yaml, so it is not a dossier")
    return cycle.parent, os.path.normpath(f"{shown}/.."), int(cycle.name), shown


def _require_cycle(name: str, has_file: bool, subfolders: list[str]) -> None:
    """Refuse a folder that is not a year folder holding the agreements; hint at year folders below it."""
    years = sorted(s for s in subfolders if _YEAR.fullmatch(s))
    if not has_file:
        hint = f" (it has the year folders {', '.join(years)}; name one of them)" if years else ""
        raise _Refused(f"this folder holds no {FILE_NAME}{hint}")
    if not _YEAR.fullmatch(name):
        raise _Refused(f"'{name}' is not a year folder (e.g. 2027), so it is not a cycle of a dossier")


def _checked(root: Path, display: str, jaar: int, label: str, today: date, commit: str | None = None) -> LoadedVersion:
    """Check the dossier at root; its version of cycle `jaar`, or every error the check found."""
    result = check_dossier(root, display, today)
    errors = tuple(p for p in result.problems if p.severity is Severity.ERROR)
    if errors or result.model is None:
        return LoadedVersion(None, errors)
    cycle = result.model.cyclus(jaar)
    if cycle is None or cycle.prestatieafspraken is None:  # the file is there, so this is a layout surprise
        raise _Refused(f"the dossier has no {FILE_NAME} for {jaar}")
    return LoadedVersion(Version(label, result.model, jaar, commit))


# --- REV:PATH in a Git work tree ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _GitPlace:
    """A path inside a Git work tree at a revision."""

    top: Path
    commit: str
    inside: PurePosixPath
    """The path relative to the work tree's top, '.' for the top itself."""


def _git_version(here: Path, rev: str, path: str, today: date) -> LoadedVersion:
    """The version of the cycle at PATH in revision REV, checked from a copy of its dossier as it was then."""
    if not rev or not path:
        raise _Refused("write a Git revision as REV:PATH, e.g. v2027-ronde2:2027 (PATH as seen from here)")
    if rev.startswith("-"):  # git would read it as an option
        raise _Refused(f"'{rev}' is not a revision: a revision cannot start with '-'")
    place = _locate(here, rev, path)
    cycle = _cycle_in_tree(place)
    dossier = cycle.parent
    if _object_type(place, dossier / "dossier.yaml") != "blob":
        raise _Refused(f"{_shown(dossier)} has no dossier.yaml in {rev}, so {path} is not a cycle of a dossier")
    with tempfile.TemporaryDirectory(prefix="afsprakengen-") as temp:
        _extract(place, dossier, Path(temp))
        return _checked(Path(temp), f"{rev}:{dossier}", int(cycle.name), rev, today, place.commit[:12])


def _locate(here: Path, rev: str, path: str) -> _GitPlace:
    """The work tree that holds PATH (relative to here), the commit REV names, and PATH inside the tree."""
    if shutil.which("git") is None:
        raise _Refused("git is not installed, so a revision cannot be read")
    target = (here / path).absolute()
    existing = next(p for p in (target, *target.parents) if p.is_dir())
    top_text = _git(existing, "rev-parse", "--show-toplevel")
    if top_text is None:
        raise _Refused(f"{existing} is not inside a Git work tree, so '{rev}' cannot be read")
    top = Path(top_text)
    commit = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if commit is None:
        raise _Refused(f"'{rev}' is not a revision (commit, tag or branch) of the repository at {top}")
    real = existing.resolve() / target.relative_to(existing)
    try:
        inside = PurePosixPath(real.relative_to(top.resolve()).as_posix())
    except ValueError:
        raise _Refused(f"{path} is outside the Git work tree {top}") from None
    return _GitPlace(top, commit, inside)


def _cycle_in_tree(place: _GitPlace) -> PurePosixPath:
    """The cycle folder a path at a revision names (the folder itself, or the folder of its prestatieafspraken)."""
    kind = _object_type(place, place.inside)
    if kind is None:
        raise _Refused(f"{_shown(place.inside)} does not exist in commit {place.commit[:12]}")
    if kind == "blob":
        if place.inside.name != FILE_NAME:
            raise _Refused(f"not a {FILE_NAME} file; give a year folder (e.g. 2027) or its {FILE_NAME}")
        cycle = place.inside.parent
        _require_cycle(cycle.name, True, [])
        return cycle
    has_file = _object_type(place, place.inside / FILE_NAME) == "blob"
    _require_cycle(place.inside.name, has_file, _subfolders(place) if not has_file else [])
    return place.inside


def _subfolders(place: _GitPlace) -> list[str]:
    listing = _git(place.top, "ls-tree", "--name-only", "-d", f"{place.commit}:{_spec(place.inside)}")
    return (listing or "").splitlines()


def _object_type(place: _GitPlace, path: PurePosixPath) -> str | None:
    """'blob' for a file, 'tree' for a folder at the revision; None when it is not there."""
    return _git(place.top, "cat-file", "-t", f"{place.commit}:{_spec(path)}")


def _extract(place: _GitPlace, dossier: PurePosixPath, into: Path) -> None:
    """Write the dossier folder as it was at the revision into `into` (which becomes the dossier root)."""
    done = _run_git(place.top, "archive", "--format=tar", f"{place.commit}:{_spec(dossier)}")
    if done is None or done.returncode != 0:
        raise _Refused(f"git could not read {_shown(dossier)} at commit {place.commit[:12]}")
    try:
        with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
            archive.extractall(into, filter="data")
    except tarfile.FilterError as exc:  # where a link points is never shown (a path, or a secret in it)
        name = exc.tarinfo.name
        raise _Refused(
            f"{name} in {_shown(dossier)} at commit {place.commit[:12]} is a link or special file that reaches "
            "outside the dossier; a dossier reads only its own files"
        ) from None
    except tarfile.TarError as exc:
        raise _Refused(f"git gave an archive of {_shown(dossier)} that cannot be read ({exc})") from None


def _git(where: Path, *args: str) -> str | None:
    """git's output with surrounding whitespace removed, or None when it fails."""
    done = _run_git(where, *args)
    if done is None or done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace").strip()


def _run_git(where: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", "-C", str(where), *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None


def _spec(path: PurePosixPath) -> str:
    return "" if str(path) == "." else str(path)


def _shown(path: PurePosixPath) -> str:
    return "the top of the repository" if str(path) == "." else str(path)


def version_name(v: Version) -> str:
    """How a version is named in the diff's views: 'v2027-ronde1 (versie 0.2, concept, 1 oktober 2026)'."""
    pa = v.afspraken
    return f"{v.label} (versie {pa.versie}, {pa.status}, {dutch.datum(pa.datum)})"
