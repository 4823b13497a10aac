"""Bar charts as data (categories, series, colours) for the documents; the render stage makes them Word charts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from afsprakengen.documents.common import Chart, Series

WIDTH_CM = 16.0
HEIGHT_CM = 4.5
"""The height of the title, value axis and legend; each bar adds BAR_CM."""
BAR_CM = 0.8


@dataclass(frozen=True)
class Segment:
    """One part of the stacked bars: a status with its colour (hex without '#') and a legend label."""

    label: str
    colour: str
    pattern: str = ""
    """A DrawingML preset pattern that tells apart segments of one colour, e.g. 'wdUpDiag'."""


@dataclass(frozen=True)
class Bar:
    """One bar: a theme and its number of agreements per segment (in Segment order)."""

    label: str
    counts: tuple[int, ...]


def status_bars(title: str, segments: Sequence[Segment], bars: Sequence[Bar], alt: str, axis: str) -> Chart:
    """Horizontal stacked bars, one per theme, the first bar on top; only the segments that occur are in the legend."""
    used = [i for i in range(len(segments)) if any(bar.counts[i] for bar in bars)]
    series = tuple(
        Series(segments[i].label, tuple(bar.counts[i] for bar in bars), segments[i].colour, segments[i].pattern)
        for i in used
    )
    height = HEIGHT_CM + BAR_CM * len(bars)
    categories = tuple(bar.label for bar in bars)
    return Chart(title, categories, series, alt, stacked=True, value_axis=axis, width_cm=WIDTH_CM, height_cm=height)


COMPARISON_CM = 3.4
"""The height of a clustered bar chart's title, value axis and legend; each category adds CLUSTER_CM."""
CLUSTER_CM = 1.0


def comparison_bars(
    title: str,
    categories: tuple[str, ...],
    first: tuple[Segment, tuple[float, ...]],
    second: tuple[Segment, tuple[float, ...]],
    alt: str,
    axis: str,
) -> Chart:
    """Horizontal clustered bars: per category two bars (e.g. target and realisation), the first category on top."""
    series = tuple(Series(s.label, values, s.colour, s.pattern) for s, values in (first, second))
    height = COMPARISON_CM + CLUSTER_CM * len(categories)
    return Chart(title, categories, series, alt, stacked=False, value_axis=axis, width_cm=WIDTH_CM, height_cm=height)
