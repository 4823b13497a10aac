"""Markdown from YAML text fields as WordprocessingML: paragraphs, runs, lists, tables and hyperlinks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it.token import Token

from afsprakengen.word.mdblocks import BlockWriter
from afsprakengen.word.mdparse import MarkdownError, check_characters, first_block, parse
from afsprakengen.word.mdruns import Format, InlineWriter, WordTarget, ppr, run

__all__ = ["MarkdownError", "WordTarget", "inline_markdown_to_xml", "markdown_to_xml"]

# Most fields are one line of prose that markdown-it would hand back as one plain paragraph; skipping the parse
# for them halves the cost. No markdown punctuation, no list or code-block start, no edge whitespace.
_PLAIN_LINE = re.compile(r"[^\s\\`*_\[\]<>!#|~&+=\-\d][^\n\r\\`*_\[\]<>!#|~&]*(?<!\s)")
_CACHE_LIMIT = 50_000
"""Distinct texts remembered per process; past it the memory is started afresh."""


@dataclass(frozen=True)
class _Converted:
    """A text converted once: its XML when that does not depend on the document, else its tokens."""

    xml: str | None
    tokens: list[Token] | None


_converted: dict[tuple[str, str], _Converted] = {}


def markdown_to_xml(text: str, target: WordTarget, paragraph_style: str = "BodyText") -> str:
    """Block XML (`w:p` and `w:tbl` elements, no namespace declarations) for a markdown text."""
    return _convert(text, paragraph_style, target, _blocks)


def inline_markdown_to_xml(text: str, target: WordTarget) -> str:
    """Only runs (and hyperlinks), for use inside an existing paragraph; block markdown is refused."""
    return _convert(text, "", target, _inline)


Writer = Callable[[str, str, list[Token] | None, WordTarget], str]


def _convert(text: str, style: str, target: WordTarget, write: Writer) -> str:
    """Each distinct text is parsed once per process; its XML is reused unless it holds links or lists."""
    key = (text, style if write is _blocks else "\0inline")
    known = _converted.get(key)
    if known is not None:
        return known.xml if known.xml is not None else write(text, style, known.tokens, target)
    check_characters(text)
    tokens = None if _PLAIN_LINE.fullmatch(text) else parse(text)
    spy = _Spy(target)
    xml = write(text, style, tokens, spy)
    if len(_converted) >= _CACHE_LIMIT:
        _converted.clear()
    _converted[key] = _Converted(None, tokens) if spy.used else _Converted(xml, None)
    return xml


def _blocks(text: str, style: str, tokens: list[Token] | None, target: WordTarget) -> str:
    if tokens is None:
        return f"<w:p>{ppr(style)}{run(Format(), text)}</w:p>"
    return BlockWriter(target, style).write(tokens)


def _inline(text: str, style: str, tokens: list[Token] | None, target: WordTarget) -> str:
    if tokens is None:
        return run(Format(), text)
    if not tokens:
        return ""
    if [token.type for token in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        name, line = first_block(tokens)
        raise MarkdownError(f"{name} is not allowed here; use only bold, italic, strikethrough, code and links", line)
    return InlineWriter(target, Format()).write(tokens[1])


class _Spy:
    """A WordTarget that notes whether the XML asked the document for anything (then it cannot be reused)."""

    def __init__(self, target: WordTarget) -> None:
        self._target = target
        self.used = False

    def link_id(self, url: str) -> str:
        self.used = True
        return self._target.link_id(url)

    def bullet_num_id(self) -> int:
        self.used = True
        return self._target.bullet_num_id()

    def new_numbered_num_id(self) -> int:
        self.used = True
        return self._target.new_numbered_num_id()
