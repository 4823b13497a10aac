"""markdown-it-pyrs's node tree as the markdown-it-py tokens the Word writer reads, for texts where both agree."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Literal

from markdown_it.token import Token

try:
    from markdown_it_pyrs import MarkdownIt, Node
except ImportError:  # pragma: no cover - a platform without its wheel parses with markdown-it-py alone
    _PARSER = None
else:
    _PARSER = MarkdownIt("commonmark").enable_many(["table", "strikethrough"])
_MAX_DEPTH = 12
"""Deeper trees go to markdown-it-py, whose nesting limit (20 levels) decides what it drops and what check says."""
OTHER_WHITESPACE = "\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""What Python's str.isspace() calls whitespace besides space, tab and newline."""
_DIFFERS = (
    re.compile(f"[<|{OTHER_WHITESPACE}]|\\]:|~~~"),
    re.compile(r"[^\x00-\x7f][*_~]|[*_~][^\x00-\x7f]"),
    re.compile(r"(?:^|[\s>])(?:[*+-]|\d{1,9}[.)])[ \t]*$", re.MULTILINE),
    re.compile(r"\]\(\s*\S*[^\x00-\x7f]"),
)
"""Where the two parsers were seen to differ (by tests/test_markdown_parsers.py), so markdown-it-py parses the text:
- HTML and autolinks (markdown-it-pyrs always reads HTML); tables (where a table ends); a carriage return; whitespace
  besides space, tab and newline (markdown-it-py strips a paragraph's Unicode whitespace, a final no-break space);
  a link reference definition (`[x]: /u`, which markdown-it-pyrs lets interrupt a paragraph); three tildes in a row
  (strikethrough runs longer than two);
- a delimiter run beside a non-ASCII character (markdown-it-py reads Unicode symbols as punctuation, CommonMark 0.31;
  markdown-it-pyrs does not, 0.30: whether it emphasises may differ);
- a line that ends in a bare list marker (an empty item: whether it ends a quote's paragraph);
- a link whose destination has a non-ASCII character (markdown-it-py writes a Unicode host name in punycode)."""
_DIFFERS_IN_ASCII = (_DIFFERS[0], _DIFFERS[2])
"""The patterns an ASCII text can match (the others need a non-ASCII character)."""
_NUMBERED_LINE = re.compile(r"^[ \t>]*\d{1,9}[.)]", re.MULTILINE)
"""With a quote: a line that starts a numbered item (whether it ends the quote's paragraph differs, `> a` `2. b`)."""
_DIFFERS_WITH_CODE = re.compile(r"\[|[ \t]\n|`[ \t\n]+`")
"""With a backtick: a bracket (a code span in a link's text can panic markdown-it 0.6.0, its issue 40, which
markdown-it-pyrs 0.4.0 has), a line ending in whitespace or a code span of spaces only (markdown-it-py keeps both)."""
_CONTAINERS = {
    "blockquote": ("blockquote", "blockquote"),
    "bullet_list": ("bullet_list", "ul"),
    "ordered_list": ("ordered_list", "ol"),
    "list_item": ("list_item", "li"),
}
_INLINE = {"em": ("em", "em"), "strong": ("strong", "strong"), "strikethrough": ("s", "s")}
_LEAVES = {"softbreak": "softbreak", "hardbreak": "hardbreak"}
_NEWLINE = re.compile(b"\n")
_TEXTS = frozenset({"text", "text_special"})


class _Token(Token):
    """A Token made without the dataclass's defaults machinery (a text's tree makes dozens of them)."""

    __slots__ = ()

    def __init__(
        self,
        type: str,
        tag: str,
        nesting: Literal[-1, 0, 1],
        attrs: dict[str, str | int | float] | None = None,
        map: list[int] | None = None,
        level: int = 0,
        children: list[Token] | None = None,
        content: str = "",
        block: bool = False,
        hidden: bool = False,
    ) -> None:
        self.type, self.tag, self.nesting, self.map, self.level = type, tag, nesting, map, level
        self.attrs = {} if attrs is None else attrs
        self.children, self.content, self.block, self.hidden = children, content, block, hidden
        self.markup = self.info = ""
        self.meta = {}


class Unsupported(Exception):
    """The tree holds something the adapter does not translate: the text is parsed by markdown-it-py."""


def tokens(text: str) -> list[Token] | None:
    """The tokens markdown-it-py would give the Word writer for this text, or None when only it can tell."""
    if _PARSER is None or not agrees(text):
        return None
    try:
        return _Adapter(text).blocks(_PARSER.tree(text))
    except Unsupported:
        return None
    except BaseException as exc:  # a Rust panic (pyo3's PanicException derives from BaseException)
        if type(exc).__name__ != "PanicException":
            raise
        return None


def agrees(text: str) -> bool:
    """Whether the text has none of the markdown where markdown-it-pyrs was seen to read otherwise."""
    if any(pattern.search(text) for pattern in (_DIFFERS_IN_ASCII if text.isascii() else _DIFFERS)):
        return False
    if ">" in text and _NUMBERED_LINE.search(text):
        return False
    return "`" not in text or not _DIFFERS_WITH_CODE.search(text)


