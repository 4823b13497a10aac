"""A targeted edit of a YAML file's lists of entries: only the values that change are rewritten, the rest kept."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from afsprakengen.load.yamlsource import load_yaml_nodes

_PLAIN = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 ,.()%/'€-]*[A-Za-zÀ-ÿ0-9.)%]|[A-Za-zÀ-ÿ]")
"""Text that YAML reads as that text without quotes (no ': ', no ' #', no leading indicator)."""
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "ja", "nee"}
"""Words a YAML 1.1 reader (some editors) takes for a boolean or null: quoted to be safe everywhere."""

Values = tuple[tuple[str, object], ...]
"""An entry's new values by key, in the list's key order; None removes the key."""


@dataclass(frozen=True)
class ListEdit:
    """The changes to one top-level list of entries (`evaluaties`, `activiteiten`), each entry found by its code."""

    key: str
    id_key: str
    order: tuple[str, ...]
    """The keys of an entry in their usual order (the id key first): a new key goes after those before it."""
    updates: tuple[tuple[str, Values], ...]
    """Per code the values that change; a code the list lacks becomes a new entry at its end."""
    after: tuple[str, ...] = ()
    """A list the file lacks is written after the last of these top-level keys (else at the end)."""


class _Unfit(Exception):
    """The file is laid out in a way the targeted edit does not handle (the round trip then takes over)."""


_Edit = tuple[int, int, str]


def edited(text: str, lists: Sequence[ListEdit], root: yaml.Node | None = None) -> str | None:
    """The text with the changes made in place, or None when its layout needs the full round trip.

    `root` is the text's node tree when the caller loaded it already (else the text is loaded here).
    """
    try:
        if root is None:
            root = load_yaml_nodes(text, "")[1]
        if not isinstance(root, yaml.MappingNode) or root.flow_style:
            return None
        if not text.endswith("\n"):
            text += "\n"
        edits = [e for one in lists for e in _list_edits(text, root, one)]
    except (yaml.YAMLError, RecursionError, _Unfit):
        return None
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _list_edits(text: str, root: yaml.MappingNode, one: ListEdit) -> list[_Edit]:
    found = _value_of(root, one.key)
    if found is None:
        return [_new_list(text, root, one)] if one.updates else []
    seq = found[1]
    if not isinstance(seq, yaml.SequenceNode) or seq.flow_style or not seq.value:
        raise _Unfit(one.key)
    entries: dict[str, yaml.MappingNode] = {}
    for item in seq.value:
        if not isinstance(item, yaml.MappingNode) or item.flow_style or not item.value:
            raise _Unfit(one.key)
        found_code = _value_of(item, one.id_key)
        if found_code is not None and isinstance(found_code[1], yaml.ScalarNode):
            entries.setdefault(found_code[1].value, item)
    dash, column = seq.start_mark.column, seq.value[0].value[0][0].start_mark.column
    edits: list[_Edit] = []
    appended: list[str] = []
    for code, values in one.updates:
        entry = entries.get(code)
        if entry is None:
            appended.append(_entry_text(one.id_key, code, values, dash, column))
        else:
            edits.extend(_entry_edits(text, entry, values, one.order, column))
    if appended:
        at = _line_end(text, seq.value[-1].end_mark.index)
        edits.append((at, at, "".join(appended)))
    return edits


def _entry_edits(text: str, entry: yaml.MappingNode, values: Values, order: Sequence[str], column: int) -> list[_Edit]:
    if entry.value[0][0].start_mark.column != column:
        raise _Unfit("entries indented differently")
    pairs = {k.value: (k, v) for k, v in entry.value if isinstance(k, yaml.ScalarNode)}
    edits: list[_Edit] = []
    inserts: dict[int, list[str]] = {}
    for key, new in values:
        if key in pairs:
            edits.append(_changed(text, *pairs[key], new, column))
        elif new is not None:
            before = [pairs[k][1].end_mark.index for k in order[: order.index(key)] if k in pairs]
            if not before:
                raise _Unfit("no key before the new one")
            inserts.setdefault(_line_end(text, max(before)), []).append(_line(key, new, column))
    edits.extend((at, at, "".join(lines)) for at, lines in inserts.items())
    return edits


def _changed(text: str, key: yaml.Node, value: yaml.Node, new: object, column: int) -> _Edit:
    """The edit that gives a key its new value, or removes its lines when the new value is None."""
    if not isinstance(value, yaml.ScalarNode) or value.start_mark.index < key.end_mark.index:
        raise _Unfit("not a value of its own (a list, a mapping or an alias)")
    start, end = value.start_mark.index, value.end_mark.index
    if new is None:
        line = text.rfind("\n", 0, key.start_mark.index) + 1
        if text[line : key.start_mark.index].strip():
            raise _Unfit("the key shares its line")
        return line, _line_end(text, end), ""
    while value.style in ("|", ">") and end > start and text[end - 1] == "\n":
        end -= 1
    written = scalar(new, " " * (column + 2))
    rest = text[end : _line_end(text, end)].strip()
    if "\n" in written and rest:
        raise _Unfit("a block value before a comment")
    return start, end, written


def _new_list(text: str, root: yaml.MappingNode, one: ListEdit) -> _Edit:
    ends = [v.end_mark.index for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value in one.after]
    at = _line_end(text, max(ends)) if ends else len(text)
    if root.value[0][0].start_mark.column != 0:
        raise _Unfit("an indented top level")
    entries = "".join(_entry_text(one.id_key, code, values, 2, 4) for code, values in one.updates)
    return at, at, f"{one.key}:\n{entries}"


def _entry_text(id_key: str, code: str, values: Values, dash: int, column: int) -> str:
    head = " " * dash + "- " + " " * (column - dash - 2) + f"{id_key}: {scalar(code, '')}\n"
    return head + "".join(_line(key, new, column) for key, new in values if new is not None)


def _line(key: str, value: object, column: int) -> str:
    return " " * column + f"{key}: {scalar(value, ' ' * (column + 2))}\n"


def _line_end(text: str, index: int) -> int:
    """The start of the line after the one index is on (index itself when a block value ended with its newline)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    found = text.find("\n", index)
    return found + 1 if found >= 0 else len(text)


def _value_of(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


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
