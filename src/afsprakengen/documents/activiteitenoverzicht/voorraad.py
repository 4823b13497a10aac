"""The stock development and the rent policy of a bod as the activity overview shows them, the stock computed here."""

from __future__ import annotations

from dataclasses import dataclass

from afsprakengen import model
from afsprakengen.documents.common import Md, md
from afsprakengen.dutch import procent

MUTATIES = (
    ("nieuwbouw", "+", "Nieuwbouw"),
    ("aankoop", "+", "Aankoop"),
    ("sloop", "−", "Sloop"),
    ("verkoop", "−", "Verkoop"),
    ("liberalisatie", "−", "Liberalisatie"),
)
"""The changes in the order of the table: field, sign, label."""


@dataclass(frozen=True)
class VoorraadRegelCtx:
    """One change to the stock with its number in each year column (None after the last year given)."""

    teken: str
    """'+' for an addition, '−' for a removal."""
    naam: str
    waarden: tuple[int | None, ...]


@dataclass(frozen=True)
class VoorraadCtx:
    """The stock development: per year column the stock on 1 January, the changes and the stock on 31 December."""

    eenheid: str
    begin: tuple[int | None, ...]
    mutaties: tuple[VoorraadRegelCtx, ...]
    eind: tuple[int | None, ...]
    startvoorraad: int
    eindvoorraad: int
    """The stock at the end of the last year given."""
    laatste_jaar: int
    toelichting: Md | None


@dataclass(frozen=True)
class KenmerkCtx:
    """One figure of the rent policy: what it is and its value in words."""

    naam: str
    waarde: str


@dataclass(frozen=True)
class HuurbeleidCtx:
    """The rent policy: its text and its figures."""

    tekst: Md
    kenmerken: tuple[KenmerkCtx, ...]


def stock(v: model.Voorraadontwikkeling | None, jaren: tuple[int, ...]) -> VoorraadCtx | None:
    """The stock per year column, each year starting where the year before ended."""
    if v is None:
        return None
    given = [y for y in jaren if y in v.jaren]
    begin: list[int | None] = []
    end: list[int | None] = []
    current = v.startvoorraad
    for y in jaren:
        if y in v.jaren:
            begin.append(current)
            current += v.jaren[y].saldo()
            end.append(current)
        else:
            begin.append(None)
            end.append(None)
    rows = tuple(
        VoorraadRegelCtx(sign, label, tuple(getattr(v.jaren[y], name) if y in v.jaren else None for y in jaren))
        for name, sign, label in MUTATIES
    )
    last = given[-1] if given else jaren[0]
    toelichting = md(v.toelichting, v.src, "toelichting")
    return VoorraadCtx(
        v.eenheid or "woningen", tuple(begin), rows, tuple(end), v.startvoorraad, current, last, toelichting
    )


def rent_policy(h: model.Huurbeleid | None) -> HuurbeleidCtx | None:
    """The rent policy with its figures in words, in a fixed order: the increases per year, the target, the income."""
    if h is None:
        return None
    figures = [
        KenmerkCtx(f"Gemiddelde huurverhoging {y}", procent(h.huurverhoging[y] / 100, tiende=True))
        for y in sorted(h.huurverhoging)
    ]
    if h.streefhuur is not None:
        figures.append(KenmerkCtx("Streefhuur", f"{procent(h.streefhuur / 100)} van de maximale huur"))
    if h.inkomensafhankelijk is not None:
        answer = "ja" if h.inkomensafhankelijk else "nee"
        figures.append(KenmerkCtx("Inkomensafhankelijke huurverhoging", answer))
    return HuurbeleidCtx(Md(h.tekst, h.src.at("tekst")), tuple(figures))
