"""The context of the evaluation report: what its template can show, built from the dossier model."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from afsprakengen import model
from afsprakengen.documents import charts
from afsprakengen.documents.common import Chart, Md, md, md_list, party_names, richting, unit_for
from afsprakengen.documents.evaluatie.activities import ActiviteitCtx, realised_activities
from afsprakengen.documents.evaluatie.comparison import VergelijkingCtx, is_number, theme_comparisons
from afsprakengen.documents.evaluatie.investments import InvesteringCtx, investments
from afsprakengen.documents.evaluatie.trend import TrendCtx, key_figure_trends
from afsprakengen.dutch import getal, opsomming, procent
from afsprakengen.model import stoplicht

NIET_GEEVALUEERD = "niet geëvalueerd"
NOT_EVALUATED = stoplicht.Niveau(NIET_GEEVALUEERD, NIET_GEEVALUEERD, "#FFFFFF")
"""An agreement nobody evaluated: after the levels of the scale, and without a light (white)."""
PATTERNS = {"vertraagd": "wdUpDiag", NIET_GEEVALUEERD: "pct20"}
"""In the chart, patterns (DrawingML presets) set apart the statuses that share a colour (or have none)."""
SHY = "\u00ad"
"""A soft hyphen: where a narrow column head may break a long word."""
HEADERS = {
    "gerealiseerd": f"Gereali{SHY}seerd",
    "deels gerealiseerd": f"Deels gereali{SHY}seerd",
    "vertraagd": f"Ver{SHY}traagd",
    "niet gerealiseerd": f"Niet gereali{SHY}seerd",
    "vervallen": f"Ver{SHY}vallen",
    NIET_GEEVALUEERD: f"Niet geëva{SHY}lueerd",
}
"""The column heads of the standard statuses in the counts per theme, with where they may break."""

Levels = tuple[stoplicht.Niveau, ...]
"""The levels of the scale and 'niet geëvalueerd' last: the statuses a row can have, in the order of the tables."""


@dataclass(frozen=True)
class WaardeCtx:
    """A target or realised value; the unit is only set for numbers ('96 woningen', but 'rapport opgeleverd')."""

    waarde: model.Value
    eenheid: str
    richting: str = ""
    """'ten hoogste' or 'precies' before a numeric target that is a maximum or exact ('' for a minimum or a value)."""


@dataclass(frozen=True)
class AfspraakEvaluatieCtx:
    """One agreement of J with its evaluation, or marked 'niet geëvalueerd' when it has none."""

    code: str
    titel: str
    streefwaarde: WaardeCtx | None
    realisatie: WaardeCtx | None
    percentage: float | None
    """Realised / target (0.875 shows as 87,5%) for a minimum when both are numbers and the target is not 0."""
    afgezet: str
    """The realisation set against the target as its richting means it: '87,5%' of a minimum, 'gehaald' or
    'niet gehaald: 2 boven het maximum' for a maximum, percentage points for a percentage, '–' for a text."""
    status: str
    """The label of its level of the scale, as the document shows it."""
    niveau: str
    """The code of that level ('niet geëvalueerd' for an agreement without an evaluation)."""
    kleur: str
    """Background colour of the status cell (hex, no '#')."""
    geevalueerd: bool
    vervolg: str
    toelichting: Md | None
    vervolg_toelichting: Md | None
    vervolg_afspraken: tuple[str, ...]


@dataclass(frozen=True)
class ThemaEvaluatieCtx:
    """A theme with its evaluated agreements."""

    code: str
    naam: str
    afspraken: tuple[AfspraakEvaluatieCtx, ...]
    vergelijkingen: tuple[VergelijkingCtx, ...] = ()
    """Per unit, a chart of target against realised of the agreements where both are numbers (figure 2 on)."""


@dataclass(frozen=True)
class StatusTelling:
    """How many agreements have one status, and their share of all agreements."""

    status: str
    kleur: str
    aantal: int
    aandeel: float


@dataclass(frozen=True)
class ThemaTelling:
    """A row of the summary table: a theme (or the total), its number of agreements, and the count per status."""

    naam: str
    aantal: int
    per_status: tuple[int, ...]
    """Counts in the order of the scale's levels, then 'niet geëvalueerd' (the columns of `kolommen`)."""


