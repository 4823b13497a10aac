"""The context of the prestatieafspraken document: what its template can show, built from the dossier model."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from afsprakengen import model
from afsprakengen.cycle.deadlines import deadline
from afsprakengen.documents.common import (
    RICHTING,
    BeleidCtx,
    DoelCtx,
    KerncijferCtx,
    Md,
    OndertekenaarCtx,
    PartijCtx,
    Picture,
    beleid,
    doel_index,
    kerncijfers,
    md,
    md_list,
    partij_ctx,
    party_logos,
    party_names,
    richting,
    target_text,
)
from afsprakengen.documents.prestatieafspraken.kaders import KaderCtx, build_kaders
from afsprakengen.documents.prestatieafspraken.legal import (
    OndergetekendeCtx,
    SlotbepalingCtx,
    TekenrijCtx,
    ondergetekenden,
    overwegingen,
    own_comparitie,
    slotbepalingen,
    tekenrijen,
    tekenrijen_per_gemeente,
)
from afsprakengen.documents.woonvisie_uittreksel.context import ThemaUittreksel, goal_overview
from afsprakengen.model.regio import gemeenten_text

SOORT_AFSPRAAK = {"resultaat": "Resultaatafspraak", "proces": "Procesafspraak", "inspanning": "Inspanningsafspraak"}


@dataclass(frozen=True)
class IndicatorCtx:
    """How an agreement is measured."""

    naam: str
    eenheid: str
    streefwaarde: model.Value | None
    bron: str
    richting: str
    """'ten minste', 'ten hoogste' or 'precies' before a numeric target; '' for a text target."""
    streefwaarde_tekst: str
    """The target as it reads: 'ten minste 40 woningen', 'ten hoogste 1 huisuitzetting', a text as it is."""


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
    gemeenten: str = ""
    """A regional dossier's agreement of only some gemeenten: 'de gemeenten Hooghorst en Veldermonde'; else ''."""


@dataclass(frozen=True)
class ThemaCtx:
    """A theme with its agreements."""

    code: str
    naam: str
    afspraken: tuple[AfspraakCtx, ...]
    omschrijving: Md | None = None
    """What the theme is about (dossier.yaml's themas), shown under its heading."""


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
    richting: str
    """'ten hoogste' or 'precies' when the values are maxima or exact; '' for minima (the default)."""
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
    uitleg: Md


@dataclass(frozen=True)
class BijlagenCtx:
    """The name of each annex the document has ('Bijlage 2'), numbered in order; '' for one it leaves out."""

    overzicht: str
    kerncijfers: str
    begrippen: str
    kaders: str = ""
    """'Bijdrage aan landelijke en regionale kaders', right after the overzicht, only when dossier.yaml has kaders."""


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
    betrokkenen: tuple[PartijCtx, ...]
    """Parties that take part in agreements without signing them (e.g. a care provider), with their role."""
    verantwoording_voor: date
    """The corporations' account of J is due by this day of J+1 (instellingen.termijnen.verantwoording)."""
    evaluatie_voor: date
    """The joint evaluation of J is due by this day of J+1 (instellingen.termijnen.evaluatie)."""
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
    tekenrijen: tuple[TekenrijCtx, ...]
    """The signatories two by two, for the signature blocks side by side."""
    koppelingen: tuple[KoppelingCtx, ...]
    overzicht: tuple[ThemaUittreksel, ...]
    """Annex 'Van woonvisie naar concrete afspraken': per theme and goal the activities and agreements serving it."""
    begrippen: tuple[BegripCtx, ...]
    kerncijfers: tuple[KerncijferCtx, ...]
    bijlagen: BijlagenCtx
    compact: bool
    """instellingen.afspraken_weergave is compact: one table row per agreement, the texts below each table."""
    aanhalingstekens: str
    """hoog (“…”) or laag („…”), for the `aanhalen` filter."""
    logos: tuple[Picture, ...]
    """The logos of the signing parties that have one, for the cover."""
    comparitie: Md | None
    """The agreements' own text of 'Ondergetekenden', in place of the one made from `ondergetekenden`."""
    ondergetekenden: tuple[OndergetekendeCtx, ...]
    """The signing parties for 'Ondergetekenden' (empty when the agreements have their own text or none)."""
    overwegingen: Md | None
    """The recitals ('Overwegende dat'), a bulleted list; None when left out."""
    slotbepalingen: tuple[SlotbepalingCtx, ...]
    """The closing articles before the signatures (term, special circumstances, successors, disputes)."""
    standaard_voorbehouden: bool
    """Whether to show the standard provisos: the agreements state none and the dossier does not switch them off."""
    beleid: BeleidCtx
    """The policy document in the regime's words: 'de woonvisie' or 'het volkshuisvestingsprogramma'."""
    regio: str = ""
    """A regional dossier's region ('Regio Dalvelde'), the title in place of the gemeente; '' for one gemeente."""
    kaders: tuple[KaderCtx, ...] = ()
    """Annex 'Bijdrage aan landelijke en regionale kaders': per kader line the agreements of J serving it, summed."""

    def promised(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """What the body must show (a signable document cut short is never written): each agreement, each signatory."""
        agreements = tuple((f"agreement {a.code}", (a.code,)) for t in self.themas for a in t.afspraken)
        signatories = tuple((f"the signature of {o.naam} ({o.partij})", (o.naam,)) for o in self.ondertekenaars)
        return agreements + signatories


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
        betrokkenen=_involved(m, pa),
        verantwoording_voor=deadline(m.dossier.instellingen.termijnen.verantwoording, pa.jaar + 1),
        evaluatie_voor=deadline(m.dossier.instellingen.termijnen.evaluatie, pa.jaar + 1),
        inleiding=Md(pa.inleiding, pa.src.at("inleiding")),
        grondslag=md(pa.grondslag, pa.src, "grondslag"),
        woonvisie=m.woonvisie.titel,
        doelen=_served_goals(pa, goals),
        themas=_themes(m, pa, goals),
        wederkerigheid=_reciprocity(m, pa),
        doorkijk=_outlook(pa),
        monitoring=md(pa.monitoring, pa.src, "monitoring"),
        voorbehouden=md_list(pa.voorbehouden, pa.src, "voorbehouden"),
        niet_afgesproken=_not_agreed(pa),
        plaats=signing.plaats or "",
        ondertekend_op=signing.datum,
        ondertekenaars=(signers := tuple(o for p in parties for o in p.ondertekenaars)),
        tekenrijen=_signature_rows(m, signers),
        koppelingen=_links(m, cyclus, goals),
        overzicht=goal_overview(m, cyclus),
        begrippen=_glossary(pa),
        kerncijfers=kerncijfers(pa.kerncijfers),
        bijlagen=_annexes(pa, bool(m.dossier.kaders)),
        compact=m.dossier.instellingen.afspraken_weergave == "compact",
        aanhalingstekens=m.dossier.instellingen.aanhalingstekens,
        logos=party_logos(m, tuple(p for pid in pa.partijen if (p := m.partij(pid)) is not None)),
        comparitie=own_comparitie(pa),
        ondergetekenden=ondergetekenden(m, pa),
        overwegingen=overwegingen(m, cyclus),
        slotbepalingen=slotbepalingen(m, pa),
        standaard_voorbehouden=not pa.voorbehouden and m.dossier.instellingen.standaard_voorbehouden,
        beleid=beleid(m),
        regio=m.dossier.regio.naam if m.dossier.regio else "",
        kaders=build_kaders(m, pa),
    )


