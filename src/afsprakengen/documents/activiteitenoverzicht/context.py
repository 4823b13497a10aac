"""The context of the activity overview of one corporation: what its template can show, built from the dossier model."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from afsprakengen import model
from afsprakengen.cycle.deadlines import deadline
from afsprakengen.documents.activiteitenoverzicht.voorraad import HuurbeleidCtx, VoorraadCtx, rent_policy, stock
from afsprakengen.documents.common import (
    BeleidCtx,
    DoelCtx,
    KerncijferCtx,
    Md,
    beleid,
    doel_index,
    kerncijfers,
    md,
    party_names,
)
from afsprakengen.dutch import opsomming
from afsprakengen.model.regio import gemeenten_text, served

JAREN = 5
"""The overview shows the years J .. J+4: the year of the bod and four years of doorkijk (Woningwet art. 43)."""


@dataclass(frozen=True)
class ActiviteitCtx:
    """One activity as a row of its theme's table, with its description for below the table."""

    code: str
    titel: str
    omschrijving: Md | None
    doelen: tuple[str, ...]
    """Codes of the woonvisie goals it serves."""
    eenheid: str
    aantallen: tuple[model.Number | None, ...]
    """The numbers for J .. J+4; None where the bod gives none."""
    investeringen: tuple[float, ...]
    """Euros for J .. J+4; 0 where the bod gives none."""
    investering: float | None
    """Euros over J .. J+4 together; None when the activity has no investments."""


@dataclass(frozen=True)
class InvesteringenCtx:
    """Investments in euros of a theme or of the whole bod, summed over its activities."""

    per_jaar: tuple[float, ...]
    """Per year J .. J+4."""
    jaar: float
    """In J, the year of the bod."""
    doorkijk: float
    """In J+1 .. J+4 together."""
    totaal: float
    """In J .. J+4 together."""


@dataclass(frozen=True)
class ThemaCtx:
    """A theme with its activities and its investments."""

    nummer: int
    """Its chapter number."""
    code: str
    naam: str
    activiteiten: tuple[ActiviteitCtx, ...]
    investeringen: InvesteringenCtx


@dataclass(frozen=True)
class ReactieCtx:
    """The reaction of a tenants' organisation to the bod."""

    partij: str
    datum: date | None
    tekst: Md


@dataclass(frozen=True)
class HoofdstukkenCtx:
    """Numbers of the chapters after the themes; 0 for a chapter the document leaves out."""

    investeringen: int
    voorraad: int
    huurbeleid: int
    kerncijfers: int
    reactie: int


