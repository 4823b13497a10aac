"""A new evaluatie.yaml written directly in the dossier's layout (nothing to keep, so no round trip: fast)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date

from afsprakengen.monitor.validate import Filled, Realised
from afsprakengen.monitor.yamlupdate import Change

_PLAIN = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 ,.()%/'€-]*[A-Za-zÀ-ÿ0-9.)%]|[A-Za-zÀ-ÿ]")
"""Text that YAML reads as that text without quotes (no ': ', no ' #', no leading indicator)."""
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "ja", "nee"}
"""Words a YAML 1.1 reader (some editors) takes for a boolean or null: quoted to be safe everywhere."""


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


def scalar(value: object, indent: str) -> str:
    """A value as YAML that reads back as exactly that value: a number, plain text, a literal block or quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    if "\n" in text and _block_safe(text):
        return "|\n" + "\n".join(indent + line if line else "" for line in text.rstrip("\n").split("\n"))
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _block_safe(text: str) -> bool:
    """A literal block keeps the text as is: no leading spaces on its first line, no tabs or trailing blanks."""
    lines = text.rstrip("\n").split("\n")
    return not lines[0].startswith(" ") and "\t" not in text and all(line == line.rstrip() for line in lines)
