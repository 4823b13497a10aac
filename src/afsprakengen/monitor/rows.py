"""The rows of a cycle's monitor sheets from the model: the values not to be changed, and the values already filled."""

from __future__ import annotations

import re
from dataclasses import dataclass

from afsprakengen.model import Afspraak, Bod, Cyclus, DossierModel, EvaluatieRegel, VoortgangRegel

Cell = str | int | float | None
"""A cell's value as the workbook holds it."""


@dataclass(frozen=True)
class Row:
    """One row of a sheet: its code and its values by column key (the locked ones and the pre-filled ones)."""

    code: str
    values: dict[str, Cell]


@dataclass(frozen=True)
class CorporationSheet:
    """A corporation's sheet: its title and its bod's activities."""

    corporatie: str
    title: str
    rows: tuple[Row, ...]


def agreement_rows(m: DossierModel, cyclus: Cyclus) -> tuple[Row, ...]:
    """One row per agreement of the cycle, pre-filled from its evaluation, else from its latest progress report."""
    if cyclus.prestatieafspraken is None:
        return ()
    done = _done(cyclus)
    themes = {t.code: t.naam for t in m.dossier.themas}
    return tuple(
        Row(a.code, {**_locked(m, a, themes), **_filled(done.get(a.code))}) for a in cyclus.prestatieafspraken.afspraken
    )


def _locked(m: DossierModel, a: Afspraak, themes: dict[str, str]) -> dict[str, Cell]:
    trekker = m.partij(a.trekker) if a.trekker else None
    ind = a.indicator
    return {
        "code": a.code,
        "thema": themes.get(a.thema, a.thema),
        "titel": a.titel,
        "trekker": (trekker.korte_naam or trekker.naam) if trekker else None,
        "indicator": ind.naam if ind else None,
        "streefwaarde": _value(ind.streefwaarde) if ind else None,
        "eenheid": ind.eenheid if ind else None,
        "richting": (ind.richting or "minimaal") if ind and _number(ind.streefwaarde) else None,
    }


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _done(cyclus: Cyclus) -> dict[str, EvaluatieRegel | VoortgangRegel]:
    """The entries the workbook starts from: the evaluation's, or without one the latest progress report's."""
    if cyclus.evaluatie is not None:
        return {r.afspraak: r for r in cyclus.evaluatie.evaluaties}
    return {r.afspraak: r for r in cyclus.voortgang[-1].afspraken} if cyclus.voortgang else {}


def _filled(regel: EvaluatieRegel | VoortgangRegel | None) -> dict[str, Cell]:
    if regel is None:
        return {"realisatie": None, "status": None, "toelichting": None, "vervolg": None}
    return {
        "realisatie": _value(regel.realisatie),
        "status": regel.status,
        "toelichting": regel.toelichting.strip() if regel.toelichting else None,
        "vervolg": regel.vervolg if isinstance(regel, EvaluatieRegel) else None,
    }


def _value(value: object) -> Cell:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | str):
        return value
    return str(value)


def corporation_sheets(m: DossierModel, cyclus: Cyclus) -> tuple[CorporationSheet, ...]:
    """A sheet per bod of the cycle, in the dossier's party order."""
    order = {p.id: i for i, p in enumerate(m.dossier.partijen)}
    bods = sorted(cyclus.bods, key=lambda b: order.get(b.corporatie, len(order)))
    done = _realised(cyclus)
    return tuple(_sheet(m, b, cyclus.jaar, done) for b in bods)


def _realised(cyclus: Cyclus) -> dict[str, Cell]:
    ev = cyclus.evaluatie
    return {r.activiteit: r.gerealiseerd for r in ev.activiteiten} if ev else {}


def _sheet(m: DossierModel, bod: Bod, year: int, done: dict[str, Cell]) -> CorporationSheet:
    party = m.partij(bod.corporatie)
    themes = {t.code: t.naam for t in m.dossier.themas}
    rows = tuple(
        Row(
            a.code,
            {
                "code": a.code,
                "thema": themes.get(a.thema, a.thema),
                "titel": a.titel,
                "eenheid": a.eenheid,
                **{f"aantal_{y}": a.aantallen.get(y) for y in range(year, year + 5)},
                "gerealiseerd": done.get(a.code),
            },
        )
        for a in bod.activiteiten
    )
    name = (party.korte_naam or party.naam) if party else bod.corporatie
    return CorporationSheet(bod.corporatie, sheet_title(name), rows)


def sheet_title(name: str) -> str:
    """A sheet title Excel accepts: without []:*?/\\ and at most 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Corporatie"
