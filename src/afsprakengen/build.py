"""Build a dossier's documents: check, plan, render every document, then write them all atomically."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from afsprakengen.cache import Cache
from afsprakengen.check.dossier import CheckResult, check_dossier
from afsprakengen.documents.kinds import KIND_BY_NAME, KINDS, Job, JobOptions
from afsprakengen.files import WriteError, write_atomic
from afsprakengen.load.dossierfiles import DossierFile
from afsprakengen.load.provenance import Provenance, git_provenance
from afsprakengen.model import Cyclus, DossierModel
from afsprakengen.problems import Location, Problem, did_you_mean, error
from afsprakengen.resources import resource_dir
from afsprakengen.word.package import DocProperties, finish_docx
from afsprakengen.word.render import render_docx

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class BuildRequest:
    """What to build: the dossier, where to, which years and kinds, and templates replacing the defaults."""

    root: Path
    display: str
    out: Path
    today: date
    years: tuple[int, ...] = ()
    only: tuple[str, ...] = ()
    templates: tuple[tuple[str, Path], ...] = ()
    themes: tuple[str, ...] = ()
    cache: Cache | None = None
    """Where loaded and checked files are kept by content (None: load and validate every file)."""


@dataclass(frozen=True)
class BuildResult:
    """The outcome: the check's result, the problems that stopped the build, and the files written."""

    check: CheckResult
    problems: tuple[Problem, ...]
    written: tuple[Path, ...]


def build_dossier(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Check the dossier; if it has no errors, render every requested document and write them all."""
    checked = check_dossier(request.root, request.display, request.today, cache=request.cache)
    if checked.errors or checked.model is None:
        return BuildResult(checked, (), ())
    unknown = unknown_themes(checked.model, request.themes)
    if unknown:
        return BuildResult(checked, unknown, ())
    jobs = plan(checked.model, request.years, request.only, JobOptions(request.themes))
    origin = git_provenance(request.root)
    rendered: list[tuple[Job, bytes]] = []
    problems: list[Problem] = []
    for i, job in enumerate(jobs, start=1):
        if progress:
            progress(i, len(jobs), job.output)
        data = _render(job, request, checked.files, problems, origin)
        if data is not None:
            rendered.append((job, data))
    if problems:
        return BuildResult(checked, tuple(problems), ())
    return _write_all(checked, request.out, rendered)


def unknown_themes(m: DossierModel, themes: Iterable[str]) -> tuple[Problem, ...]:
    """An error, located at dossier.yaml's themas, for every `--theme` code the dossier does not define."""
    known = [t.code for t in m.dossier.themas]
    where = m.dossier.src.at("themas", key=True)
    listed = f" (its themes are {', '.join(known)})"
    return tuple(
        error(where, f"--theme {code}: the dossier has no theme with this code{did_you_mean(code, known) or listed}")
        for code in dict.fromkeys(themes)
        if code not in known
    )


def plan(m: DossierModel, years: Iterable[int], only: Iterable[str], options: JobOptions) -> list[Job]:
    """Every document the dossier's inputs allow, narrowed to the given years and kinds."""
    wanted_years, wanted_kinds = set(years), set(only)
    jobs: list[Job] = []
    for kind in KINDS:
        make = kind.jobs
        if make is None or ((wanted_kinds or kind.on_request) and kind.name not in wanted_kinds):
            continue
        if kind.on_request:
            for year in sorted(wanted_years or {c.jaar for c in m.cycli}):
                jobs.extend(make(m, m.cyclus(year) or Cyclus(year), options))
            continue
        for c in m.cycli:
            if not wanted_years or c.jaar in wanted_years:
                jobs.extend(make(m, c, options))
    return jobs


def template_for(kind: str, overrides: Iterable[tuple[str, Path]]) -> tuple[Path, str]:
    """The template of a kind (a user's override, else the default) and how to name it in messages."""
    for name, path in overrides:
        if name == kind:
            return path, str(path)
    default = resource_dir("templates") / KIND_BY_NAME[kind].template
    return default, f"templates/{default.name}"


def _render(
    job: Job,
    request: BuildRequest,
    files: tuple[DossierFile, ...],
    problems: list[Problem],
    origin: Provenance = Provenance(),  # noqa: B008 (frozen, so a shared default is safe)
) -> bytes | None:
    path, _ = template_for(job.kind, request.templates)
    stamped = replace(job, properties=_stamp(_input_hash(files, path), origin), herkomst=origin.label)
    result = render_job(stamped, request.templates)
    if isinstance(result, bytes):
        return result
    problems.extend(result)
    return None


def _stamp(digest: str, origin: Provenance) -> tuple[tuple[str, str], ...]:
    """The custom properties a build adds: the input hash and, in a Git checkout, the commit."""
    custom: tuple[tuple[str, str], ...] = (("Invoer-hash", digest),)
    if origin.commit:
        custom += (("Git-commit", origin.commit), ("Git-gewijzigd", "ja" if origin.dirty else "nee"))
    return custom


def render_job(job: Job, templates: Iterable[tuple[str, Path]] = ()) -> bytes | tuple[Problem, ...]:
    """The finished document of a job (rendered, with its properties, deterministic bytes), or why it failed."""
    rendered = render_unfinished(job, templates)
    return finish_job(job, rendered) if isinstance(rendered, bytes) else rendered


def render_unfinished(job: Job, templates: Iterable[tuple[str, Path]] = ()) -> bytes | tuple[Problem, ...]:
    """A job's template rendered with its context, before its properties are set (the redline compares these)."""
    path, shown = template_for(job.kind, templates)
    result = render_docx(path, shown, job.context, job.herkomst)
    return result.data if result.data is not None else result.problems


def finish_job(job: Job, data: bytes) -> bytes:
    """A rendered document with the job's properties, as deterministic bytes."""
    return finish_docx(data, _properties(job))


def write_one(data: bytes, target: Path) -> tuple[Problem, ...]:
    """Write one finished document atomically; the problem, located at the target, if that fails."""
    try:
        write_atomic(data, target)
    except WriteError as exc:
        return (error(Location(str(target)), str(exc)),)
    return ()


def _properties(job: Job) -> DocProperties:
    created = datetime(job.created.year, job.created.month, job.created.day, tzinfo=UTC)
    base = (("Versie", job.version), ("Status", job.status), ("Jaarschijf", str(job.year)))
    return DocProperties(
        title=job.title,
        subject=job.subject,
        author="afsprakengen",
        keywords="prestatieafspraken",
        version=job.version,
        status=job.status,
        created=created,
        custom=base + job.properties,
    )


def _input_hash(files: tuple[DossierFile, ...], template: Path) -> str:
    """sha256 over every input file (by its path in the dossier) and the template."""
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.display.encode("utf-8") + b"\0" + f.path.read_bytes() + b"\0")
    digest.update(template.read_bytes())
    return "sha256:" + digest.hexdigest()


def _write_all(checked: CheckResult, out: Path, rendered: list[tuple[Job, bytes]]) -> BuildResult:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        problem = error(Location(str(out)), f"cannot create the output folder: {exc.strerror or exc}")
        return BuildResult(checked, (problem,), ())
    written: list[Path] = []
    for job, data in rendered:
        failed = write_one(data, out / job.output)
        if failed:
            return BuildResult(checked, failed, tuple(written))
        written.append(out / job.output)
    return BuildResult(checked, (), tuple(written))