@dataclass(frozen=True)
class VastgesteldCtx:
    """Who adopted the evaluation and when: 'het bestuurlijk overleg (Gemeente X, Woonstad en Y)'."""

    door: str
    datum: date


@dataclass(frozen=True)
class EvaluatieCtx:
    """Everything the evaluatie template can use."""

    titel: str
    gemeente: str
    jaar: int
    volgend_jaar: int
    """J+2: the cycle the evaluation's input is for."""
    versie: str
    """The evaluation's own version ('1.0'); '' when it has none (the footer then shows status and date only)."""
    status: str
    concept: bool
    datum: date
    vastgesteld: VastgesteldCtx | None
    samenvatting: Md | None
    standaard_stoplicht: bool
    """Whether the dossier uses the standard five statuses (the template then names their colours in words)."""
    niveaus: tuple[str, ...]
    """The labels of the scale's levels, best first."""
    beste_niveau: str
    """The label of the scale's first (best) level, with a capital: 'Gerealiseerd: 11 van de 24 afspraken'."""
    kolommen: tuple[str, ...]
    """The column heads of the counts per theme: per level of the scale, then 'niet geëvalueerd'."""
    statussen: tuple[StatusTelling, ...]
    per_thema: tuple[ThemaTelling, ...]
    totaal: ThemaTelling
    grafiek: Chart
    themas: tuple[ThemaEvaluatieCtx, ...]
    niet_geevalueerd: tuple[str, ...]
    """Codes of the agreements of J without an evaluation entry."""
    conclusies: Md | None
    input_volgende_cyclus: Md | None
    aanhalingstekens: str
    investeringen: tuple[InvesteringCtx, ...] = ()
    """Per corporation planned (bod J) against realised investments; empty when the evaluation has none."""
    investeringen_totaal: InvesteringCtx | None = None
    """Their total, with two or more corporations."""
    activiteiten: tuple[ActiviteitCtx, ...] = ()
    """Per activity of the bods of J planned against realised (`activiteiten`); empty when the evaluation has none."""
    """hoog (“…”) or laag („…”), for the `aanhalen` filter."""
    kerncijfers_trend: tuple[TrendCtx, ...] = ()
    """Per corporation its key figures over the years of its bods."""
    regio: str = ""
    """A regional evaluation's region ('Regio Dalvelde'), its title in place of the gemeente; '' for one gemeente."""


