"""The context of the one-page calendar of a year: the milestones still to come and the planned meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from afsprakengen import model
from afsprakengen.cycle.milestones import Milestone, year_calendar
from afsprakengen.documents.common import BeleidCtx, beleid
from afsprakengen.dutch import datum

NBSP = "\u00a0"


@dataclass(frozen=True)
class MijlpaalCtx:
    """One row: when, what, for which jaarschijf, who."""

    start: date
    eind: date
    periode: bool
    titel: str
    jaarschijf: int
    verantwoordelijk: str
    wanneer: str
    """The date, or the period 'start – eind', each date with non-breaking spaces so it never breaks."""


@dataclass(frozen=True)
class OverlegCtx:
    """A planned tripartite meeting in the year (`overleggen` in dossier.yaml)."""

    datum: date
    wanneer: str
    """The date with non-breaking spaces."""
    onderwerp: str


@dataclass(frozen=True)
class KalenderCtx:
    """Everything the kalender template can use."""

    titel: str
    gemeente: str
    jaar: int
    versie: str
    """The stand as an ISO date (an overview has no version of its own); '—' when no input has a date."""
    status: str
    concept: bool
    datum: date
    """The stand, or 1 January of the year when no input has a date."""
    stand: str
    """The latest date of the dossier's inputs as text with non-breaking spaces ('20 november 2026'), or ''."""
    mijlpalen: tuple[MijlpaalCtx, ...]
    """The milestones still to come: those the dossier shows done (woonvisie adopted, bod in, signed) left out."""
    afgerond: int
    """How many milestones of the year are left out because they are done."""
    overleggen: tuple[OverlegCtx, ...]
    beleid: BeleidCtx
    """The policy document in the regime's words: 'de woonvisie' or 'het volkshuisvestingsprogramma'."""


def vaste_datum(value: date) -> str:
    """15 december 2026 with non-breaking spaces: a date never breaks over two lines."""
    return datum(value).replace(" ", NBSP)


def build_kalender(m: model.DossierModel, year: int) -> KalenderCtx:
    """The calendar of one year for a dossier."""
    cal = year_calendar(year, m)
    todo = cal.todo
    stand = _stand(m)
    return KalenderCtx(
        titel=f"Kalender prestatieafspraken {year}",
        gemeente=cal.gemeente,
        jaar=year,
        versie=stand.isoformat() if stand else "—",
        status="overzicht",
        concept=False,
        datum=stand or date(year, 1, 1),
        stand=vaste_datum(stand) if stand else "",
        mijlpalen=tuple(_row(s) for s in todo),
        afgerond=len(cal.milestones) - len(todo),
        overleggen=tuple(OverlegCtx(o.datum, vaste_datum(o.datum), o.onderwerp) for o in cal.overleggen),
        beleid=beleid(m),
    )


def _row(s: Milestone) -> MijlpaalCtx:
    when = f"{vaste_datum(s.start)} – {vaste_datum(s.end)}" if s.is_period else vaste_datum(s.start)
    return MijlpaalCtx(s.start, s.end, s.is_period, s.titel, s.jaar, s.verantwoordelijk, when)


def _stand(m: model.DossierModel) -> date | None:
    """The newest date among the dossier's inputs: the woonvisie, bods, agreements and evaluations."""
    dates = [m.woonvisie.vastgesteld]
    for c in m.cycli:
        dates += [b.ingediend for b in c.bods]
        dates += [c.prestatieafspraken.datum if c.prestatieafspraken else None]
        dates += [c.evaluatie.datum if c.evaluatie else None]
    return max((d for d in dates if d is not None), default=None)
