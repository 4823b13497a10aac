"""`geschil export`: what a dispute filing needs (Woningwet art. 44 lid 4), rendered and written as one set."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from afsprakengen.check.dossier import CheckResult, check_dossier
from afsprakengen.documents.geschilpunten.context import (
    StukCtx,
    build_geschilpunten,
    request_file_name,
)
from afsprakengen.documents.kinds import KIND_BY_NAME, Job, JobOptions
from afsprakengen.dutch import datum
from afsprakengen.files import SetWriteError, remove_stale_temps, write_set
from afsprakengen.load.provenance import git_provenance
from afsprakengen.model import Cyclus, DossierModel
from afsprakengen.problems import Location, Problem, error
from afsprakengen.rounds.geschilindex import index_text


@dataclass(frozen=True)
class GeschilRequest:
    """What to export: the dossier, the cycle J, where to, and optionally the previous round for a redline."""

    root: Path
    display: str
    jaar: int
    out: Path
    today: date
    vorige: str | None = None
    """The previous round as `diff` takes it (a cycle folder or REV:PATH); None: no redline."""


@dataclass(frozen=True)
class GeschilResult:
    """The outcome: the check, a plain refusal when there is no dispute, the problems, and the files written."""

    check: CheckResult
    problems: tuple[Problem, ...] = ()
    written: tuple[Path, ...] = ()
    refused: str = ""


@dataclass(frozen=True)
class Piece:
    """One file of the set: its name, what it is, and its bytes or the job that renders it."""

    name: str
    omschrijving: str
    job: Job | None = None
    data: bytes = b""


def export_geschil(request: GeschilRequest) -> GeschilResult:
    """Check the dossier; unless there is no dispute, render every piece of the filing and write them all, or none."""
    checked = check_dossier(request.root, request.display, request.today)
    if checked.errors or checked.model is None:
        return GeschilResult(checked)
    m, c = checked.model, checked.model.cyclus(request.jaar)
    refusal = refusal_of(c, request.jaar)
    if refusal or c is None:
        return GeschilResult(checked, refused=refusal)
    pieces = list(_documents(m, c))
    if request.vorige is None:
        request = replace(request, vorige=_from_git(request))
    redline = _redline(request, m, c) if request.vorige else None
    if isinstance(redline, tuple):
        return GeschilResult(checked, redline)
    if redline is not None:
        pieces.append(redline)
    pieces += _request_files(m, c)
    pieces = [_standpunten(m, c, pieces), *pieces]
    rendered = _rendered(request, m, pieces)
    if isinstance(rendered, tuple):
        return GeschilResult(checked, rendered)
    index = index_text(m, c, [(p.name, p.omschrijving) for p in pieces])
    return _write(checked, request.out, [(index.encode("utf-8"), "overzicht.txt"), *rendered])


def refusal_of(c: Cyclus | None, jaar: int) -> str:
    """Why there is no dispute to export for J, in plain words; '' when there is one."""
    if c is None or c.overleg is None:
        return (
            f"there is no {jaar}/overleg.yaml, so no overleg about the bods for {jaar} is recorded: nothing to export"
        )
    pa = c.prestatieafspraken
    if pa is not None and pa.status == "definitief":
        return f"the prestatieafspraken {jaar} are definitief: the parties agreed, so there is no dispute to export"
    return ""


def _job(kind: str, m: DossierModel, c: Cyclus) -> Iterator[Job]:
    jobs = KIND_BY_NAME[kind].jobs
    assert jobs is not None, f"{kind} is a built kind"
    return jobs(m, c, JobOptions())


def _documents(m: DossierModel, c: Cyclus) -> Iterator[Piece]:
    """The excerpt of the policy document, the bods in dispute with their dates, and the last draft."""
    assert c.overleg is not None
    for job in _job("woonvisie-uittreksel", m, c):
        yield Piece(job.output, f"uittreksel uit {m.regime.met_lidwoord} met de doelen voor {c.jaar}", job)
    received = {t.corporatie: t.bod_ontvangen for t in c.overleg.corporaties}
    for bod, job in zip(c.bods, _job("activiteitenoverzicht", m, c), strict=True):
        if bod.corporatie in received:
            party = m.partij(bod.corporatie)
            naam = party.naam if party else bod.corporatie
            yield Piece(job.output, f"het bod van {naam}, ontvangen op {datum(received[bod.corporatie])}", job)
    pa = c.prestatieafspraken
    for job in _job("prestatieafspraken", m, c):
        assert pa is not None
        what = f"het laatste concept van de prestatieafspraken (versie {pa.versie} van {datum(pa.datum)})"
        yield Piece(job.output, what, job)


def _from_git(request: GeschilRequest) -> str | None:
    """Without --vorige: the previous round from the dossier's Git history, if it has one."""
    from afsprakengen.rounds.versions import previous_round

    return previous_round(request.root / str(request.jaar))


