"""Charts for the documents, drawn with matplotlib (Agg): data in, deterministic PNG bytes out."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

WIDTH_INCH = 6.3
DPI = 150
BAR_HEIGHT = 0.6
EDGE = "#595959"
TEXT = "#262626"
TITLE = "#1F4E79"
LEGEND_COLUMNS = 3


@dataclass(frozen=True)
class Segment:
    """One part of the stacked bars: a status with its colour (hex without '#') and a legend label."""

    label: str
    colour: str
    hatch: str = ""
    """A pattern that tells apart segments of one colour, e.g. '///'."""


@dataclass(frozen=True)
class Bar:
    """One bar: a theme, its number of agreements per segment (in Segment order) and the text at its end."""

    label: str
    counts: tuple[int, ...]
    note: str


def status_bars_png(title: str, segments: Sequence[Segment], bars: Sequence[Bar]) -> bytes:
    """Horizontal stacked bars, one per theme, the first bar on top; the same bytes for the same data on every run."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import style
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with style.context("default"):
        figure = Figure(figsize=(WIDTH_INCH, 1.2 + 0.4 * len(bars)), dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        _draw_bars(axes, segments, bars)
        _decorate(axes, title, bars)
        bottom = _legend(figure, segments, bars)
        figure.tight_layout(rect=(0, bottom, 1, 1))
        out = io.BytesIO()
        figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def _draw_bars(axes: Any, segments: Sequence[Segment], bars: Sequence[Bar]) -> None:
    rows = range(len(bars))
    left = [0] * len(bars)
    for i, segment in enumerate(segments):
        widths = [bar.counts[i] for bar in bars]
        drawn = axes.barh(
            rows,
            widths,
            left=left,
            height=BAR_HEIGHT,
            color=f"#{segment.colour}",
            edgecolor=EDGE,
            linewidth=0.6,
            hatch=segment.hatch or None,
        )
        labels = [str(w) if w else "" for w in widths]
        box = {"boxstyle": "square,pad=0.15", "facecolor": f"#{segment.colour}", "edgecolor": "none"}
        axes.bar_label(drawn, labels=labels, label_type="center", fontsize=8, color=TEXT, bbox=box)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for row, (total, bar) in enumerate(zip(left, bars, strict=True)):
        axes.text(total + 0.15, row, bar.note, va="center", ha="left", fontsize=8, color=TEXT)


def _decorate(axes: Any, title: str, bars: Sequence[Bar]) -> None:
    """Theme names on the left, no x axis (the counts stand in the bars), the title above."""
    longest = max((sum(bar.counts) for bar in bars), default=1)
    axes.set_xlim(0, longest * 1.45 + 0.5)
    axes.set_yticks(range(len(bars)), [bar.label for bar in bars], fontsize=8.5, color=TEXT)
    axes.invert_yaxis()
    axes.tick_params(axis="y", length=0)
    axes.set_xticks([])
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    axes.spines["left"].set_color(EDGE)
    axes.figure.suptitle(title, x=0.02, ha="left", fontsize=10.5, color=TITLE, fontweight="bold")


def _legend(figure: Any, segments: Sequence[Segment], bars: Sequence[Bar]) -> float:
    """A legend below the chart with only the statuses that occur; returns the share of the height it takes."""
    from matplotlib.patches import Patch

    used = [s for i, s in enumerate(segments) if any(bar.counts[i] for bar in bars)]
    handles = [
        Patch(facecolor=f"#{s.colour}", edgecolor=EDGE, linewidth=0.6, hatch=s.hatch or None, label=s.label)
        for s in used
    ]
    columns = min(len(handles), LEGEND_COLUMNS) or 1
    figure.legend(handles=handles, loc="lower center", ncols=columns, fontsize=8, frameon=False)
    rows = -(-len(handles) // columns)
    return (0.12 + 0.22 * rows) / float(figure.get_figheight())
