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

NIET_GEEVALUEERD = "niet geëvalueerd"
STATUSES = ("gerealiseerd", "deels gerealiseerd", "vertraagd", "niet gerealiseerd", "vervallen", NIET_GEEVALUEERD)
"""Every status a row can have, in the order of the summary table and the chart."""
COLOURS = {
    "gerealiseerd": "009E73",
    "deels gerealiseerd": "E69F00",
    "vertraagd": "56B4E9",
    "niet gerealiseerd": "D55E00",
    "vervallen": "A6A6A6",
    NIET_GEEVALUEERD: "FFFFFF",
}
"""The traffic light of each status (cell background, hex); an agreement nobody evaluated gets no light.

Okabe and Ito's palette, which stays distinguishable with the common forms of colour blindness; every status is
also written out in its cell and the chart's legend, so the colour is never the only sign."""
PATTERNS = {"vertraagd": "wdUpDiag", NIET_GEEVALUEERD: "pct20"}
"""In the chart, patterns (DrawingML presets) set apart the statuses that share a colour (or have none)."""


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
    """Counts in STATUSES order."""


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


def build_evaluatie(m: model.DossierModel, pa: model.Prestatieafspraken, ev: model.Evaluatie) -> EvaluatieCtx:
    """The context of the evaluation of the agreements `pa` by `ev` (both of the same J)."""
    themes = evaluated_themes(m, pa, ev)
    rows = tuple(a for t in themes for a in t.afspraken)
    per_theme = tuple(count_statuses(t.naam, t.afspraken) for t in themes)
    total = count_statuses("Totaal", rows)
    invested, invested_total = investments(m, ev)
    return EvaluatieCtx(
        titel=f"Evaluatie prestatieafspraken {ev.jaar}",
        gemeente=m.dossier.gemeente.naam,
        jaar=ev.jaar,
        volgend_jaar=ev.jaar + 2,
        versie=ev.versie or "",
        status=ev.status,
        concept=ev.status == "concept",
        datum=ev.datum,
        vastgesteld=adopted_by(m, ev.vastgesteld),
        samenvatting=md(ev.samenvatting, ev.src, "samenvatting"),
        statussen=status_totals(total),
        per_thema=per_theme,
        totaal=total,
        grafiek=status_chart(ev.jaar, per_theme, total),
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
    comparisons = theme_comparisons(m.dossier.themas, pa, ev, first=2)
    themes = []
    for t in m.dossier.themas:
        rows = tuple(evaluated_agreement(a, entries.get(a.code)) for a in pa.afspraken if a.thema == t.code)
        if rows:
            themes.append(ThemaEvaluatieCtx(t.code, t.naam, rows, comparisons.get(t.code, ())))
    return tuple(themes)


def evaluated_agreement(a: model.Afspraak, r: model.EvaluatieRegel | None) -> AfspraakEvaluatieCtx:
    """One row of a theme table: the agreement's target, and what its evaluation entry says (if any)."""
    unit = a.indicator.eenheid or "" if a.indicator else ""
    target = a.indicator.streefwaarde if a.indicator else None
    realised = r.realisatie if r else None
    status = r.status if r else NIET_GEEVALUEERD
    return AfspraakEvaluatieCtx(
        code=a.code,
        titel=a.titel,
        streefwaarde=target_value(a.indicator),
        realisatie=value(realised, unit),
        percentage=realisation_share(target, realised) if _as_share(a.indicator) else None,
        afgezet=set_against(a.indicator, realised),
        status=status,
        kleur=COLOURS[status],
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


def count_statuses(name: str, rows: tuple[AfspraakEvaluatieCtx, ...]) -> ThemaTelling:
    """The number of agreements per status (STATUSES order) among the rows."""
    return ThemaTelling(name, len(rows), tuple(sum(1 for a in rows if a.status == s) for s in STATUSES))


def status_totals(total: ThemaTelling) -> tuple[StatusTelling, ...]:
    """Per status that occurs: its colour, count and share of all agreements."""
    return tuple(
        StatusTelling(s, COLOURS[s], n, n / total.aantal if total.aantal else 0.0)
        for s, n in zip(STATUSES, total.per_status, strict=True)
        if n
    )


def status_chart(year: int, per_theme: tuple[ThemaTelling, ...], total: ThemaTelling) -> Chart:
    """Per theme a bar as long as its number of agreements, split into traffic-light colours by status."""
    segments = [charts.Segment(s, COLOURS[s], PATTERNS.get(s, "")) for s in STATUSES]
    bars = [charts.Bar(t.naam, t.per_status) for t in per_theme]
    title = f"Afspraken {year} per thema: afgesproken en gerealiseerd"
    return charts.status_bars(title, segments, bars, chart_alt_text(year, per_theme, total), "Aantal afspraken")


def chart_alt_text(year: int, per_theme: tuple[ThemaTelling, ...], total: ThemaTelling) -> str:
    """What the chart shows, in words and numbers, for readers who cannot see it."""
    parts = [f"Staafdiagram: de afspraken van {year} per thema, gekleurd naar status."]
    parts += [f"{t.naam}: {_counts_in_words(t)}." for t in per_theme]
    parts.append(f"Totaal: {_counts_in_words(total)}.")
    return " ".join(parts)


def _counts_in_words(t: ThemaTelling) -> str:
    word = "afspraak" if t.aantal == 1 else "afspraken"
    counts = [f"{n} {s}" for s, n in zip(STATUSES, t.per_status, strict=True) if n]
    return f"{t.aantal} {word}, waarvan {opsomming(counts)}"
