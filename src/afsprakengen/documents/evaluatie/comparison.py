"""Per theme and unit, a chart of target against realised for the agreements where both are numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeGuard

from afsprakengen import model
from afsprakengen.documents import charts
from afsprakengen.documents.common import RICHTING, Chart
from afsprakengen.dutch import getal

AFGESPROKEN = charts.Segment("afgesproken", "D9D9D9")
GEREALISEERD = charts.Segment("gerealiseerd", "0072B2")
"""The two series: the target in light grey, the realisation in Okabe and Ito's blue (not a status colour)."""


@dataclass(frozen=True)
class Paar:
    """One agreement whose target and realisation are both numbers."""

    code: str
    titel: str
    richting: str
    """'minimaal', 'maximaal' or 'exact'."""
    streefwaarde: float
    realisatie: float


@dataclass(frozen=True)
class VergelijkingCtx:
    """A chart of one theme's numeric agreements in one unit, with its figure number."""

    eenheid: str
    nummer: int
    grafiek: Chart
    met_maximum: bool
    """Some agreement in the chart has a maximum as target, where a shorter realised bar is better."""


def numeric_pairs(pa: model.Prestatieafspraken, ev: model.Evaluatie) -> dict[tuple[str, str], list[Paar]]:
    """Per (theme code, unit) in file order: the evaluated agreements whose target and realisation are numbers.

    An agreement without a unit stays out: a chart must not compare numbers of which nobody says what they count.
    """
    realised = {r.afspraak: r.realisatie for r in ev.evaluaties}
    groups: dict[tuple[str, str], list[Paar]] = {}
    for a in pa.afspraken:
        indicator, value = a.indicator, realised.get(a.code)
        if indicator is None or not is_number(indicator.streefwaarde) or not is_number(value):
            continue
        unit = (indicator.eenheid or "").strip()
        if unit:
            pair = Paar(a.code, a.titel, indicator.richting or "minimaal", indicator.streefwaarde, value)
            groups.setdefault((a.thema, unit), []).append(pair)
    return groups


def theme_comparisons(
    themes: tuple[model.Thema, ...], pa: model.Prestatieafspraken, ev: model.Evaluatie, first: int
) -> dict[str, tuple[VergelijkingCtx, ...]]:
    """The charts of each theme (by code), numbered from `first` in theme order and, within a theme, file order."""
    groups = numeric_pairs(pa, ev)
    found: dict[str, tuple[VergelijkingCtx, ...]] = {}
    number = first
    for t in themes:
        charts_of_theme = []
        for (code, unit), pairs in groups.items():
            if code == t.code:
                charts_of_theme.append(comparison(t.naam, unit, pairs, number, ev.jaar))
                number += 1
        if charts_of_theme:
            found[t.code] = tuple(charts_of_theme)
    return found


def comparison(theme: str, unit: str, pairs: list[Paar], number: int, year: int) -> VergelijkingCtx:
    """The clustered bars of one group: per agreement its target and its realisation."""
    categories = tuple(_label(p) for p in pairs)
    chart = charts.comparison_bars(
        f"{theme}: afgesproken en gerealiseerd in {year}, in {unit}",
        categories,
        (AFGESPROKEN, tuple(p.streefwaarde for p in pairs)),
        (GEREALISEERD, tuple(p.realisatie for p in pairs)),
        alt_text(theme, unit, pairs, year),
        unit,
    )
    return VergelijkingCtx(unit, number, chart, any(p.richting == "maximaal" for p in pairs))


def _label(p: Paar) -> str:
    """The agreement's code and title; a maximum or an exact target says so, as the bars do not."""
    kind = f" ({RICHTING[p.richting]})" if p.richting != "minimaal" else ""
    return f"{p.code} {p.titel}{kind}"


def alt_text(theme: str, unit: str, pairs: list[Paar], year: int) -> str:
    """What the chart shows, with every number, for readers who cannot see it."""
    parts = [f"Staafdiagram: {theme}, per afspraak afgesproken en gerealiseerd in {year}, in {unit}."]
    for p in pairs:
        target = (
            f"{RICHTING[p.richting]} {getal(p.streefwaarde)}" if p.richting != "minimaal" else getal(p.streefwaarde)
        )
        parts.append(f"{p.code} {p.titel}: afgesproken {target}, gerealiseerd {getal(p.realisatie)}.")
    return " ".join(parts)


def is_number(v: object) -> TypeGuard[int | float]:
    """A number, not a text (and not true/false, which Python counts as a number)."""
    return isinstance(v, int | float) and not isinstance(v, bool)
