"""Load one YAML file safely, as YAML 1.2 core values, keeping the line and column of every value."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from afsprakengen.load.yamlbounds import MAX_VALUES, Refusal, may_expand, too_many_expanded, too_many_in_text
from afsprakengen.load.yamlerrors import describe_yaml_error
from afsprakengen.problems import Location, Problem, error, json_path

MAX_BYTES = 5 * 1024 * 1024
"""Larger files are refused unread: the largest sample file is 60 KB; an accident or an attack comes near this."""
MAX_DEPTH = 100

Path_ = tuple[str | int, ...]

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader whose implicit types are those of the YAML 1.2 core schema: no `no` -> false."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        """PyYAML's resolve for a loader without path or wildcard resolvers, in fewer steps (it runs per node)."""
        if kind is yaml.ScalarNode:
            if implicit[0] and value is not None:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_CORE_RESOLVERS = (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
)
for _tag, _pattern, _first in _CORE_RESOLVERS:
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off while a file loads (or a dossier is checked), and on again after.

    A YAML file becomes hundreds of thousands of new objects and no cycles; each collection the
    collector starts on its own walks all of them, so with it on loading grows superlinearly. After
    the pause the objects made meanwhile join the oldest generation directly (a freeze and unfreeze,
    two constant-time list moves, when nothing else is frozen), instead of being walked by the first
    young collection. Nested uses are fine: the inner one finds it off and leaves it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


@dataclass(frozen=True)
class SourceDoc:
    """A loaded YAML file: its data (plain JSON-like values) and where each value stands."""

    display: str
    """The file's path as the user wrote it, used in every message."""
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict, repr=False)
    """1-based (line, column) of each value by its path."""
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict, repr=False)
    """1-based (line, column) of the key that holds the value at a path."""
    raw: dict[Path_, str] = field(default_factory=dict, repr=False)
    """The text as written of plain scalars that were read as something other than text."""

    def at(self, path: Path_, *, key: bool = False) -> Location:
        """The location of the value (or its key) at path, or of its nearest ancestor that has one."""
        table = self.key_marks if key else self.marks
        for depth in range(len(path), -1, -1):
            mark = table.get(path[:depth]) or self.marks.get(path[:depth])
            if mark:
                return Location(self.display, mark[0], mark[1], json_path(path))
        return Location(self.display, 1, 1, json_path(path))


@dataclass(frozen=True)
class Loaded:
    """The result of loading one file: the document, or the problems that stopped it."""

    doc: SourceDoc | None
    problems: tuple[Problem, ...] = ()


class _Refused(Exception):
    """A YAML construct we refuse, at a node."""

    def __init__(self, node: yaml.Node, message: str, also: tuple[yaml.Node, str] | None = None) -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.also = also
        """A second place the same problem is at (the first of two keys that are the same), with its message."""


def load_yaml(path: Path, display: str) -> Loaded:
    """Read, decode and load one YAML file; every failure becomes a located problem."""
    data = read_file(path, display)
    if isinstance(data, Problem):
        return Loaded(None, (data,))
    return load_yaml_bytes(data, display)


def load_yaml_bytes(data: bytes, display: str) -> Loaded:
    """Decode and load the bytes of a YAML file (as read_file gave them)."""
    text_or_problem = decode(data, display)
    if isinstance(text_or_problem, Problem):
        return Loaded(None, (text_or_problem,))
    return load_yaml_text(text_or_problem, display)


def load_yaml_text(text: str, display: str) -> Loaded:
    """Load YAML text (already decoded) into a SourceDoc."""
    with collector_paused():
        return _load(text, display)


def load_yaml_nodes(text: str, display: str) -> tuple[Loaded, yaml.Node | None]:
    """Load YAML text and keep its node tree too, marks included (for an edit that keeps the text)."""
    with collector_paused():
        return _load_keeping(text, display)


def _load(text: str, display: str) -> Loaded:
    return _load_keeping(text, display)[0]


def _load_keeping(text: str, display: str) -> tuple[Loaded, yaml.Node | None]:
    refusal = too_many_in_text(text)
    if refusal is not None:
        return _refused(refusal, display), None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return Loaded(None, (describe_yaml_error(exc, text, display),)), None
    except RecursionError:
        return Loaded(None, (error(Location(display), f"the file is nested deeper than {MAX_DEPTH} levels"),)), None
    if node is None:
        message = "the file is empty" if not text.strip() else "the file has only comments and no data"
        return Loaded(None, (error(Location(display), message),)), None
    refusal = too_many_expanded(node) if may_expand(text) else None
    if refusal is not None:
        return _refused(refusal, display), None
    builder = _Builder()
    try:
        data = builder.build(node, ())
    except _Refused as exc:
        places = ((exc.also,) if exc.also else ()) + ((exc.node, exc.message),)
        return Loaded(None, tuple(_at(node, message, display) for node, message in places)), None
    return Loaded(SourceDoc(display, data, builder.marks, builder.key_marks, builder.raw)), node


def _at(node: yaml.Node, message: str, display: str) -> Problem:
    mark = node.start_mark
    return error(Location(display, mark.line + 1, mark.column + 1), message)


def _refused(refusal: Refusal, display: str) -> Loaded:
    return Loaded(None, (error(Location(display, refusal.line, refusal.column), refusal.message),))