class _Adapter:
    """One text's tree walked into block tokens, each with the line it starts on and its nesting level."""

    def __init__(self, text: str) -> None:
        data = text.encode("utf-8") if "\n" in text else b""
        self._newlines = [found.start() for found in _NEWLINE.finditer(data)]
        self._out: list[Token] = []

    def blocks(self, root: Node) -> list[Token]:
        for child in root.children:
            self._block(child, 0, False)
        return self._out

    def _line(self, node: Node) -> list[int]:
        if node.srcmap is None:
            raise Unsupported(f"{node.name} without a place")
        line = bisect_right(self._newlines, node.srcmap[0]) if self._newlines else 0
        return [line, line + 1]

    def _block(self, node: Node, level: int, tight: bool) -> None:
        if level > _MAX_DEPTH:
            raise Unsupported(node.name)
        name = node.name
        if name in _CONTAINERS:
            self._container(node, level)
        elif name in ("paragraph", "heading", "lheading"):
            self._leaf_block(node, level, node.children, hidden=False)
        elif name in ("code_block", "fence"):
            self._out.append(_Token(name, "code", 0, map=self._line(node), level=level, content=node.meta["content"]))
        elif name == "hr":
            self._out.append(_Token("hr", "hr", 0, map=self._line(node), level=level))
        elif name != "definition":
            raise Unsupported(name)

    def _container(self, node: Node, level: int) -> None:
        kind, tag = _CONTAINERS[node.name]
        opened = _Token(f"{kind}_open", tag, 1, map=self._line(node), level=level)
        if kind == "ordered_list":
            opened.attrs = {"start": int(node.meta["start"])}
        self._out.append(opened)
        if kind == "list_item":
            self._item_children(node, level + 1)
        else:
            for child in node.children:
                self._block(child, level + 1, False)
        self._out.append(_Token(f"{kind}_close", tag, -1, level=level))

    def _item_children(self, item: Node, level: int) -> None:
        """A tight item's inline nodes stand for a hidden paragraph, as markdown-it-py writes it."""
        run: list[Node] = []
        for child in [*item.children, None]:
            if child is not None and (child.name in _TEXTS or child.name in _INLINE_NAMES):
                run.append(child)
                continue
            if run:
                self._leaf_block(run[0], level, run, hidden=True)
                run = []
            if child is not None:
                self._block(child, level, True)

    def _leaf_block(self, node: Node, level: int, children: Sequence[Node], hidden: bool) -> None:
        kind, tag = "paragraph", "p"
        if node.name in ("heading", "lheading") and not hidden:
            kind, tag = "heading", f"h{node.meta['level']}"
        where = self._line(node)
        self._out.append(_Token(f"{kind}_open", tag, 1, map=where, level=level, block=True, hidden=hidden))
        inline = _Token("inline", "", 0, map=where, level=level + 1, children=_inline(children, 0, []), block=True)
        self._out.append(inline)
        self._out.append(_Token(f"{kind}_close", tag, -1, level=level, block=True, hidden=hidden))


def _inline(nodes: Sequence[Node], depth: int, out: list[Token]) -> list[Token]:
    """The inline tokens of the nodes appended to `out` (one list for the whole paragraph), and that list."""
    if depth > _MAX_DEPTH:
        raise Unsupported("nesting")
    for node in nodes:
        name = node.name
        if name in _TEXTS:
            out.append(_Token("text", "", 0, content=node.meta["content"]))
        elif name in _LEAVES:
            out.append(_Token(_LEAVES[name], "br", 0))
        elif name in _INLINE:
            _span(node, depth, out)
        else:
            _SPECIAL.get(name, _unsupported)(node, depth, out)
    return out


def _span(node: Node, depth: int, out: list[Token]) -> None:
    kind, tag = _INLINE[node.name]
    strong = kind == "strong"  # markdown-it-py keeps each strong's outer marker as an empty text (it splits runs)
    if strong:
        out.append(_Token("text", "", 0))
    out.append(_Token(f"{kind}_open", tag, 1))
    _inline(node.children, depth + 1, out)
    out.append(_Token(f"{kind}_close", tag, -1))
    if strong:
        out.append(_Token("text", "", 0))


def _code(node: Node, depth: int, out: list[Token]) -> None:
    out.append(_Token("code_inline", "code", 0, content="".join(child.meta["content"] for child in node.children)))


def _link(node: Node, depth: int, out: list[Token]) -> None:
    out.append(_Token("link_open", "a", 1, attrs={"href": node.meta["url"]}))
    _inline(node.children, depth + 1, out)
    out.append(_Token("link_close", "a", -1))


def _image(node: Node, depth: int, out: list[Token]) -> None:
    out.append(_Token("image", "img", 0, attrs={"src": node.meta["url"]}))


def _unsupported(node: Node, depth: int, out: list[Token]) -> None:
    raise Unsupported(node.name)


_SPECIAL: dict[str, Callable[[Node, int, list[Token]], None]] = {
    "code_inline": _code,
    "link": _link,
    "image": _image,
}
_INLINE_NAMES = frozenset({*_INLINE, *_LEAVES, *_SPECIAL})
