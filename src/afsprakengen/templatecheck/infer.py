"""Finds the variables and attribute paths a Jinja template uses that a typed, dataclass context does not provide."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
import types
import typing
from collections import abc
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.runtime import LoopContext

from afsprakengen.suggest import did_you_mean

SNIPPET_WIDTH = 60
BUILTIN_NAMES = ("range", "loop", "dict", "lipsum", "cycler", "joiner", "namespace", "self", "super")
MACRO_NAMES = ("varargs", "kwargs", "caller")
GUARD_TESTS = frozenset({"defined", "undefined"})
"""Tests whose subject may be missing: the template checks for it itself."""
GUARD_FILTERS = frozenset({"default", "d"})
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
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class UnknownRef:
    """A reference in a template that the context does not provide."""

    path: str
    """The expression as the template writes it, e.g. `afspraak.indicator.eenheid` (loop variables kept by name)."""
    line: int
    """1-based line in the Jinja source."""
    snippet: str
    """About 60 characters of the source around the reference, on one line, whitespace collapsed."""
    reason: str
    """Plain English, e.g. `'IndicatorCtx' has no field 'eenhed' (did you mean 'eenheid'?)`."""


class TemplateSyntaxProblem(Exception):
    """The template is not valid Jinja."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line


@dataclass(frozen=True)
class _Unknown:
    """A value whose type cannot be inferred: any attribute below it is accepted."""


@dataclass(frozen=True)
class _Class:
    """An instance of a class: a context dataclass, str, int, date, Markup and so on."""

    cls: type


@dataclass(frozen=True)
class _Seq:
    """A tuple (or list) whose items all have one type."""

    item: Ty


@dataclass(frozen=True)
class _Fixed:
    """A tuple with a type per position, such as `tuple[str, int]`."""

    items: tuple[Ty, ...]


Ty = _Unknown | _Class | _Seq | _Fixed
UNKNOWN = _Unknown()


def find_unknown_refs(source: str, root: type, env: jinja2.Environment) -> list[UnknownRef]:
    """Every reference in `source` that an instance of the dataclass `root` does not provide, once per path and line."""
    try:
        template = env.parse(source)
    except jinja2.TemplateSyntaxError as e:
        raise TemplateSyntaxProblem(e.message or str(e), e.lineno) from e
    walker = _Walker(source, root, env)
    walker.walk(template)
    return sorted(walker.found.values(), key=lambda ref: ref.line)