def read_file(path: Path, display: str) -> bytes | Problem:
    """The file's bytes, or a problem saying why it cannot be read (or is too large to)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // (1024 * 1024)
            shown = f"{size / (1024 * 1024):.1f}".removesuffix(".0")  # 5.7 MiB, not 5 MiB against a limit of 5
            return error(Location(display), f"the file is {shown} MiB; the limit is {limit} MiB")
        return path.read_bytes()
    except OSError as exc:
        return error(Location(display), f"cannot read the file: {exc.strerror or exc}")


def decode(data: bytes, display: str) -> str | Problem:
    """The bytes as UTF-8 text (a leading BOM dropped), or a problem saying why they are not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return error(Location(display), "the file is UTF-16 text; save it as UTF-8")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        return _not_utf8(data, exc, display)


def _not_utf8(data: bytes, exc: UnicodeDecodeError, display: str) -> Problem:
    """A problem pointing at the first byte that is not UTF-8."""
    before = data[: exc.start]
    line = before.count(b"\n") + 1
    column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
    byte = data[exc.start]
    message = f"the file is not UTF-8 text (byte 0x{byte:02X} here); save it as UTF-8"
    return error(Location(display, line, column), message)


class _Builder:
    """Turns a composed node tree into plain values, recording marks; refuses tags, cycles and bombs."""

    def __init__(self) -> None:
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.raw: dict[Path_, str] = {}
        self.count = 0
        self.active: set[int] = set()
        self.top: yaml.Node | None = None

    def build(self, node: yaml.Node, path: Path_) -> Any:
        """Build the value of node at path (this runs once per value, so it is written for speed)."""
        self.count += 1
        depth = len(path)
        if depth == 1:
            self.top = node
        if self.count > MAX_VALUES:
            raise _Refused(self.top or node, f"the file expands to more than {MAX_VALUES:,} values (an alias bomb?)")
        if depth > MAX_DEPTH:
            raise _Refused(node, f"the file is nested deeper than {MAX_DEPTH} levels")
        mark = node.start_mark
        if isinstance(node, yaml.ScalarNode):  # holds nothing, so it cannot be part of a loop
            self.marks[path] = (mark.line + 1, mark.column + 1)
            if node.tag == _STR:
                return node.value
            value = _scalar(node)
            if value is not None and not isinstance(value, str) and not node.style:
                self.raw[path] = node.value
            return value
        identity = id(node)
        if identity in self.active:
            raise _Refused(node, "an alias refers to the value that contains it (a loop)")
        self.marks[path] = (mark.line + 1, mark.column + 1)
        self.active.add(identity)
        try:
            if isinstance(node, yaml.MappingNode):
                _check_tag(node, "map")
                return self._mapping(node, path)
            _check_tag(node, "seq")
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self.active.discard(identity)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, yaml.ScalarNode] = {}
        key_marks = self.key_marks
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_node, "a key must be plain text, not a list or mapping")
            key = key_node.value
            normal = _normal(key)
            if normal in seen:
                raise _twice(seen[normal], key_node)
            seen[normal] = key_node
            key_path = (*path, key)
            mark = key_node.start_mark
            key_marks[key_path] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, key_path)
        return result


def _normal(key: str) -> str:
    """A key as the model reads it: a year key is a number, so '2028', '2028\\n' and ' 2028' are one key."""
    text = key.strip()
    if not text or not (text[0] in "+-" or text[0].isdigit()):  # int() would refuse it: no exception to pay for
        return text
    try:
        return str(int(text))
    except ValueError:
        return text


def _twice(first: yaml.ScalarNode, again: yaml.ScalarNode) -> _Refused:
    """Two keys of one mapping that are the same key, refused at both places."""
    line, column = first.start_mark.line + 1, first.start_mark.column + 1
    if first.value == again.value:
        later = f"the key '{again.value}' appears twice in this mapping (first on line {line})"
    else:
        later = f"the key '{again.value}' is the key '{first.value}' again (line {line}, column {column})"
    where = f"line {again.start_mark.line + 1}, column {again.start_mark.column + 1}"
    return _Refused(again, later, (first, f"the key '{first.value}' appears twice in this mapping (again at {where})"))


def _check_tag(node: yaml.Node, kind: str) -> None:
    if node.tag != _TAG + kind:
        raise _Refused(node, f"the YAML tag '{_short_tag(node.tag)}' is not allowed; write the value as plain text")


def _scalar(node: yaml.Node) -> Any:
    """The YAML 1.2 core value of a scalar node; other tags (python objects, binary, timestamps) are refused."""
    convert = _CONVERTERS.get(node.tag)
    if convert is None:
        raise _Refused(node, f"the YAML tag '{_short_tag(node.tag)}' is not allowed; write the value as plain text")
    try:
        return convert(node.value)
    except ValueError:
        raise _Refused(node, f"'{node.value}' is not a valid value for the tag '{_short_tag(node.tag)}'") from None


def _null(text: str) -> None:
    if text not in ("", "~", "null", "Null", "NULL"):
        raise ValueError(text)


def _bool(text: str) -> bool:
    if text.lower() not in ("true", "false"):
        raise ValueError(text)
    return text.lower() == "true"


def _int(text: str) -> int:
    return int(text, 0) if text[:2] in ("0o", "0x") else int(text, 10)


def _float(text: str) -> float:
    lowered = text.lower()
    if lowered in (".inf", "+.inf", "-.inf", ".nan"):
        return float(lowered.replace(".", ""))
    return float(text)


_CONVERTERS: dict[str, Callable[[str], Any]] = {
    _TAG + "str": str,
    _TAG + "null": _null,
    _TAG + "bool": _bool,
    _TAG + "int": _int,
    _TAG + "float": _float,
}


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
