"""Walks a Jinja template's syntax tree once, inferring each expression's type and recording what is unknown."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.runtime import LoopContext

from afsprakengen.problems import did_you_mean
from afsprakengen.templatecheck.contexttypes import (
    UNKNOWN,
    Class,
    Fixed,
    Seq,
    Ty,
    attribute_name,
    filter_result,
    index_type,
    item_type,
    lookup,
    members,
    missing,
)

SNIPPET_WIDTH = 60
BUILTIN_NAMES = ("range", "loop", "dict", "lipsum", "cycler", "joiner", "namespace", "self", "super")
MACRO_NAMES = ("varargs", "kwargs", "caller")
GUARD_TESTS = frozenset({"defined", "undefined"})
"""Tests whose subject may be missing: the template checks for it itself."""
GUARD_FILTERS = frozenset({"default", "d"})
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


class Walker:
    """Walks a template's syntax tree once, inferring each expression's type and recording what is unknown."""

    def __init__(self, source: str, root: type, env: jinja2.Environment) -> None:
        self.lines = source.splitlines()
        self.env = env
        builtins: dict[str, Ty] = dict.fromkeys([*BUILTIN_NAMES, *env.globals, *env.filters], UNKNOWN)
        self.scopes: list[dict[str, Ty]] = [builtins, dict(members(root)), {}]
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
            fits = isinstance(ty, Fixed) and len(ty.items) == len(target.items)
            parts = ty.items if fits and isinstance(ty, Fixed) else (UNKNOWN,) * len(target.items)
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
        found = lookup(base, attr)
        if found is None:
            self._report(_text(node), node.lineno, missing(base, attr, _text(node.node)))
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
            return index_type(base, key.value)
        return base if isinstance(key, nodes.Slice) else item_type(base)

    def visit_TemplateData(self, node: nodes.TemplateData) -> Ty:
        return Class(str)

    def visit_Const(self, node: nodes.Const) -> Ty:
        return Class(type(node.value)) if isinstance(node.value, str | int | float) else UNKNOWN

    def visit_Tuple(self, node: nodes.Tuple) -> Ty:
        return Fixed(tuple(self.visit(item) for item in node.items))

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
        attribute = self._attribute_arg(node, item_type(base))
        return Seq(attribute) if node.name == "map" and attribute is not None else filter_result(node.name, base)

    def _attribute_arg(self, node: nodes.Filter, item: Ty) -> Ty | None:
        """Check the attribute name given to `selectattr`, `sort(attribute=...)` and the like against the items."""
        names = attribute_name(node)
        if names is None:
            return None
        return [self._dotted(item, name.strip(), node, names) for name in names.split(",")][-1]

    def _dotted(self, ty: Ty, dotted: str, node: nodes.Filter, written: str) -> Ty:
        parts = dotted.split(".")
        for at, part in enumerate(parts):
            found = index_type(ty, int(part)) if part.isdigit() else lookup(ty, part)
            if found is None:
                reason = missing(ty, part, ".".join(parts[:at]) or _text(node.node))
                self._report(f"{_text(node)}({written!r})", node.lineno, reason)
                return UNKNOWN
            ty = found
        return ty

    def visit_Test(self, node: nodes.Test) -> Ty:
        with self._guarding({_text(node.node)} if node.name in GUARD_TESTS else ()):
            self.visit(node.node)
        self._call_args(node)
        self._known(node, self.env.tests, "test")
        return Class(bool)

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
        item = item_type(self.visit(node.iter))
        with self._scope({"loop": Class(LoopContext)}):
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
        self._bind(node.target, Class(str))
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
