"""`monitor import`: a filled workbook checked cell by cell and written into evaluatie.yaml or a progress file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from afsprakengen.cache import Cache
from afsprakengen.check.dossier import check_dossier
from afsprakengen.check.schema import check_schema
from afsprakengen.check.voortgang import outside_year
from afsprakengen.files import WriteError, write_atomic
from afsprakengen.load.yamlsource import load_yaml_bytes
from afsprakengen.monitor.columns import TOELICHTING
from afsprakengen.monitor.read import read_monitor
from afsprakengen.monitor.validate import Validated, validate
from afsprakengen.monitor.yamlnew import new_evaluatie
from afsprakengen.monitor.yamlupdate import Change, Unreadable, Updated, updated_evaluatie
from afsprakengen.monitor.yamlvoortgang import new_voortgang, progress_values, updated_voortgang
from afsprakengen.problems import Location, Problem, Severity, error

NOTHING = "nothing is filled in on the Afspraken sheet; a new {name} needs a status for at least one agreement"
_LIST = {False: "evaluaties", True: "afspraken"}
"""The list of per-agreement entries in an evaluation and in a progress report."""


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
    cache: Cache | None = None
    """The check's cache (the command's, in the user's cache folder); None checks every file again."""
    peildatum: date | None = None
    """With a peildatum the workbook becomes the progress report J/voortgang-<peildatum>.yaml, not the evaluation."""


def import_monitor(req: ImportRequest) -> Imported:
    """Read, check every cell, update the YAML text, check it against its schema, then write it in one rename."""
    read = read_monitor(req.workbook, req.workbook_display)
    if read.problem is not None:
        return Imported(None, problems=(read.problem,))
    year = req.year if req.year is not None else read.year
    if year is None:
        return _refused(req.workbook_display, "the file names no jaarschijf (a CSV never does): give --year J")
    checked = check_dossier(req.dossier, req.dossier_display, req.today, cache=req.cache)
    if checked.model is None or checked.errors:
        return Imported(None, problems=tuple(p for p in checked.problems if p.severity is Severity.ERROR))
    cyclus = checked.model.cyclus(year)
    if cyclus is None or cyclus.prestatieafspraken is None:
        return _refused(req.workbook_display, f"the dossier has no prestatieafspraken.yaml for {year}")
    if req.peildatum is not None and (outside := outside_year(year, req.peildatum)):
        where = Location(req.workbook_display, cell="" if req.year else f"{TOELICHTING}!B1")  # where J comes from
        return Imported(None, problems=(error(where, f"--peildatum: {outside}"),))
    found = validate(read, req.workbook_display, checked.model, cyclus, need_vervolg=req.peildatum is None)
    if found.problems:
        return Imported(None, problems=found.problems)
    return _write(req, year, found)


def _reads_back(data: object, found: Validated, progress: bool) -> bool:
    """The written text read back with the dossier's own loader holds exactly the workbook's values."""
    if not isinstance(data, dict):
        return False
    regels = {r.get("afspraak"): r for r in data.get(_LIST[progress]) or [] if isinstance(r, dict)}
    done = {r.get("activiteit"): r for r in data.get("activiteiten") or [] if isinstance(r, dict)}
    for one in found.agreements:
        r = regels.get(one.code, {})
        wanted = progress_values(one) if progress else {**progress_values(one), "vervolg": one.vervolg}
        if any(not _same(r.get(k), v) for k, v in wanted.items()):
            return False
    return progress or all(_same(done.get(a.code, {}).get("gerealiseerd"), a.gerealiseerd) for a in found.activities)


def _same(read: object, wanted: object) -> bool:
    if isinstance(read, str) and isinstance(wanted, str):
        return read.strip() == wanted.strip()
    return read == wanted


def _refused(display: str, message: str) -> Imported:
    return Imported(None, problems=(error(Location(display), message),))


def _write(req: ImportRequest, year: int, found: Validated) -> Imported:
    progress = req.peildatum is not None
    name = f"voortgang-{req.peildatum.isoformat()}.yaml" if req.peildatum is not None else "evaluatie.yaml"
    path = req.dossier / str(year) / name
    display = f"{req.dossier_display.rstrip('/')}/{year}/{name}"
    at = Location(display)
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old is None and not found.agreements:
            return Imported(None, problems=(error(Location(req.workbook_display), NOTHING.format(name=name)),))
        updated = _text(req, old, year, found, display)
    except (OSError, UnicodeDecodeError) as exc:
        return Imported(None, problems=(error(at, f"cannot read the file: {exc}"),))
    except Unreadable as exc:
        return Imported(None, problems=(error(at, f"cannot update this file, it was left as it is: {exc}"),))
    data = updated.text.encode("utf-8")
    loaded = updated.loaded or load_yaml_bytes(data, display)
    kind = "voortgang" if progress else "evaluatie"
    problems = list(loaded.problems) + (check_schema(loaded.doc, kind, req.cache) if loaded.doc else [])
    if not problems and loaded.doc is not None and not _reads_back(loaded.doc.data, found, progress):
        problems.append(error(at, "the updated file would not read back as the workbook says; nothing was written"))
    if problems:
        return Imported(None, problems=tuple(problems))
    if old is not None and not updated.changes:
        return Imported(None)
    try:
        write_atomic(data, path)
    except WriteError as exc:
        return Imported(None, problems=(error(at, str(exc)),))
    return Imported(display, updated.changes, created=old is None)


def _text(req: ImportRequest, old: str | None, year: int, found: Validated, display: str) -> Updated:
    """The file's new text and what changed: an evaluation or a progress report, new or updated."""
    if req.peildatum is not None:
        if old is None:
            return Updated(*new_voortgang(year, req.peildatum, found.agreements))
        return Updated(*updated_voortgang(old, found.agreements))
    if old is None:
        return Updated(*new_evaluatie(year, req.today, found.agreements, found.activities))
    return updated_evaluatie(old, year, req.today, found.agreements, found.activities, display)
