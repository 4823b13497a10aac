"""A YAML file loaded per top-level list item, each unchanged item's values and marks reused (an edit loads one).

The text is split at the items of its longest top-level block list (a prestatieafspraken.yaml's agreements): the
frame (every other line, the items' lines left blank so every line keeps its number) and each item are composed on
their own. An item is kept in this process by its text; placed at another index or line it is renumbered, so every
mark is where a load of the whole file puts it. Anything irregular (tabs or other line breaks in the indentation,
directives, anchors, an item that does not load alone) gives None: load the whole file.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

import yaml

from afsprakengen.load.yamlbounds import MAX_VALUES, too_many_expanded, too_many_in_text
from afsprakengen.load.yamlsource import Path_, SourceDoc, _Builder, _Loader, _Refused, decode

MIN_ITEMS = 16
"""Fewer items load faster as one text than split."""
_KEEP = 50_000
"""Items kept in the process; beyond this the memo starts again (a bound on memory, never on correctness)."""
_KEY_LINE = re.compile(r"([A-Za-z_][\w-]*):[ ]*(?:#.*)?")
_ITEM = re.compile(r"( *)-(?: |$)")
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&\S")
"""What may be an anchor: anchors reach across items (one defined twice is an error), so such a text loads whole."""
_AMPERSAND = re.compile(r"&\S")
_DIRECTIVE_OR_TAB = re.compile(r"^(?:%| *\t)", re.MULTILINE)
"""A directive, or a line indented with a tab after its spaces (anywhere: such a text loads whole)."""
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

Marks = dict[Path_, tuple[int, int]]


@dataclass(frozen=True)
class Item:
    """One list item loaded alone, with its marks as placed at `index` and 0-based `line` in some file."""

    value: Any
    marks: Marks
    key_marks: Marks
    raw: dict[Path_, str]
    dash: tuple[int, int]
    """Where its `-` stands: the list's own mark when it is the first item."""
    count: int
    index: int
    line: int


@dataclass(frozen=True)
class Split:
    """A text split at the items of one top-level list: the frame, and each item's text and first line."""

    key: str
    frame: str
    items: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class SplitDoc:
    """A document loaded item by item: the document, the list it was split at, and the text of each item."""

    doc: SourceDoc
    key: str
    texts: tuple[str, ...]


_MEMO: dict[tuple[str, str], Item] = {}


def load_bytes_split(data: bytes, display: str) -> SplitDoc | None:
    """The document of a file's bytes loaded item by item, or None: load it whole (which also says what is wrong)."""
    text = decode(data, display)
    return load_split(text, display) if isinstance(text, str) else None


def split_items(text: str) -> Split | None:
    """The text split at the items of its longest top-level block list, or None when it has none worth it."""
    if _OTHER_BREAKS.search(text) or _may_anchor(text) or _DIRECTIVE_OR_TAB.search(text):
        return None
    lines = text.split("\n")
    best: tuple[str, int, list[tuple[int, int]], int] | None = None
    i = 0
    while i < len(lines):
        found = _KEY_LINE.fullmatch(lines[i])
        region = _region(lines, i + 1) if found else None
        if found and region is not None:
            starts, end = region
            if best is None or len(starts) > len(best[2]):
                best = (found.group(1), i, starts, end)
            i = end
        else:
            i += 1
    if best is None or len(best[2]) < MIN_ITEMS:
        return None
    key, _, starts, end = best
    bounds = [*(s for s, _ in starts), end]
    items = tuple(("\n".join(lines[a:b]) + "\n", a) for a, b in itertools.pairwise(bounds))
    frame = lines[: bounds[0]] + [""] * (end - bounds[0]) + lines[end:]
    return Split(key, "\n".join(frame), items)


def _may_anchor(text: str) -> bool:
    """`_ANCHOR.search(text)`, by finding each `&` first (a search that starts with one is fast)."""
    return any(at.start() == 0 or text[at.start() - 1] in _BEFORE_ANCHOR for at in _AMPERSAND.finditer(text))


