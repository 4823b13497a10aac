"""Per activity of the bods of J, the number planned for J against the number the evaluation says was realised."""

from __future__ import annotations

from dataclasses import dataclass

from afsprakengen import model
from afsprakengen.documents.common import Md, md, party_names
from afsprakengen.documents.evaluatie.investments import MINUS
from afsprakengen.dutch import getal


@dataclass(frozen=True)
class ActiviteitCtx:
    """A row of the activities table: the corporation, the activity, planned and realised with their unit."""

    corporatie: str
    code: str
    titel: str
    gepland: str
    """'60 opgeleverde woningen', or '–' when the bod gives no number for J."""
    gerealiseerd: str
    verschil: str
    """'−2', '+4', '0', or '–' without a planned number."""
    toelichting: Md | None


def realised_activities(m: model.DossierModel, ev: model.Evaluatie) -> tuple[ActiviteitCtx, ...]:
    """The rows in the evaluation's order (the check makes sure each names an activity of a bod of J)."""
    names = party_names(m)
    cycle = m.cyclus(ev.jaar)
    found = {a.code: (b.corporatie, a) for b in (cycle.bods if cycle else ()) for a in b.activiteiten}
    rows = []
    for r in ev.activiteiten:
        if r.activiteit not in found:
            continue
        corporatie, a = found[r.activiteit]
        plan = a.aantallen.get(ev.jaar)
        unit = f"\u00a0{a.eenheid}" if a.eenheid else ""
        rows.append(
            ActiviteitCtx(
                corporatie=names.get(corporatie, corporatie),
                code=a.code,
                titel=a.titel,
                gepland="–" if plan is None else getal(plan) + unit,
                gerealiseerd=getal(r.gerealiseerd) + unit,
                verschil="–" if plan is None else _signed(float(r.gerealiseerd) - float(plan)),
                toelichting=md(r.toelichting, r.src, "toelichting"),
            )
        )
    return tuple(rows)


def _signed(difference: float) -> str:
    sign = MINUS if difference < 0 else "+" if difference > 0 else ""
    return sign + getal(abs(difference))
