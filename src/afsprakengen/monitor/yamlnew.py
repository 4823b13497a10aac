"""A new evaluatie.yaml written directly in the dossier's layout (nothing to keep, so no round trip: fast)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from afsprakengen.monitor.validate import Filled, Realised
from afsprakengen.monitor.yamledit import scalar
from afsprakengen.monitor.yamlupdate import Change


def new_evaluatie(
    year: int, today: date, agreements: Sequence[Filled], activities: Sequence[Realised]
) -> tuple[str, tuple[Change, ...]]:
    """The text of a new concept evaluation of `year` dated today, and every value it sets."""
    lines = [f"jaar: {year}", "status: concept", f"datum: {today.isoformat()}", "evaluaties:"]
    changes: list[Change] = []
    for one in agreements:
        values = {"realisatie": one.realisatie, "status": one.status, "toelichting": one.toelichting}
        values["vervolg"] = one.vervolg
        lines.extend(_entry("afspraak", one.code, values, changes))
    if activities:
        lines.append("activiteiten:")
        for act in activities:
            lines.extend(_entry("activiteit", act.code, {"gerealiseerd": act.gerealiseerd}, changes))
    return "\n".join(lines) + "\n", tuple(changes)


def _entry(id_key: str, code: str, values: Mapping[str, object], changes: list[Change]) -> list[str]:
    lines = [f"  - {id_key}: {code}"]
    for key, value in values.items():
        if value is None:
            continue
        changes.append(Change(code, key, None, value))
        lines.append(f"    {key}: {scalar(value, '      ')}")
    return lines
