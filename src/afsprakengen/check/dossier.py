"""Check a dossier: load every file, validate it against its schema, then the cross-file rules and advice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from afsprakengen.check.numbers import thousands_separators
from afsprakengen.check.rules import RULES
from afsprakengen.check.schema import check_schema
from afsprakengen.check.smart import ADVICE
from afsprakengen.load.dossierfiles import DossierFile, find_files
from afsprakengen.load.yamlsource import SourceDoc, collector_paused, load_yaml
from afsprakengen.model import DossierModel
from afsprakengen.model.construct import build_model
from afsprakengen.problems import Problem, Severity, count


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


def check_dossier(root: Path, display: str, today: date) -> CheckResult:
    """Check every file of the dossier at root; `display` is how the user wrote its path."""
    with collector_paused():  # loading and modelling make many objects and no garbage cycles
        return _check(root, display, today)


def _check(root: Path, display: str, today: date) -> CheckResult:
    layout = find_files(root, display)
    problems = list(layout.problems)
    loaded: list[tuple[DossierFile, SourceDoc]] = []
    for f in layout.files:
        result = load_yaml(f.path, f.display)
        problems.extend(result.problems)
        if result.doc is not None:
            problems.extend(thousands_separators(result.doc))
            file_problems = check_schema(result.doc, f.kind)
            problems.extend(file_problems)
            if not file_problems:
                loaded.append((f, result.doc))
    model = None
    if not problems or all(p.severity is Severity.WARNING for p in problems):
        model = build_model(loaded)
        problems.extend(p for rule in RULES for p in rule(model))
        problems.extend(p for advice in ADVICE for p in advice(model, today))
    return CheckResult(tuple(_ordered(problems, layout.files)), layout.files, model)


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
