"""Markdown from YAML text fields as WordprocessingML: paragraphs, runs, lists, tables and hyperlinks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it.token import Token

from afsprakengen.word.mdblocks import BlockWriter
from afsprakengen.word.mdfast import tokens as fast_tokens
from afsprakengen.word.mdparse import MarkdownError, check_characters, check_nesting, first_block, parse
from afsprakengen.word.mdruns import Format, InlineWriter, WordTarget, ppr, run, unbreakable

__all__ = ["MarkdownError", "WordTarget", "inline_markdown_to_xml", "markdown_problem", "markdown_to_xml"]

# Most fields are lines of prose that markdown-it would hand back as plain paragraphs (a paragraph's lines joined
# by a space, a blank line between paragraphs); skipping the parse for them halves the cost. Per line: no markdown
# punctuation, no list, heading or code-block start, no edge whitespace; an `&` only before a space (as in "Wonen &
# Welzijn"), where it cannot start an entity (`&amp;`, `&#38;`), so markdown-it keeps it as text.
_PLAIN_LINE = re.compile(r"[^\s\\`*_\[\]<>!#|~&+=\-\d](?:[^\n\r\\`*_\[\]<>!#|~&]|&(?= ))*(?<!\s)")
_PLAIN = Format()
_CACHE_LIMIT = 50_000
"""Distinct texts remembered per process; past it the memory is started afresh."""


@dataclass(frozen=True)
class _Converted:
    """A text converted once: its XML with a numbered slot for each id the document hands out, and those asks."""

    xml: str
    asks: tuple[tuple[str, str], ...]
    """In the order the conversion asked: ("link", url), ("bullet", ""), ("numbered", start)."""

    def for_document(self, target: WordTarget) -> str:
        """The XML with the ids this document hands out, asked in the same order as a fresh conversion would."""
        if not self.asks:
            return self.xml
        ids = [_ask(target, kind, arg) for kind, arg in self.asks]
        pieces = self.xml.split(_SLOT)
        pieces[1::2] = [ids[int(i)] for i in pieces[1::2]]
        return "".join(pieces)


_SLOT = "\0"
"""Marks a slot in cached XML; a text with a NUL character is refused before it is converted."""
_converted: dict[tuple[str, str], _Converted] = {}


def _ask(target: WordTarget, kind: str, arg: str) -> str:
    if kind == "link":
        return target.link_id(arg)
    return str(target.bullet_num_id() if kind == "bullet" else target.new_numbered_num_id(int(arg)))


def markdown_to_xml(text: str, target: WordTarget, paragraph_style: str = "BodyText") -> str:
    """Block XML (`w:p` and `w:tbl` elements, no namespace declarations) for a markdown text."""
    return _convert(text, paragraph_style, target, _blocks)


def markdown_problem(text: str) -> MarkdownError | None:
    """Why a text cannot become Word paragraphs, or None; the conversion is kept for a build in this process."""
    try:
        markdown_to_xml(text, _COUNTER)
    except MarkdownError as exc:
        return exc
    return None


def inline_markdown_to_xml(text: str, target: WordTarget) -> str:
    """Only runs (and hyperlinks), for use inside an existing paragraph; block markdown is refused."""
    return _convert(text, "", target, _inline)


Writer = Callable[[list[str], str, list[Token] | None, WordTarget], str]
"""A writer gets the plain paragraphs of a text that needs no parse, else its tokens."""


def _convert(text: str, style: str, target: WordTarget, write: Writer) -> str:
    """Each distinct text is converted once per process; a document fills in its own link and list ids."""
    key = (text, style if write is _blocks else "\0inline")
    known = _converted.get(key)
    if known is None:
        known = converted(text, style, write is _blocks, fast_tokens)
        if len(_converted) >= _CACHE_LIMIT:
            _converted.clear()
        _converted[key] = known
    return known.for_document(target)


def converted(text: str, style: str, blocks: bool, tokens_of: Callable[[str], list[Token] | None]) -> _Converted:
    """A text converted afresh, its tokens from `tokens_of` (markdown-it-py's parse where that gives None)."""
    check_characters(text)
    plain = plain_paragraphs(text) if blocks else _plain_line(text)
    tokens = None
    if plain is None:
        fast = tokens_of(text)
        tokens = fast if fast is not None else parse(text)
    recorder = _Recorder()
    xml = (_blocks if blocks else _inline)(plain or [], style, tokens, recorder)
    if tokens is not None:  # after the writer, whose own limits (lists) say more than the parser's
        check_nesting(tokens)
    return _Converted(xml, tuple(recorder.asks))


def slow_tokens(text: str) -> list[Token] | None:
    """No tokens of markdown-it-pyrs: every text that needs a parse is parsed by markdown-it-py (for tests)."""
    return None


def plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of a text of plain lines as markdown-it reads them, or None when it may hold markdown."""
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in text.split("\n"):
        if line and not _PLAIN_LINE.fullmatch(line):
            return None
        if line:
            lines.append(line)
        elif lines:
            paragraphs.append(" ".join(lines))
            lines = []
    if lines:
        paragraphs.append(" ".join(lines))
    return paragraphs


def _plain_line(text: str) -> list[str] | None:
    return [text] if _PLAIN_LINE.fullmatch(text) else None


def _blocks(plain: list[str], style: str, tokens: list[Token] | None, target: WordTarget) -> str:
    if tokens is None:
        return "".join(f"<w:p>{ppr(style)}{run(_PLAIN, unbreakable(text))}</w:p>" for text in plain)
    return BlockWriter(target, style).write(tokens)


def _inline(plain: list[str], style: str, tokens: list[Token] | None, target: WordTarget) -> str:
    if tokens is None:
        return run(_PLAIN, unbreakable(plain[0]))
    if not tokens:
        return ""
    if [token.type for token in tokens] != ["paragraph_open", "inline", "paragraph_close"]:
        name, line = first_block(tokens)
        raise MarkdownError(f"{name} is not allowed here; use only bold, italic, strikethrough, code and links", line)
    return InlineWriter(target, _PLAIN).write(tokens[1])


class _Slot(int):
    """A numbering id still to be handed out: it prints as its slot in the cached XML."""

    def __format__(self, spec: str) -> str:
        return f"{_SLOT}{int(self)}{_SLOT}"


class _Recorder:
    """A WordTarget that hands out slots and notes what each stands for, so the XML can serve every document."""

    def __init__(self) -> None:
        self.asks: list[tuple[str, str]] = []

    def link_id(self, url: str) -> str:
        return f"{_SLOT}{self._note('link', url)}{_SLOT}"

    def bullet_num_id(self) -> int:
        return _Slot(self._note("bullet", ""))

    def new_numbered_num_id(self, start: int = 1) -> int:
        return _Slot(self._note("numbered", str(start)))

    def _note(self, kind: str, arg: str) -> int:
        self.asks.append((kind, arg))
        return len(self.asks) - 1


class _Counter:
    """A WordTarget for a conversion that goes into no document (check's): it only counts what it hands out."""

    def __init__(self) -> None:
        self.handed_out = 0

    def link_id(self, url: str) -> str:
        return f"rId{self._next()}"

    def bullet_num_id(self) -> int:
        return self._next()

    def new_numbered_num_id(self, start: int = 1) -> int:
        return self._next()

    def _next(self) -> int:
        self.handed_out += 1
        return self.handed_out


_COUNTER = _Counter()
