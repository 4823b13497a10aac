"""The rules of the progress files: their agreements, each once, their statuses and their peildatum."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import PurePosixPath

from afsprakengen.check.scale import status_on_scale
from afsprakengen.model import Cyclus, DossierModel, Voortgang
from afsprakengen.problems import Problem, did_you_mean, error

LAST_DAY = (3, 31)
"""A progress report of J may be dated up to this day (month, day) of J+1: the last quarter, reported early J+1."""


def progress_agreements(m: DossierModel) -> Iterator[Problem]:
    """A progress file names agreements of its own year, each once, with a status on the dossier's scale."""
    for c in m.cycli:
        for v in c.voortgang:
            yield from _entries(m, c, v)


def _entries(m: DossierModel, c: Cyclus, v: Voortgang) -> Iterator[Problem]:
    if c.prestatieafspraken is None:
        yield error(v.src.at("jaar"), f"there is no {c.jaar}/prestatieafspraken.yaml whose progress this reports")
        return
    own = [a.code for a in c.prestatieafspraken.afspraken]
    seen: dict[str, int] = {}
    for r in v.afspraken:
        if r.afspraak not in own:
            hint = did_you_mean(r.afspraak, own)
            yield error(r.src.at("afspraak"), f"'{r.afspraak}' is not an agreement of {c.jaar}{hint}")
        elif r.afspraak in seen:
            message = f"agreement {r.afspraak} is in this file twice (first at line {seen[r.afspraak]}); keep one entry"
            yield error(r.src.at("afspraak"), message)
        else:
            seen[r.afspraak] = r.src.at("afspraak").line
        yield from status_on_scale(m, r.src, r.status, r.toelichting)


def progress_dates(m: DossierModel) -> Iterator[Problem]:
    """A progress file is in the folder of its jaar, and its peildatum is the date of its name, in J or early J+1."""
    for c in m.cycli:
        for v in c.voortgang:
            if v.jaar != c.jaar:
                yield error(v.src.at("jaar"), f"jaar is {v.jaar}, but the file is in the folder {c.jaar}/")
            yield from _peildatum(c.jaar, v)


def _peildatum(year: int, v: Voortgang) -> Iterator[Problem]:
    name = PurePosixPath(v.src.doc.display).name
    named = name.removeprefix("voortgang-").removesuffix(".yaml")
    if named != v.peildatum.isoformat():
        right = f"voortgang-{v.peildatum.isoformat()}.yaml"
        yield error(
            v.src.at("peildatum"),
            f"the peildatum {v.peildatum.isoformat()} is not the date in the file name '{name}'; "
            f"name the file {right} (or correct the peildatum)",
        )
    outside = outside_year(year, v.peildatum)
    if outside:
        yield error(v.src.at("peildatum"), outside)


def outside_year(year: int, peildatum: date) -> str | None:
    """Why a peildatum cannot be one of a progress report of `year` (None when it can): not in J nor early J+1."""
    if date(year, 1, 1) <= peildatum <= date(year + 1, *LAST_DAY):
        return None
    return (
        f"the peildatum {peildatum.isoformat()} is neither in {year} nor in the first quarter of {year + 1}; "
        f"a progress report of {year} reports on a day of {year}"
    )


VOORTGANG_RULES = (progress_agreements, progress_dates)
