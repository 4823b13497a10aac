"""Block markdown as Word paragraphs and tables: paragraphs, headings, quotes, lists, code, rules and tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from markdown_it.token import Token

from afsprakengen.word.mdparse import MarkdownError, token_line, unsupported
from afsprakengen.word.mdruns import Format, InlineWriter, WordTarget, line_break, ppr, run

LIST_INDENT = 360
"""Indentation per list level in twips (a quarter inch); the numbering definitions use the same step."""
MAX_LIST_LEVELS = 9
MARKDOWN_HEADING = "Kop+"
"""The style of a markdown heading until the document is put together: `Kop+1` is one level below the heading it
follows (word/outline.py makes it that Heading style); a text's own levels are kept, its skipped ones closed."""
"""Word numbering definitions have nine levels, w:ilvl 0 to 8."""

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
_BODY = Format()
_HEADER = Format(bold=True)
"""A header cell's text is bold."""
_CODE = Format(code=True)
_ALIGNMENTS = {"text-align:left": "left", "text-align:center": "center", "text-align:right": "right"}


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
            return ppr("ListParagraph", f'<w:ind w:left="{LIST_INDENT * (self.level + 1)}"/>')
        self.numbered = True
        return ppr(
            "ListParagraph", f'<w:numPr><w:ilvl w:val="{self.level}"/><w:numId w:val="{self.num_id}"/></w:numPr>'
        )


class BlockWriter:
    """Block XML for a token stream, one method per token type like markdown-it's renderer."""

    def __init__(self, target: WordTarget, paragraph_style: str) -> None:
        self._target = target
        self._style = paragraph_style
        self._containers: list[_Container] = [_Styled(ppr(paragraph_style))]
        self._lists: list[int] = []
        self._out: list[str] = []
        self._header = False
        self._cell_width = _FULL_WIDTH_PCT
        self._heading_levels: list[int] = []

    def write(self, tokens: Sequence[Token]) -> str:
        for index, token in enumerate(tokens):
            _BLOCK_RULES.get(token.type, BlockWriter.unknown)(self, tokens, index)
        return "".join(self._out)

    def unknown(self, tokens: Sequence[Token], index: int) -> None:
        raise unsupported(tokens[index])

    def paragraph_open(self, tokens: Sequence[Token], index: int) -> None:
        self._out.append(f"<w:p>{self._containers[-1].paragraph_ppr()}")

    def close(self, tokens: Sequence[Token], index: int) -> None:
        self._out.append(_CLOSING_XML[tokens[index].type])

    def heading_open(self, tokens: Sequence[Token], index: int) -> None:
        level = int(tokens[index].tag[1:])
        while self._heading_levels and self._heading_levels[-1] >= level:
            self._heading_levels.pop()
        self._heading_levels.append(level)
        self._out.append(f"<w:p>{ppr(f'{MARKDOWN_HEADING}{len(self._heading_levels)}')}")

    def inline(self, tokens: Sequence[Token], index: int) -> None:
        self._out.append(InlineWriter(self._target, _HEADER if self._header else _BODY).write(tokens[index]))

    def blockquote_open(self, tokens: Sequence[Token], index: int) -> None:
        self._containers.append(_Styled(ppr("Quote")))

    def container_close(self, tokens: Sequence[Token], index: int) -> None:
        self._containers.pop()

    def bullet_list_open(self, tokens: Sequence[Token], index: int) -> None:
        self._open_list(tokens[index], self._target.bullet_num_id)

    def ordered_list_open(self, tokens: Sequence[Token], index: int) -> None:
        token = tokens[index]
        start = int(token.attrs.get("start", 1))
        self._open_list(token, lambda: self._target.new_numbered_num_id(start))

    def list_close(self, tokens: Sequence[Token], index: int) -> None:
        self._lists.pop()

    def list_item_open(self, tokens: Sequence[Token], index: int) -> None:
        self._containers.append(_ListItem(self._lists[-1], len(self._lists) - 1))

    def code_block(self, tokens: Sequence[Token], index: int) -> None:
        lines = tokens[index].content.removesuffix("\n").split("\n")
        runs = line_break(_CODE).join(run(_CODE, line) for line in lines)
        self._out.append(f"<w:p>{self._containers[-1].paragraph_ppr()}{runs}</w:p>")

    def hr(self, tokens: Sequence[Token], index: int) -> None:
        self._out.append(f"<w:p>{ppr(self._style, _RULE_BORDER)}</w:p>")

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
        props = ppr(self._style, f'<w:jc w:val="{align}"/>' if align else "")
        width = f'<w:tcW w:w="{self._cell_width}" w:type="pct"/>'
        self._out.append(f"<w:tc><w:tcPr>{width}</w:tcPr><w:p>{props}")

    def _open_list(self, token: Token, num_id: Callable[[], int]) -> None:
        if len(self._lists) == MAX_LIST_LEVELS:
            raise MarkdownError(f"lists are nested more than {MAX_LIST_LEVELS} levels deep", token_line(token))
        self._lists.append(num_id())


def _column_count(tokens: Sequence[Token], index: int) -> int:
    count = 0
    for token in tokens[index:]:
        if token.type == "tr_close":
            break
        count += token.type == "th_open"
    return max(count, 1)


_BLOCK_RULES: dict[str, Callable[[BlockWriter, Sequence[Token], int], None]] = {
    "paragraph_open": BlockWriter.paragraph_open,
    "paragraph_close": BlockWriter.close,
    "heading_open": BlockWriter.heading_open,
    "heading_close": BlockWriter.close,
    "inline": BlockWriter.inline,
    "blockquote_open": BlockWriter.blockquote_open,
    "blockquote_close": BlockWriter.container_close,
    "bullet_list_open": BlockWriter.bullet_list_open,
    "bullet_list_close": BlockWriter.list_close,
    "ordered_list_open": BlockWriter.ordered_list_open,
    "ordered_list_close": BlockWriter.list_close,
    "list_item_open": BlockWriter.list_item_open,
    "list_item_close": BlockWriter.container_close,
    "code_block": BlockWriter.code_block,
    "fence": BlockWriter.code_block,
    "hr": BlockWriter.hr,
    "table_open": BlockWriter.table_open,
    "table_close": BlockWriter.close,
    "thead_open": BlockWriter.thead_open,
    "thead_close": BlockWriter.thead_close,
    "tbody_open": BlockWriter.ignore,
    "tbody_close": BlockWriter.ignore,
    "tr_open": BlockWriter.tr_open,
    "tr_close": BlockWriter.close,
    "th_open": BlockWriter.cell_open,
    "th_close": BlockWriter.close,
    "td_open": BlockWriter.cell_open,
    "td_close": BlockWriter.close,
}
