"""The rules of an overleg.yaml: its parties, bods and agreements exist, its dates are in order and in J-1 or J."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from afsprakengen.model import Cyclus, DossierModel, Overlegtraject, Src
from afsprakengen.problems import Problem, did_you_mean, error

OverlegRule = Callable[[DossierModel, Cyclus, Overlegtraject], Iterator[Problem]]


def overleg_rules(m: DossierModel) -> Iterator[Problem]:
    """Every rule below for each corporation's overleg of each cycle; jaar is the folder's, each corporation once."""
    for c in m.cycli:
        if c.overleg is None:
            continue
        if c.overleg.jaar != c.jaar:
            yield error(c.overleg.src.at("jaar"), f"jaar is {c.overleg.jaar}, but the file is in the folder {c.jaar}/")
        seen: set[str] = set()
        for t in c.overleg.corporaties:
            if t.corporatie in seen:
                yield error(t.src.at("corporatie"), f"'{t.corporatie}' has an overleg twice; keep one entry")
            seen.add(t.corporatie)
            for rule in _PER_TRAJECT:
                yield from rule(m, c, t)


def _unknown(src: Src, sub: tuple[str | int, ...], value: str, what: str, known: list[str]) -> Problem:
    return error(src.at(*sub), f"'{value}' is not {what}{did_you_mean(value, known)}")


def _bod_exists(m: DossierModel, c: Cyclus, t: Overlegtraject) -> Iterator[Problem]:
    """The corporation is a woningcorporatie with a bod in the same folder."""
    corporations = [p.id for p in m.dossier.partijen if p.soort == "woningcorporatie"]
    if t.corporatie not in corporations:
        yield _unknown(t.src, ("corporatie",), t.corporatie, "a woningcorporatie in dossier.yaml", corporations)
    elif t.corporatie not in {b.corporatie for b in c.bods}:
        message = f"there is no {c.jaar}/bod-{t.corporatie}.yaml; an overleg is about a bod, so add the bod first"
        yield error(t.src.at("corporatie"), message)


def _parties(m: DossierModel, c: Cyclus, t: Overlegtraject) -> Iterator[Problem]:
    """Who asked for overleg, and each party with a position, are parties of dossier.yaml, each once per point."""
    parties = [p.id for p in m.dossier.partijen]
    if t.verzoek.door not in parties:
        yield _unknown(t.verzoek.src, ("door",), t.verzoek.door, "a party in dossier.yaml", parties)
    for g in t.geschilpunten:
        seen: set[str] = set()
        for s in g.standpunten:
            if s.partij not in parties:
                yield _unknown(s.src, ("partij",), s.partij, "a party in dossier.yaml", parties)
            elif s.partij in seen:
                yield error(s.src.at("partij"), f"'{s.partij}' has a standpunt twice on this point; keep one")
            seen.add(s.partij)


def _agreements(m: DossierModel, c: Cyclus, t: Overlegtraject) -> Iterator[Problem]:
    """A disputed point's agreement is an agreement of the cycle's prestatieafspraken."""
    codes = [a.code for a in c.prestatieafspraken.afspraken] if c.prestatieafspraken else []
    for g in t.geschilpunten:
        if g.afspraak is not None and g.afspraak not in codes:
            what = f"an agreement in {c.jaar}/prestatieafspraken.yaml"
            yield _unknown(g.src, ("afspraak",), g.afspraak, what, codes)


def _dates(m: DossierModel, c: Cyclus, t: Overlegtraject) -> Iterator[Problem]:
    """Every date lies in J-1 or J; the overleg starts on or after the bod was received and the request made."""
    dated: list[tuple[Src, tuple[str, ...], date | None]] = [
        (t.src, ("bod_ontvangen",), t.bod_ontvangen),
        (t.verzoek.src, ("datum",), t.verzoek.datum),
        (t.src, ("overleg_gestart",), t.overleg_gestart),
        *((b.src, ("datum",), b.datum) for b in t.bijeenkomsten),
    ]
    for src, sub, day in dated:
        if day is not None and day.year not in (c.jaar - 1, c.jaar):
            message = f"{day.isoformat()} is not in {c.jaar - 1} or {c.jaar}; the overleg about the bods for {c.jaar} "
            yield error(src.at(*sub), message + f"runs in {c.jaar - 1} (and at most into {c.jaar})")
    start = t.overleg_gestart
    if start is None:
        return
    for name, earlier in (("the bod was received", t.bod_ontvangen), ("overleg was requested", t.verzoek.datum)):
        if start < earlier:
            message = f"the overleg started on {start.isoformat()}, before {name} ({earlier.isoformat()})"
            yield error(t.src.at("overleg_gestart"), message)


def _request_file(m: DossierModel, c: Cyclus, t: Overlegtraject) -> Iterator[Problem]:
    """The request's file is a file inside the dossier folder."""
    name = t.verzoek.bestand
    if name is None or m.map is None:
        return
    folder = m.map.resolve()
    path = (m.map / name).resolve()
    if Path(name).is_absolute() or not path.is_relative_to(folder):
        yield error(t.verzoek.src.at("bestand"), "the file must be inside the dossier folder (a relative path)")
    elif not path.is_file():
        yield error(t.verzoek.src.at("bestand"), f"there is no file '{name}' in the dossier folder")


_PER_TRAJECT: tuple[OverlegRule, ...] = (_bod_exists, _parties, _agreements, _dates, _request_file)
