"""Inline markdown as Word runs: bold, italic, strikethrough, code, line breaks and hyperlinks."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

from markdown_it.token import Token

from afsprakengen.word.mdparse import MarkdownError, token_line, unsupported

MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DATE = re.compile(rf"\b(\d{{1,2}}) ({MONTHS})(?: (\d{{4}}))?\b")
_EURO = re.compile(r"€ (?=[\d-])")
NBSP = "\u00a0"

CODE_FONT = "Courier New"
"""Monospace font of inline code and code blocks; LibreOffice substitutes the metric-compatible Liberation Mono."""


def escape(text: str) -> str:
    """Text for XML character data (as xml.sax.saxutils.escape, whose import costs `check` 40 ms of urllib)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(value: str) -> str:
    """An XML attribute value with its quotes, exactly as xml.sax.saxutils.quoteattr gives it."""
    value = escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    return f"'{value}'" if "'" not in value else '"{}"'.format(value.replace('"', "&quot;"))


class WordTarget(Protocol):
    """The document the XML goes into: it owns hyperlink relationships and numbering definitions."""

    def link_id(self, url: str) -> str:
        """Relationship id of an external hyperlink to `url`."""
        ...

    def bullet_num_id(self) -> int:
        """numId of the (shared) bullet list definition."""
        ...

    def new_numbered_num_id(self, start: int = 1) -> int:
        """A new numId whose numbering starts at `start`."""
        ...


@dataclass(frozen=True)
class Format:
    """How a run looks."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    link: bool = False


@functools.cache
def _rpr(fmt: Format) -> str:
    font = quoteattr(CODE_FONT)
    parts = (
        '<w:rStyle w:val="Hyperlink"/>' if fmt.link else "",
        f"<w:rFonts w:ascii={font} w:hAnsi={font} w:cs={font}/>" if fmt.code else "",
        "<w:b/>" if fmt.bold else "",
        "<w:i/>" if fmt.italic else "",
        "<w:strike/>" if fmt.strike else "",
    )
    inner = "".join(parts)
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def run(fmt: Format, text: str) -> str:
    """One `w:r` with the text in the format, tabs as `w:tab`; empty for an empty text."""
    pieces = text.split("\t")
    content = "<w:tab/>".join(_t(piece) for piece in pieces)
    return f"<w:r>{_rpr(fmt)}{content}</w:r>" if content else ""


def _t(text: str) -> str:
    if not text:
        return ""
    # Without xml:space Word drops leading and trailing spaces; only those texts pay for the attribute.
    preserve = text[0] == " " or text[-1] == " " or "  " in text
    space = ' xml:space="preserve"' if preserve else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


def line_break(fmt: Format) -> str:
    """A run holding one line break, in the format."""
    return f"<w:r>{_rpr(fmt)}<w:br/></w:r>"


def ppr(style: str, extra: str = "") -> str:
    """Paragraph properties: the style, then any further properties."""
    return f"<w:pPr><w:pStyle w:val={quoteattr(style)}/>{extra}</w:pPr>"


class InlineWriter:
    """Runs for the children of one inline token, merging neighbouring text of the same look into one run."""

    def __init__(self, target: WordTarget, base: Format) -> None:
        self._target = target
        self._format = base
        self._outer: list[Format] = []
        self._out: list[str] = []
        self._pending: list[str] = []
        self._pending_format = base

    def write(self, inline: Token) -> str:
        try:
            for child in inline.children or ():
                _INLINE_RULES.get(child.type, InlineWriter.unknown)(self, child)
        except MarkdownError as error:
            raise MarkdownError(error.message, error.line or token_line(inline)) from None
        self._flush()
        return "".join(self._out)

    def unknown(self, token: Token) -> None:
        raise unsupported(token)

    def text(self, token: Token) -> None:
        self._add(token.content, self._format)

    def softbreak(self, token: Token) -> None:
        self._add(" ", self._format)

    def hardbreak(self, token: Token) -> None:
        self._flush()
        self._out.append(line_break(self._format))

    def code_inline(self, token: Token) -> None:
        self._add(token.content, replace(self._format, code=True))

    def strong_open(self, token: Token) -> None:
        self._push(replace(self._format, bold=True))

    def em_open(self, token: Token) -> None:
        self._push(replace(self._format, italic=True))

    def s_open(self, token: Token) -> None:
        self._push(replace(self._format, strike=True))

    def close(self, token: Token) -> None:
        self._format = self._outer.pop()

    def link_open(self, token: Token) -> None:
        self._flush()
        rid = self._target.link_id(str(token.attrs["href"]))
        self._out.append(f'<w:hyperlink r:id={quoteattr(rid)} w:history="1">')
        self._push(replace(self._format, link=True))

    def link_close(self, token: Token) -> None:
        self._flush()
        self._out.append("</w:hyperlink>")
        self.close(token)

    def _push(self, fmt: Format) -> None:
        self._outer.append(self._format)
        self._format = fmt

    def _add(self, text: str, fmt: Format) -> None:
        if fmt != self._pending_format:
            self._flush()
            self._pending_format = fmt
        self._pending.append(text)

    def _flush(self) -> None:
        if self._pending:
            text = "".join(self._pending)
            fmt = self._pending_format
            self._out.append(run(fmt, text if fmt.code else unbreakable(text)))
            self._pending = []


def unbreakable(text: str) -> str:
    """Non-breaking spaces after € and inside dates ('€ 750', '1 december 2027'), so no line ends inside them."""
    text = _EURO.sub("€" + NBSP, text)
    return _DATE.sub(lambda m: NBSP.join(part for part in m.groups() if part), text)


_INLINE_RULES: dict[str, Callable[[InlineWriter, Token], None]] = {
    "text": InlineWriter.text,
    "softbreak": InlineWriter.softbreak,
    "hardbreak": InlineWriter.hardbreak,
    "code_inline": InlineWriter.code_inline,
    "strong_open": InlineWriter.strong_open,
    "strong_close": InlineWriter.close,
    "em_open": InlineWriter.em_open,
    "em_close": InlineWriter.close,
    "s_open": InlineWriter.s_open,
    "s_close": InlineWriter.close,
    "link_open": InlineWriter.link_open,
    "link_close": InlineWriter.link_close,
}
