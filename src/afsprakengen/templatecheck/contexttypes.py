"""The types of a template's values: read from the context dataclasses' annotations, and what filters make of them."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import types
import typing
from collections import abc
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes

from afsprakengen.problems import did_you_mean

SAME_TYPE_FILTERS = frozenset(
    {"default", "d", "sort", "reverse", "list", "unique", "select", "reject", "selectattr", "rejectattr"}
)
ITEM_FILTERS = frozenset({"first", "last", "random", "min", "max"})
TEXT_FILTERS = frozenset(
    {"string", "upper", "lower", "title", "capitalize", "trim", "e", "escape", "safe", "join", "format", "replace"}
    | {"truncate", "indent", "center", "striptags", "wordwrap", "forceescape"}
)
INT_FILTERS = frozenset({"length", "count", "wordcount", "int"})
ATTRIBUTE_POSITIONS: dict[str, int | None] = {"selectattr": 0, "rejectattr": 0, "groupby": 0, "sum": 0, "sort": 2}
ATTRIBUTE_POSITIONS |= {"unique": 1, "min": 1, "max": 1, "map": None}
"""Filters that take an attribute name of the items, and the position of that argument (or keyword only)."""


@dataclass(frozen=True)
class Unknown:
    """A value whose type cannot be inferred: any attribute below it is accepted."""


@dataclass(frozen=True)
class Class:
    """An instance of a class: a context dataclass, str, int, date, Markup and so on."""

    cls: type


@dataclass(frozen=True)
class Seq:
    """A tuple (or list) whose items all have one type."""

    item: Ty


@dataclass(frozen=True)
class Fixed:
    """A tuple with a type per position, such as `tuple[str, int]`."""

    items: tuple[Ty, ...]


Ty = Unknown | Class | Seq | Fixed
UNKNOWN = Unknown()


def _from_hint(hint: object) -> Ty:
    """The inferred type for a type annotation; `X | None` becomes X, anything unclear becomes unknown."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        rest = [a for a in args if a is not type(None)]
        return _from_hint(rest[0]) if len(rest) == 1 else UNKNOWN
    if origin is tuple:
        return Seq(_from_hint(args[0])) if len(args) == 2 and args[1] is Ellipsis else Fixed(_map_hints(args))
    if origin in (list, set, frozenset, abc.Sequence, abc.Set):
        return Seq(_from_hint(args[0]) if args else UNKNOWN)
    if hint in (tuple, list):
        return Seq(UNKNOWN)
    return Class(hint) if origin is None and _is_plain_class(hint) else UNKNOWN


def _map_hints(args: Iterable[object]) -> tuple[Ty, ...]:
    return tuple(_from_hint(a) for a in args)


def _is_plain_class(hint: object) -> typing.TypeGuard[type]:
    """A class whose attributes we can list; mappings and Any accept any key."""
    return isinstance(hint, type) and hint not in (Any, object) and not issubclass(hint, Mapping)


def _hints(obj: object) -> dict[str, Any]:
    try:
        return typing.get_type_hints(obj)
    except (NameError, TypeError, AttributeError, SyntaxError):
        return {}


@functools.cache
def members(cls: type) -> Mapping[str, Ty]:
    """The attributes a template can reach on an instance of `cls`, with their types where known."""
    members: dict[str, Ty] = {name: UNKNOWN for name in dir(cls) if not name.startswith("_")}
    members.update(_property_types(cls))
    members.update(_field_types(cls))
    return members


def _field_types(cls: type) -> dict[str, Ty]:
    if not dataclasses.is_dataclass(cls):
        return {}
    hints = _hints(cls)
    return {f.name: _from_hint(hints.get(f.name, Any)) for f in dataclasses.fields(cls)}


def _property_types(cls: type) -> dict[str, Ty]:
    getters = {name: _getter(inspect.getattr_static(cls, name)) for name in dir(cls) if not name.startswith("_")}
    return {name: _from_hint(_hints(g).get("return", Any)) for name, g in getters.items() if g is not None}


def _getter(attr: object) -> Callable[..., object] | None:
    if isinstance(attr, property):
        return attr.fget
    return attr.func if isinstance(attr, functools.cached_property) else None


def lookup(ty: Ty, attr: str) -> Ty | None:
    """The type of `attr` on a value of type `ty`, or None when it has no such attribute."""
    if isinstance(ty, Unknown):
        return UNKNOWN
    if isinstance(ty, Class):
        return members(ty.cls).get(attr)
    return UNKNOWN if attr in members(tuple) else None


def item_type(ty: Ty) -> Ty:
    """The type of one item when iterating over a value of type `ty`."""
    if isinstance(ty, Seq):
        return ty.item
    if isinstance(ty, Fixed):
        return ty.items[0] if ty.items and all(i == ty.items[0] for i in ty.items) else UNKNOWN
    return Class(str) if isinstance(ty, Class) and issubclass(ty.cls, str) else UNKNOWN


def index_type(ty: Ty, index: int) -> Ty:
    if isinstance(ty, Fixed):
        return ty.items[index] if -len(ty.items) <= index < len(ty.items) else UNKNOWN
    return item_type(ty)


def missing(ty: Ty, attr: str, owner: str) -> str:
    """Why `attr` cannot be found on `owner`, a value of type `ty`, with a hint when one helps."""
    if isinstance(ty, Class):
        word = "field" if dataclasses.is_dataclass(ty.cls) else "attribute"
        return f"'{ty.cls.__name__}' has no {word} '{attr}'{did_you_mean(attr, members(ty.cls))}"
    loop_hint = isinstance(ty, Seq) and lookup(ty.item, attr) is not None
    hint = " (loop over it to reach the fields of its items)" if loop_hint else did_you_mean(attr, members(tuple))
    return f"'{owner}' is a list, which has no attribute '{attr}'{hint}"


def filter_result(name: str, base: Ty) -> Ty:
    if name in SAME_TYPE_FILTERS:
        return base
    if name in ITEM_FILTERS:
        return item_type(base)
    if name in TEXT_FILTERS:
        return Class(str)
    return Class(int) if name in INT_FILTERS else UNKNOWN


def attribute_name(node: nodes.Filter) -> str | None:
    """The constant attribute name a filter such as `selectattr` or `sort(attribute=...)` is given, if any."""
    if node.name not in ATTRIBUTE_POSITIONS:
        return None
    for keyword in node.kwargs:
        if isinstance(keyword, nodes.Keyword) and keyword.key == "attribute":
            return _const_str(keyword.value)
    position = ATTRIBUTE_POSITIONS[node.name]
    return None if position is None or position >= len(node.args) else _const_str(node.args[position])


def _const_str(node: nodes.Node) -> str | None:
    return node.value if isinstance(node, nodes.Const) and isinstance(node.value, str) else None
