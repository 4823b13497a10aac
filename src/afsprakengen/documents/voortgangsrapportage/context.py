"""The context of the voortgangsrapportage: what its template can show, built from one progress file of J."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from afsprakengen import model
from afsprakengen.documents.common import Md, md, party_names
from afsprakengen.documents.evaluatie.context import WaardeCtx, target_value, value
from afsprakengen.dutch import getal
from afsprakengen.model import stoplicht

NIET_GEMELD = "niet gemeld"
"""The status of an agreement the progress file does not mention: no light, and said in words."""
NO_LIGHT = "FFFFFF"


@dataclass(frozen=True)
class StandCtx:
    """One agreement of J with its state on the peildatum, or 'niet gemeld' when the file does not mention it."""

    code: str
    titel: str
    trekker: str
    streefwaarde: WaardeCtx | None
    realisatie: WaardeCtx | None
    """Realised up to the peildatum."""
    status: str
    """The status as the documents show it: its level's label, or 'niet gemeld'."""
    kleur: str
    """Background colour of the status cell (hex, no '#'); the status is always also written out."""
    gemeld: bool
    toelichting: Md | None
    op_koers: bool = False
    """Whether the status is the first level of the scale (on track); every other reported status is at risk."""


@dataclass(frozen=True)
class ThemaStandCtx:
    """A theme with the state of its agreements."""

    code: str
    naam: str
    afspraken: tuple[StandCtx, ...]


@dataclass(frozen=True)
class WijzigingCtx:
    """What changed for one agreement since the previous peildatum: 'nieuw', or its status and realisation."""

    code: str
    titel: str
    wijziging: str
    """'nieuw gemeld', 'status: vertraagd → niet gerealiseerd; realisatie: 18 → 41', or 'niet meer gemeld'."""


@dataclass(frozen=True)
class StatusTellingCtx:
    """How many agreements have one status on the peildatum."""

    status: str
    kleur: str
    aantal: int


@dataclass(frozen=True)
class VoortgangsrapportageCtx:
    """Everything the voortgangsrapportage template can use."""

    titel: str
    gemeente: str
    jaar: int
    peildatum: date
    status: str
    concept: bool
    samenvatting: Md | None
    statussen: tuple[StatusTellingCtx, ...]
    """Per status that occurs (the scale's order, then 'niet gemeld'): its colour and count."""
    aantal: int
    """The number of agreements of J."""
    op_koers: str
    """The status that means on track (the first of the scale); every other status asks for attention."""
    aandacht: tuple[StandCtx, ...]
    """The agreements at risk: reported with a status other than on track, in theme order."""
    themas: tuple[ThemaStandCtx, ...]
    vorige: date | None
    """The previous peildatum of the same year; None for the first progress report of J."""
    wijzigingen: tuple[WijzigingCtx, ...]
    niet_gemeld: tuple[str, ...]
    """Codes of the agreements of J the progress file does not mention."""
    aanhalingstekens: str


def build_voortgangsrapportage(
    m: model.DossierModel, pa: model.Prestatieafspraken, v: model.Voortgang, vorige: model.Voortgang | None
) -> VoortgangsrapportageCtx:
    """The context of the progress report `v` on the agreements `pa` of J, compared with the one before it."""
    themes = _themes(m, pa, v)
    rows = tuple(a for t in themes for a in t.afspraken)
    return VoortgangsrapportageCtx(
        titel=f"Voortgangsrapportage prestatieafspraken {v.jaar}",
        gemeente=m.dossier.gemeente.naam,
        jaar=v.jaar,
        peildatum=v.peildatum,
        status=v.status,
        concept=v.status == "concept",
        samenvatting=md(v.samenvatting, v.src, "samenvatting"),
        statussen=_counts(m, rows),
        aantal=len(rows),
        op_koers=stoplicht.scale(m)[0].label,
        aandacht=tuple(a for a in rows if a.gemeld and not a.op_koers),
        themas=themes,
        vorige=vorige.peildatum if vorige else None,
        wijzigingen=changes(pa, v, vorige) if vorige else (),
        niet_gemeld=tuple(a.code for a in rows if not a.gemeld),
        aanhalingstekens=m.dossier.instellingen.aanhalingstekens,
    )


def _themes(m: model.DossierModel, pa: model.Prestatieafspraken, v: model.Voortgang) -> tuple[ThemaStandCtx, ...]:
    """Per theme (dossier order) every agreement of J in file order, with its progress entry if it has one."""
    entries = {r.afspraak: r for r in v.afspraken}
    names = party_names(m)
    themes = []
    for t in m.dossier.themas:
        rows = tuple(_stand(m, a, entries.get(a.code), names) for a in pa.afspraken if a.thema == t.code)
        if rows:
            themes.append(ThemaStandCtx(t.code, t.naam, rows))
    return tuple(themes)


def _stand(m: model.DossierModel, a: model.Afspraak, r: model.VoortgangRegel | None, names: dict[str, str]) -> StandCtx:
    unit = a.indicator.eenheid or "" if a.indicator else ""
    level = stoplicht.level(m, r.status) if r else None
    status = level.label if level else (r.status if r else NIET_GEMELD)
    return StandCtx(
        code=a.code,
        titel=a.titel,
        trekker=names.get(a.trekker, a.trekker) if a.trekker else "–",
        streefwaarde=target_value(a.indicator),
        realisatie=value(r.realisatie, unit) if r else None,
        status=status,
        kleur=level.hex if level else NO_LIGHT,
        gemeld=r is not None,
        toelichting=md(r.toelichting, r.src, "toelichting", style="KleineTekst") if r else None,
        op_koers=level is not None and level == stoplicht.scale(m)[0],
    )


def _counts(m: model.DossierModel, rows: tuple[StandCtx, ...]) -> tuple[StatusTellingCtx, ...]:
    counted = []
    for label, kleur in (*((n.label, n.hex) for n in stoplicht.scale(m)), (NIET_GEMELD, NO_LIGHT)):
        n = sum(1 for a in rows if a.status == label)
        if n:
            counted.append(StatusTellingCtx(label, kleur, n))
    return tuple(counted)


def changes(pa: model.Prestatieafspraken, v: model.Voortgang, vorige: model.Voortgang) -> tuple[WijzigingCtx, ...]:
    """Per agreement of J (file order) what changed between the previous progress report and this one."""
    now = {r.afspraak: r for r in v.afspraken}
    before = {r.afspraak: r for r in vorige.afspraken}
    found = []
    for a in pa.afspraken:
        said = _change(now.get(a.code), before.get(a.code))
        if said:
            found.append(WijzigingCtx(a.code, a.titel, said))
    return tuple(found)


def _change(now: model.VoortgangRegel | None, before: model.VoortgangRegel | None) -> str:
    if now is None:
        return "niet meer gemeld" if before is not None else ""
    if before is None:
        return "nieuw gemeld"
    parts = []
    if now.status != before.status:
        parts.append(f"status: {before.status} → {now.status}")
    if now.realisatie != before.realisatie:
        parts.append(f"realisatie: {_shown(before.realisatie)} → {_shown(now.realisatie)}")
    return "; ".join(parts)


def _shown(v: model.Value | None) -> str:
    if v is None:
        return "–"
    return getal(v) if isinstance(v, int | float) else str(v)
