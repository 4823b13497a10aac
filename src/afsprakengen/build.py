"""Build a dossier's documents: check, plan, render every document, then write the whole set or nothing new."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from afsprakengen.cache import Cache
from afsprakengen.check.dossier import CheckResult, check_dossier
from afsprakengen.documents.accessible import rendered_problems
from afsprakengen.documents.kinds import KINDS, Job, JobOptions
from afsprakengen.documents.produce import (
    Progress,
    compile_templates,
    fork_context,
    produce_all,
    render_job,
    template_for,
)
from afsprakengen.files import SetWriteError, WriteError, remove_stale_temps, write_atomic, write_set
from afsprakengen.load.provenance import Provenance, git_provenance
from afsprakengen.load.yamlsource import collector_paused
from afsprakengen.model import Cyclus, DossierModel
from afsprakengen.problems import Location, Problem, did_you_mean, error

__all__ = [
    "BuildRequest",
    "BuildResult",
    "build_dossier",
    "build_many",
    "plan",
    "render_job",
    "template_for",
    "write_one",
]


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
    jobs: int = 1
    """Worker processes that may render, at most (1: in this process; fewer when the jobs are too small to gain)."""
    cache: Cache | None = None
    """Where finished documents (and checked files) are kept by content hash; None: no cache."""
    layout: bool = False
    """Let LibreOffice lay each document out, so its contents page gets page numbers."""
    definitief_only: bool = False
    """Only the documents whose status is definitief (for publication)."""
    gemeente: str = ""
    """A regional dossier's gemeente (party id): only its woonvisie excerpt and evaluation (`--gemeente`)."""


@dataclass(frozen=True)
class BuildResult:
    """The outcome: the check's result, the problems that stopped the build, and the files written."""

    check: CheckResult
    problems: tuple[Problem, ...]
    written: tuple[Path, ...]
    note: str | None = None
    """What the build could not do but did without (no LibreOffice: no page numbers), in one line."""
    described: tuple[tuple[str, str, str, str], ...] = ()
    """Per written file, in the same order: its title, subject, version and status."""
    missing: tuple[str, ...] = ()
    """Per requested kind of which no document was made, why ("no year folder has a prestatieafspraken.yaml")."""


def build_dossier(request: BuildRequest, progress: Progress | None = None) -> BuildResult:
    """Check the dossier; if it has no errors, render every requested document and write them all, or none.

    The garbage collector is paused meanwhile: a build makes millions of objects and next to no cycles, and each
    collection would walk the whole model again (growing the build faster than the dossier).
    """
    with collector_paused():
        return _build_dossier(request, progress)


def _build_dossier(request: BuildRequest, progress: Progress | None) -> BuildResult:
    remove_stale_temps(request.out)  # what killed builds left; a build running now keeps its own
    checked = check_dossier(request.root, request.display, request.today, cache=request.cache)
    if checked.errors or checked.model is None:
        return BuildResult(checked, (), ())
    unknown = (*unknown_themes(checked.model, request.themes), *unknown_gemeente(checked.model, request.gemeente))
    if unknown:
        return BuildResult(checked, unknown, ())
    planned = plan(checked.model, request.years, request.only, JobOptions(request.themes, request.gemeente))
    if request.definitief_only:
        planned = [job for job in planned if job.status == "definitief"]
    origin = git_provenance(request.root, request.out)
    in_footer = checked.model.dossier.instellingen.herkomst_in_voettekst
    jobs = [
        replace(job, properties=_stamp(origin), herkomst=origin.label, herkomst_in_voettekst=in_footer)
        for job in planned
    ]
    produced = produce_all(
        jobs, request.templates, workers=request.jobs, cache=request.cache, layout=request.layout, progress=progress
    )
    problems = [p for outcome in produced.outcomes if not isinstance(outcome, bytes) for p in outcome]
    problems += rendered_problems(jobs, produced.outcomes, request.templates, request.cache)  # or not written
    if problems:
        return BuildResult(checked, tuple(problems), ())
    rendered = [(job, data) for job, data in zip(jobs, produced.outcomes, strict=True) if isinstance(data, bytes)]
    missing = missing_inputs(planned, request.years, request.only)
    return replace(_write_all(checked, request.out, rendered), note=produced.note, missing=missing)


