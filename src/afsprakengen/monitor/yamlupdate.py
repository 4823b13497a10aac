"""The realisations written into evaluatie.yaml: comments, order and layout kept (a targeted edit, else ruamel.yaml)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

from afsprakengen.load.yamlsource import Loaded, load_yaml_nodes, load_yaml_text
from afsprakengen.monitor.validate import Filled, Realised
from afsprakengen.monitor.yamledit import ListEdit, Values, edited

AGREEMENT_KEYS = ("afspraak", "realisatie", "status", "toelichting", "vervolg")
ACTIVITY_KEYS = ("activiteit", "gerealiseerd")
TOP_AFTER = ("evaluaties", "investeringen")
"""A new top-level `activiteiten` goes after the last of these the file has."""


@dataclass(frozen=True)
class Change:
    """One value the import changes: the code, the field, what it was (None: not there) and what it becomes."""

    code: str
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class Updated:
    """A file's new text, what changed, and the text loaded as the file `display` when the update loaded it already."""

    text: str
    changes: tuple[Change, ...]
    loaded: Loaded | None = None
    """None: not loaded yet (the round trip), or a text with a BOM (its bytes load without it, so marks differ)."""


class Unreadable(Exception):
    """The existing file is no YAML the round trip can keep (it is then left alone)."""


def round_trip() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def updated_evaluatie(
    text: str | None,
    year: int,
    today: date,
    agreements: Sequence[Filled],
    activities: Sequence[Realised],
    display: str = "evaluatie.yaml",
) -> Updated:
    """The new text of evaluatie.yaml (from the existing text, or a new concept) and what changed."""
    fast = _targeted(text, agreements, activities, display) if text is not None else None
    if fast is not None:
        return fast
    y = round_trip()
    try:
        data = y.load(text) if text is not None else _new(year, today)
    except YAMLError as exc:
        raise Unreadable(str(exc).splitlines()[0]) from exc
    if not isinstance(data, CommentedMap):
        raise Unreadable("the file is not a mapping of fields")
    changes: list[Change] = []
    regels = Entries(seq_at(data, "evaluaties", None), "afspraak")
    for one in agreements:
        values = {"realisatie": one.realisatie, "status": one.status, "toelichting": one.toelichting}
        values["vervolg"] = one.vervolg
        changes.extend(put_values(regels.of(one.code), one.code, values, AGREEMENT_KEYS))
    if activities:
        done = Entries(seq_at(data, "activiteiten", _top_position(data)), "activiteit")
        for act in activities:
            changes.extend(put_values(done.of(act.code), act.code, {"gerealiseerd": act.gerealiseerd}, ACTIVITY_KEYS))
    out = io.StringIO()
    y.dump(data, out)
    return Updated(out.getvalue(), tuple(changes))


Wanted = tuple[tuple[str, str, str, dict[str, object]], ...]
"""Per entry the values the workbook gives: (list key, id key, code, values)."""
LISTS = (("evaluaties", "afspraak", AGREEMENT_KEYS, ()), ("activiteiten", "activiteit", ACTIVITY_KEYS, TOP_AFTER))


def _wanted(agreements: Sequence[Filled], activities: Sequence[Realised]) -> Wanted:
    rows = [("evaluaties", "afspraak", a.code, _agreement_values(a)) for a in agreements]
    return tuple(rows + [("activiteiten", "activiteit", a.code, {"gerealiseerd": a.gerealiseerd}) for a in activities])


def _agreement_values(one: Filled) -> dict[str, object]:
    return {"realisatie": one.realisatie, "status": one.status, "toelichting": one.toelichting, "vervolg": one.vervolg}


def _targeted(text: str, agreements: Sequence[Filled], activities: Sequence[Realised], display: str) -> Updated | None:
    """Only the changed values rewritten in the text, when its layout allows and it reads back exactly as wanted."""
    loaded, root = load_yaml_nodes(text, "evaluatie.yaml")
    old = loaded.doc
    if old is None or not isinstance(old.data, dict):
        return None
    applied = _applied(old.data, _wanted(agreements, activities))
    if applied is None:
        return None
    expected, changes = applied
    lists = [ListEdit(key, id_key, order, _updates(changes, key), after) for key, id_key, order, after in LISTS]
    new = edited(text, lists, root)
    back = load_yaml_text(new, display) if new is not None else None
    if new is None or back is None or back.doc is None or not _alike(back.doc.data, expected):
        return None
    return Updated(new, tuple(c for _, c in changes), None if new.startswith("\ufeff") else back)


