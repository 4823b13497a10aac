"""Per corporation, its investments in J as planned in its bod against what the evaluation says it realised."""

from __future__ import annotations

from dataclasses import dataclass

from afsprakengen import model
from afsprakengen.documents.common import Md, md, party_names
from afsprakengen.dutch import euro, procent

MINUS = "\u2212"


@dataclass(frozen=True)
class InvesteringCtx:
    """A row of the investments table: planned (bod J), realised and the difference, as Dutch amounts."""

    corporatie: str
    gepland: str
    """'€ 38.315.500', or '–' when the corporation's bod for J plans no investments in J (or there is no bod)."""
    gerealiseerd: str
    verschil: str
    """'−€ 5.675.500', '+€ 12.000', '€ 0' or '–' without a plan."""
    verschil_procent: str
    """'−14,8%' of the planned amount, or '–' without a plan (or a plan of € 0)."""
    toelichting: Md | None


def planned(bods: tuple[model.Bod, ...], corporation: str, year: int) -> float | None:
    """The sum of investeringen[year] of the activities in the corporation's bod; None when none plans any."""
    amounts = [
        a.investeringen[year]
        for b in bods
        if b.corporatie == corporation
        for a in b.activiteiten
        if year in a.investeringen
    ]
    return float(sum(amounts)) if amounts else None


def investments(m: model.DossierModel, ev: model.Evaluatie) -> tuple[tuple[InvesteringCtx, ...], InvesteringCtx | None]:
    """The rows in the evaluation's order, and the total (only with two or more corporations)."""
    names = party_names(m)
    cycle = m.cyclus(ev.jaar)
    bods = cycle.bods if cycle else ()
    rows = []
    sums: list[tuple[float | None, float]] = []
    for inv in ev.investeringen:
        plan = planned(bods, inv.corporatie, ev.jaar)
        toelichting = md(inv.toelichting, inv.src, "toelichting")
        rows.append(row(names.get(inv.corporatie, inv.corporatie), plan, float(inv.gerealiseerd), toelichting))
        sums.append((plan, float(inv.gerealiseerd)))
    if len(sums) < 2:
        return tuple(rows), None
    plans = [p for p, _ in sums]
    total_plan = sum(p for p in plans if p is not None) if all(p is not None for p in plans) else None
    return tuple(rows), row("Totaal", total_plan, sum(r for _, r in sums), None)


def row(name: str, plan: float | None, realised: float, toelichting: Md | None) -> InvesteringCtx:
    """One row, the difference signed (a minus sign, not a hyphen) and as a share of the plan."""
    if plan is None:
        return InvesteringCtx(name, "–", euro(realised), "–", "–", toelichting)
    difference = realised - plan
    share = _signed(procent(abs(difference) / plan), difference) if plan else "–"
    return InvesteringCtx(
        name, euro(plan), euro(realised), _signed(euro(abs(difference)), difference), share, toelichting
    )


def _signed(text: str, value: float) -> str:
    return (MINUS if value < 0 else "+" if value > 0 else "") + text
