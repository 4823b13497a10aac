"""The one markdown parser of text fields (CommonMark with tables and strikethrough) and what its tokens tell."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
_MAX_NESTING = int(_PARSER.options["maxNesting"])
"""The parser's nesting limit: the content of a quote or list item opened at the last level is skipped."""
_RECURSING = frozenset({"blockquote_open", "list_item_open"})
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
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


def parse(text: str) -> list[Token]:
    """The token stream of a text field, from the parser every reader of text fields shares."""
    return _PARSER.parse(text)


def check_nesting(tokens: Sequence[Token]) -> None:
    """Refuse a text nested deeper than the parser follows: it drops the text inside without a word."""
    for token in tokens:
        if token.level >= _MAX_NESTING - 1 and token.type in _RECURSING:
            raise MarkdownError(
                f"quotes and lists are nested more than {_MAX_NESTING - 1} levels deep (a list counts as two "
                "levels), and the text inside would be lost",
                token_line(token),
            )


def check_characters(text: str) -> None:
    """Refuse a text with a control character, which Word cannot store."""
    bad = _CONTROL_CHARACTER.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise MarkdownError(
            f"the text contains control character U+{ord(bad.group()):04X}, which Word cannot store", line
        )


def first_block(tokens: Sequence[Token]) -> tuple[str, int | None]:
    """The name and line of the first block in a text that may hold only one paragraph."""
    for token in tokens:
        if token.type in _BLOCK_NAMES:
            return _BLOCK_NAMES[token.type], token_line(token)
    paragraphs = [token for token in tokens if token.type == "paragraph_open"]
    return "a blank line (a second paragraph)", token_line(paragraphs[-1])


def token_line(token: Token) -> int | None:
    """The 1-based line where a block token starts, when the parser knows it."""
    return token.map[0] + 1 if token.map else None


def unsupported(token: Token) -> MarkdownError:
    """The error for a token that Word content cannot show."""
    message = _UNSUPPORTED.get(token.type, f"this markdown is not supported in text fields ({token.type})")
    return MarkdownError(message, token_line(token))
