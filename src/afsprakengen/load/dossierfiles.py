"""Find the files of a dossier and tell which kind each one is (the dossier layout contract)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from afsprakengen.problems import Location, Problem, did_you_mean, error, warning


@dataclass(frozen=True)
class InputKind:
    """One kind of dossier file: its name pattern and whether it lives in a year folder."""

    name: str
    pattern: re.Pattern[str]
    in_cycle: bool
    required: bool = False


INPUT_KINDS: tuple[InputKind, ...] = (
    InputKind("dossier", re.compile(r"dossier\.yaml"), in_cycle=False, required=True),
    InputKind(
        "woonvisie",
        re.compile(r"woonvisie(?:-(?P<gemeente>[a-z0-9]+(?:-[a-z0-9]+)*))?\.yaml"),
        in_cycle=False,
        required=True,
    ),
    InputKind("bod", re.compile(r"bod-(?P<corporatie>[a-z0-9]+(?:-[a-z0-9]+)*)\.yaml"), in_cycle=True),
    InputKind("prestatieafspraken", re.compile(r"prestatieafspraken\.yaml"), in_cycle=True),
    InputKind("evaluatie", re.compile(r"evaluatie\.yaml"), in_cycle=True),
    InputKind("overleg", re.compile(r"overleg\.yaml"), in_cycle=True),
    InputKind("voortgang", re.compile(r"voortgang-(?P<peildatum>[^/]+)\.yaml"), in_cycle=True),
)
_KIND_ORDER = {kind.name: i for i, kind in enumerate(INPUT_KINDS)}
_EXAMPLE_NAMES = (
    "dossier.yaml",
    "woonvisie.yaml",
    "bod-<corporatie>.yaml",
    "prestatieafspraken.yaml",
    "evaluatie.yaml",
    "overleg.yaml",
    "voortgang-<peildatum>.yaml",
)
_YEAR = re.compile(r"[0-9]{4}")
FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a cycle (its folder, and every year in the schemas) may have."""


@dataclass(frozen=True)
class DossierFile:
    """A file of the dossier with its kind, and for files in a year folder the year (and corporation)."""

    kind: str
    path: Path
    display: str
    year: int | None = None
    corporatie: str | None = None
    gemeente: str | None = None
    """A regional dossier's woonvisie-<gemeente>.yaml: the gemeente's party id."""

    def sort_key(self) -> tuple[int, int, str]:
        """Dossier-wide files first, then by year, then by kind and name."""
        return (self.year or 0, _KIND_ORDER[self.kind], self.path.name)


@dataclass(frozen=True)
class Layout:
    """The files found in a dossier folder, and the problems with its layout."""

    root: Path
    display: str
    files: tuple[DossierFile, ...]
    problems: tuple[Problem, ...]


def find_files(root: Path, display: str) -> Layout:
    """Find every dossier file below root; unknown files and folders are warnings, missing ones errors."""
    files: list[DossierFile] = []
    problems: list[Problem] = []
    inside = root.resolve()
    for item, year in _iter_candidates(root):
        shown = _display(display, item.relative_to(root).as_posix())
        found = _outside(item, inside, shown) or _classify(item, shown, year)
        if isinstance(found, DossierFile):
            files.append(found)
        else:
            problems.append(found)
    problems.extend(_missing(files, display))
    problems.extend(_stray_folders(root, display))
    return Layout(root, display, tuple(sorted(files, key=DossierFile.sort_key)), tuple(problems))


def _iter_candidates(root: Path) -> Iterator[tuple[Path, int | None]]:
    """YAML files at the top and in year folders, with their year."""
    for item in sorted(root.iterdir()):
        if _is_yaml(item):
            yield item, None
        elif item.is_dir() and _is_year(item.name):
            for child in sorted(item.iterdir()):
                if _is_yaml(child):
                    yield child, int(item.name)


def _is_year(name: str) -> bool:
    return bool(_YEAR.fullmatch(name)) and FIRST_YEAR <= int(name) <= LAST_YEAR


def _is_yaml(item: Path) -> bool:
    return item.is_file() and item.suffix in (".yaml", ".yml") and not item.name.startswith(".")


def _outside(item: Path, inside: Path, shown: str) -> Problem | None:
    """An error for a file that is a link (or lies in a linked folder) pointing out of the dossier; it is not read.

    The message never names where the link points: a pull request's link must not print a path (or a secret in
    it) into a CI log.
    """
    if item.resolve().is_relative_to(inside):
        return None
    message = "this file is a link to outside the dossier; a dossier reads only its own files (copy it in)"
    return error(Location(shown), message)


def _classify(item: Path, shown: str, year: int | None) -> DossierFile | Problem:
    for kind in INPUT_KINDS:
        match = kind.pattern.fullmatch(item.name)
        if match and kind.in_cycle == (year is not None):
            groups = match.groupdict()
            return DossierFile(kind.name, item, shown, year, groups.get("corporatie"), groups.get("gemeente"))
    place = "in a year folder" if year is not None else "at the top of the dossier"
    names = [n for n, k in zip(_EXAMPLE_NAMES, INPUT_KINDS, strict=True) if k.in_cycle == (year is not None)]
    hint = did_you_mean(item.name, names)
    message = f"'{item.name}' is not a dossier file {place}, so it is ignored{hint}; expected: {', '.join(names)}"
    return warning(Location(shown), message)


def _missing(files: list[DossierFile], display: str) -> Iterator[Problem]:
    present = {f.kind for f in files}
    for kind in INPUT_KINDS:
        if kind.required and kind.name not in present:
            shown = _display(display, f"{kind.name}.yaml")
            yield error(
                Location(shown),
                f"{kind.name}.yaml is missing; every dossier has one (`afsprakengen docs` shows the format)",
            )


def _stray_folders(root: Path, display: str) -> Iterator[Problem]:
    for item in sorted(root.iterdir()):
        stray = item.is_dir() and not item.name.startswith(".") and not _is_year(item.name)
        if not stray or not any(_is_yaml(child) for child in item.iterdir()):
            continue
        where = Location(_display(display, item.name))
        if _YEAR.fullmatch(item.name):
            message = f"the year folder '{item.name}' is outside {FIRST_YEAR}-{LAST_YEAR}, so its files are not read"
            yield error(where, message)
        else:
            yield warning(where, f"the folder '{item.name}' is not a year (e.g. 2027), so its files are ignored")


def _display(root_display: str, relative: str) -> str:
    """A path for messages: relative to where the user pointed, as they wrote it."""
    if root_display in ("", "."):
        return relative
    return f"{root_display.rstrip('/')}/{relative}"
