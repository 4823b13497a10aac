"""SMART advice as warnings: measurable, led, time-bound agreements; goals addressed; years evaluated."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from afsprakengen.model import Afspraak, Cyclus, DossierModel
from afsprakengen.problems import Problem, warning

Advice = Callable[[DossierModel, date], Iterator[Problem]]


def _agreements(m: DossierModel) -> Iterator[Afspraak]:
    for c in m.cycli:
        if c.prestatieafspraken is not None:
            yield from c.prestatieafspraken.afspraken


def measurable(m: DossierModel, today: date) -> Iterator[Problem]:
    """A resultaatafspraak has an indicator with a streefwaarde and an eenheid."""
    for a in _agreements(m):
        if a.soort != "resultaat":
            continue
        if a.indicator is None:
            yield warning(
                a.src.at("soort"),
                f"resultaatafspraak {a.code} has no indicator, so it is not "
                "measurable: add indicator.naam, eenheid and streefwaarde",
            )
            continue
        missing = [f for f in ("streefwaarde", "eenheid") if getattr(a.indicator, f) is None]
        if missing:
            yield warning(
                a.src.at("indicator"),
                f"the indicator of resultaatafspraak {a.code} has no "
                f"{' and no '.join(missing)}, so it is not measurable",
            )


def led_and_timed(m: DossierModel, today: date) -> Iterator[Problem]:
    """Every agreement has a trekker (acceptable) and a termijn (time-bound)."""
    for a in _agreements(m):
        if a.trekker is None:
            yield warning(a.src.at("code"), f"agreement {a.code} has no trekker: name the party that leads it")
        if a.termijn is None:
            yield warning(a.src.at("code"), f"agreement {a.code} has no termijn: add a year, quarter or date")


def goals_addressed(m: DossierModel, today: date) -> Iterator[Problem]:
    """Every woonvisie goal is addressed by an activity or agreement of each cycle that has either."""
    for c in m.cycli:
        if not c.bods and c.prestatieafspraken is None:
            continue
        addressed = _addressed_goals(c)
        for goal in m.doelen():
            if goal.code not in addressed:
                yield warning(
                    goal.src.at("code"),
                    f"goal {goal.code} is not addressed by any activity or agreement of {c.jaar}",
                )


def _addressed_goals(c: Cyclus) -> set[str]:
    goals = {g for b in c.bods for a in b.activiteiten for g in a.doelen}
    if c.prestatieafspraken is not None:
        goals.update(g for a in c.prestatieafspraken.afspraken for g in a.doelen)
    return goals


def evaluated(m: DossierModel, today: date) -> Iterator[Problem]:
    """Once year J is over, each of its agreements has an evaluation entry."""
    for c in m.cycli:
        pa = c.prestatieafspraken
        if pa is None or today <= date(c.jaar, 12, 31):
            continue
        if c.evaluatie is None:
            yield warning(
                pa.src.at("jaar"),
                f"{c.jaar} is over, but there is no {c.jaar}/evaluatie.yaml yet for its {len(pa.afspraken)} agreements",
            )
            continue
        entries = {r.afspraak for r in c.evaluatie.evaluaties}
        for a in pa.afspraken:
            if a.code not in entries:
                yield warning(
                    a.src.at("code"),
                    f"{c.jaar} is over, but agreement {a.code} has no entry in {c.jaar}/evaluatie.yaml",
                )


ADVICE: tuple[Advice, ...] = (measurable, led_and_timed, goals_addressed, evaluated)
