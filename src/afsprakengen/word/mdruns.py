"""Inline markdown as Word runs: bold, italic, strikethrough, code, line breaks and hyperlinks."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
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


_LOOKS = ("link", "code", "bold", "italic", "strike")
"""The looks of a run in the order its rPr lists them; a format inside InlineWriter is a set of their bits."""
_BITS = {look: 1 << i for i, look in enumerate(_LOOKS)}
_CODE = _BITS["code"]


def _rpr_of(looks: int) -> str:
    font = quoteattr(CODE_FONT)
    parts = (
        '<w:rStyle w:val="Hyperlink"/>' if looks & _BITS["link"] else "",
        f"<w:rFonts w:ascii={font} w:hAnsi={font} w:cs={font}/>" if looks & _CODE else "",
        "<w:b/>" if looks & _BITS["bold"] else "",
        "<w:i/>" if looks & _BITS["italic"] else "",
        "<w:strike/>" if looks & _BITS["strike"] else "",
    )
    inner = "".join(parts)
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


_RPR = tuple(_rpr_of(looks) for looks in range(1 << len(_LOOKS)))
"""The rPr XML of every combination of looks, made once."""


@functools.cache
def _looks(fmt: Format) -> int:
    return sum(bit for look, bit in _BITS.items() if getattr(fmt, look))


def _rpr(fmt: Format) -> str:
    return _RPR[_looks(fmt)]


def run(fmt: Format, text: str) -> str:
    """One `w:r` with the text in the format, tabs as `w:tab`; empty for an empty text."""
    return _run(_rpr(fmt), text)


def _run(rpr: str, text: str) -> str:
    content = "<w:tab/>".join(_t(piece) for piece in text.split("\t")) if "\t" in text else _t(text)
    return f"<w:r>{rpr}{content}</w:r>" if content else ""


def _t(text: str) -> str:
    if not text:
        return ""
    # Without xml:space Word drops leading and trailing spaces; only those texts pay for the attribute.
    preserve = text[0] == " " or text[-1] == " " or "  " in text
    space = ' xml:space="preserve"' if preserve else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


def line_break(fmt: Format) -> str:
    """A run holding one line break, in the format."""
    return _break(_rpr(fmt))


def _break(rpr: str) -> str:
    return f"<w:r>{rpr}<w:br/></w:r>"


@functools.cache
def ppr(style: str, extra: str = "") -> str:
    """Paragraph properties: the style, then any further properties."""
    return f"<w:pPr><w:pStyle w:val={quoteattr(style)}/>{extra}</w:pPr>"


class InlineWriter:
    """Runs for the children of one inline token, merging neighbouring text of the same look into one run."""

    def __init__(self, target: WordTarget, base: Format) -> None:
        self._target = target
        self._looks = _looks(base)
        self._outer: list[int] = []
        self._out: list[str] = []
        self._pending: list[str] = []
        self._pending_looks = self._looks

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
        self._add(token.content, self._looks)

    def softbreak(self, token: Token) -> None:
        self._add(" ", self._looks)

    def hardbreak(self, token: Token) -> None:
        self._flush()
        self._out.append(_break(_RPR[self._looks]))

    def code_inline(self, token: Token) -> None:
        self._add(token.content, self._looks | _CODE)

    def strong_open(self, token: Token) -> None:
        self._push(self._looks | _BITS["bold"])

    def em_open(self, token: Token) -> None:
        self._push(self._looks | _BITS["italic"])

    def s_open(self, token: Token) -> None:
        self._push(self._looks | _BITS["strike"])

    def close(self, token: Token) -> None:
        self._looks = self._outer.pop()

    def link_open(self, token: Token) -> None:
        self._flush()
        rid = self._target.link_id(str(token.attrs["href"]))
        self._out.append(f'<w:hyperlink r:id={quoteattr(rid)} w:history="1">')
        self._push(self._looks | _BITS["link"])

    def link_close(self, token: Token) -> None:
        self._flush()
        self._out.append("</w:hyperlink>")
        self.close(token)

    def _push(self, looks: int) -> None:
        self._outer.append(self._looks)
        self._looks = looks

    def _add(self, text: str, looks: int) -> None:
        if looks != self._pending_looks:
            self._flush()
            self._pending_looks = looks
        self._pending.append(text)

    def _flush(self) -> None:
        if self._pending:
            text = "".join(self._pending)
            looks = self._pending_looks
            self._out.append(_run(_RPR[looks], text if looks & _CODE else unbreakable(text)))
            self._pending = []


def unbreakable(text: str) -> str:
    """Non-breaking spaces after € and inside dates ('€ 750', '1 december 2027'), so no line ends inside them."""
    if "€" in text:
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
