"""The dates of the dispute route (Woningwet art. 44 lid 4): six months after the overleg started, then four weeks."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from afsprakengen.model import Cyclus, Overlegtraject

MONTHS = 6
"""No agreements within six months of the start of the overleg: a party may submit the dispute."""
WEEKS = 4
"""It submits the dispute within four weeks after those six months."""


@dataclass(frozen=True)
class DisputeDates:
    """The computed dates of one corporation's overleg about its bod."""

    corporatie: str
    overleg_gestart: date
    zes_maanden: date
    """Six calendar months after the start (the last day of a shorter month: 31 August -> 28/29 February)."""
    geschil_uiterlijk: date
    """The last day to submit the dispute: four weeks after `zes_maanden`."""


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, or the last day of that month when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def dispute_dates(traject: Overlegtraject) -> DisputeDates | None:
    """The dates of an overleg that has started; None while it has not."""
    start = traject.overleg_gestart
    if start is None:
        return None
    six = add_months(start, MONTHS)
    return DisputeDates(traject.corporatie, start, six, six + timedelta(weeks=WEEKS))


def open_disputes(c: Cyclus) -> tuple[DisputeDates, ...]:
    """The dispute dates of every started overleg of a cycle whose prestatieafspraken are not definitief."""
    settled = c.prestatieafspraken is not None and c.prestatieafspraken.status == "definitief"
    if c.overleg is None or settled:
        return ()
    return tuple(d for t in c.overleg.corporaties if (d := dispute_dates(t)) is not None)
