"""A YAML file's size in values, bounded before composing (from its text) and before expanding its aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

MAX_VALUES = 600_000
"""Values a file may hold, aliases expanded: 5,000 agreements (about 250,000) fit; more is a runaway or a bomb."""

_MARKS = ("\n", ":", "-", ",", "[", "{", "?")
"""Every value of a YAML text stands on its own line or after one of these, so their count bounds the values."""


@dataclass(frozen=True)
class Refusal:
    """Why a file is too large, and the 1-based line and column where it crosses the limit."""

    line: int
    column: int
    message: str


def too_many_in_text(text: str) -> Refusal | None:
    """A refusal when the text has more structure marks than MAX_VALUES (str.count only: milliseconds, no nodes)."""
    if _marks(text) <= MAX_VALUES:
        return None
    low, high = 0, len(text)
    while low < high:  # the shortest prefix with too many marks, by bisection
        middle = (low + high) // 2
        if _marks(text[:middle]) > MAX_VALUES:
            high = middle
        else:
            low = middle + 1
    before = text[:low]
    line = before.count("\n") + 1
    column = low - (before.rfind("\n") + 1)
    message = f"the file has more than {MAX_VALUES:,} values, lines or list items; no dossier file comes near that"
    return Refusal(line, max(column, 1), message)


def _marks(text: str) -> int:
    return sum(text.count(mark) for mark in _MARKS)


def too_many_expanded(root: yaml.Node) -> Refusal | None:
    """A refusal when the composed file expands to more than MAX_VALUES values (an alias bomb), counted per node.

    Composing keeps an alias as the same node object, so each distinct node's expanded size is counted once and
    reused: a billion laughs costs as many steps as the file has nodes. Loops are left to the builder (size 1 here).
    """
    sizes: dict[int, int] = {}
    if _size(root, sizes) <= MAX_VALUES:
        return None
    total, node = 1, root
    for child in _children(root):  # the top-level value where the count crosses the limit, as the builder meets it
        total += _size(child, sizes)
        if total > MAX_VALUES:
            node = child
            break
    mark = node.start_mark
    message = f"the file expands to more than {MAX_VALUES:,} values (an alias bomb?)"
    return Refusal(mark.line + 1, mark.column + 1, message)


_ANCHOR = re.compile(r"&[^ \t\r\n,\[\]{}]")
"""Where an anchor (`&name`) may stand: `&` before a character an anchor's name can start with. Over-inclusive (a
URL's `?a=1&b=2`, `&amp;`) only costs the count; '&' before a space ("Wonen & Welzijn") is no anchor."""


def may_expand(text: str) -> bool:
    """Whether a text may hold an alias: an alias names an anchor, and a text without one composes no shared node,
    so each value is its own node and too_many_in_text has already bounded them (too_many_expanded is not needed)."""
    return _ANCHOR.search(text) is not None


def _size(node: yaml.Node, sizes: dict[int, int]) -> int:
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = 1  # a loop back to this node counts 1; the builder refuses loops with their own message
    total = 1
    for child in _children(node):
        total += _size(child, sizes)
        if total > MAX_VALUES:
            break
    sizes[id(node)] = total
    return total


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [value for _, value in node.value]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