def _redline(request: GeschilRequest, m: DossierModel, c: Cyclus) -> Piece | tuple[Problem, ...]:
    """The last draft with every change since the previous round as a tracked change."""
    from afsprakengen.rounds.documents import render_redline
    from afsprakengen.rounds.versions import Version, load_version

    assert request.vorige is not None
    if c.prestatieafspraken is None:
        where = Location(request.vorige)
        return (error(where, f"there is no {c.jaar}/prestatieafspraken.yaml to compare with the previous round"),)
    loaded = load_version(request.vorige, request.today)
    if loaded.version is None:
        return loaded.problems
    name = f"prestatieafspraken-{c.jaar}-wijzigingen.docx"
    new = Version(f"{request.display}/{c.jaar}", m, c.jaar)
    made = render_redline(loaded.version, new, None, name)
    if not isinstance(made, bytes):
        return made
    what = f"het laatste concept met de wijzigingen sinds {loaded.version.label} als bijgehouden wijzigingen"
    return Piece(name, what, data=made)


def _request_files(m: DossierModel, c: Cyclus) -> Iterator[Piece]:
    """The files of the requests for overleg that the dossier names (check made sure they are inside it)."""
    assert c.overleg is not None and m.map is not None
    for t in c.overleg.corporaties:
        if t.verzoek.bestand is not None:
            data = (m.map / t.verzoek.bestand).read_bytes()
            yield Piece(request_file_name(t), f"het verzoek tot overleg van {datum(t.verzoek.datum)}", data=data)


def _standpunten(m: DossierModel, c: Cyclus, others: list[Piece]) -> Piece:
    """The Standpunten, which lists the set's other files."""
    name = f"standpunten-{c.jaar}.docx"
    what = "de data van het overleg, het verzoek tot overleg en de standpunten per geschilpunt"
    stukken = (StukCtx("overzicht.txt", "de lijst van deze stukken en de berekende data"), StukCtx(name, what))
    ctx = build_geschilpunten(m, c, (*stukken, *(StukCtx(p.name, p.omschrijving) for p in others)))
    job = Job(
        kind="geschilpunten",
        year=c.jaar,
        output=name,
        context=ctx,
        title=ctx.titel,
        subject=f"Geschil prestatieafspraken {ctx.gemeente} {c.jaar}",
        version=ctx.versie,
        status=ctx.status,
        created=ctx.datum,
    )
    return Piece(name, what, job)


def _rendered(
    request: GeschilRequest, m: DossierModel, pieces: list[Piece]
) -> list[tuple[bytes, str]] | tuple[Problem, ...]:
    """Every piece's bytes (the documents rendered and read back for accessibility), or the problems."""
    from afsprakengen.documents.accessible import document_problems
    from afsprakengen.documents.produce import render_job, template_for

    origin = git_provenance(request.root, request.out)
    in_footer = m.dossier.instellingen.herkomst_in_voettekst
    done: list[tuple[bytes, str]] = []
    problems: list[Problem] = []
    for piece in pieces:
        if piece.job is None:
            done.append((piece.data, piece.name))
            continue
        made = render_job(replace(piece.job, herkomst=origin.label, herkomst_in_voettekst=in_footer))
        if isinstance(made, bytes):
            problems += document_problems(made, template_for(piece.job.kind, ())[1], piece.name)
            done.append((made, piece.name))
        else:
            problems += made
    return tuple(problems) if problems else done


def _write(checked: CheckResult, out: Path, files: list[tuple[bytes, str]]) -> GeschilResult:
    try:
        out.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(out)
    except OSError as exc:
        problem = error(Location(str(out)), f"cannot create the output folder: {exc.strerror or exc}")
        return GeschilResult(checked, (problem,))
    try:
        written = write_set([(data, out / name) for data, name in files])
    except SetWriteError as exc:
        return GeschilResult(
            checked, (error(Location(str(exc.target)), f"cannot write it: {exc.reason}"),), exc.written
        )
    return GeschilResult(checked, (), written)
