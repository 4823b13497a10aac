"""The state of each running cycle on a given day: what exists, what is next, and what is late."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from afsprakengen.check.kaders import unserved_lines
from afsprakengen.cycle.deadlines import deadline
from afsprakengen.cycle.dispute import DisputeDates, open_disputes
from afsprakengen.cycle.milestones import Milestone, cycle_milestones, parties_of
from afsprakengen.model import Bod, Cyclus, DossierModel, Evaluatie

DONE, OPEN, ATTENTION, LATE = "done", "open", "attention", "late"
FOLLOW_UPS_WITH_AGREEMENT = ("doorzetten", "bijstellen", "nieuwe afspraak")
ATTENTION_DAYS = 30
"""The six months of an overleg that end within this many days need attention."""


@dataclass(frozen=True)
class StatusItem:
    """One line of a cycle's status: a step with its state, and its deadline when it has one."""

    state: str
    """done, open, attention (due soon or needs a look) or late."""
    what: str
    due: date | None = None
    days_left: int | None = None
    """Days until the deadline; negative when it has passed."""


@dataclass(frozen=True)
class CycleStatus:
    """The status of one jaarschijf."""

    jaar: int
    phase: str
    items: tuple[StatusItem, ...]
    next: Milestone | None
    disputes: tuple[DisputeDates, ...] = ()
    """The dates of the dispute route of each started overleg, while the agreements are not definitief."""
    peildatum: date | None = None
    """The last peildatum of the cycle's progress reports on or before the day; None when there is none."""


@dataclass(frozen=True)
class DossierStatus:
    """The status of every running cycle of a dossier on a day."""

    today: date
    gemeente: str
    cycles: tuple[CycleStatus, ...]

    @property
    def late(self) -> tuple[StatusItem, ...]:
        """Every late item."""
        return tuple(i for c in self.cycles for i in c.items if i.state == LATE)


def dossier_status(m: DossierModel, today: date) -> DossierStatus:
    """The status of the three cycles running on `today` (evaluated, carried out, prepared)."""
    years = (today.year - 1, today.year, today.year + 1)
    cycles = tuple(_cycle_status(m, jaar, m.cyclus(jaar) or Cyclus(jaar), today) for jaar in years)
    return DossierStatus(today, m.dossier.gemeente.naam, cycles)


def _cycle_status(m: DossierModel, jaar: int, c: Cyclus, today: date) -> CycleStatus:
    disputes = open_disputes(c)
    items = (
        *_bods(m, c, today),
        *_agreements(m, c, today),
        *_kaders(m, c),
        *(_dispute(m, c.jaar, d, today) for d in disputes),
        *_evaluation(m, c, today),
        *_follow_ups(m, c),
    )
    steps = cycle_milestones(jaar, m.dossier.instellingen.termijnen, parties_of(m))
    upcoming = [s for s in steps if s.start >= today] or [s for s in steps if s.end >= today]
    peildatum = _last_peildatum(c, today)
    return CycleStatus(jaar, _phase(jaar, today), items, upcoming[0] if upcoming else None, disputes, peildatum)


def _last_peildatum(c: Cyclus, today: date) -> date | None:
    """The latest peildatum of the cycle's progress reports that is not after today."""
    days = [v.peildatum for v in c.voortgang if v.peildatum <= today]
    return max(days) if days else None


def _phase(jaar: int, today: date) -> str:
    if today.year < jaar:
        return "preparation"
    return "execution" if today.year == jaar else "evaluation"


def _item(state: str, what: str, due: date, today: date) -> StatusItem:
    return StatusItem(state, what, due, (due - today).days)


def _bods(m: DossierModel, c: Cyclus, today: date) -> Iterator[StatusItem]:
    due = deadline(m.dossier.instellingen.termijnen.bod, c.jaar - 1)
    submitted = {b.corporatie: b for b in c.bods}
    settled = c.prestatieafspraken is not None and c.prestatieafspraken.status == "definitief"
    for party in (p for p in m.dossier.partijen if p.soort == "woningcorporatie"):
        bod = submitted.get(party.id)
        if bod is not None and (settled or (bod.status == "definitief" and bod.ingediend is not None)):
            when = f" on {bod.ingediend.isoformat()}" if bod.ingediend else ""
            yield StatusItem(DONE, f"bod {c.jaar} of {party.naam} is in ({bod.status}{when})")
        elif settled or not _kept(m, due):
            continue  # signed without this bod, or due before the dossier was kept: history, not a task
        elif today > due:
            yield _item(LATE, _bod_state(c.jaar, party.naam, bod), due, today)
        else:
            what = _bod_state(c.jaar, party.naam, bod) if bod else f"bod {c.jaar} of {party.naam} is due"
            yield _item(OPEN, what, due, today)


