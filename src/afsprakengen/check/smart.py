"""SMART advice as warnings: measurable, led, time-bound agreements; goals addressed; years evaluated and adopted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from afsprakengen.check.kaders import KADER_ADVICE
from afsprakengen.check.texts import current_version, explained
from afsprakengen.cycle.deadlines import deadline
from afsprakengen.model import Afspraak, Cyclus, DossierModel
from afsprakengen.model.btiv import SUBJECTS, subjects_of
from afsprakengen.model.regime import WVRV
from afsprakengen.model.stoplicht import BLACK_TEXT_CONTRAST, contrast_with_black, readable_tint
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
        needed = ("streefwaarde", "eenheid") if not isinstance(a.indicator.streefwaarde, str) else ()
        missing = [f for f in needed if getattr(a.indicator, f) is None]
        if missing:
            yield warning(
                a.src.at("indicator", key=True),
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
    cycles = [c for c in m.cycli if c.bods or c.prestatieafspraken is not None]
    addressed = {c.jaar: _addressed_goals(c) for c in cycles}
    for goal in m.doelen():
        years = [str(c.jaar) for c in cycles if goal.code not in addressed[c.jaar]]
        if years:
            listed = " or ".join(", ".join(years).rsplit(", ", 1))
            message = f"goal {goal.code} is not addressed by any activity or agreement of {listed}"
            yield warning(goal.src.at("code"), message)


def _addressed_goals(c: Cyclus) -> set[str]:
    goals = {g for b in c.bods for a in b.activiteiten for g in a.doelen}
    if c.prestatieafspraken is not None:
        goals.update(g for a in c.prestatieafspraken.afspraken for g in a.doelen)
    return goals


def evaluated(m: DossierModel, today: date) -> Iterator[Problem]:
    """Once the evaluation of J is due (instellingen.termijnen.evaluatie, in J+1), each agreement has an entry."""
    for c in m.cycli:
        pa = c.prestatieafspraken
        due = deadline(m.dossier.instellingen.termijnen.evaluatie, c.jaar + 1)
        if pa is None or today <= due:
            continue
        if c.evaluatie is None:
            message = (
                f"the evaluation of {c.jaar} was due on {due.isoformat()}, but there is no {c.jaar}/evaluatie.yaml"
            )
            yield warning(pa.src.at("jaar"), message)
            continue
        entries = {r.afspraak for r in c.evaluatie.evaluaties}
        for a in pa.afspraken:
            if a.code not in entries:
                message = f"agreement {a.code} has no entry in {c.jaar}/evaluatie.yaml (due on {due.isoformat()})"
                yield warning(a.src.at("code"), message)


def adopted(m: DossierModel, today: date) -> Iterator[Problem]:
    """A definitief evaluation says who adopted it and when (vastgesteld); a concept is not adopted yet."""
    for c in m.cycli:
        ev = c.evaluatie
        if ev is not None and ev.status == "definitief" and ev.vastgesteld is None:
            message = (
                f"the evaluation of {c.jaar} is definitief but does not say who adopted it; "
                "add vastgesteld: {door: ..., datum: ...}"
            )
            yield warning(ev.src.at("status"), message)
        elif ev is not None and ev.status == "concept" and ev.vastgesteld is not None:
            message = (
                f"the evaluation of {c.jaar} is a concept but says it was adopted (vastgesteld); "
                "make it definitief or remove vastgesteld"
            )
            yield warning(ev.src.at("vastgesteld"), message)


def outlook_filled(m: DossierModel, today: date) -> Iterator[Problem]:
    """A bod fills its last doorkijk year J+4: it covers the next five years (Woningwet art. 43)."""
    for c in m.cycli:
        for bod in c.bods:
            last = bod.jaar + 4
            if not any(last in a.aantallen or last in a.investeringen for a in bod.activiteiten):
                message = (
                    f"no activity of this bod gives a number or an investment for {last}: a bod looks ahead "
                    f"over {bod.jaar}–{last}, so fill in the doorkijk for {last}"
                )
                yield warning(bod.src.at("activiteiten", key=True), message)


def btiv_covered(m: DossierModel, today: date) -> Iterator[Problem]:
    """A bod has an activity for each subject of BTIV art. 39, once the dossier maps themes or activities to them."""
    themes = {t.code: t for t in m.dossier.themas}
    bods = [b for c in m.cycli for b in c.bods]
    if not any(t.btiv for t in themes.values()) and not any(a.btiv for b in bods for a in b.activiteiten):
        return
    for bod in bods:
        covered = frozenset().union(*(subjects_of(a, themes) for a in bod.activiteiten))
        for letter, subject in SUBJECTS.items():
            if letter not in covered:
                message = (
                    f"no activity of this bod is about subject {letter} of BTIV art. 39, {subject}: a bod covers "
                    "all six subjects; add an activity, or name the subject in btiv of its theme or activity"
                )
                yield warning(bod.src.at("activiteiten", key=True), message)


def regional_targets(m: DossierModel, today: date) -> Iterator[Problem]:
    """Under the Wvrv local agreements serve the regional targets: the dossier lists its kaders."""
    if m.regime == WVRV and not m.dossier.kaders:
        message = (
            "under the Wvrv (regime: wvrv) the agreements contribute to the regional targets (the woondeal): list them "
            "under kaders in dossier.yaml and name in each agreement the kader lines it serves"
        )
        yield warning(m.dossier.src.at("regime"), message)


def readable_colours(m: DossierModel, today: date) -> Iterator[Problem]:
    """Black status text stays readable on each colour of the dossier's own traffic-light scale (WCAG 2.1 AA)."""
    for i, n in enumerate(m.dossier.instellingen.stoplicht):
        ratio = contrast_with_black(n.kleur)
        if ratio < BLACK_TEXT_CONTRAST:
            message = (
                f"black text on the colour {n.kleur} of level '{n.code}' has a contrast of {ratio:.1f}:1, below the "
                f"{BLACK_TEXT_CONTRAST:g}:1 that WCAG 2.1 AA asks of text (the status is written in its cell): "
                f"choose a lighter colour, such as {readable_tint(n.kleur)}"
            )
            yield warning(m.dossier.src.at("instellingen", "stoplicht", i, "kleur"), message)


def programme_adopter(m: DossierModel, today: date) -> Iterator[Problem]:
    """Under the Wvrv the college adopts the volkshuisvestingsprogramma, not the gemeenteraad."""
    wv = m.woonvisie
    if m.regime == WVRV and wv.vastgesteld_door == "gemeenteraad":
        message = (
            "under the Wvrv (regime: wvrv in dossier.yaml) the college van burgemeester en wethouders adopts the "
            "volkshuisvestingsprogramma, not the gemeenteraad: write vastgesteld_door: college, or set the regime "
            "in dossier.yaml to woningwet-2015"
        )
        yield warning(wv.src.at("vastgesteld_door"), message)


ADVICE: tuple[Advice, ...] = (
    measurable,
    led_and_timed,
    goals_addressed,
    evaluated,
    adopted,
    outlook_filled,
    btiv_covered,
    programme_adopter,
    readable_colours,
    regional_targets,
    explained,
    current_version,
    *KADER_ADVICE,
)
