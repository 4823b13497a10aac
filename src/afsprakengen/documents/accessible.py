"""A rendered document checked for accessibility before it is written; what it lacks is an error at its template."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from afsprakengen.documents.kinds import Job
from afsprakengen.problems import Location, Problem, error


def document_problems(data: bytes, shown: str, output: str) -> tuple[Problem, ...]:
    """Every accessibility finding of a document (`output`), located at the template it came from (`shown`)."""
    from afsprakengen.word.accessibility import docx_findings

    return tuple(
        error(Location(shown), f"{output}: {f.message} ({f.place()}); the document is not written")
        for f in docx_findings(data)
    )


def rendered_problems(
    jobs: Sequence[Job], outcomes: Iterable[bytes | tuple[Problem, ...]], templates: Iterable[tuple[str, Path]]
) -> list[Problem]:
    """The accessibility problems of every rendered document of the jobs, and what it lacks of its context."""
    from afsprakengen.documents.complete import completeness_problems
    from afsprakengen.documents.produce import template_for

    overrides = tuple(templates)
    found: list[Problem] = []
    for job, outcome in zip(jobs, outcomes, strict=True):
        if isinstance(outcome, bytes):
            shown = template_for(job.kind, overrides)[1]
            found.extend(completeness_problems(outcome, shown, job.output, job.context))
            found.extend(document_problems(outcome, shown, job.output))
    return found


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
