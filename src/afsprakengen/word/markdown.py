"""Markdown from YAML text fields as WordprocessingML: paragraphs, runs, lists, tables and hyperlinks."""

from __future__ import annotations

import re

from afsprakengen.word.mdblocks import BlockWriter
from afsprakengen.word.mdparse import MarkdownError, check_characters, first_block, parse
from afsprakengen.word.mdruns import Format, InlineWriter, WordTarget, ppr, run

__all__ = ["MarkdownError", "WordTarget", "inline_markdown_to_xml", "markdown_to_xml"]

# Most fields are one line of prose that markdown-it would hand back as one plain paragraph; skipping the parse
# for them halves the cost. No markdown punctuation, no list or code-block start, no edge whitespace.
_PLAIN_LINE = re.compile(r"[^\s\\`*_\[\]<>!#|~&+=\-\d][^\n\r\\`*_\[\]<>!#|~&]*(?<!\s)")


def markdown_to_xml(text: str, target: WordTarget, paragraph_style: str = "BodyText") -> str:
    """Block XML (`w:p` and `w:tbl` elements, no namespace declarations) for a markdown text."""
    check_characters(text)
    if _PLAIN_LINE.fullmatch(text):
        return f"<w:p>{ppr(paragraph_style)}{run(Format(), text)}</w:p>"
    return BlockWriter(target, paragraph_style).write(parse(text))


def inline_markdown_to_xml(text: str, target: WordTarget) -> str:
    """Only runs (and hyperlinks), for use inside an existing paragraph; block markdown is refused."""
    check_characters(text)
    if _PLAIN_LINE.fullmatch(text):
        return run(Format(), text)
    tokens = parse(text)
    if not tokens:
        return ""
    if [token.type for token in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        name, line = first_block(tokens)
        raise MarkdownError(f"{name} is not allowed here; use only bold, italic, strikethrough, code and links", line)
    return InlineWriter(target, Format()).write(tokens[1])
