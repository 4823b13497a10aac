"""Markdown from YAML text fields as WordprocessingML: paragraphs, runs, lists, tables and hyperlinks."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol
from xml.sax.saxutils import escape, quoteattr

from markdown_it import MarkdownIt
from markdown_it.token import Token

LIST_INDENT = 360
"""Indentation per list level in twips (a quarter inch); the numbering definitions use the same step."""
MAX_LIST_LEVELS = 9
"""Word numbering definitions have nine levels, w:ilvl 0 to 8."""
CODE_FONT = "Courier New"
"""Monospace font of inline code and code blocks; LibreOffice substitutes the metric-compatible Liberation Mono."""

_MD = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Most fields are one line of prose that markdown-it would hand back as one plain paragraph; skipping the parse
# for them halves the cost. No markdown punctuation, no list or code-block start, no edge whitespace.
_PLAIN_LINE = re.compile(r"[^\s\\`*_\[\]<>!#|~&+=\-\d][^\n\r\\`*_\[\]<>!#|~&]*(?<!\s)")
_TABLE_GRID_TWIPS = 9000
_FULL_WIDTH_PCT = 5000
# Only the header row takes the table style's first-row look; no banding, no special first column.
_TABLE_LOOK = (
    '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
    ' w:noHBand="0" w:noVBand="1"/>'
)
_RULE_BORDER = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
_CLOSING_XML = {
    "paragraph_close": "</w:p>",
    "heading_close": "</w:p>",
    "table_close": "</w:tbl>",
    "tr_close": "</w:tr>",
    "th_close": "</w:p></w:tc>",
    "td_close": "</w:p></w:tc>",
}
_ALIGNMENTS = {"text-align:left": "left", "text-align:center": "center", "text-align:right": "right"}
_UNSUPPORTED = {
    "image": "images are not supported in text fields",
    "html_block": "HTML is not supported in text fields",
    "html_inline": "HTML is not supported in text fields",
}
_BLOCK_NAMES = {
    "bullet_list_open": "a bullet list",
    "ordered_list_open": "a numbered list",
    "heading_open": "a heading",
    "blockquote_open": "a quote",
    "table_open": "a table",
    "hr": "a horizontal rule",
    "code_block": "a code block",
    "fence": "a code block",
}


class MarkdownError(ValueError):
    """Markdown that cannot become Word content, in plain words; the caller adds where the field is."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        """1-based line within the field's text where the problem starts, when known."""


class WordTarget(Protocol):
    """The document the XML goes into: it owns hyperlink relationships and numbering definitions."""

    def link_id(self, url: str) -> str:
        """Relationship id of an external hyperlink to `url`."""
        ...

    def bullet_num_id(self) -> int:
        """numId of the (shared) bullet list definition."""
        ...

    def new_numbered_num_id(self) -> int:
        """A new numId whose numbering starts at 1."""
        ...


def markdown_to_xml(text: str, target: WordTarget, paragraph_style: str = "BodyText") -> str:
    """Block XML (`w:p` and `w:tbl` elements, no namespace declarations) for a markdown text."""
    _check_characters(text)
    if _PLAIN_LINE.fullmatch(text):
        return f"<w:p>{_ppr(paragraph_style)}{_run(_Format(), text)}</w:p>"
    return _BlockWriter(target, paragraph_style).write(_MD.parse(text))


