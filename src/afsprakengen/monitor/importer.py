"""`monitor import`: a filled workbook checked cell by cell and written into the cycle's evaluatie.yaml, or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from afsprakengen.check.dossier import check_dossier
from afsprakengen.check.schema import check_schema
from afsprakengen.files import WriteError, write_atomic
from afsprakengen.load.yamlsource import load_yaml_bytes
from afsprakengen.model import DossierModel
from afsprakengen.monitor.read import read_monitor
from afsprakengen.monitor.validate import Validated, validate
from afsprakengen.monitor.yamlupdate import Change, Unreadable, updated_evaluatie
from afsprakengen.problems import Location, Problem, Severity, error


@dataclass(frozen=True)
class Imported:
    """What an import did: the file it wrote (None when it wrote nothing), what changed, and the problems."""

    target: str | None
    changes: tuple[Change, ...] = ()
    problems: tuple[Problem, ...] = ()
    created: bool = False


@dataclass(frozen=True)
class ImportRequest:
    """Which workbook goes into which dossier, the year when the workbook does not name one, and today's date."""

    workbook: Path
    workbook_display: str
    dossier: Path
    dossier_display: str
    today: date
    year: int | None = None


def import_monitor(req: ImportRequest) -> Imported:
    """Read, check every cell, update the YAML text, check it against its schema, then write it in one rename."""
    read = read_monitor(req.workbook, req.workbook_display)
    if read.problem is not None:
        return Imported(None, problems=(read.problem,))
    year = req.year if req.year is not None else read.year
    if year is None:
        return _refused(req.workbook_display, "the file names no jaarschijf (a CSV never does): give --year J")
    checked = check_dossier(req.dossier, req.dossier_display, req.today)
    if checked.model is None or checked.errors:
        return Imported(None, problems=tuple(p for p in checked.problems if p.severity is Severity.ERROR))
    cyclus = checked.model.cyclus(year)
    if cyclus is None or cyclus.prestatieafspraken is None:
        return _refused(req.workbook_display, f"the dossier has no prestatieafspraken.yaml for {year}")
    found = validate(read, req.workbook_display, checked.model, cyclus, need_vervolg=True)
    if found.problems:
        return Imported(None, problems=found.problems)
    return _write(req, checked.model, year, found)


def _refused(display: str, message: str) -> Imported:
    return Imported(None, problems=(error(Location(display), message),))


def _write(req: ImportRequest, m: DossierModel, year: int, found: Validated) -> Imported:
    path = req.dossier / str(year) / "evaluatie.yaml"
    display = f"{req.dossier_display.rstrip('/')}/{year}/evaluatie.yaml"
    at = Location(display)
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else None
        text, changes = updated_evaluatie(old, year, req.today, found.agreements, found.activities)
    except (OSError, UnicodeDecodeError) as exc:
        return Imported(None, problems=(error(at, f"cannot read the file: {exc}"),))
    except Unreadable as exc:
        return Imported(None, problems=(error(at, f"cannot update this file, it was left as it is: {exc}"),))
    data = text.encode("utf-8")
    loaded = load_yaml_bytes(data, display)
    problems = list(loaded.problems) + (check_schema(loaded.doc, "evaluatie") if loaded.doc else [])
    if problems:
        return Imported(None, problems=tuple(problems))
    if old is not None and not changes:
        return Imported(None)
    try:
        write_atomic(data, path)
    except WriteError as exc:
        return Imported(None, problems=(error(at, str(exc)),))
    return Imported(display, changes, created=old is None)
