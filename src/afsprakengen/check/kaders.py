"""National and regional targets (kaders): codes unique, periods in order, references resolve; lines served, units."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from afsprakengen.model import Afspraak, Cyclus, DossierModel, KaderRegel
from afsprakengen.problems import Problem, did_you_mean, error, warning


def kader_codes(m: DossierModel) -> Iterator[Problem]:
    """Kader codes are unique in dossier.yaml, line codes unique in their kader, and a period runs forward."""
    seen: dict[str, int] = {}
    for k in m.dossier.kaders:
        if k.code in seen:
            yield error(k.src.at("code"), f"kader code '{k.code}' is used twice (first at line {seen[k.code]})")
        seen.setdefault(k.code, k.src.at("code").line)
        lines: dict[str, int] = {}
        for r in k.regels:
            if r.code in lines:
                message = f"kader line '{r.code}' is used twice in kader {k.code} (first at line {lines[r.code]})"
                yield error(r.src.at("code"), message)
            lines.setdefault(r.code, r.src.at("code").line)
            if r.periode.tot < r.periode.van:
                message = (
                    f"the periode of kader line {k.ref(r)} ends ({r.periode.tot}) before it starts ({r.periode.van})"
                )
                yield error(r.src.at("periode", "tot"), message)


def kader_references(m: DossierModel) -> Iterator[Problem]:
    """Every kader line an agreement names (KADER.REGEL) is a line of a kader in dossier.yaml."""
    known = list(m.kaderregels())
    for a in _agreements(m):
        for i, ref in enumerate(a.kaders):
            if ref not in known:
                where = "a kader line in dossier.yaml" if known else "a kader line: dossier.yaml has no kaders"
                yield error(a.src.at("kaders", i), f"'{ref}' is not {where}{did_you_mean(ref, known)}")


def kaders_served(m: DossierModel, today: date) -> Iterator[Problem]:
    """Every kader line is served by an agreement of each year of its period that has prestatieafspraken."""
    for ref, (_, regel) in m.kaderregels().items():
        years = [str(c.jaar) for c in m.cycli if _missed(c, ref, regel)]
        if years:
            listed = " or ".join(", ".join(years).rsplit(", ", 1))
            yield warning(regel.src.at("code"), f"kader line {ref} is served by no agreement of {listed}")


def unserved_lines(m: DossierModel, c: Cyclus) -> tuple[str, ...]:
    """The kader lines (KADER.REGEL) whose period covers year J that no agreement of J serves."""
    return tuple(ref for ref, (_, regel) in m.kaderregels().items() if _missed(c, ref, regel))


def _missed(c: Cyclus, ref: str, regel: KaderRegel) -> bool:
    pa = c.prestatieafspraken
    if pa is None or not regel.periode.van <= c.jaar <= regel.periode.tot:
        return False
    return not any(ref in a.kaders for a in pa.afspraken)


def kader_units(m: DossierModel, today: date) -> Iterator[Problem]:
    """An agreement serving a kader line measures in the line's unit, else its contribution cannot be summed."""
    lines = m.kaderregels()
    for a in _agreements(m):
        for i, ref in enumerate(a.kaders):
            if ref not in lines:
                continue
            unit, wanted = _unit(a), lines[ref][1].eenheid
            if unit is None:
                message = f"agreement {a.code} has no indicator.eenheid, so its contribution to {ref} cannot be summed"
                yield warning(a.src.at("kaders", i), f"{message} (the kader line counts {wanted})")
            elif not same_unit(unit, wanted):
                message = (
                    f"the unit of agreement {a.code} ({unit}) differs from that of kader line {ref} ({wanted}), "
                    "so its contribution cannot be summed"
                )
                yield warning(a.src.at("kaders", i), message)


def same_unit(one: str, other: str) -> bool:
    """Whether two units are the same, whatever their case and spacing."""
    return " ".join(one.casefold().split()) == " ".join(other.casefold().split())


def _unit(a: Afspraak) -> str | None:
    return a.indicator.eenheid if a.indicator is not None else None


def _agreements(m: DossierModel) -> Iterator[Afspraak]:
    for c in m.cycli:
        if c.prestatieafspraken is not None:
            yield from c.prestatieafspraken.afspraken


KADER_RULES = (kader_codes, kader_references)
KADER_ADVICE = (kaders_served, kader_units)