def _bod_state(jaar: int, naam: str, bod: Bod | None) -> str:
    """What is wrong with a bod that is not (yet) in: missing, still concept, or without a submission date."""
    if bod is None:
        return f"bod {jaar} of {naam} is missing"
    if bod.status == "concept":
        return f"bod {jaar} of {naam} is still concept"
    return f"bod {jaar} of {naam} is definitief but has no submission date (ingediend)"


def _kept(m: DossierModel, due: date) -> bool:
    """Whether the dossier was kept when this was due (`instellingen.sinds`): nothing earlier is late."""
    sinds = m.dossier.instellingen.sinds
    return sinds is None or due.year >= sinds


def _agreements(m: DossierModel, c: Cyclus, today: date) -> Iterator[StatusItem]:
    due = deadline(m.dossier.instellingen.termijnen.prestatieafspraken, c.jaar - 1)
    pa = c.prestatieafspraken
    if pa is not None and pa.status == "definitief":
        signed = pa.ondertekening.datum if pa.ondertekening and pa.ondertekening.datum else pa.datum
        yield StatusItem(
            DONE, f"prestatieafspraken {c.jaar} are definitief (versie {pa.versie}, signed on {signed.isoformat()})"
        )
        return
    if not _kept(m, due):
        return
    what = (
        f"prestatieafspraken {c.jaar} are still concept (versie {pa.versie})"
        if pa
        else f"prestatieafspraken {c.jaar} do not exist yet"
    )
    if today > due:
        yield _item(LATE, what, due, today)
    elif today.month == 12 and today.year == c.jaar - 1:
        yield _item(ATTENTION, f"{what} in December; sign them by the deadline", due, today)
    elif today.year >= c.jaar - 1 and today >= deadline(m.dossier.instellingen.termijnen.bod, c.jaar - 1):
        yield _item(OPEN, what, due, today)


def _kaders(m: DossierModel, c: Cyclus) -> Iterator[StatusItem]:
    """While the agreements of J are still concept: each kader line of J's period that no agreement serves yet."""
    if c.prestatieafspraken is None or c.prestatieafspraken.status != "concept":
        return
    for ref in unserved_lines(m, c):
        yield StatusItem(ATTENTION, f"kader line {ref} is served by no agreement of {c.jaar}")


def _dispute(m: DossierModel, jaar: int, d: DisputeDates, today: date) -> StatusItem:
    """The six months of the overleg about a bod, then four weeks to submit the dispute (Woningwet art. 44 lid 4)."""
    party = m.partij(d.corporatie)
    naam = party.naam if party else d.corporatie
    start, geschil = d.overleg_gestart.isoformat(), d.geschil_uiterlijk.isoformat()
    if today <= d.zes_maanden:
        state = ATTENTION if (d.zes_maanden - today).days <= ATTENTION_DAYS else OPEN
        what = f"overleg with {naam} on bod {jaar} since {start}: agreements within six months"
        return _item(state, f"{what}, else geschil indienen uiterlijk {geschil}", d.zes_maanden, today)
    if today <= d.geschil_uiterlijk:
        what = f"no agreements with {naam} six months after the overleg started ({start})"
        return _item(ATTENTION, f"{what}: geschil indienen uiterlijk {geschil}", d.geschil_uiterlijk, today)
    what = f"the four weeks to submit a dispute about bod {jaar} of {naam} have passed (overleg since {start})"
    return _item(LATE, what, d.geschil_uiterlijk, today)


def _evaluation(m: DossierModel, c: Cyclus, today: date) -> Iterator[StatusItem]:
    due = deadline(m.dossier.instellingen.termijnen.evaluatie, c.jaar + 1)
    if c.evaluatie is not None:
        yield StatusItem(DONE, f"evaluation of {c.jaar} is {c.evaluatie.status} ({c.evaluatie.datum.isoformat()})")
        return
    definitief = c.prestatieafspraken is not None and c.prestatieafspraken.status == "definitief"
    if not _kept(m, due):
        return
    if definitief and today > due:
        yield _item(LATE, f"the definitief prestatieafspraken {c.jaar} have not been evaluated", due, today)
    elif definitief and today.year > c.jaar:
        yield _item(OPEN, f"evaluation of {c.jaar} is due", due, today)


def _follow_ups(m: DossierModel, c: Cyclus) -> Iterator[StatusItem]:
    later = m.cyclus(c.jaar + 2)
    if c.evaluatie is None or later is None or later.prestatieafspraken is None:
        return
    codes = {a.code for a in later.prestatieafspraken.afspraken}
    for what in _missing_follow_ups(c.evaluatie, codes, c.jaar + 2):
        yield StatusItem(LATE, what)


def _missing_follow_ups(ev: Evaluatie, codes: set[str], target: int) -> Iterator[str]:
    for r in ev.evaluaties:
        if r.vervolg in FOLLOW_UPS_WITH_AGREEMENT and not codes.intersection(r.vervolg_afspraken):
            yield f"the follow-up of {r.afspraak} ({r.vervolg}) names no agreement in {target}"
