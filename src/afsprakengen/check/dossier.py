"""Check a dossier: load every file, validate it against its schema, then the cross-file rules and advice.

What loading and the schema check make of one file depends on nothing but its kind, its path as shown
and its bytes, so with a cache it is kept under a hash of those three: a check after one file changed
loads and validates only that file (the rules and advice, which look across files, always run).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from afsprakengen.cache import Cache, key_of
from afsprakengen.check.itemwise import all_pass
from afsprakengen.check.markdown import convertible
from afsprakengen.check.numbers import thousands_separators
from afsprakengen.check.rules import RULES
from afsprakengen.check.schema import check_schema
from afsprakengen.check.smart import ADVICE
from afsprakengen.check.values import unshowable_values
from afsprakengen.load.dossierfiles import DossierFile, find_files
from afsprakengen.load.yamlsegments import load_bytes_split
from afsprakengen.load.yamlsource import Loaded, SourceDoc, collector_paused, load_yaml_bytes, read_file
from afsprakengen.model import DossierModel
from afsprakengen.model.construct import build_model
from afsprakengen.problems import Problem, Severity, capped, count


@dataclass(frozen=True)
class CheckResult:
    """What checking a dossier found: every problem, and the model when the files could be read."""

    problems: tuple[Problem, ...]
    files: tuple[DossierFile, ...]
    model: DossierModel | None

    @property
    def errors(self) -> int:
        """Number of errors."""
        return count(self.problems, Severity.ERROR)

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return count(self.problems, Severity.WARNING)


CACHE_KIND = "checked-file"


@dataclass(frozen=True)
class FileCheck:
    """What loading and the schema check found in one file: its document, if it loaded, and its problems."""

    doc: SourceDoc | None
    problems: tuple[Problem, ...]
    valid: bool
    """Loaded and valid against its schema, so part of the model."""


def check_dossier(root: Path, display: str, today: date, *, cache: Cache | None = None) -> CheckResult:
    """Check every file of the dossier at root; `display` is how the user wrote its path.

    With a cache, each file's loaded document and problems are read from it when its bytes are unchanged.
    """
    with collector_paused():  # loading and modelling make many objects and no garbage cycles
        return _check(root, display, today, cache)


def _check(root: Path, display: str, today: date, cache: Cache | None) -> CheckResult:
    layout = find_files(root, display)
    problems = list(layout.problems)
    loaded: list[tuple[DossierFile, SourceDoc]] = []
    for f in layout.files:
        checked = check_file(f, cache)
        problems.extend(checked.problems)
        if checked.valid and checked.doc is not None:
            loaded.append((f, checked.doc))
    model = None
    if not problems or all(p.severity is Severity.WARNING for p in problems):
        model = build_model(loaded)
        problems.extend(p for rule in RULES for p in rule(model))
        problems.extend(convertible(model, cache))
        problems.extend(p for advice in ADVICE for p in advice(model, today))
    return CheckResult(tuple(capped(_ordered(problems, layout.files))), layout.files, model)


def check_file(f: DossierFile, cache: Cache | None = None) -> FileCheck:
    """Load one dossier file and check it against its schema, or take what that gave from the cache."""
    data = read_file(f.path, f.display)
    if isinstance(data, Problem):
        return FileCheck(None, (data,), valid=False)
    if cache is None:
        return _load_and_validate(f, data, None)
    key = key_of(CACHE_KIND, f.kind, f.display, data)
    stored = cache.get(CACHE_KIND, key)
    if isinstance(stored, FileCheck):
        return stored
    checked = _load_and_validate(f, data, cache)
    cache.put(CACHE_KIND, key, checked)
    return checked


def _load_and_validate(f: DossierFile, data: bytes, cache: Cache | None) -> FileCheck:
    split = load_bytes_split(data, f.display) if cache is not None and f.display in _LOADED else None
    _LOADED.add(f.display)
    if split is not None and all_pass(split, f.kind, cache):
        return FileCheck(split.doc, tuple(thousands_separators(split.doc)), valid=True)
    result = Loaded(split.doc) if split is not None else load_yaml_bytes(data, f.display)
    if result.doc is None:
        return FileCheck(None, result.problems, valid=False)
    unshowable = tuple(unshowable_values(result.doc))
    said = {p.location for p in unshowable}
    schema_problems = [p for p in check_schema(result.doc, f.kind, cache) if p.location not in said]
    problems = (*result.problems, *thousands_separators(result.doc), *unshowable, *schema_problems)
    return FileCheck(result.doc, problems, valid=not schema_problems and not unshowable)


_LOADED: set[str] = set()
"""The files this process loaded before: only a file loaded again (edited since) is loaded item by item, which
pays only when items are there to reuse; a first load (every `check` command) loads the file whole, as fast."""


def _ordered(problems: list[Problem], files: tuple[DossierFile, ...]) -> list[Problem]:
    """Problems in the dossier's file order, then by line and column; each once."""
    rank = {f.display: i for i, f in enumerate(files)}
    unique = {p.format(): p for p in problems}.values()
    return sorted(
        unique,
        key=lambda p: (
            rank.get(p.location.file, -1),
            p.location.line,
            p.location.column,
            p.severity.value,
            p.message,
        ),
    )