def _applied(data: dict[str, Any], wanted: Wanted) -> tuple[dict[str, Any], list[tuple[str, Change]]] | None:
    """The data with the workbook's values set (what the edited file must read as), and each change by list."""
    result = dict(data)
    index: dict[str, dict[object, dict[str, Any]]] = {}
    changes: list[tuple[str, Change]] = []
    for key, id_key, code, values in wanted:
        if key not in index:
            entries = result.get(key, [])
            if not isinstance(entries, list):
                return None
            result[key] = [dict(e) if isinstance(e, dict) else e for e in entries]
            index[key] = {}
            for e in reversed(result[key]):  # the first entry of a code is the one that counts
                if isinstance(e, dict):
                    index[key][e.get(id_key)] = e
        entry = index[key].get(code)
        if entry is None:
            entry = index[key][code] = {id_key: code}
            result[key].append(entry)
        for field, new in values.items():
            if not _same(entry.get(field), new):
                changes.append((key, Change(code, field, entry.get(field), new)))
                _set(entry, field, new)
    return result, changes


def _set(entry: dict[str, Any], field: str, new: object) -> None:
    if new is None:
        entry.pop(field, None)
    else:
        entry[field] = new


def _updates(changes: Sequence[tuple[str, Change]], key: str) -> tuple[tuple[str, Values], ...]:
    """The changes of one list per code, in the order the workbook has them."""
    by_code: dict[str, list[tuple[str, object]]] = {}
    for list_key, change in changes:
        if list_key == key:
            by_code.setdefault(change.code, []).append((change.field, change.new))
    return tuple((code, tuple(values)) for code, values in by_code.items())


def _alike(read: object, wanted: object) -> bool:
    """The same data, a text that ends in a line break (a literal block) equal to the same text without it."""
    if isinstance(read, dict) and isinstance(wanted, dict):
        return read.keys() == wanted.keys() and all(_alike(read[k], wanted[k]) for k in read)
    if isinstance(read, list) and isinstance(wanted, list):
        return len(read) == len(wanted) and all(_alike(a, b) for a, b in zip(read, wanted, strict=True))
    if isinstance(read, str) and isinstance(wanted, str):
        return read.rstrip("\n") == wanted.rstrip("\n")
    if isinstance(wanted, float) and wanted.is_integer() and isinstance(read, int):
        return read == wanted
    return type(read) is type(wanted) and read == wanted


def _new(year: int, today: date) -> CommentedMap:
    data = CommentedMap()
    data["jaar"] = year
    data["status"] = "concept"
    data["datum"] = today
    data["evaluaties"] = CommentedSeq()
    return data


def _top_position(data: CommentedMap) -> int:
    keys = list(data)
    present = [keys.index(k) for k in TOP_AFTER if k in data]
    return max(present) + 1 if present else len(keys)


def seq_at(data: CommentedMap, key: str, position: int | None) -> CommentedSeq:
    found = data.get(key)
    if isinstance(found, CommentedSeq):
        return found
    seq = CommentedSeq()
    if position is None or key in data:
        data[key] = seq
    else:
        data.insert(position, key, seq)
    return seq


class Entries:
    """The entries of a list by their code (the first of a code), and new ones appended at its end."""

    def __init__(self, seq: CommentedSeq, id_key: str) -> None:
        self.seq, self.id_key = seq, id_key
        self.by_code: dict[object, CommentedMap] = {}
        for e in seq:
            if isinstance(e, CommentedMap):
                self.by_code.setdefault(e.get(id_key), e)

    def of(self, code: str) -> CommentedMap:
        """The entry with this code, a new one when there is none."""
        if code not in self.by_code:
            entry = CommentedMap()
            entry[self.id_key] = code
            self.seq.append(entry)
            self.by_code[code] = entry
        return self.by_code[code]


def put_values(entry: CommentedMap, code: str, values: Mapping[str, object], order: Sequence[str]) -> list[Change]:
    """Set the values of an entry; only a value that differs is touched."""
    changes = []
    for key, new in values.items():
        old = entry.get(key)
        if _same(old, new):
            continue
        changes.append(Change(code, key, old, new))
        if new is None:
            del entry[key]
        elif key in entry:
            entry[key] = _scalar(new)
        else:
            entry.insert(_position(entry, key, order), key, _scalar(new))
    return changes


def _position(entry: CommentedMap, key: str, order: Sequence[str]) -> int:
    """After the last key that comes before it in the canonical order."""
    keys = list(entry)
    before = [keys.index(k) for k in order[: order.index(key)] if k in entry]
    return max(before) + 1 if before else 0


def _same(old: object, new: object) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if isinstance(old, int | float) and isinstance(new, int | float) and not isinstance(old, bool):
        return abs(old - new) < 1e-9
    return " ".join(str(old).split()) == " ".join(str(new).split())


def _scalar(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value.rstrip() + "\n")
    return value
