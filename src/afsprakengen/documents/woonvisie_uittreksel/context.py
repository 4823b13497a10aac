"""The context of the woonvisie excerpt: what its template can show, built from the dossier model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from afsprakengen import model
from afsprakengen.documents.common import BeleidCtx, Md, beleid, md
from afsprakengen.dutch import opsomming


@dataclass(frozen=True)
class ActiviteitRij:
    """An activity from a corporation's bod that serves a goal, with its numbers for J."""

    code: str
    titel: str
    corporatie: str
    aantal: model.Number | None
    eenheid: str
    investering: model.Number | None


@dataclass(frozen=True)
class AfspraakRij:
    """An agreement of J that serves a goal."""

    code: str
    titel: str
    trekker: str


@dataclass(frozen=True)
class BodCodes:
    """The codes of one corporation's activities that serve a goal, for the overview."""

    corporatie: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class DoelUittreksel:
    """A woonvisie goal with what addresses it in J."""

    code: str
    titel: str
    toelichting: Md | None
    activiteiten: tuple[ActiviteitRij, ...]
    bod_codes: tuple[BodCodes, ...]
    """The same activities, their codes grouped per corporation."""
    afspraken: tuple[AfspraakRij, ...]
    geadresseerd: bool
    """True when at least one activity or agreement of J serves this goal."""


@dataclass(frozen=True)
class ThemaUittreksel:
    """A woonvisie theme: its ambition and goals."""

    code: str
    naam: str
    ambitie: Md
    doelen: tuple[DoelUittreksel, ...]


@dataclass(frozen=True)
class AfsprakenStand:
    """Which version of the agreements of J the excerpt shows."""

    versie: str
    status: str
    datum: date


@dataclass(frozen=True)
class WoonvisieUittrekselCtx:
    """Everything the woonvisie-uittreksel template can use."""

    titel: str
    gemeente: str
    jaar: int
    versie: str
    """The version of the agreements of J, or '—' when J has none yet."""
    status: str
    """The excerpt's own status: concept when any input (the agreements or a bod of J) is concept, else definitief."""
    woonvisie_status: str
    """The woonvisie's status: 'vastgesteld' when it has a date of adoption, else 'niet vastgesteld'."""
    concept: bool
    """True when the agreements or a bod of J is still concept: the excerpt carries the CONCEPT mark."""
    datum: date
    """The latest date of the inputs (woonvisie, bods and agreements of J); 1 January of J-1 when none has one."""
    stand: date | None
    """The latest date of the inputs, if any has one."""
    woonvisie: str
    vastgesteld: date | None
    periode: str
    bron: Md | None
    inleiding: Md | None
    deelthemas: tuple[str, ...]
    """Names of the themes of a partial excerpt (`--theme`); empty for the whole woonvisie."""
    afspraken: AfsprakenStand | None
    corporaties: tuple[str, ...]
    """The corporations whose bod for J the excerpt shows."""
    themas: tuple[ThemaUittreksel, ...]
    aantal_doelen: int
    aantal_geadresseerd: int
    beleid: BeleidCtx
    """The policy document in the regime's words: 'de woonvisie' or 'het volkshuisvestingsprogramma'."""


def build_woonvisie_uittreksel(
    m: model.DossierModel, c: model.Cyclus, themes: tuple[str, ...] = ()
) -> WoonvisieUittrekselCtx:
    """The excerpt of the woonvisie for cycle J: every theme, or only the given theme codes."""
    wv, pa = m.woonvisie, c.prestatieafspraken
    themas = goal_overview(m, c, themes)
    goals = [d for t in themas for d in t.doelen]
    names = _theme_names(m)
    partial = tuple(name for code, name in names.items() if code in themes)
    stand = _latest_date(wv, c)
    concept = _any_concept(c)
    return WoonvisieUittrekselCtx(
        titel=_title(m.regime.uittreksel, partial, c.jaar),
        gemeente=m.dossier.gemeente.naam,
        jaar=c.jaar,
        versie=pa.versie if pa else "—",
        status="concept" if concept else "definitief",
        woonvisie_status="vastgesteld" if wv.vastgesteld else "niet vastgesteld",
        concept=concept,
        datum=stand or date(c.jaar - 1, 1, 1),
        stand=stand,
        woonvisie=wv.titel,
        vastgesteld=wv.vastgesteld,
        periode=f"{wv.periode.van}–{wv.periode.tot}" if wv.periode else "",
        bron=Md(f"<{wv.bron}>", wv.src.at("bron")) if wv.bron else None,
        inleiding=md(wv.inleiding, wv.src, "inleiding"),
        deelthemas=partial,
        afspraken=AfsprakenStand(pa.versie, pa.status, pa.datum) if pa else None,
        corporaties=tuple(_korte_naam(m, b.corporatie) for b in _bods(m, c)),
        themas=themas,
        aantal_doelen=len(goals),
        aantal_geadresseerd=sum(1 for d in goals if d.geadresseerd),
        beleid=beleid(m),
    )


