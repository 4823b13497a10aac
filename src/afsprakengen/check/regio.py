"""Rules of a regional dossier: its gemeenten, a woonvisie per gemeente, agreements for some gemeenten."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from afsprakengen.model import Afspraak, DossierModel, Woonvisie
from afsprakengen.model.regio import regional
from afsprakengen.problems import Problem, did_you_mean, error

_NO_REGIO = (
    "{file} is the woonvisie of one gemeente of a regional dossier, but dossier.yaml has no regio; "
    "a dossier of one gemeente has its woonvisie in woonvisie.yaml"
)


def regional_gemeenten(m: DossierModel) -> Iterator[Problem]:
    """A regional dossier names at least two gemeenten, and its region in place of one gemeente."""
    d = m.dossier
    if d.regio is None:
        return
    if len(d.gemeenten()) < 2:
        found = len(d.gemeenten())
        message = f"a regional dossier has at least two parties of soort gemeente; it has {found}"
        yield error(d.src.at("regio"), message)
    if "gemeente" in _keys(m):
        yield error(d.src.at("gemeente", key=True), "a regional dossier names its region in regio, not a gemeente")


def _keys(m: DossierModel) -> set[str]:
    data = m.dossier.src.doc.data
    return set(data) if isinstance(data, dict) else set()


def woonvisie_per_gemeente(m: DossierModel) -> Iterator[Problem]:
    """Each gemeente of a regional dossier has its woonvisie-<id>.yaml; a dossier of one gemeente has none."""
    if not regional(m):
        for wv in m.woonvisies:
            yield error(wv.src.at(), _NO_REGIO.format(file=_name(wv)))
        return
    if _name(m.woonvisie) == "woonvisie.yaml":
        message = "a regional dossier has a woonvisie-<gemeente>.yaml per gemeente in place of woonvisie.yaml"
        yield error(m.woonvisie.src.at(), message)
    own = {_file_id(wv) for wv in m.woonvisies}
    for i, p in enumerate(m.dossier.partijen):
        if p.soort == "gemeente" and p.id not in own:
            message = f"the gemeente '{p.id}' has no woonvisie-{p.id}.yaml; a regional dossier has one per gemeente"
            yield error(m.dossier.src.at("partijen", i, "id"), message)


def woonvisie_gemeente(m: DossierModel) -> Iterator[Problem]:
    """A woonvisie-<id>.yaml names its gemeente: the id in its file name, a gemeente of dossier.yaml."""
    if not regional(m):
        return
    gemeenten = [p.id for p in m.dossier.gemeenten()]
    for wv in m.woonvisies:
        expected = _file_id(wv)
        if wv.gemeente is None:
            yield error(wv.src.at("titel"), f"a regional woonvisie names its gemeente: add `gemeente: {expected}`")
        elif wv.gemeente != expected:
            message = f"the gemeente is '{wv.gemeente}', so the file must be named woonvisie-{wv.gemeente}.yaml"
            yield error(wv.src.at("gemeente"), message)
        elif wv.gemeente not in gemeenten:
            hint = did_you_mean(wv.gemeente, gemeenten)
            yield error(wv.src.at("gemeente"), f"'{wv.gemeente}' is not a gemeente in dossier.yaml{hint}")


def agreement_gemeenten(m: DossierModel) -> Iterator[Problem]:
    """An agreement's gemeenten are gemeenten of a regional dossier; its goals are in their woonvisies."""
    gemeenten = [p.id for p in m.dossier.gemeenten()]
    for c in m.cycli:
        for a in c.prestatieafspraken.afspraken if c.prestatieafspraken else ():
            if a.gemeenten and not regional(m):
                message = "gemeenten is for a regional dossier (dossier.yaml with regio); leave it out"
                yield error(a.src.at("gemeenten"), message)
                continue
            unknown = [(i, gid) for i, gid in enumerate(a.gemeenten) if gid not in gemeenten]
            for i, gid in unknown:
                hint = did_you_mean(gid, gemeenten)
                yield error(a.src.at("gemeenten", i), f"'{gid}' is not a gemeente in dossier.yaml{hint}")
            if not unknown:
                yield from _goals_of_its_gemeenten(m, a)


def _goals_of_its_gemeenten(m: DossierModel, a: Afspraak) -> Iterator[Problem]:
    """A goal of an agreement for some gemeenten is in the woonvisie of one of them."""
    if not a.gemeenten:
        return
    owner = {d.code: wv for wv in m.woonvisies for t in wv.themas for d in t.doelen}
    for i, code in enumerate(a.doelen):
        wv = owner.get(code)
        if wv is not None and wv.gemeente not in a.gemeenten:
            message = (
                f"goal {code} is in the woonvisie of '{wv.gemeente}', which agreement {a.code} does not apply to "
                f"(gemeenten: {', '.join(a.gemeenten)}); name a goal of its gemeenten or add '{wv.gemeente}'"
            )
            yield error(a.src.at("doelen", i), message)


def _name(wv: Woonvisie) -> str:
    return PurePosixPath(wv.src.doc.display).name


def _file_id(wv: Woonvisie) -> str:
    """The gemeente's id in the name of a woonvisie-<id>.yaml."""
    return _name(wv).removeprefix("woonvisie-").removesuffix(".yaml")


REGIO_RULES: tuple[Callable[[DossierModel], Iterator[Problem]], ...] = (
    regional_gemeenten,
    woonvisie_per_gemeente,
    woonvisie_gemeente,
    agreement_gemeenten,
)
