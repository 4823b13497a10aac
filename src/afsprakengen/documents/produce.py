"""Produce the documents of jobs: render and finish each, reuse what the cache holds, spread over worker processes."""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from afsprakengen.cache import Cache, key_of
from afsprakengen.documents.kinds import KIND_BY_NAME, Job
from afsprakengen.problems import Problem
from afsprakengen.resources import resource_dir

if TYPE_CHECKING:
    import multiprocessing.context

Progress = Callable[[int, int, str], None]
"""Called as (documents done, documents in all, the one just done)."""
Templates = tuple[tuple[str, Path], ...]
Outcome = bytes | tuple[Problem, ...]
"""A finished document, or the problems that stopped it."""


def template_for(kind: str, overrides: Iterable[tuple[str, Path]]) -> tuple[Path, str]:
    """The template of a kind (a user's override, else the default) and how to name it in messages."""
    for name, path in overrides:
        if name == kind:
            return path, str(path)
    default = resource_dir("templates") / KIND_BY_NAME[kind].template
    return default, str(default)


def render_job(job: Job, templates: Iterable[tuple[str, Path]] = ()) -> Outcome:
    """The finished document of a job (rendered, with its properties, deterministic bytes), or why it failed."""
    rendered = render_unfinished(job, templates)
    return finish_job(job, rendered) if isinstance(rendered, bytes) else rendered


def render_unfinished(job: Job, templates: Iterable[tuple[str, Path]] = (), cache: Cache | None = None) -> Outcome:
    """A job's template rendered with its context, before its properties are set (the redline compares these)."""
    from afsprakengen.word.render import render_docx

    path, shown = template_for(job.kind, templates)
    result = render_docx(path, shown, job.context, job.herkomst, job.herkomst_in_voettekst, cache)
    return result.data if result.data is not None else result.problems


def finish_job(job: Job, data: bytes) -> bytes:
    """A rendered document with the job's properties, as deterministic bytes."""
    from afsprakengen.word.package import DocProperties, finish_docx

    created = datetime(job.created.year, job.created.month, job.created.day, tzinfo=UTC)
    base = (("Versie", job.version), ("Status", job.status), ("Jaarschijf", str(job.year)))
    props = DocProperties(
        title=job.title,
        subject=job.subject,
        author="afsprakengen",
        keywords="prestatieafspraken",
        version=job.version,
        status=job.status,
        created=created,
        custom=base + job.properties,
    )
    return finish_docx(data, props)


@dataclass(frozen=True)
class Produced:
    """Every job's outcome in the order of the jobs, and a note when the contents pages got no page numbers."""

    outcomes: list[Outcome]
    note: str | None = None


def produce_all(
    jobs: Sequence[Job],
    templates: Templates = (),
    *,
    workers: int = 1,
    cache: Cache | None = None,
    layout: bool = False,
    progress: Progress | None = None,
) -> Produced:
    """Render, lay out (page numbers, with LibreOffice) and finish every job; the same whatever the workers.

    The cache keeps each document as rendered and laid out, by what it shows (its context, footer and template),
    and each finished document by the same and its properties (the Git commit): a job whose finished document is
    kept is neither rendered nor read from the cache as rendered.
    """
    keys = [_key(job, templates, layout) for job in jobs] if cache else [""] * len(jobs)
    known = [_known(cache, job, key) if cache else None for job, key in zip(jobs, keys, strict=True)]
    laid_out: list[Outcome | None] = [
        cache.get("rendered", key) if cache and finished is None else None
        for key, finished in zip(keys, known, strict=True)
    ]
    todo = [i for i, outcome in enumerate(laid_out) if outcome is None and known[i] is None]
    done = _Counter(len(jobs), progress)
    for i in sorted(set(range(len(jobs))) - set(todo)):
        done.tick(jobs[i])
    rendered = dict(_render(jobs, todo, templates, workers, done, cache))
    note = _lay_out(jobs, rendered, workers, cache) if layout else None
    for i, outcome in rendered.items():
        laid_out[i] = outcome
        if cache and isinstance(outcome, bytes):
            cache.put("rendered", keys[i], outcome)
    outcomes = [_outcome(*row, cache) for row in zip(jobs, keys, known, laid_out, strict=True)]
    return Produced(outcomes, note)


def _outcome(job: Job, key: str, finished: bytes | None, data: Outcome | None, cache: Cache | None) -> Outcome:
    """A job's finished document (kept, or finished now from its rendered bytes), or the problems that stopped it."""
    if finished is not None:
        return finished
    assert data is not None, "every job was taken from the cache or rendered"
    return _finished(job, data, cache, key) if isinstance(data, bytes) else data


def _known(cache: Cache, job: Job, key: str) -> bytes | None:
    """The finished document of a job as the cache keeps it, by its render key and properties; None if not kept."""
    known = cache.get("finished", _finished_key(job, key))
    return known if isinstance(known, bytes) else None