def build_evaluatie(m: model.DossierModel, pa: model.Prestatieafspraken, ev: model.Evaluatie) -> EvaluatieCtx:
    """The context of the evaluation of the agreements `pa` by `ev` (both of the same J)."""
    levels = (*stoplicht.scale(m), NOT_EVALUATED)
    themes = evaluated_themes(m, pa, ev)
    rows = tuple(a for t in themes for a in t.afspraken)
    per_theme = tuple(count_statuses(t.naam, t.afspraken, levels) for t in themes)
    total = count_statuses("Totaal", rows, levels)
    invested, invested_total = investments(m, ev)
    return EvaluatieCtx(
        titel=f"Evaluatie prestatieafspraken {ev.jaar}",
        gemeente=m.dossier.gemeente.naam,
        regio=m.dossier.regio.naam if m.dossier.regio else "",
        jaar=ev.jaar,
        volgend_jaar=ev.jaar + 2,
        versie=ev.versie or "",
        status=ev.status,
        concept=ev.status == "concept",
        datum=ev.datum,
        vastgesteld=adopted_by(m, ev.vastgesteld),
        samenvatting=md(ev.samenvatting, ev.src, "samenvatting"),
        standaard_stoplicht=stoplicht.is_standard(m),
        niveaus=tuple(n.label for n in levels[:-1]),
        beste_niveau=_capital(levels[0].label),
        kolommen=tuple(HEADERS.get(n.code, _capital(n.label)) for n in levels),
        statussen=status_totals(total, levels),
        per_thema=per_theme,
        totaal=total,
        grafiek=status_chart(ev.jaar, per_theme, total, levels),
        themas=themes,
        niet_geevalueerd=tuple(a.code for a in rows if not a.geevalueerd),
        conclusies=md(ev.conclusies, ev.src, "conclusies"),
        input_volgende_cyclus=md_list(ev.input_volgende_cyclus, ev.src, "input_volgende_cyclus"),
        aanhalingstekens=m.dossier.instellingen.aanhalingstekens,
        investeringen=invested,
        investeringen_totaal=invested_total,
        activiteiten=realised_activities(m, ev),
        kerncijfers_trend=key_figure_trends(m),
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def adopted_by(m: model.DossierModel, v: model.Vaststelling | None) -> VastgesteldCtx | None:
    """The body that adopted the evaluation, with the names of the parties in it when the dossier names them."""
    if v is None:
        return None
    names = party_names(m)
    parties = opsomming(names.get(p, p) for p in v.partijen)
    return VastgesteldCtx(f"{v.door} ({parties})" if parties else v.door, v.datum)


def evaluated_themes(
    m: model.DossierModel, pa: model.Prestatieafspraken, ev: model.Evaluatie
) -> tuple[ThemaEvaluatieCtx, ...]:
    """Per theme (dossier order) every agreement of J in file order, with its evaluation entry if it has one."""
    entries = {r.afspraak: r for r in ev.evaluaties}
    levels = {n.code: n for n in stoplicht.scale(m)}
    comparisons = theme_comparisons(m.dossier.themas, pa, ev, first=2)
    themes = []
    for t in m.dossier.themas:
        rows = tuple(evaluated_agreement(a, entries.get(a.code), levels) for a in pa.afspraken if a.thema == t.code)
        if rows:
            themes.append(ThemaEvaluatieCtx(t.code, t.naam, rows, comparisons.get(t.code, ())))
    return tuple(themes)


def evaluated_agreement(
    a: model.Afspraak, r: model.EvaluatieRegel | None, levels: dict[str, stoplicht.Niveau]
) -> AfspraakEvaluatieCtx:
    """One row of a theme table: the agreement's target, and what its evaluation entry says (if any)."""
    unit = a.indicator.eenheid or "" if a.indicator else ""
    target = a.indicator.streefwaarde if a.indicator else None
    realised = r.realisatie if r else None
    light = levels[r.status] if r else NOT_EVALUATED
    return AfspraakEvaluatieCtx(
        code=a.code,
        titel=a.titel,
        streefwaarde=target_value(a.indicator),
        realisatie=value(realised, unit),
        percentage=realisation_share(target, realised) if _as_share(a.indicator) else None,
        afgezet=set_against(a.indicator, realised),
        status=light.label,
        niveau=light.code,
        kleur=light.hex,
        geevalueerd=r is not None,
        vervolg=r.vervolg if r else "",
        toelichting=md(r.toelichting, r.src, "toelichting") if r else None,
        vervolg_toelichting=md(r.vervolg_toelichting, r.src, "vervolg_toelichting") if r else None,
        vervolg_afspraken=r.vervolg_afspraken if r else (),
    )


def target_value(indicator: model.Indicator | None) -> WaardeCtx | None:
    """The target with its unit (singular for 1) and, for a maximum or an exact target, what kind it is."""
    if indicator is None or indicator.streefwaarde is None:
        return None
    found = value(indicator.streefwaarde, unit_for(indicator, indicator.streefwaarde))
    word = richting(indicator)
    return replace(found, richting=word if word != "ten minste" else "") if found else None


def value(v: model.Value | None, unit: str) -> WaardeCtx | None:
    """A value for the table: numbers keep their unit, texts stand on their own."""
    if v is None:
        return None
    return WaardeCtx(v, unit if is_number(v) else "")


def _as_share(indicator: model.Indicator | None) -> bool:
    """A share of the target says something only for a minimum that is not itself a percentage."""
    return indicator is not None and (indicator.richting or "minimaal") == "minimaal" and not _is_percentage(indicator)


def _is_percentage(indicator: model.Indicator) -> bool:
    return (indicator.eenheid or "").strip().lower() in {"procent", "%", "percentage"}


def set_against(indicator: model.Indicator | None, realised: model.Value | None) -> str:
    """The realisation against the target, honest about a maximum, an exact target and a percentage."""
    target = indicator.streefwaarde if indicator else None
    if indicator is None or not is_number(target) or not is_number(realised):
        return "–"
    richting = indicator.richting or "minimaal"
    if _is_percentage(indicator):
        return _points(realised - target, richting)
    if richting == "maximaal":
        over = realised - target
        return "gehaald" if over <= 0 else f"niet gehaald: {getal(over)} boven het maximum"
    if richting == "exact":
        return (
            "gehaald" if realised == target else f"niet gehaald: {_signed(realised - target)} ten opzichte van het doel"
        )
    share = realisation_share(target, realised)
    return procent(share) if share is not None else "–"


def _points(difference: float, richting: str) -> str:
    """A percentage against a percentage target, in percentage points."""
    reached = difference <= 0 if richting == "maximaal" else difference == 0 if richting == "exact" else difference >= 0
    verdict = "gehaald" if reached else "niet gehaald"
    return f"{verdict} ({_signed(round(difference, 1))} procentpunt)"


def _signed(value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "") + getal(abs(value))


def realisation_share(target: model.Value | None, realised: model.Value | None) -> float | None:
    """Realised / target when both are numbers and the target is not 0; None otherwise."""
    if is_number(target) and is_number(realised) and target:
        return realised / target
    return None


def count_statuses(name: str, rows: tuple[AfspraakEvaluatieCtx, ...], levels: Levels) -> ThemaTelling:
    """The number of agreements per level (in the order of `levels`) among the rows."""
    return ThemaTelling(name, len(rows), tuple(sum(1 for a in rows if a.niveau == n.code) for n in levels))


def status_totals(total: ThemaTelling, levels: Levels) -> tuple[StatusTelling, ...]:
    """Per level that occurs: its colour, count and share of all agreements."""
    return tuple(
        StatusTelling(n.label, n.hex, count, count / total.aantal if total.aantal else 0.0)
        for n, count in zip(levels, total.per_status, strict=True)
        if count
    )


def status_chart(year: int, per_theme: tuple[ThemaTelling, ...], total: ThemaTelling, levels: Levels) -> Chart:
    """Per theme a bar as long as its number of agreements, split into traffic-light colours by status."""
    segments = [charts.Segment(n.label, n.hex, PATTERNS.get(n.code, "")) for n in levels]
    bars = [charts.Bar(t.naam, t.per_status) for t in per_theme]
    title = f"Afspraken {year} per thema: afgesproken en gerealiseerd"
    alt = chart_alt_text(year, per_theme, total, levels)
    return charts.status_bars(title, segments, bars, alt, "Aantal afspraken")


def chart_alt_text(year: int, per_theme: tuple[ThemaTelling, ...], total: ThemaTelling, levels: Levels) -> str:
    """What the chart shows, in words and numbers, for readers who cannot see it."""
    parts = [f"Staafdiagram: de afspraken van {year} per thema, gekleurd naar status."]
    parts += [f"{t.naam}: {_counts_in_words(t, levels)}." for t in per_theme]
    parts.append(f"Totaal: {_counts_in_words(total, levels)}.")
    return " ".join(parts)


def _counts_in_words(t: ThemaTelling, levels: Levels) -> str:
    word = "afspraak" if t.aantal == 1 else "afspraken"
    counts = [f"{count} {n.label}" for n, count in zip(levels, t.per_status, strict=True) if count]
    return f"{t.aantal} {word}, waarvan {opsomming(counts)}"
