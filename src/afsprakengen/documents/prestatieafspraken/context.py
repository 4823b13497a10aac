"""The context of the prestatieafspraken document: what its template can show, built from the dossier model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from afsprakengen import model
from afsprakengen.documents.common import (
    DoelCtx,
    KerncijferCtx,
    Md,
    OndertekenaarCtx,
    PartijCtx,
    doel_index,
    kerncijfers,
    md,
    md_list,
    partij_ctx,
    party_names,
)

SOORT_AFSPRAAK = {"resultaat": "Resultaatafspraak", "proces": "Procesafspraak", "inspanning": "Inspanningsafspraak"}


@dataclass(frozen=True)
class IndicatorCtx:
    """How an agreement is measured."""

    naam: str
    eenheid: str
    streefwaarde: model.Value | None
    bron: str


@dataclass(frozen=True)
class AfspraakCtx:
    """One agreement as shown in the document."""

    code: str
    titel: str
    tekst: Md
    soort: str
    trekker: str
    betrokken: tuple[str, ...]
    termijn: str
    indicator: IndicatorCtx | None
    doelen: tuple[DoelCtx, ...]
    activiteiten: tuple[str, ...]


@dataclass(frozen=True)
class ThemaCtx:
    """A theme with its agreements."""

    code: str
    naam: str
    afspraken: tuple[AfspraakCtx, ...]


@dataclass(frozen=True)
class DoorkijkRij:
    """One row of the outlook table: an indicator with its target for J and values for J+1..J+3.

    `in_woorden`: the target or a value is a text (a milestone in words), which needs more room than a number.
    """

    code: str
    indicator: str
    eenheid: str
    streefwaarde: model.Value | None
    waarden: tuple[model.Value | None, ...]
    in_woorden: bool


@dataclass(frozen=True)
class WederkerigheidCtx:
    """What one party commits to in return."""

    partij: str
    tekst: Md


@dataclass(frozen=True)
class NietAfgesprokenCtx:
    """A subject deliberately left out."""

    onderwerp: str
    toelichting: Md | None


@dataclass(frozen=True)
class KoppelingCtx:
    """One row of 'Van woonvisie naar concrete afspraken': a goal, the activities and agreements serving it."""

    doel: DoelCtx
    activiteiten: tuple[str, ...]
    afspraken: tuple[str, ...]


@dataclass(frozen=True)
class BegripCtx:
    """A glossary entry."""

    term: str
    uitleg: str


@dataclass(frozen=True)
class PrestatieafsprakenCtx:
    """Everything the prestatieafspraken template can use."""

    titel: str
    gemeente: str
    jaar: int
    doorkijk_jaren: tuple[int, ...]
    versie: str
    status: str
    concept: bool
    datum: date
    partijen: tuple[PartijCtx, ...]
    inleiding: Md
    grondslag: Md | None
    woonvisie: str
    doelen: tuple[DoelCtx, ...]
    themas: tuple[ThemaCtx, ...]
    wederkerigheid: tuple[WederkerigheidCtx, ...]
    doorkijk: tuple[DoorkijkRij, ...]
    monitoring: Md | None
    voorbehouden: Md | None
    niet_afgesproken: tuple[NietAfgesprokenCtx, ...]
    plaats: str
    ondertekend_op: date | None
    ondertekenaars: tuple[OndertekenaarCtx, ...]
    koppelingen: tuple[KoppelingCtx, ...]
    begrippen: tuple[BegripCtx, ...]
    kerncijfers: tuple[KerncijferCtx, ...]


def build_prestatieafspraken(m: model.DossierModel, cyclus: model.Cyclus) -> PrestatieafsprakenCtx:
    """The context of the prestatieafspraken of one cycle (which must have them)."""
    pa = cyclus.prestatieafspraken
    assert pa is not None
    goals = doel_index(m)
    parties = [partij_ctx(p) for pid in pa.partijen if (p := m.partij(pid)) is not None]
    signing = pa.ondertekening or model.Ondertekening()
    return PrestatieafsprakenCtx(
        titel=f"Prestatieafspraken {pa.jaar}",
        gemeente=m.dossier.gemeente.naam,
        jaar=pa.jaar,
        doorkijk_jaren=(pa.jaar + 1, pa.jaar + 2, pa.jaar + 3),
        versie=pa.versie,
        status=pa.status,
        concept=pa.status == "concept",
        datum=pa.datum,
        partijen=tuple(parties),
        inleiding=Md(pa.inleiding, pa.src.at("inleiding")),
        grondslag=md(pa.grondslag, pa.src, "grondslag"),
        woonvisie=m.woonvisie.titel,
        doelen=_served_goals(pa, goals),
        themas=_themes(m, pa, goals),
        wederkerigheid=_reciprocity(m, pa),
        doorkijk=_outlook(pa),
        monitoring=md(pa.monitoring, pa.src, "monitoring"),
        voorbehouden=md_list(pa.voorbehouden, pa.src, "voorbehouden"),
        niet_afgesproken=tuple(
            NietAfgesprokenCtx(n.onderwerp, md(n.toelichting, pa.src, "niet_afgesproken", i, "toelichting"))
            for i, n in enumerate(pa.niet_afgesproken)
        ),
        plaats=signing.plaats or "",
        ondertekend_op=signing.datum,
        ondertekenaars=tuple(o for p in parties for o in p.ondertekenaars),
        koppelingen=_links(m, cyclus, goals),
        begrippen=tuple(BegripCtx(b.term, b.uitleg) for b in pa.begrippen),
        kerncijfers=kerncijfers(pa.kerncijfers),
    )


def _served_goals(pa: model.Prestatieafspraken, goals: dict[str, DoelCtx]) -> tuple[DoelCtx, ...]:
    served = {code for a in pa.afspraken for code in a.doelen}
    return tuple(g for code, g in goals.items() if code in served)


def _themes(m: model.DossierModel, pa: model.Prestatieafspraken, goals: dict[str, DoelCtx]) -> tuple[ThemaCtx, ...]:
    names = party_names(m)
    themes = []
    for t in m.dossier.themas:
        agreements = tuple(_agreement(a, names, goals) for a in pa.afspraken if a.thema == t.code)
        if agreements:
            themes.append(ThemaCtx(t.code, t.naam, agreements))
    return tuple(themes)


def _agreement(a: model.Afspraak, names: dict[str, str], goals: dict[str, DoelCtx]) -> AfspraakCtx:
    indicator = None
    if a.indicator is not None:
        i = a.indicator
        indicator = IndicatorCtx(i.naam, i.eenheid or "", i.streefwaarde, i.bron or "")
    return AfspraakCtx(
        code=a.code,
        titel=a.titel,
        tekst=Md(a.tekst, a.src.at("tekst")),
        soort=SOORT_AFSPRAAK[a.soort],
        trekker=names.get(a.trekker, "") if a.trekker else "",
        betrokken=tuple(names.get(p, p) for p in a.betrokken),
        termijn=a.termijn or "",
        indicator=indicator,
        doelen=tuple(goals[c] for c in a.doelen if c in goals),
        activiteiten=a.activiteiten,
    )


def _reciprocity(m: model.DossierModel, pa: model.Prestatieafspraken) -> tuple[WederkerigheidCtx, ...]:
    names = party_names(m)
    return tuple(
        WederkerigheidCtx(names.get(w.partij, w.partij), Md(w.tekst, w.src.at("tekst"))) for w in pa.wederkerigheid
    )


def _outlook(pa: model.Prestatieafspraken) -> tuple[DoorkijkRij, ...]:
    years = (pa.jaar + 1, pa.jaar + 2, pa.jaar + 3)
    rows = []
    for a in pa.afspraken:
        if a.indicator is not None and (a.doorkijk or a.indicator.streefwaarde is not None):
            target, values = a.indicator.streefwaarde, tuple(a.doorkijk.get(y) for y in years)
            words = any(isinstance(v, str) for v in (target, *values))
            rows.append(DoorkijkRij(a.code, a.indicator.naam, a.indicator.eenheid or "", target, values, words))
    return tuple(rows)


def _links(m: model.DossierModel, cyclus: model.Cyclus, goals: dict[str, DoelCtx]) -> tuple[KoppelingCtx, ...]:
    names = party_names(m)
    rows = []
    for code, goal in goals.items():
        activities = tuple(
            f"{a.code} {a.titel} ({names.get(b.corporatie, b.corporatie)})"
            for b in cyclus.bods
            for a in b.activiteiten
            if code in a.doelen
        )
        pa = cyclus.prestatieafspraken
        agreements = tuple(f"{a.code} {a.titel}" for a in (pa.afspraken if pa else ()) if code in a.doelen)
        rows.append(KoppelingCtx(goal, activities, agreements))
    return tuple(rows)
