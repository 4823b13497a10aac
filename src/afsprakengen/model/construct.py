"""Turn schema-valid YAML data into the typed model, by the dataclasses' own type hints."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from afsprakengen import model
from afsprakengen.load.dossierfiles import DossierFile
from afsprakengen.load.yamlsource import Path_, SourceDoc
from afsprakengen.model.regio import combined

_KIND_CLASSES: dict[str, type[Any]] = {
    "dossier": model.Dossier,
    "woonvisie": model.Woonvisie,
    "bod": model.Bod,
    "prestatieafspraken": model.Prestatieafspraken,
    "evaluatie": model.Evaluatie,
    "overleg": model.Overlegtrajecten,
    "voortgang": model.Voortgang,
}


def build_model(files: Sequence[tuple[DossierFile, SourceDoc]]) -> model.DossierModel:
    """The dossier model from its loaded, schema-valid files."""
    built = [(f, convert(_KIND_CLASSES[f.kind], doc.data, doc, ())) for f, doc in files]
    top = {f.kind: obj for f, obj in built if f.year is None and f.gemeente is None}
    regional = tuple(obj for f, obj in built if f.kind == "woonvisie" and f.gemeente is not None)
    years = sorted({f.year for f, _ in built if f.year is not None})
    cycles = tuple(_cycle(year, [(f, obj) for f, obj in built if f.year == year]) for year in years)
    folder = next((f.path.parent for f, _ in files if f.kind == "dossier"), None)
    woonvisie = top.get("woonvisie") or combined(regional)
    return model.DossierModel(top["dossier"], woonvisie, cycles, folder, regional)


def _cycle(year: int, items: list[tuple[DossierFile, Any]]) -> model.Cyclus:
    by_kind: dict[str, list[Any]] = {}
    for f, obj in items:
        by_kind.setdefault(f.kind, []).append(obj)
    pa = by_kind.get("prestatieafspraken", [None])[0]
    ev = by_kind.get("evaluatie", [None])[0]
    overleg = by_kind.get("overleg", [None])[0]
    progress = tuple(sorted(by_kind.get("voortgang", []), key=lambda v: v.peildatum))
    return model.Cyclus(year, tuple(by_kind.get("bod", [])), pa, ev, overleg, progress)


Converter = Callable[[Any, SourceDoc, Path_], Any]
_CONVERTERS: dict[Any, Converter] = {}


def convert(hint: Any, value: Any, doc: SourceDoc, path: Path_) -> Any:
    """Convert a plain value to the type `hint`, recursively; `src` fields get the value's origin."""
    return converter_of(hint)(value, doc, path)


def converter_of(hint: Any) -> Converter:
    """The function converting a plain value to `hint`, worked out once per hint (it runs for every value)."""
    found = _CONVERTERS.get(hint)
    if found is None:
        found = _CONVERTERS[hint] = _make_converter(hint)
    return found


def _make_converter(hint: Any) -> Converter:
    if _is_dataclass(hint):
        return _dataclass_converter(hint)
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return _union_converter(typing.get_args(hint))
    if origin is tuple:
        return _tuple_converter(typing.get_args(hint)[0])
    if origin is dict:
        return _dict_converter(*typing.get_args(hint))
    if hint is date:
        return lambda value, doc, path: date.fromisoformat(value)
    if hint is str:
        return lambda value, doc, path: str(value)  # an unquoted year such as `termijn: 2027` is read as a number
    return _same


def _later(hint: Any) -> Callable[[], Converter]:
    """The converter of `hint`, looked up at its first use and kept: a dataclass may hold itself, being made."""
    found: list[Converter] = []

    def get() -> Converter:
        if not found:
            found.append(converter_of(hint))
        return found[0]

    return get


def _tuple_converter(item: Any) -> Converter:
    """A list into a tuple of `item`."""
    item_converter = _later(item)

    def to_tuple(value: Any, doc: SourceDoc, path: Path_) -> Any:
        convert_item = item_converter()
        return tuple(convert_item(v, doc, (*path, i)) for i, v in enumerate(value))

    return to_tuple


def _dict_converter(key_type: Any, item: Any) -> Converter:
    """A mapping into a dict of `key_type` to `item` (a year key read as text becomes a number)."""
    item_converter = _later(item)

    def to_dict(value: Any, doc: SourceDoc, path: Path_) -> Any:
        convert_item = item_converter()
        return {key_type(k): convert_item(v, doc, (*path, k)) for k, v in value.items()}

    return to_dict


def _union_converter(options: tuple[Any, ...]) -> Converter:
    """`X | None`, and `X | bool | None` for a text or list that `false` leaves out (booleans stay as they are)."""
    concrete = _only_concrete(options)
    if concrete is None:
        return _same
    only = _later(concrete)

    def union(value: Any, doc: SourceDoc, path: Path_) -> Any:
        return value if value is None or isinstance(value, bool) else only()(value, doc, path)

    return union


def _dataclass_converter(cls: type[Any]) -> Converter:
    """A mapping into `cls`: its fields' converters looked up once for the class, not per object.

    A field whose value is kept as it is or is text is set without a converter's call (they hold most values).
    """
    hints = {name: hint for name, hint in _hints(cls).items() if name != "src"}
    with_src = "src" in _hints(cls)
    same = [name for name, hint in hints.items() if _is_plain(_optional(hint) or hint)]
    texts = [(name, _optional(hint) is str) for name, hint in hints.items() if (_optional(hint) or hint) is str]
    done = {*same, *(name for name, _ in texts)}
    plans = [(name, _later(hint)) for name, hint in hints.items() if name not in done]
    nested: list[tuple[str, Converter]] = []

    def build(value: dict[str, Any], doc: SourceDoc, path: Path_) -> Any:
        if len(nested) < len(plans):
            nested[:] = [(name, get()) for name, get in plans]
        kwargs: dict[str, Any] = {"src": model.Src(doc, path)} if with_src else {}
        for name in same:
            if (item := value.get(name)) is not None:
                kwargs[name] = item
        for name, optional in texts:
            if (item := value.get(name)) is not None:
                kwargs[name] = item if optional and isinstance(item, bool) else str(item)
        for name, convert_field in nested:
            if (item := value.get(name)) is not None:
                kwargs[name] = convert_field(item, doc, (*path, name))
        return cls(**kwargs)

    return build


def _optional(hint: Any) -> Any:
    """`X` for `X | None` and `X | bool | None` (a boolean kept as it is, see `_union_converter`), else None."""
    if typing.get_origin(hint) not in (types.UnionType, typing.Union):
        return None
    return _only_concrete(typing.get_args(hint))


def _only_concrete(options: tuple[Any, ...]) -> Any:
    """The one option of a union that is neither None nor bool, or None when there are more."""
    concrete = [o for o in options if o is not type(None) and o is not bool]
    return concrete[0] if len(concrete) == 1 else None


def _is_plain(hint: Any) -> bool:
    """Whether a value of type `hint` is kept as it is (a number, a flag, a value of several types)."""
    return not _is_dataclass(hint) and _make_converter(hint) is _same


def _is_dataclass(hint: Any) -> bool:
    return dataclasses.is_dataclass(hint) and isinstance(hint, type)


def _same(value: Any, doc: SourceDoc, path: Path_) -> Any:
    return value


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """The type hints of a dataclass's fields, worked out once per class."""
    if cls not in _HINTS:
        fields = {f.name for f in dataclasses.fields(cls)}
        _HINTS[cls] = {k: v for k, v in typing.get_type_hints(cls, vars(model)).items() if k in fields}
    return _HINTS[cls]