def inline_markdown_to_xml(text: str, target: WordTarget) -> str:
    """Only runs (and hyperlinks), for use inside an existing paragraph; block markdown is refused."""
    _check_characters(text)
    if _PLAIN_LINE.fullmatch(text):
        return _run(_Format(), text)
    tokens = _MD.parse(text)
    if not tokens:
        return ""
    if [token.type for token in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        name, line = _first_block(tokens)
        raise MarkdownError(f"{name} is not allowed here; use only bold, italic, strikethrough, code and links", line)
    return _InlineWriter(target, _Format()).write(tokens[1])


def _check_characters(text: str) -> None:
    bad = _CONTROL_CHARACTER.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise MarkdownError(
            f"the text contains control character U+{ord(bad.group()):04X}, which Word cannot store", line
        )


def _first_block(tokens: Sequence[Token]) -> tuple[str, int | None]:
    for token in tokens:
        if token.type in _BLOCK_NAMES:
            return _BLOCK_NAMES[token.type], _line(token)
    paragraphs = [token for token in tokens if token.type == "paragraph_open"]
    return "a blank line (a second paragraph)", _line(paragraphs[-1])


def _line(token: Token) -> int | None:
    return token.map[0] + 1 if token.map else None


def _unsupported(token: Token) -> MarkdownError:
    message = _UNSUPPORTED.get(token.type, f"this markdown is not supported in text fields ({token.type})")
    return MarkdownError(message, _line(token))


@dataclass(frozen=True)
class _Format:
    """How a run looks."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    link: bool = False


@functools.cache
def _rpr(fmt: _Format) -> str:
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


def _run(fmt: _Format, text: str) -> str:
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


def _break(fmt: _Format) -> str:
    return f"<w:r>{_rpr(fmt)}<w:br/></w:r>"


def _ppr(style: str, extra: str = "") -> str:
    return f"<w:pPr><w:pStyle w:val={quoteattr(style)}/>{extra}</w:pPr>"


class _InlineWriter:
    """Runs for the children of one inline token, merging neighbouring text of the same look into one run."""

    def __init__(self, target: WordTarget, base: _Format) -> None:
        self._target = target
        self._format = base
        self._outer: list[_Format] = []
        self._out: list[str] = []
        self._pending: list[str] = []
        self._pending_format = base

    def write(self, inline: Token) -> str:
        try:
            for child in inline.children or ():
                _INLINE_RULES.get(child.type, _InlineWriter.unknown)(self, child)
        except MarkdownError as error:
            raise MarkdownError(error.message, error.line or _line(inline)) from None
        self._flush()
        return "".join(self._out)

    def unknown(self, token: Token) -> None:
        raise _unsupported(token)

    def text(self, token: Token) -> None:
        self._add(token.content, self._format)

    def softbreak(self, token: Token) -> None:
        self._add(" ", self._format)

    def hardbreak(self, token: Token) -> None:
        self._flush()
        self._out.append(_break(self._format))

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

    def _push(self, fmt: _Format) -> None:
        self._outer.append(self._format)
        self._format = fmt

    def _add(self, text: str, fmt: _Format) -> None:
        if fmt != self._pending_format:
            self._flush()
            self._pending_format = fmt
        self._pending.append(text)

    def _flush(self) -> None:
        if self._pending:
            self._out.append(_run(self._pending_format, "".join(self._pending)))
            self._pending = []


_INLINE_RULES: dict[str, Callable[[_InlineWriter, Token], None]] = {
    "text": _InlineWriter.text,
    "softbreak": _InlineWriter.softbreak,
    "hardbreak": _InlineWriter.hardbreak,
    "code_inline": _InlineWriter.code_inline,
    "strong_open": _InlineWriter.strong_open,
    "strong_close": _InlineWriter.close,
    "em_open": _InlineWriter.em_open,
    "em_close": _InlineWriter.close,
    "s_open": _InlineWriter.s_open,
    "s_close": _InlineWriter.close,
    "link_open": _InlineWriter.link_open,
    "link_close": _InlineWriter.link_close,
}


class _Container(Protocol):
    """A block that decides how the paragraphs directly inside it look."""

    def paragraph_ppr(self) -> str: ...


@dataclass(frozen=True)
class _Styled:
    """The field itself or a block quote: every paragraph in it gets the same properties."""

    ppr: str

    def paragraph_ppr(self) -> str:
        return self.ppr


@dataclass
class _ListItem:
    """A list item: its first paragraph carries the number or bullet, later ones only the indentation."""

    num_id: int
    level: int
    numbered: bool = False

    def paragraph_ppr(self) -> str:
        if self.numbered:
            return _ppr("ListParagraph", f'<w:ind w:left="{LIST_INDENT * (self.level + 1)}"/>')
        self.numbered = True
        return _ppr(
            "ListParagraph", f'<w:numPr><w:ilvl w:val="{self.level}"/><w:numId w:val="{self.num_id}"/></w:numPr>'
        )


class _BlockWriter:
    """Block XML for a token stream, one method per token type like markdown-it's renderer."""

    def __init__(self, target: WordTarget, paragraph_style: str) -> None:
        self._target = target
        self._style = paragraph_style
        self._containers: list[_Container] = [_Styled(_ppr(paragraph_style))]
        self._lists: list[int] = []
        self._out: list[str] = []
        self._header = False
        self._cell_width = _FULL_WIDTH_PCT

    def write(self, tokens: Sequence[Token]) -> str:
        for index, token in enumerate(tokens):
            _BLOCK_RULES.get(token.type, _BlockWriter.unknown)(self, tokens, index)
        return "".join(self._out)

    def unknown(self, tokens: Sequence[Token], index: int) -> None:
        raise _unsupported(tokens[index])

    def paragraph_open(self, tokens: Sequence[Token], index: int) -> None:
        self._out.append(f"<w:p>{self._containers[-1].paragraph_ppr()}")

    def close(self, tokens: Sequence[Token], index: int) -> None:
        self._out.append(_CLOSING_XML[tokens[index].type])

    def heading_open(self, tokens: Sequence[Token], index: int) -> None:
        self._out.append(f"<w:p>{_ppr('Tussenkop')}")

    def inline(self, tokens: Sequence[Token], index: int) -> None:
        self._out.append(_InlineWriter(self._target, _Format(bold=self._header)).write(tokens[index]))

    def blockquote_open(self, tokens: Sequence[Token], index: int) -> None:
        self._containers.append(_Styled(_ppr("Quote")))

    def container_close(self, tokens: Sequence[Token], index: int) -> None:
        self._containers.pop()

    def bullet_list_open(self, tokens: Sequence[Token], index: int) -> None:
        self._open_list(tokens[index], self._target.bullet_num_id)

    def ordered_list_open(self, tokens: Sequence[Token], index: int) -> None:
        token = tokens[index]
        start = token.attrs.get("start", 1)
        if start != 1:
            raise MarkdownError(
                f"a numbered list must start at 1, this one starts at {start}; to begin a line with a number "
                f"and a full stop without making a list, put a backslash before the full stop: {start}\\.",
                _line(token),
            )
        self._open_list(token, self._target.new_numbered_num_id)

    def list_close(self, tokens: Sequence[Token], index: int) -> None:
        self._lists.pop()

    def list_item_open(self, tokens: Sequence[Token], index: int) -> None:
        self._containers.append(_ListItem(self._lists[-1], len(self._lists) - 1))

    def code_block(self, tokens: Sequence[Token], index: int) -> None:
        code = _Format(code=True)
        lines = tokens[index].content.removesuffix("\n").split("\n")
        runs = _break(code).join(_run(code, line) for line in lines)
        self._out.append(f"<w:p>{self._containers[-1].paragraph_ppr()}{runs}</w:p>")

    def hr(self, tokens: Sequence[Token], index: int) -> None:
        self._out.append(f"<w:p>{_ppr(self._style, _RULE_BORDER)}</w:p>")

    def table_open(self, tokens: Sequence[Token], index: int) -> None:
        columns = _column_count(tokens, index)
        self._cell_width = _FULL_WIDTH_PCT // columns
        grid = f'<w:gridCol w:w="{_TABLE_GRID_TWIPS // columns}"/>' * columns
        props = f'<w:tblStyle w:val="Tabelraster"/><w:tblW w:w="{_FULL_WIDTH_PCT}" w:type="pct"/>{_TABLE_LOOK}'
        self._out.append(f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>")

    def thead_open(self, tokens: Sequence[Token], index: int) -> None:
        self._header = True

    def thead_close(self, tokens: Sequence[Token], index: int) -> None:
        self._header = False

    def ignore(self, tokens: Sequence[Token], index: int) -> None:
        pass

    def tr_open(self, tokens: Sequence[Token], index: int) -> None:
        self._out.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if self._header else "<w:tr>")

    def cell_open(self, tokens: Sequence[Token], index: int) -> None:
        align = _ALIGNMENTS.get(str(tokens[index].attrs.get("style", "")))
        ppr = _ppr(self._style, f'<w:jc w:val="{align}"/>' if align else "")
        width = f'<w:tcW w:w="{self._cell_width}" w:type="pct"/>'
        self._out.append(f"<w:tc><w:tcPr>{width}</w:tcPr><w:p>{ppr}")

    def _open_list(self, token: Token, num_id: Callable[[], int]) -> None:
        if len(self._lists) == MAX_LIST_LEVELS:
            raise MarkdownError(f"lists are nested more than {MAX_LIST_LEVELS} levels deep", _line(token))
        self._lists.append(num_id())


def _column_count(tokens: Sequence[Token], index: int) -> int:
    count = 0
    for token in tokens[index:]:
        if token.type == "tr_close":
            break
        count += token.type == "th_open"
    return max(count, 1)


_BLOCK_RULES: dict[str, Callable[[_BlockWriter, Sequence[Token], int], None]] = {
    "paragraph_open": _BlockWriter.paragraph_open,
    "paragraph_close": _BlockWriter.close,
    "heading_open": _BlockWriter.heading_open,
    "heading_close": _BlockWriter.close,
    "inline": _BlockWriter.inline,
    "blockquote_open": _BlockWriter.blockquote_open,
    "blockquote_close": _BlockWriter.container_close,
    "bullet_list_open": _BlockWriter.bullet_list_open,
    "bullet_list_close": _BlockWriter.list_close,
    "ordered_list_open": _BlockWriter.ordered_list_open,
    "ordered_list_close": _BlockWriter.list_close,
    "list_item_open": _BlockWriter.list_item_open,
    "list_item_close": _BlockWriter.container_close,
    "code_block": _BlockWriter.code_block,
    "fence": _BlockWriter.code_block,
    "hr": _BlockWriter.hr,
    "table_open": _BlockWriter.table_open,
    "table_close": _BlockWriter.close,
    "thead_open": _BlockWriter.thead_open,
    "thead_close": _BlockWriter.thead_close,
    "tbody_open": _BlockWriter.ignore,
    "tbody_close": _BlockWriter.ignore,
    "tr_open": _BlockWriter.tr_open,
    "tr_close": _BlockWriter.close,
    "th_open": _BlockWriter.cell_open,
    "th_close": _BlockWriter.close,
    "td_open": _BlockWriter.cell_open,
    "td_close": _BlockWriter.close,
}