def _signature_rows(m: model.DossierModel, signers: tuple[OndertekenaarCtx, ...]) -> tuple[TekenrijCtx, ...]:
    """The signatories two by two; in a region each gemeente's on rows of their own, before the other parties."""
    if m.dossier.regio is None:
        return tekenrijen(signers)
    return tekenrijen_per_gemeente(signers, tuple(p.naam for p in m.dossier.gemeenten()))


def _annexes(pa: model.Prestatieafspraken, kaders: bool) -> BijlagenCtx:
    """Annexes numbered from 1 in the order the document shows them, skipping the ones it has no content for."""
    present = {
        "overzicht": True,
        "kaders": kaders,
        "kerncijfers": bool(pa.kerncijfers),
        "begrippen": bool(pa.begrippen),
    }
    names, n = {}, 0
    for annex, shown in present.items():
        n += shown
        names[annex] = f"Bijlage {n}" if shown else ""
    return BijlagenCtx(**names)


def _served_goals(pa: model.Prestatieafspraken, goals: dict[str, DoelCtx]) -> tuple[DoelCtx, ...]:
    served = {code for a in pa.afspraken for code in a.doelen}
    return tuple(g for code, g in goals.items() if code in served)


def _themes(m: model.DossierModel, pa: model.Prestatieafspraken, goals: dict[str, DoelCtx]) -> tuple[ThemaCtx, ...]:
    names = party_names(m)
    themes = []
    for t in m.dossier.themas:
        agreements = tuple(_for_some(m, a, _agreement(a, names, goals)) for a in pa.afspraken if a.thema == t.code)
        if agreements:
            themes.append(ThemaCtx(t.code, t.naam, agreements, md(t.omschrijving, t.src, "omschrijving")))
    return tuple(themes)


def _agreement(a: model.Afspraak, names: dict[str, str], goals: dict[str, DoelCtx]) -> AfspraakCtx:
    indicator = None
    if a.indicator is not None:
        i = a.indicator
        indicator = IndicatorCtx(i.naam, i.eenheid or "", i.streefwaarde, i.bron or "", richting(i), target_text(i))
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


def _for_some(m: model.DossierModel, a: model.Afspraak, ctx: AfspraakCtx) -> AfspraakCtx:
    """An agreement of only some gemeenten of a region names them."""
    if not a.gemeenten:
        return ctx
    return replace(ctx, gemeenten=gemeenten_text(tuple(p for p in m.dossier.gemeenten() if p.id in a.gemeenten)))


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
            i = a.indicator
            target, values = i.streefwaarde, tuple(a.doorkijk.get(y) for y in years)
            word = "" if i.richting in (None, "minimaal") else RICHTING[i.richting or ""]
            words = any(isinstance(v, str) for v in (target, *values))
            rows.append(DoorkijkRij(a.code, i.naam, i.eenheid or "", target, values, word, words))
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


def _involved(m: model.DossierModel, pa: model.Prestatieafspraken) -> tuple[PartijCtx, ...]:
    """The parties that take part in agreements (trekker or betrokken) without signing them, with their role."""
    named = {pid for a in pa.afspraken for pid in (a.trekker, *a.betrokken) if pid}
    return tuple(partij_ctx(p) for p in m.dossier.partijen if p.id in named and p.id not in pa.partijen)


def _not_agreed(pa: model.Prestatieafspraken) -> tuple[NietAfgesprokenCtx, ...]:
    return tuple(
        NietAfgesprokenCtx(n.onderwerp, md(n.toelichting, pa.src, "niet_afgesproken", i, "toelichting"))
        for i, n in enumerate(pa.niet_afgesproken)
    )


def _glossary(pa: model.Prestatieafspraken) -> tuple[BegripCtx, ...]:
    return tuple(
        BegripCtx(b.term, Md(b.uitleg, pa.src.at("begrippen", i, "uitleg"))) for i, b in enumerate(pa.begrippen)
    )
