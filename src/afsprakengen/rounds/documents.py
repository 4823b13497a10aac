"""The two Word documents of a diff: the wijzigingsoverzicht for the meeting and the redline with tracked changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from afsprakengen.problems import Problem
from afsprakengen.rounds.compare import Diff
from afsprakengen.rounds.versions import Version, version_name

if TYPE_CHECKING:
    from afsprakengen.documents.kinds import Job


def write_overzicht(diff: Diff, old: Version, new: Version, target: Path) -> tuple[Problem, ...]:
    """Write the wijzigingsoverzicht, the list of changes as a Word document for the meeting; the problems if not."""
    from afsprakengen.documents.kinds import Job
    from afsprakengen.documents.produce import render_job  # the Word stack is loaded only when a document is asked for
    from afsprakengen.documents.wijzigingsoverzicht.context import build_wijzigingsoverzicht

    ctx = build_wijzigingsoverzicht(diff, old, new)
    compared = (("Oude versie", version_name(old)), *_commit("Oude commit", old), ("Nieuwe versie", version_name(new)))
    pa = new.afspraken
    job = Job(
        kind="wijzigingsoverzicht",
        year=new.jaar,
        output=target.name,
        context=ctx,
        title=ctx.titel,
        subject=f"Prestatieafspraken {new.model.dossier.gemeente.naam} {new.jaar}",
        version=pa.versie,
        status=pa.status,
        created=pa.datum,
        properties=(*compared, *_commit("Nieuwe commit", new)),
        herkomst=_herkomst(new),
        herkomst_in_voettekst=new.model.dossier.instellingen.herkomst_in_voettekst,
    )
    rendered = render_job(job)
    return _write_accessible(rendered, "wijzigingsoverzicht", target) if isinstance(rendered, bytes) else rendered


def write_redline(old: Version, new: Version, author: str | None, target: Path) -> tuple[Problem, ...]:
    """Write NEW's prestatieafspraken with every change since OLD as a Word tracked change; the problems if not."""
    made = render_redline(old, new, author, target.name)
    return _write_accessible(made, "prestatieafspraken", target) if isinstance(made, bytes) else made


def render_redline(old: Version, new: Version, author: str | None, output: str) -> bytes | tuple[Problem, ...]:
    """NEW's prestatieafspraken with every change since OLD as a tracked change, finished; the problems if not."""
    from afsprakengen.documents.produce import finish_job, render_unfinished

    jobs = [_prestatieafspraken_job(v) for v in (old, new)]
    rendered = [render_unfinished(job) for job in jobs]
    old_docx, new_docx = rendered
    if not isinstance(old_docx, bytes) or not isinstance(new_docx, bytes):
        return tuple(p for r in rendered if not isinstance(r, bytes) for p in r)
    from afsprakengen.word.redline import redline

    pa = new.afspraken
    data = redline(old_docx, new_docx, author or f"Ronde {pa.versie}", _midnight(pa.datum))
    job = replace(
        jobs[1],
        output=output,
        title=f"Prestatieafspraken {new.jaar}, wijzigingen sinds {old.label}",
        properties=(("Vergeleken met", version_name(old)), *_commit("Commit", new)),
    )
    return finish_job(job, data)


def _write_accessible(data: bytes, kind: str, target: Path) -> tuple[Problem, ...]:
    """Write the document, unless the accessibility check finds what it lacks (an error at its kind's template)."""
    from afsprakengen.build import write_one
    from afsprakengen.documents.accessible import document_problems
    from afsprakengen.documents.produce import template_for

    problems = document_problems(data, template_for(kind, ())[1], target.name)
    return problems or write_one(data, target)


def _prestatieafspraken_job(v: Version) -> Job:
    """A version's prestatieafspraken job, as `build` plans it, with its own origin in the footer."""
    from afsprakengen.documents.kinds import KIND_BY_NAME, JobOptions

    jobs = KIND_BY_NAME["prestatieafspraken"].jobs
    assert jobs is not None, "the prestatieafspraken are a built kind"
    in_footer = v.model.dossier.instellingen.herkomst_in_voettekst
    return replace(next(jobs(v.model, v.cyclus, JobOptions())), herkomst=_herkomst(v), herkomst_in_voettekst=in_footer)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _herkomst(v: Version) -> str:
    """Where the version came from, for the footer: its commit, as `build` shows it."""
    return f"commit {v.commit}" if v.commit else ""


def _commit(name: str, v: Version) -> tuple[tuple[str, str], ...]:
    return ((name, v.commit),) if v.commit else ()
