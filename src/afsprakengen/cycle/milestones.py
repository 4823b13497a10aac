"""The milestones of the prestatieafspraken cycle: what is due when, for which jaarschijf, by whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from afsprakengen.cycle.deadlines import deadline
from afsprakengen.model import DossierModel, Overleg, Termijnen
from afsprakengen.model.regime import WONINGWET_2015, Regime


@dataclass(frozen=True, order=True)
class Milestone:
    """One step of one cycle: a deadline (start == end) or a period, with the party responsible."""

    start: date
    end: date
    jaar: int
    """The jaarschijf J the milestone belongs to."""
    key: str
    """Stable name of the step, e.g. 'bod' or 'evaluatie'; with J and party it makes the iCalendar UID."""
    titel: str
    verantwoordelijk: str
    partij: str = ""
    """Party id for a step of one party (a corporation's bod); empty for steps of all parties."""

    @property
    def is_period(self) -> bool:
        """True for a span of time (negotiation, execution) rather than a deadline."""
        return self.start != self.end


@dataclass(frozen=True)
class Parties:
    """Who does what: the municipality and the corporations (names by id)."""

    gemeente: str
    corporaties: tuple[tuple[str, str], ...]
    regime: Regime = WONINGWET_2015
    """The legal regime: it names the policy document the cycle starts from."""
    regio: bool = False
    """Several gemeenten make the agreements together (a regional dossier)."""


GENERIC = Parties("de gemeente", ())


def parties_of(m: DossierModel) -> Parties:
    """The municipality and corporations of a dossier."""
    gemeenten = [p.naam for p in m.dossier.partijen if p.soort == "gemeente"]
    regio = m.dossier.regio is not None
    listed = ", ".join(gemeenten[:-1]) + " en " + gemeenten[-1] if len(gemeenten) > 1 else "".join(gemeenten)
    gemeente = listed if regio else next(iter(gemeenten), f"Gemeente {m.dossier.gemeente.naam}")  # no Babel here
    corporations = tuple((p.id, p.naam) for p in m.dossier.partijen if p.soort == "woningcorporatie")
    return Parties(gemeente, corporations, m.regime, regio)


def cycle_milestones(jaar: int, t: Termijnen, who: Parties) -> list[Milestone]:
    """Every milestone of the cycle of jaarschijf J, from the woonvisie in J-1 to the evaluation in J+1."""
    bod = deadline(t.bod, jaar - 1)
    signing = deadline(t.prestatieafspraken, jaar - 1)
    all_parties = f"{'gemeenten' if who.regio else 'gemeente'}, corporaties en huurdersorganisaties"
    steps = [
        Milestone(
            deadline(t.woonvisie, jaar - 1),
            deadline(t.woonvisie, jaar - 1),
            jaar,
            "woonvisie",
            f"{who.regime.mijlpaal} als basis voor {jaar}",
            who.gemeente,
        ),
        *_per_corporation(bod, jaar, "bod", f"Bod (activiteitenoverzicht) voor {jaar} uitbrengen", who),
        Milestone(
            bod, signing, jaar, "onderhandeling", f"Onderhandelen over de prestatieafspraken {jaar}", all_parties
        ),
        Milestone(signing, signing, jaar, "ondertekening", f"Prestatieafspraken {jaar} ondertekenen", all_parties),
        Milestone(
            date(jaar, 1, 1), date(jaar, 12, 31), jaar, "uitvoering", f"Uitvoering van de afspraken {jaar}", all_parties
        ),
        *_per_corporation(
            deadline(t.verantwoording, jaar + 1), jaar, "verantwoording", f"Verantwoording over {jaar}", who
        ),
        Milestone(
            deadline(t.evaluatie, jaar + 1),
            deadline(t.evaluatie, jaar + 1),
            jaar,
            "evaluatie",
            f"Gezamenlijke evaluatie van {jaar}",
            all_parties,
        ),
    ]
    return steps


def _per_corporation(when: date, jaar: int, key: str, titel: str, who: Parties) -> list[Milestone]:
    if not who.corporaties:
        return [Milestone(when, when, jaar, key, titel, "elke woningcorporatie")]
    return [Milestone(when, when, jaar, key, titel, naam, pid) for pid, naam in who.corporaties]


def milestones_in(year: int, t: Termijnen, who: Parties) -> list[Milestone]:
    """Every milestone that falls in (or overlaps) a calendar year, for the three cycles running then."""
    found = [
        m
        for jaar in (year - 1, year, year + 1, year + 2)
        for m in cycle_milestones(jaar, t, who)
        if m.start.year <= year <= m.end.year
    ]
    return sorted(found)


ANY_GEMEENTE = "elke gemeente"
"""Whose calendar it is without a dossier."""


@dataclass(frozen=True)
class YearCalendar:
    """Every milestone that falls in a calendar year, for one municipality (or any)."""

    year: int
    gemeente: str
    milestones: tuple[Milestone, ...]
    done: frozenset[Milestone] = frozenset()
    """The milestones the dossier already shows done (woonvisie adopted, bod in, agreements signed, evaluated)."""
    overleggen: tuple[Overleg, ...] = ()
    """The tripartite meetings the dossier plans in the year (`overleggen` in dossier.yaml), by date."""

    @property
    def todo(self) -> tuple[Milestone, ...]:
        """The milestones still to come."""
        return tuple(s for s in self.milestones if s not in self.done)


def is_done(m: DossierModel, s: Milestone) -> bool:
    """Whether the dossier shows this step done: the woonvisie adopted, the bod in, the agreements signed, evaluated."""
    c = m.cyclus(s.jaar)
    signed = c is not None and c.prestatieafspraken is not None and c.prestatieafspraken.status == "definitief"
    if s.key == "woonvisie":
        wv = m.woonvisie
        return wv.vastgesteld is not None and (wv.periode is None or wv.periode.van <= s.jaar <= wv.periode.tot)
    if s.key == "bod":
        bods = c.bods if c else ()
        return signed or any(b.corporatie == s.partij and b.status == "definitief" and b.ingediend for b in bods)
    if s.key in ("onderhandeling", "ondertekening"):
        return signed
    if s.key in ("evaluatie", "verantwoording"):  # the adopted evaluation rests on the corporations' accounts
        return c is not None and c.evaluatie is not None and c.evaluatie.status == "definitief"
    return False


def year_calendar(year: int, m: DossierModel | None = None) -> YearCalendar:
    """The calendar of a year: with a dossier its municipality, parties and deadline settings, else the defaults."""
    if m is None:
        return YearCalendar(year, ANY_GEMEENTE, tuple(milestones_in(year, Termijnen(), GENERIC)))
    steps = milestones_in(year, m.dossier.instellingen.termijnen, parties_of(m))
    done = frozenset(s for s in steps if is_done(m, s))
    meetings = tuple(sorted((o for o in m.dossier.overleggen if o.datum.year == year), key=lambda o: o.datum))
    return YearCalendar(year, m.dossier.gemeente.naam, tuple(steps), done, meetings)