def build_many(
    requests: Sequence[BuildRequest], workers: int = 1, progress: Progress | None = None
) -> list[BuildResult]:
    """Build many dossiers with one pool of worker processes, each dossier in one worker; results in order.

    A dossier that fails does not stop the others: each result says what was written and what went wrong.
    """
    if workers <= 1 or len(requests) <= 1:
        alone = []
        for i, request in enumerate(requests, start=1):
            alone.append(_build_alone(request))
            if progress:
                progress(i, len(requests), request.display)
        return alone
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only a batch in workers needs them

    compile_templates(_templates_of(requests))  # before the fork: every worker starts with them compiled
    results: dict[int, BuildResult] = {}
    with ProcessPoolExecutor(max_workers=min(workers, len(requests)), mp_context=fork_context()) as pool:
        futures = {pool.submit(_build_alone, requests[i]): i for i in _largest_first(requests)}
        for done, future in enumerate(as_completed(futures), start=1):
            i = futures[future]
            results[i] = future.result()
            if progress:
                progress(done, len(requests), requests[i].display)
    return [results[i] for i in range(len(requests))]


def _templates_of(requests: Iterable[BuildRequest]) -> set[Path]:
    """The template of every kind the requests build (a kind made only on request: when asked for)."""
    return {
        template_for(kind.name, request.templates)[0]
        for request in requests
        for kind in KINDS
        if kind.jobs is not None and (kind.name in request.only if request.only else not kind.on_request)
    }


def _largest_first(requests: Sequence[BuildRequest]) -> list[int]:
    """The requests' indexes, the dossier with the most YAML first: a large dossier started last would keep one
    worker busy while the others have nothing left to do."""

    def size(i: int) -> int:
        root = requests[i].root
        try:
            return sum(f.stat().st_size for pattern in ("*.yaml", "*/*.yaml") for f in root.glob(pattern))
        except OSError:
            return 0

    return sorted(range(len(requests)), key=lambda i: -size(i))


def _build_alone(request: BuildRequest) -> BuildResult:
    """One dossier of a batch, rendered in this process; the model is not sent back (only what is reported)."""
    result = build_dossier(replace(request, jobs=1))
    return replace(result, check=replace(result.check, model=None, files=()))


def unknown_gemeente(m: DossierModel, gemeente: str) -> tuple[Problem, ...]:
    """An error, located at dossier.yaml's partijen, when `--gemeente` is not a gemeente of a regional dossier."""
    if not gemeente:
        return ()
    where = m.dossier.src.at("partijen", key=True)
    if m.dossier.regio is None:
        return (error(where, f"--gemeente {gemeente}: only a regional dossier (with regio) has several gemeenten"),)
    known = [p.id for p in m.dossier.gemeenten()]
    if gemeente in known:
        return ()
    listed = did_you_mean(gemeente, known) or f" (its gemeenten are {', '.join(known)})"
    return (error(where, f"--gemeente {gemeente}: the dossier has no gemeente with this party id{listed}"),)


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


def missing_inputs(planned: Iterable[Job], years: Iterable[int], only: Iterable[str]) -> tuple[str, ...]:
    """Per kind the build was asked for but made nothing of, the input no year folder has."""
    made, wanted, chosen = {job.kind for job in planned}, set(only), sorted(set(years))
    where = f"year folder {', '.join(map(str, chosen))}" if chosen else "no year folder"
    has = "does not have" if chosen else "has"
    return tuple(
        f"no {kind.name} document: {where} {has} {kind.needs}"
        for kind in KINDS
        if kind.jobs is not None
        and kind.needs
        and kind.name not in made
        and (kind.name in wanted if wanted else not kind.on_request)
    )


def _stamp(origin: Provenance) -> tuple[tuple[str, str], ...]:
    """The custom properties a build adds in a Git checkout: the commit, and whether it had changes."""
    if not origin.commit:
        return ()
    return (("Git-commit", origin.commit), ("Git-gewijzigd", "ja" if origin.dirty else "nee"))


def write_one(data: bytes, target: Path) -> tuple[Problem, ...]:
    """Write one finished document atomically; the problem, located at the target, if that fails."""
    try:
        write_atomic(data, target)
        remove_stale_temps(target.parent)
    except WriteError as exc:  # located at the target, so the message need not name it again
        return (error(Location(str(target)), str(exc).replace(f"cannot write {target}:", "cannot write it:")),)
    return ()


def _write_all(checked: CheckResult, out: Path, rendered: list[tuple[Job, bytes]]) -> BuildResult:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        problem = error(Location(str(out)), f"cannot create the output folder: {exc.strerror or exc}")
        return BuildResult(checked, (problem,), ())
    try:
        written = write_set([(data, out / job.output) for job, data in rendered])
    except SetWriteError as exc:
        return BuildResult(checked, (error(Location(str(exc.target)), f"cannot write it: {exc.reason}"),), exc.written)
    described = tuple((job.title, job.subject, job.version, job.status) for job, _ in rendered)
    return BuildResult(checked, (), written, described=described)