@dataclass(frozen=True)
class ActiviteitenoverzichtCtx:
    """Everything the activiteitenoverzicht template can use."""

    titel: str
    gemeente: str
    jaar: int
    jaren: tuple[int, ...]
    """J .. J+4, the year columns of the tables."""
    periode: str
    """'2027–2031': the years of the columns, which every total covers."""
    doorkijk: str
    """The doorkijk years the activities fill, '2028–2031' (or '2028'); '' when they give nothing after J."""
    corporatie: str
    versie: str
    """The bod's own version; '' when it has none (the footer then shows the status and the submission)."""
    status: str
    concept: bool
    datum: date
    """The date of submission, else the deadline."""
    ingediend: date | None
    termijn: date
    """The deadline for the bod (vóór 1 juli of J-1 unless the dossier sets another)."""
    inleiding: Md | None
    woonvisie: str
    doelen: tuple[DoelCtx, ...]
    """The woonvisie goals the activities serve, in woonvisie order."""
    themas: tuple[ThemaCtx, ...]
    investeringen: InvesteringenCtx
    """Over all themes: its `totaal` is the overall total."""
    hoofdstukken: HoofdstukkenCtx
    voorraad: VoorraadCtx | None
    huurbeleid: HuurbeleidCtx | None
    kerncijfers: tuple[KerncijferCtx, ...]
    reacties: tuple[ReactieCtx, ...]
    beleid: BeleidCtx
    """The policy document in the regime's words: 'de woonvisie' or 'het volkshuisvestingsprogramma'."""
    gemeenten: str = ""
    """A regional dossier: the gemeenten the bod serves ('de gemeenten Dalmerwijk en Veldermonde'); '' for one."""

    def promised(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """What the body must show (a document cut short is never written): each activity of the bod."""
        return tuple((f"activity {a.code}", (a.code,)) for t in self.themas for a in t.activiteiten)


def build_activiteitenoverzicht(m: model.DossierModel, bod: model.Bod) -> ActiviteitenoverzichtCtx:
    """The context of one corporation's bod."""
    jaren = tuple(range(bod.jaar, bod.jaar + JAREN))
    themas = themes(m, bod, jaren)
    termijn = deadline(m.dossier.instellingen.termijnen.bod, bod.jaar - 1)
    region = served(m, bod) if m.dossier.regio is not None else ()
    return ActiviteitenoverzichtCtx(
        titel=f"Activiteitenoverzicht {bod.jaar}",
        gemeente=m.dossier.gemeente.naam,
        jaar=bod.jaar,
        jaren=jaren,
        periode=f"{jaren[0]}–{jaren[-1]}",
        doorkijk=outlook(bod, jaren),
        corporatie=party_names(m).get(bod.corporatie, bod.corporatie),
        versie=bod.versie or "",
        status=bod.status,
        concept=bod.status == "concept",
        datum=bod.ingediend or termijn,
        ingediend=bod.ingediend,
        termijn=termijn,
        inleiding=md(bod.inleiding, bod.src, "inleiding"),
        woonvisie=opsomming(wv.titel for _, wv in region) if region else m.woonvisie.titel,
        doelen=_served_goals(m, bod),
        themas=themas,
        investeringen=investments(year_totals(t.investeringen.per_jaar for t in themas)),
        hoofdstukken=chapters(len(themas), bod),
        voorraad=stock(bod.voorraadontwikkeling, jaren),
        huurbeleid=rent_policy(bod.huurbeleid),
        kerncijfers=kerncijfers(bod.kerncijfers),
        gemeenten=gemeenten_text(tuple(p for p, _ in region)) if region else "",
        reacties=_reactions(m, bod),
        beleid=beleid(m),
    )


def themes(m: model.DossierModel, bod: model.Bod, jaren: tuple[int, ...]) -> tuple[ThemaCtx, ...]:
    """The dossier's themes that have activities in the bod, in dossier order, numbered from chapter 2."""
    found: list[ThemaCtx] = []
    for t in m.dossier.themas:
        activities = tuple(activity(a, jaren) for a in bod.activiteiten if a.thema == t.code)
        if activities:
            totals = investments(year_totals(a.investeringen for a in activities))
            found.append(ThemaCtx(len(found) + 2, t.code, t.naam, activities, totals))
    return tuple(found)


def activity(a: model.Activiteit, jaren: tuple[int, ...]) -> ActiviteitCtx:
    """One activity with its numbers and investments in the years of the overview."""
    amounts = tuple(float(a.investeringen.get(y, 0)) for y in jaren)
    invests = any(y in a.investeringen for y in jaren)
    return ActiviteitCtx(
        code=a.code,
        titel=a.titel,
        omschrijving=md(a.omschrijving, a.src, "omschrijving"),
        doelen=a.doelen,
        eenheid=a.eenheid or "",
        aantallen=tuple(a.aantallen.get(y) for y in jaren),
        investeringen=amounts,
        investering=sum(amounts) if invests else None,
    )


def year_totals(rows: Iterable[tuple[float, ...]]) -> tuple[float, ...]:
    """Column sums of rows of amounts per year."""
    totals = [0.0] * JAREN
    for row in rows:
        totals = [total + value for total, value in zip(totals, row, strict=True)]
    return tuple(totals)


def investments(per_year: tuple[float, ...]) -> InvesteringenCtx:
    """The amounts per year with the sums the tables show."""
    return InvesteringenCtx(per_year, per_year[0], sum(per_year[1:]), sum(per_year))


def _served_goals(m: model.DossierModel, bod: model.Bod) -> tuple[DoelCtx, ...]:
    served = {code for a in bod.activiteiten for code in a.doelen}
    return tuple(goal for code, goal in doel_index(m).items() if code in served)


def outlook(bod: model.Bod, jaren: tuple[int, ...]) -> str:
    """The doorkijk years the bod fills: from J+1 to the last year an activity gives a number or an amount for."""
    filled = [y for y in jaren[1:] if any(y in a.aantallen or y in a.investeringen for a in bod.activiteiten)]
    if not filled:
        return ""
    return f"{jaren[1]}–{filled[-1]}" if filled[-1] > jaren[1] else str(jaren[1])


def chapters(themes: int, bod: model.Bod) -> HoofdstukkenCtx:
    """Chapter 1 is the introduction, then one per theme, the investments, and the optional ones that are there."""
    present = (
        bod.voorraadontwikkeling is not None,
        bod.huurbeleid is not None,
        bool(bod.kerncijfers),
        bool(bod.reactie_huurders),
    )
    numbers = []
    next_number = themes + 3
    for there in present:
        numbers.append(next_number if there else 0)
        next_number += there
    return HoofdstukkenCtx(themes + 2, *numbers)


def _reactions(m: model.DossierModel, bod: model.Bod) -> tuple[ReactieCtx, ...]:
    names = party_names(m)
    return tuple(
        ReactieCtx(names.get(r.partij, r.partij), r.datum, Md(r.tekst, r.src.at("tekst"))) for r in bod.reactie_huurders
    )