def _finished_key(job: Job, key: str) -> str:
    """What a finished document depends on: what it shows (the render key), its properties, SOURCE_DATE_EPOCH."""
    return key_of(key, pickle.dumps(replace(job, context=None), protocol=5), os.environ.get("SOURCE_DATE_EPOCH", ""))


def _finished(job: Job, rendered: bytes, cache: Cache | None, key: str) -> bytes:
    """The finished document, its properties led by the hash of what it shows (`Invoer-hash`), kept in the cache
    by the job's render key."""
    digest = "sha256:" + hashlib.sha256(rendered).hexdigest()
    finished = finish_job(replace(job, properties=(("Invoer-hash", digest), *job.properties)), rendered)
    if cache:
        cache.put("finished", _finished_key(job, key), finished)
    return finished


def _lay_out(jobs: Sequence[Job], rendered: dict[int, Outcome], workers: int, cache: Cache | None) -> str | None:
    """Page numbers into the contents pages of the rendered documents (in place); a note if that was not possible."""
    from afsprakengen.publish.layout import lay_out

    documents = {jobs[i].output: data for i, data in rendered.items() if isinstance(data, bytes)}
    laid_out = lay_out(documents, workers=workers, cache=cache)
    for i in rendered:
        if jobs[i].output in documents:
            rendered[i] = laid_out.documents[jobs[i].output]
    return laid_out.note


class _Counter:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def tick(self, job: Job) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total, job.output)


def _key(job: Job, templates: Templates, layout: bool) -> str:
    """What a rendered, laid-out document depends on: the job without its properties, the template, the layout."""
    path, _ = template_for(job.kind, templates)
    shown = replace(job, properties=())
    return key_of(pickle.dumps(shown, protocol=5), path.read_bytes(), _layout_version() if layout else "")


def _layout_version() -> str:
    """What the page numbers depend on besides the document: the LibreOffice that lays it out (or none)."""
    from afsprakengen.publish.office import find_office

    office = find_office()
    return f"layout {office.version}" if office else "layout none"


POOL_SAVING = 1 << 20
"""The pickled size of the jobs to render besides the largest (bytes, in all) from which worker processes save
work: below it, forking the workers and sending them the jobs and the documents costs more CPU than rendering here
(the sample's 15 jobs pickle to ~0.5 MB; its build costs ~0.1 s cpu more with two workers than without). The
largest job is not counted, since it takes as long in a worker as here: a 5000-agreement cycle beside a small one
gains no time from a worker, and a worker forked from this process would hold both its memory and the job's."""


def _render(
    jobs: Sequence[Job], todo: list[int], templates: Templates, workers: int, done: _Counter, cache: Cache | None
) -> Iterable[tuple[int, Outcome]]:
    pickled = _worth_a_pool(jobs, todo) if workers > 1 and len(todo) > 1 else None
    if pickled is None:
        for i in todo:
            outcome = render_unfinished(jobs[i], templates, cache)
            done.tick(jobs[i])
            yield i, outcome
        return
    from concurrent.futures import ProcessPoolExecutor  # only when workers are worth it

    _compile_templates(jobs, todo, templates, cache)
    with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=fork_context()) as pool:
        futures = [pool.submit(_render_pickled, data, templates, cache) for data in pickled]
        for i, future in zip(todo, futures, strict=True):
            outcome = future.result()
            done.tick(jobs[i])
            yield i, outcome


def _worth_a_pool(jobs: Sequence[Job], todo: list[int]) -> list[bytes] | None:
    """The jobs to render pickled (as the workers get them) if those besides the largest are large enough to save
    work, else None."""
    pickled = [pickle.dumps(jobs[i], protocol=5) for i in todo]
    sizes = sorted(map(len, pickled))
    return pickled if sum(sizes[:-1]) >= POOL_SAVING else None


def _render_pickled(data: bytes, templates: Templates, cache: Cache | None) -> Outcome:
    """`render_unfinished` of a job pickled once by the process that decided to use workers."""
    job = pickle.loads(data)  # pickled by this package's own main process
    assert isinstance(job, Job)
    return render_unfinished(job, templates, cache)


def _compile_templates(jobs: Sequence[Job], todo: list[int], templates: Templates, cache: Cache | None) -> None:
    """Compile each template once in this process, so forked workers start with it compiled."""
    compile_templates({template_for(jobs[i].kind, templates)[0] for i in todo}, cache)


def compile_templates(paths: Iterable[Path], cache: Cache | None = None) -> None:
    """Import what rendering and the read-back need, and compile each template once in this process, so workers
    forked after it start warm (a template that cannot be opened is left to the worker, which says why, located)."""
    import afsprakengen.word.accessibility
    import afsprakengen.word.package
    import afsprakengen.word.readback
    import afsprakengen.word.render  # noqa: F401
    from afsprakengen.word.compiled import TemplateOpenError, compiled_template

    for path in sorted(set(paths)):
        try:
            compiled_template(path, cache)
        except (OSError, TemplateOpenError):
            continue  # the worker says what is wrong with it, located


def fork_context() -> multiprocessing.context.BaseContext:
    """Fork where the system has it: workers then share the imported code and compiled templates."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