def _title(name: str, partial: tuple[str, ...], jaar: int) -> str:
    if not partial:
        return f"{name} {jaar}"
    return f"{name} {jaar}: {opsomming(partial)}"


def _any_concept(c: model.Cyclus) -> bool:
    """Whether an input of the excerpt is still concept: the agreements of J or a bod of J."""
    pa = c.prestatieafspraken
    return (pa is not None and pa.status == "concept") or any(b.status == "concept" for b in c.bods)


def _latest_date(wv: model.Woonvisie, c: model.Cyclus) -> date | None:
    """The newest date among the inputs, if any has one."""
    pa = c.prestatieafspraken
    dates = [wv.vastgesteld, pa.datum if pa else None, *(b.ingediend for b in c.bods)]
    return max((d for d in dates if d is not None), default=None)


def _theme_names(m: model.DossierModel) -> dict[str, str]:
    return {t.code: t.naam for t in m.dossier.themas}


def _korte_naam(m: model.DossierModel, party_id: str) -> str:
    p = m.partij(party_id)
    return (p.korte_naam or p.naam) if p else party_id


def _bods(m: model.DossierModel, c: model.Cyclus) -> list[model.Bod]:
    """The bods of J in the order of the parties in dossier.yaml."""
    order = {p.id: i for i, p in enumerate(m.dossier.partijen)}
    return sorted(c.bods, key=lambda b: (order.get(b.corporatie, len(order)), b.corporatie))


def goal_overview(m: model.DossierModel, c: model.Cyclus, themes: tuple[str, ...] = ()) -> tuple[ThemaUittreksel, ...]:
    """Per woonvisie theme (all, or these) its goals with the activities and agreements of J that serve each."""
    names = _theme_names(m)
    return tuple(
        ThemaUittreksel(
            t.thema,
            names.get(t.thema, t.thema),
            Md(t.ambitie, t.src.at("ambitie")),
            tuple(_goal(m, c, d) for d in t.doelen),
        )
        for t in m.woonvisie.themas
        if not themes or t.thema in themes
    )


def _goal(m: model.DossierModel, c: model.Cyclus, d: model.Doel) -> DoelUittreksel:
    activities = tuple(_activity(m, c.jaar, b, a) for b in _bods(m, c) for a in b.activiteiten if d.code in a.doelen)
    pa = c.prestatieafspraken
    agreements = tuple(
        AfspraakRij(a.code, a.titel, _korte_naam(m, a.trekker) if a.trekker else "–")
        for a in (pa.afspraken if pa else ())
        if d.code in a.doelen
    )
    toelichting = md(d.toelichting, d.src, "toelichting")
    addressed = bool(activities or agreements)
    return DoelUittreksel(d.code, d.titel, toelichting, activities, _bod_codes(activities), agreements, addressed)


def _bod_codes(activities: tuple[ActiviteitRij, ...]) -> tuple[BodCodes, ...]:
    per: dict[str, list[str]] = {}
    for a in activities:
        per.setdefault(a.corporatie, []).append(a.code)
    return tuple(BodCodes(name, tuple(codes)) for name, codes in per.items())


def _activity(m: model.DossierModel, jaar: int, b: model.Bod, a: model.Activiteit) -> ActiviteitRij:
    return ActiviteitRij(
        a.code,
        a.titel,
        _korte_naam(m, b.corporatie),
        a.aantallen.get(jaar),
        a.eenheid or "",
        a.investeringen.get(jaar),
    )
