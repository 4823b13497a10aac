"""A rendered document checked for accessibility before it is written; what it lacks is an error at its template."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from afsprakengen.cache import Cache, key_of
from afsprakengen.documents.kinds import Job
from afsprakengen.problems import Location, Problem, error

if TYPE_CHECKING:
    from afsprakengen.word.accessibility import Finding


def document_problems(data: bytes, shown: str, output: str) -> tuple[Problem, ...]:
    """Every accessibility finding of a document (`output`), located at the template it came from (`shown`)."""
    from afsprakengen.word.accessibility import docx_findings

    return _located(docx_findings(data), shown, output)


def _located(findings: Iterable[Finding], shown: str, output: str) -> tuple[Problem, ...]:
    return tuple(
        error(Location(shown), f"{output}: {f.message} ({f.place()}); the document is not written") for f in findings
    )


def verified(data: bytes, shown: str, output: str, context: object) -> tuple[Problem, ...]:
    """Whether a rendered document may be written: read back whole (each part parsed strictly, once), showing
    what its context promises, and accessible; the errors at its template when not."""
    from afsprakengen.documents.complete import not_whole, promise_problems
    from afsprakengen.word.accessibility import read_and_judge
    from afsprakengen.word.readback import UnreadableDocument

    try:
        text, findings = read_and_judge(data)
    except UnreadableDocument as exc:
        return (not_whole(shown, output, exc),)
    return promise_problems(text, shown, output, context) + _located(findings, shown, output)


def rendered_problems(
    jobs: Sequence[Job],
    outcomes: Iterable[bytes | tuple[Problem, ...]],
    templates: Iterable[tuple[str, Path]],
    cache: Cache | None = None,
) -> list[Problem]:
    """The accessibility problems of every rendered document of the jobs, and what it lacks of its context.

    With a cache, a document verified before (the same bytes, template name, file name and promises) that passed
    is not read back again.
    """
    from afsprakengen.documents.produce import template_for

    overrides = tuple(templates)
    found: list[Problem] = []
    for job, outcome in zip(jobs, outcomes, strict=True):
        if isinstance(outcome, bytes):
            found.extend(_verified_once(outcome, template_for(job.kind, overrides)[1], job, cache))
    return found


def _verified_once(data: bytes, shown: str, job: Job, cache: Cache | None) -> tuple[Problem, ...]:
    if cache is None:
        return verified(data, shown, job.output, job.context)
    promise = getattr(job.context, "promised", None)
    promised = repr(promise() if promise else ())
    key = key_of(_VERIFIED, hashlib.sha256(data).digest(), shown, job.output, promised)
    if cache.get(_VERIFIED, key) is True:
        return ()
    problems = verified(data, shown, job.output, job.context)
    if not problems:
        cache.put(_VERIFIED, key, True)
    return problems


_VERIFIED = "verified"


def check_documents(paths: Sequence[Path]) -> tuple[int, tuple[Problem, ...]]:
    """Every .docx among the paths (a folder: the .docx files in it, not in subfolders), checked; how many, and
    what each lacks, located at its file (a file that is not a Word document is an error too)."""
    files = sorted({f for p in paths for f in (sorted(p.glob("*.docx")) if p.is_dir() else [p])})
    problems: list[Problem] = []
    for file in files:
        problems.extend(_file_problems(file))
    return len(files), tuple(problems)


def _file_problems(file: Path) -> list[Problem]:
    from afsprakengen.word.accessibility import docx_findings

    try:
        findings = docx_findings(file.read_bytes())
    except OSError as exc:
        return [error(Location(str(file)), f"cannot read the document: {exc.strerror or exc}")]
    except Exception as exc:
        return [error(Location(str(file)), f"not a readable Word document ({type(exc).__name__}: {exc})")]
    return [error(Location(str(file)), f"{f.message} ({f.place()})") for f in findings]
