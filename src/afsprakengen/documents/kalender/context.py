"""The context of the one-page calendar of a year: the milestones of the three cycles running in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from afsprakengen import model
from afsprakengen.cycle.milestones import year_calendar


@dataclass(frozen=True)
class MijlpaalCtx:
    """One row: when, what, for which jaarschijf, who."""

    start: date
    eind: date
    periode: bool
    titel: str
    jaarschijf: int
    verantwoordelijk: str


@dataclass(frozen=True)
class KalenderCtx:
    """Everything the kalender template can use."""

    titel: str
    gemeente: str
    jaar: int
    versie: str
    status: str
    concept: bool
    datum: date
    mijlpalen: tuple[MijlpaalCtx, ...]


def build_kalender(m: model.DossierModel, year: int) -> KalenderCtx:
    """The calendar of one year for a dossier."""
    cal = year_calendar(year, m)
    rows = tuple(MijlpaalCtx(s.start, s.end, s.is_period, s.titel, s.jaar, s.verantwoordelijk) for s in cal.milestones)
    return KalenderCtx(
        f"Kalender prestatieafspraken {year}",
        cal.gemeente,
        year,
        "1",
        "overzicht",
        False,
        date(year, 1, 1),
        rows,
    )
