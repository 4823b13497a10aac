"""A regional dossier: its woonvisies read as one, and the model narrowed to one of its gemeenten."""

from __future__ import annotations

from dataclasses import replace

from afsprakengen.dutch import opsomming
from afsprakengen.model import Afspraak, Bod, Cyclus, DossierModel, Partij, Woonvisie, WoonvisieThema


def combined(woonvisies: tuple[Woonvisie, ...]) -> Woonvisie:
    """The woonvisies of the gemeenten as one: per theme every gemeente's goals, in the order of the files."""
    themes: dict[str, WoonvisieThema] = {}
    for wv in woonvisies:
        for t in wv.themas:
            first = themes.get(t.thema)
            themes[t.thema] = t if first is None else replace(first, doelen=first.doelen + t.doelen)
    adopted = [wv.vastgesteld for wv in woonvisies]
    return replace(
        woonvisies[0],
        titel=opsomming(wv.titel for wv in woonvisies),
        themas=tuple(themes.values()),
        gemeente=None,
        vastgesteld=max(d for d in adopted if d) if all(adopted) else None,
        periode=None,
        bron=None,
        inleiding=None,
    )


def regional(m: DossierModel) -> bool:
    """Whether the dossier is a region's (dossier.yaml has `regio`)."""
    return m.dossier.regio is not None


def applies_to(a: Afspraak, gemeente: str) -> bool:
    """Whether an agreement applies to this gemeente: it names none (all), or this one."""
    return not a.gemeenten or gemeente in a.gemeenten


def bare_name(p: Partij) -> str:
    """A gemeente party's name without the word 'Gemeente': 'Gemeente Dalmerwijk' is Dalmerwijk."""
    return p.naam.removeprefix("Gemeente ").removeprefix("gemeente ")


def served(m: DossierModel, bod: Bod) -> tuple[tuple[Partij, Woonvisie], ...]:
    """The gemeenten of a region (with their woonvisie) whose goals the activities of a bod serve, in their order."""
    goals = {code for a in bod.activiteiten for code in a.doelen}
    found = []
    for p in m.dossier.gemeenten():
        wv = next((wv for wv in m.woonvisies if wv.gemeente == p.id), None)
        if wv is not None and any(d.code in goals for t in wv.themas for d in t.doelen):
            found.append((p, wv))
    return tuple(found)


def gemeenten_text(parties: tuple[Partij, ...]) -> str:
    """'de gemeente Dalmerwijk', 'de gemeenten Hooghorst en Veldermonde'."""
    which = "de gemeente" if len(parties) == 1 else "de gemeenten"
    return f"{which} {opsomming(bare_name(p) for p in parties)}"


def for_gemeente(m: DossierModel, gemeente: Partij) -> DossierModel:
    """The model as one gemeente's: its name, its woonvisie, and only the agreements (and evaluations) for it."""
    own = next(wv for wv in m.woonvisies if wv.gemeente == gemeente.id)
    dossier = replace(m.dossier, gemeente=replace(m.dossier.gemeente, naam=bare_name(gemeente)), regio=None)
    cycles = tuple(_cycle_for(c, gemeente.id) for c in m.cycli)
    return replace(m, dossier=dossier, woonvisie=own, woonvisies=(own,), cycli=cycles)


def _cycle_for(c: Cyclus, gemeente: str) -> Cyclus:
    pa, ev = c.prestatieafspraken, c.evaluatie
    if pa is None:
        return c
    kept = tuple(a for a in pa.afspraken if applies_to(a, gemeente))
    codes = {a.code for a in kept}
    pa = replace(pa, afspraken=kept)
    if ev is not None:
        ev = replace(ev, evaluaties=tuple(r for r in ev.evaluaties if r.afspraak in codes))
    return replace(c, prestatieafspraken=pa, evaluatie=ev)
