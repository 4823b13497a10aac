"""A workbook's progress into J/voortgang-<peildatum>.yaml: a new file written directly, an old one round-tripped."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from afsprakengen.monitor.validate import Filled
from afsprakengen.monitor.yamledit import scalar
from afsprakengen.monitor.yamlupdate import Change, Entries, Unreadable, put_values, round_trip, seq_at

KEYS = ("afspraak", "status", "realisatie", "toelichting")
"""The keys of a progress entry, in the order the file has them."""


def progress_values(one: Filled) -> dict[str, object]:
    """What a filled row sets in its progress entry (its vervolg belongs to the evaluation, not to progress)."""
    return {"status": one.status, "realisatie": one.realisatie, "toelichting": one.toelichting}


def new_voortgang(year: int, peildatum: date, agreements: Sequence[Filled]) -> tuple[str, tuple[Change, ...]]:
    """The text of a new concept progress report of `year` on `peildatum`, and every value it sets."""
    lines = [f"jaar: {year}", f"peildatum: {peildatum.isoformat()}", "status: concept", "afspraken:"]
    changes: list[Change] = []
    for one in agreements:
        lines.append(f"  - afspraak: {one.code}")
        for key, value in progress_values(one).items():
            if value is not None:
                changes.append(Change(one.code, key, None, value))
                lines.append(f"    {key}: {scalar(value, '      ')}")
    return "\n".join(lines) + "\n", tuple(changes)


def updated_voortgang(text: str, agreements: Sequence[Filled]) -> tuple[str, tuple[Change, ...]]:
    """The new text of an existing progress file (comments, order and layout kept), and what changed."""
    y = round_trip()
    try:
        data = y.load(text)
    except YAMLError as exc:
        raise Unreadable(str(exc).splitlines()[0]) from exc
    if not isinstance(data, CommentedMap):
        raise Unreadable("the file is not a mapping of fields")
    entries = Entries(seq_at(data, "afspraken", None), "afspraak")
    changes: list[Change] = []
    for one in agreements:
        changes.extend(put_values(entries.of(one.code), one.code, progress_values(one), KEYS))
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue(), tuple(changes)
