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
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _dataclass_converter(hint)
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return _union_converter(typing.get_args(hint))
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return lambda value, doc, path: tuple(converter_of(item)(v, doc, (*path, i)) for i, v in enumerate(value))
    if origin is dict:
        key_type, item = typing.get_args(hint)
        return lambda value, doc, path: {key_type(k): converter_of(item)(v, doc, (*path, k)) for k, v in value.items()}
    if hint is date:
        return lambda value, doc, path: date.fromisoformat(value)
    if hint is str:
        return lambda value, doc, path: str(value)  # an unquoted year such as `termijn: 2027` is read as a number
    return lambda value, doc, path: value


def _union_converter(options: tuple[Any, ...]) -> Converter:
    """`X | None`, and `X | bool | None` for a text or list that `false` leaves out (booleans stay as they are)."""
    concrete = [o for o in options if o is not type(None) and o is not bool]
    if len(concrete) != 1:
        return lambda value, doc, path: value
    (only,) = concrete

    def union(value: Any, doc: SourceDoc, path: Path_) -> Any:
        return value if value is None or isinstance(value, bool) else converter_of(only)(value, doc, path)

    return union


def _dataclass_converter(cls: type[Any]) -> Converter:
    fields = [(name, hint) for name, hint in _hints(cls).items()]

    def build(value: dict[str, Any], doc: SourceDoc, path: Path_) -> Any:
        kwargs: dict[str, Any] = {}
        for name, hint in fields:
            if name == "src":
                kwargs[name] = model.Src(doc, path)
            elif name in value and value[name] is not None:
                kwargs[name] = converter_of(hint)(value[name], doc, (*path, name))
        return cls(**kwargs)

    return build


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """The type hints of a dataclass's fields, worked out once per class."""
    if cls not in _HINTS:
        fields = {f.name for f in dataclasses.fields(cls)}
        _HINTS[cls] = {k: v for k, v in typing.get_type_hints(cls, vars(model)).items() if k in fields}
    return _HINTS[cls]