_BEFORE_ANCHOR = frozenset(
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000[{,"
)
"""What may stand before an anchor's `&` in `_ANCHOR`: whatever `\\s` matches, and `[`, `{` and `,`."""


def _region(lines: list[str], start: int) -> tuple[list[tuple[int, int]], int] | None:
    """The items of a block list whose first item follows line `start` (comments and blank lines before it)."""
    i = start
    while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
        i += 1
    first = _ITEM.match(lines[i]) if i < len(lines) else None
    if first is None:
        return None
    indent = len(first.group(1))
    deeper = " " * (indent + 1)
    starts: list[tuple[int, int]] = []
    while i < len(lines):
        line = lines[i]
        if not line or line.startswith(deeper):
            i += 1
            continue  # blank, or inside an item (no tab after its spaces: split_items refused those)
        stripped = line.lstrip(" ")
        depth = len(line) - len(stripped)
        if stripped.startswith("\t"):
            return None
        if depth == indent and _ITEM.match(line):
            starts.append((i, depth))
        elif stripped and not stripped.startswith("#") and depth <= indent:
            if depth:
                return None  # a line the list's indentation does not explain: let the whole load say what it is
            break
        i += 1
    return starts, i


def load_split(text: str, display: str) -> SplitDoc | None:
    """The document of a text split at its items (unchanged items from the memo), or None: load it whole."""
    split = split_items(text)
    if split is None or too_many_in_text(text) is not None:
        return None
    frame = _compose_value(split.frame, ())
    if frame is None or not isinstance(frame[0], dict) or split.key not in frame[0] or frame[0][split.key] is not None:
        return None
    data, builder = frame
    items = []
    for index, (item_text, line) in enumerate(split.items):
        item = _item(split.key, item_text, index, line)
        if item is None:
            return None
        items.append(item)
    if builder.count + sum(item.count for item in items) > MAX_VALUES // 2:
        return None  # near the bound: the whole load says exactly where it is crossed
    marks, key_marks, raw = builder.marks, builder.key_marks, builder.raw
    for item in items:
        marks.update(item.marks)
        key_marks.update(item.key_marks)
        raw.update(item.raw)
    marks[(split.key,)] = items[0].dash
    data[split.key] = [item.value for item in items]
    doc = SourceDoc(display, data, marks, key_marks, raw)
    return SplitDoc(doc, split.key, tuple(item_text for item_text, _ in split.items))


def _item(key: str, text: str, index: int, line: int) -> Item | None:
    """The item of this text placed at index and line: from the memo (renumbered if it moved), else loaded."""
    known = _MEMO.get((key, text))
    if known is None or known.index != index or known.line != line:
        known = _moved(known, key, index, line) if known is not None else _loaded(key, text, index, line)
        if known is None:
            return None
        if len(_MEMO) >= _KEEP:
            _MEMO.clear()
        _MEMO[(key, text)] = known
    return known


def _loaded(key: str, text: str, index: int, line: int) -> Item | None:
    composed = _compose(text)
    if not isinstance(composed, yaml.SequenceNode) or len(composed.value) != 1:
        return None
    builder = _Builder()
    try:
        value = builder.build(composed.value[0], (key, index))
    except _Refused:
        return None
    mark = composed.start_mark
    item = Item(
        value, builder.marks, builder.key_marks, builder.raw, (mark.line + 1, mark.column + 1), builder.count, index, 0
    )
    return _moved(item, key, index, line)


def _moved(item: Item, key: str, index: int, line: int) -> Item:
    """The item renumbered: its paths at index, its lines shifted to start at line."""
    shift = line - item.line

    def remap(table: Marks) -> Marks:
        return {(key, index, *p[2:]): (r + shift, c) for p, (r, c) in table.items()}

    raw = {(key, index, *p[2:]): v for p, v in item.raw.items()}
    dash = (item.dash[0] + shift, item.dash[1])
    return Item(item.value, remap(item.marks), remap(item.key_marks), raw, dash, item.count, index, line)


def _compose(text: str) -> yaml.Node | None:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return None
    if node is None or too_many_expanded(node) is not None:
        return None
    return node


def _compose_value(text: str, path: Path_) -> tuple[Any, _Builder] | None:
    node = _compose(text)
    if node is None:
        return None
    builder = _Builder()
    try:
        return builder.build(node, path), builder
    except _Refused:
        return None
