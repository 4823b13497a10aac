"""The key figures of each corporation over the cycles of the dossier: per key figure its value in each year's bod."""

from __future__ import annotations

from dataclasses import dataclass

from afsprakengen import model
from afsprakengen.documents.common import figure_text, party_names

NONE = "–"
"""A year whose bod does not give the key figure."""


@dataclass(frozen=True)
class TrendRijCtx:
    """One key figure (matched by naam) with its value as the document shows it in each year's bod."""

    naam: str
    waarden: tuple[str, ...]


@dataclass(frozen=True)
class TrendCtx:
    """The key figures of one corporation over the years of its bods."""

    corporatie: str
    jaren: tuple[int, ...]
    """The years J of its bods, oldest first: a bod of J gives the figures it knew in J-1."""
    rijen: tuple[TrendRijCtx, ...]


def key_figure_trends(m: model.DossierModel) -> tuple[TrendCtx, ...]:
    """Per corporation with key figures in at least two bods, a row per key figure and a column per bod."""
    names = party_names(m)
    trends = []
    for p in m.dossier.partijen:
        bods = [b for c in m.cycli for b in c.bods if b.corporatie == p.id and b.kerncijfers]
        if len(bods) >= 2:
            trends.append(TrendCtx(names[p.id], tuple(b.jaar for b in bods), _rows(bods)))
    return tuple(trends)


def _rows(bods: list[model.Bod]) -> tuple[TrendRijCtx, ...]:
    """The key figures in order of first appearance (the newest bod's order first), each with a value per bod."""
    order: dict[str, None] = {}
    for bod in reversed(bods):
        order.update((k.naam, None) for k in bod.kerncijfers)
    per_bod = [{k.naam: k for k in bod.kerncijfers} for bod in bods]
    return tuple(
        TrendRijCtx(name, tuple(figure_text(f[name]) if name in f else NONE for f in per_bod)) for name in order
    )