def _from_hint(hint: object) -> Ty:
    """The inferred type for a type annotation; `X | None` becomes X, anything unclear becomes unknown."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        rest = [a for a in args if a is not type(None)]
        return _from_hint(rest[0]) if len(rest) == 1 else UNKNOWN
    if origin is tuple:
        return _Seq(_from_hint(args[0])) if len(args) == 2 and args[1] is Ellipsis else _Fixed(_map_hints(args))
    if origin in (list, set, frozenset, abc.Sequence, abc.Set):
        return _Seq(_from_hint(args[0]) if args else UNKNOWN)
    if hint in (tuple, list):
        return _Seq(UNKNOWN)
    return _Class(hint) if origin is None and _is_plain_class(hint) else UNKNOWN


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
def _members(cls: type) -> Mapping[str, Ty]:
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


def _lookup(ty: Ty, attr: str) -> Ty | None:
    """The type of `attr` on a value of type `ty`, or None when it has no such attribute."""
    if isinstance(ty, _Unknown):
        return UNKNOWN
    if isinstance(ty, _Class):
        return _members(ty.cls).get(attr)
    return UNKNOWN if attr in _members(tuple) else None


def _item(ty: Ty) -> Ty:
    """The type of one item when iterating over a value of type `ty`."""
    if isinstance(ty, _Seq):
        return ty.item
    if isinstance(ty, _Fixed):
        return ty.items[0] if ty.items and all(i == ty.items[0] for i in ty.items) else UNKNOWN
    return _Class(str) if isinstance(ty, _Class) and issubclass(ty.cls, str) else UNKNOWN


def _index(ty: Ty, index: int) -> Ty:
    if isinstance(ty, _Fixed):
        return ty.items[index] if -len(ty.items) <= index < len(ty.items) else UNKNOWN
    return _item(ty)


def _missing(ty: Ty, attr: str, owner: str) -> str:
    """Why `attr` cannot be found on `owner`, a value of type `ty`, with a hint when one helps."""
    if isinstance(ty, _Class):
        word = "field" if dataclasses.is_dataclass(ty.cls) else "attribute"
        return f"'{ty.cls.__name__}' has no {word} '{attr}'{did_you_mean(attr, _members(ty.cls))}"
    loop_hint = isinstance(ty, _Seq) and _lookup(ty.item, attr) is not None
    hint = " (loop over it to reach the fields of its items)" if loop_hint else did_you_mean(attr, _members(tuple))
    return f"'{owner}' is a list, which has no attribute '{attr}'{hint}"


def _filter_result(name: str, base: Ty) -> Ty:
    if name in SAME_TYPE_FILTERS:
        return base
    if name in ITEM_FILTERS:
        return _item(base)
    if name in TEXT_FILTERS:
        return _Class(str)
    return _Class(int) if name in INT_FILTERS else UNKNOWN


def _guards(test: nodes.Node) -> tuple[frozenset[str], frozenset[str]]:
    """Paths the test proves to exist when it is true, and when it is false."""
    if isinstance(test, nodes.Test) and test.name in GUARD_TESTS:
        path = frozenset({_text(test.node)})
        return (path, frozenset()) if test.name == "defined" else (frozenset(), path)
    if isinstance(test, nodes.Not):
        when_true, when_false = _guards(test.node)
        return when_false, when_true
    if isinstance(test, nodes.And):
        return _guards(test.left)[0] | _guards(test.right)[0], frozenset()
    if isinstance(test, nodes.Or):
        return frozenset(), _guards(test.left)[1] | _guards(test.right)[1]
    return frozenset(), frozenset()


def _tested(test: nodes.Node) -> frozenset[str]:
    """Paths checked with `is defined` or `is undefined` anywhere in an expression."""
    found = [test, *test.find_all(nodes.Test)]
    return frozenset(_text(t.node) for t in found if isinstance(t, nodes.Test) and t.name in GUARD_TESTS)


def _attribute_name(node: nodes.Filter) -> str | None:
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


def _key_text(node: nodes.Node) -> str:
    return repr(node.value) if isinstance(node, nodes.Const) else "..."


_TEXT: dict[type, Callable[[Any], str]] = {
    nodes.Name: lambda n: n.name,
    nodes.Const: lambda n: repr(n.value),
    nodes.Getattr: lambda n: f"{_text(n.node)}.{n.attr}",
    nodes.Getitem: lambda n: f"{_text(n.node)}[{_key_text(n.arg)}]",
    nodes.Filter: lambda n: f"{_text(n.node)}|{n.name}",
    nodes.Test: lambda n: f"{_text(n.node)} is {n.name}",
    nodes.Call: lambda n: f"{_text(n.node)}()",
}


def _text(node: nodes.Node | None) -> str:
    """The expression roughly as the template writes it, for paths in messages."""
    return _TEXT.get(type(node), lambda _: "(...)")(node)


@functools.lru_cache(maxsize=8)
def _collapsed(line_text: str) -> str:
    """The line with runs of whitespace made one space; cached, as a docx part is often one long line."""
    return " ".join(line_text.split())


def _snippet(line_text: str, path: str) -> str:
    """About SNIPPET_WIDTH characters of a line around where `path` (or its last name) is written."""
    text = _collapsed(line_text)
    needles = [path, *_WORD.findall(path)[-1:]]
    at, size = next(((text.find(n), len(n)) for n in needles if n in text), (0, 0))
    start = max(0, min(at + size // 2 - SNIPPET_WIDTH // 2, len(text) - SNIPPET_WIDTH))
    return text[start : start + SNIPPET_WIDTH].strip()


class _Walker:
    """Walks a template's syntax tree once, inferring each expression's type and recording what is unknown."""

    def __init__(self, source: str, root: type, env: jinja2.Environment) -> None:
        self.lines = source.splitlines()
        self.env = env
        builtins: dict[str, Ty] = dict.fromkeys([*BUILTIN_NAMES, *env.globals, *env.filters], UNKNOWN)
        self.scopes: list[dict[str, Ty]] = [builtins, dict(_members(root)), {}]
        self.guards: list[frozenset[str]] = []
        self.found: dict[tuple[str, int], UnknownRef] = {}

    def walk(self, template: nodes.Template) -> None:
        for macro in template.find_all(nodes.Macro):
            self.scopes[-1][macro.name] = UNKNOWN
        self.visit(template)

    def visit(self, node: nodes.Node) -> Ty:
        """Dispatch on the node class like jinja2's NodeVisitor: `visit_Getattr`, else walk the children."""
        handler: Callable[[Any], Ty] = getattr(self, f"visit_{type(node).__name__}", self._children)
        return handler(node)

    def _children(self, node: nodes.Node) -> Ty:
        self._visit_all(node.iter_child_nodes())
        return UNKNOWN

    def _visit_all(self, items: Iterable[nodes.Node | None]) -> None:
        for item in items:
            if item is not None:
                self.visit(item)

    @contextmanager
    def _scope(self, names: Mapping[str, Ty] | None = None) -> Iterator[None]:
        self.scopes.append(dict(names or {}))
        yield
        self.scopes.pop()

    @contextmanager
    def _guarding(self, paths: Iterable[str]) -> Iterator[None]:
        self.guards.append(frozenset(paths))
        yield
        self.guards.pop()

    def _report(self, path: str, line: int, reason: str) -> None:
        if (path, line) in self.found or any(path in g for g in self.guards):
            return
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.found[(path, line)] = UnknownRef(path, line, _snippet(text, path), reason)

    def _bind(self, target: nodes.Node, ty: Ty) -> None:
        """Give an assignment or loop target (a name, a tuple of names, or `ns.attr`) its type."""
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = ty
        elif isinstance(target, nodes.Tuple):
            fits = isinstance(ty, _Fixed) and len(ty.items) == len(target.items)
            parts = ty.items if fits and isinstance(ty, _Fixed) else (UNKNOWN,) * len(target.items)
            for item, part in zip(target.items, parts, strict=True):
                self._bind(item, part)
        else:
            self.visit(target)

    def _resolve_name(self, name: str, line: int) -> Ty:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        candidates = [known for scope in self.scopes[1:] for known in scope]
        self._report(name, line, f"'{name}' is not in the context{did_you_mean(name, candidates)}")
        return UNKNOWN

    def visit_Name(self, node: nodes.Name) -> Ty:
        return self._resolve_name(node.name, node.lineno) if node.ctx == "load" else UNKNOWN

    def visit_NSRef(self, node: nodes.NSRef) -> Ty:
        return self._resolve_name(node.name, node.lineno)

    def _attribute(self, base: Ty, attr: str, node: nodes.Getattr | nodes.Getitem) -> Ty:
        found = _lookup(base, attr)
        if found is None:
            self._report(_text(node), node.lineno, _missing(base, attr, _text(node.node)))
        return UNKNOWN if found is None else found

    def visit_Getattr(self, node: nodes.Getattr) -> Ty:
        return self._attribute(self.visit(node.node), node.attr, node)

    def visit_Getitem(self, node: nodes.Getitem) -> Ty:
        """`a['code']` is looked up like `a.code`; a number or slice picks items."""
        base, key = self.visit(node.node), node.arg
        if isinstance(key, nodes.Const) and isinstance(key.value, str):
            return self._attribute(base, key.value, node)
        self.visit(key)
        if isinstance(key, nodes.Const) and isinstance(key.value, int):
            return _index(base, key.value)
        return base if isinstance(key, nodes.Slice) else _item(base)

    def visit_TemplateData(self, node: nodes.TemplateData) -> Ty:
        return _Class(str)

    def visit_Const(self, node: nodes.Const) -> Ty:
        return _Class(type(node.value)) if isinstance(node.value, str | int | float) else UNKNOWN

    def visit_Tuple(self, node: nodes.Tuple) -> Ty:
        return _Fixed(tuple(self.visit(item) for item in node.items))

    def visit_CondExpr(self, node: nodes.CondExpr) -> Ty:
        when_true, when_false = _guards(node.test)
        with self._guarding(_tested(node.test)):
            self.visit(node.test)
        with self._guarding(when_true):
            chosen = self.visit(node.expr1)
        with self._guarding(when_false):
            other = chosen if node.expr2 is None else self.visit(node.expr2)
        return chosen if chosen == other else UNKNOWN

    def _call_args(self, node: nodes.Filter | nodes.Test) -> None:
        self._visit_all([*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs])

    def _known(self, node: nodes.Filter | nodes.Test, table: Mapping[str, object], kind: str) -> None:
        if node.name not in table:
            hint = did_you_mean(node.name, table)
            self._report(_text(node), node.lineno, f"there is no {kind} named '{node.name}'{hint}")

    def visit_Filter(self, node: nodes.Filter) -> Ty:
        with self._guarding({_text(node.node)} if node.name in GUARD_FILTERS else ()):
            base = UNKNOWN if node.node is None else self.visit(node.node)
        self._call_args(node)
        self._known(node, self.env.filters, "filter")
        attribute = self._attribute_arg(node, _item(base))
        return _Seq(attribute) if node.name == "map" and attribute is not None else _filter_result(node.name, base)

    def _attribute_arg(self, node: nodes.Filter, item: Ty) -> Ty | None:
        """Check the attribute name given to `selectattr`, `sort(attribute=...)` and the like against the items."""
        names = _attribute_name(node)
        if names is None:
            return None
        return [self._dotted(item, name.strip(), node, names) for name in names.split(",")][-1]

    def _dotted(self, ty: Ty, dotted: str, node: nodes.Filter, written: str) -> Ty:
        parts = dotted.split(".")
        for at, part in enumerate(parts):
            found = _index(ty, int(part)) if part.isdigit() else _lookup(ty, part)
            if found is None:
                reason = _missing(ty, part, ".".join(parts[:at]) or _text(node.node))
                self._report(f"{_text(node)}({written!r})", node.lineno, reason)
                return UNKNOWN
            ty = found
        return ty

    def visit_Test(self, node: nodes.Test) -> Ty:
        with self._guarding({_text(node.node)} if node.name in GUARD_TESTS else ()):
            self.visit(node.node)
        self._call_args(node)
        self._known(node, self.env.tests, "test")
        return _Class(bool)

    def visit_If(self, node: nodes.If) -> Ty:
        when_true, when_false = _guards(node.test)
        with self._guarding(_tested(node.test)):
            self.visit(node.test)
        with self._guarding(when_true):
            self._visit_all(node.body)
        with self._guarding(when_false):
            self._visit_all([*node.elif_, *node.else_])
        return UNKNOWN

    def visit_For(self, node: nodes.For) -> Ty:
        item = _item(self.visit(node.iter))
        with self._scope({"loop": _Class(LoopContext)}):
            self._bind(node.target, item)
            self._visit_all([node.test, *node.body])
        with self._scope():
            self._visit_all(node.else_)
        return UNKNOWN

    def visit_Assign(self, node: nodes.Assign) -> Ty:
        self._bind(node.target, self.visit(node.node))
        return UNKNOWN

    def visit_AssignBlock(self, node: nodes.AssignBlock) -> Ty:
        self._visit_all([*node.body, node.filter])
        self._bind(node.target, _Class(str))
        return UNKNOWN

    def visit_With(self, node: nodes.With) -> Ty:
        values = [self.visit(value) for value in node.values]
        with self._scope():
            for target, value in zip(node.targets, values, strict=True):
                self._bind(target, value)
            self._visit_all(node.body)
        return UNKNOWN

    def visit_Macro(self, node: nodes.Macro) -> Ty:
        self.scopes[-1][node.name] = UNKNOWN
        return self._macro_body(node)

    def visit_CallBlock(self, node: nodes.CallBlock) -> Ty:
        self.visit(node.call)
        return self._macro_body(node)

    def _macro_body(self, node: nodes.Macro | nodes.CallBlock) -> Ty:
        """Defaults are seen from outside; the body sees its arguments, `caller`, `varargs` and `kwargs`."""
        self._visit_all(node.defaults)
        with self._scope(dict.fromkeys([*MACRO_NAMES, *(arg.name for arg in node.args)], UNKNOWN)):
            self._visit_all(node.body)
        return UNKNOWN

    def visit_Import(self, node: nodes.Import) -> Ty:
        self.visit(node.template)
        self.scopes[-1][node.target] = UNKNOWN
        return UNKNOWN

    def visit_FromImport(self, node: nodes.FromImport) -> Ty:
        self.visit(node.template)
        for name in node.names:
            self.scopes[-1][name if isinstance(name, str) else name[1]] = UNKNOWN
        return UNKNOWN
