"""The rendered body kept as text: only the blocks the passes after the render change are parsed, then spliced back.

The body of a long document is tens of megabytes of XML; parsing it into one tree and writing it out again costs
more than rendering it. When the rendered text is already exactly what lxml would write (checked: the template's
own text once, the rendered values each time) and well-formed (one parse that builds no tree), only the tables,
the headings, the contents field and the drawings are parsed, in one small document of their own, given the same
passes, and put back in their places. Whatever this cannot be sure of goes the whole-tree way (`None`).
"""

from __future__ import annotations

import bisect
import html
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from afsprakengen.word.assemble import STRICT, joined, serialize
from afsprakengen.word.fittext import fitted_table, section_width
from afsprakengen.word.toc import LEVELS
from afsprakengen.word.xml import qn

Span = tuple[int, int]
_MARK = b"<!--afsprakengen-block-->"
_NAME = r"[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?"
_TAG = rf'</{_NAME}>|<{_NAME}(?: {_NAME}="[^"<>&\x00]*(?:(?:&(?:amp|lt|gt);|\x00)[^"<>&\x00]*)*")*/?>'
_CANONICAL = re.compile(rf"(?:[^<>&]|&(?:amp|lt|gt);|{_TAG})*")
"""The template's text (each Jinja construct a NUL) as lxml writes XML: tags with single spaces and double quotes,
texts and values escaped only where they must be."""
_REFUSED = ("&#", "&quot;", "&apos;", "\r", "\t", "\n", "<!", "<?", "<w:sdt", "txbxContent", "AlternateContent")
_MAY_BE_EMPTY = re.compile(rf"<({_NAME})>\x00")
_VALUE_IN_TAG = re.compile(r"<[^<>]*\x00[^<>]*>")
_EMPTY = re.compile(rf"<({_NAME})(?: [^<>]*)?></\1>")
_TABLE_EDGE = re.compile(rb"w:tbl[ >/]")
"""A table's start or end tag, found by its name (a search for the name is fast; one for `<` is not)."""
_HEADING_PREFIX = os.path.commonprefix(list(LEVELS))  # noqa: RUF071 (the names share "Heading")
_HEADING_VALUE = re.compile(
    (
        f'"{re.escape(_HEADING_PREFIX)}(?:' + "|".join(re.escape(s[len(_HEADING_PREFIX) :]) for s in LEVELS) + ')"'
    ).encode()
)
_HEADING_MARK = b"<w:pStyle w:val="
"""A heading style's name appears only as a paragraph's style mark (else the contents may find a mark elsewhere)."""
_INSTR = re.compile(rb"<w:instrText(?: [^<>]*)?>([^<]*)</w:instrText>")
_FIELD_END = b'w:fldCharType="end"'
_HEADING_START = re.compile(rb"<w:p(?: [^<>]*)?><w:pPr>")


Finish = Callable[[etree._Element], None]
"""The passes after the render, given a w:body."""


@dataclass(frozen=True)
class Spliceable:
    """What a body source's text says of its renders: the elements a render may leave empty, whether values go
    into attribute values (then an escaped double quote cannot be told from one lxml keeps escaped)."""

    empties: frozenset[str]
    attribute_values: bool


@dataclass(frozen=True)
class Passes:
    """What the passes after the render will do to the body, as `render._document` decides from the rendered text."""

    tables: bool
    drawings: bool
    contents: bool
    grids: bool = False
    """A `{%tc %}` loop may have changed a table's cells: its grid is made again in the tree, before the fit."""


@lru_cache(maxsize=64)
def spliceable(source: str) -> Spliceable | None:
    """What a render of this body source can leave to put right, or None when its own text is not canonical."""
    from afsprakengen.word.compiled import environment

    pieces = []
    for _, kind, value in environment().lex(source):
        if kind == "data":
            pieces.append(value)
        elif not pieces or pieces[-1] != "\x00":
            pieces.append("\x00")
    text = joined("".join(pieces))
    text = text[text.find(">") + 1 :] if text.startswith("<w:body") else text
    if any(refused in text for refused in _REFUSED) or "<w:tbl " in text or _EMPTY.search(text):
        return None
    if not _CANONICAL.fullmatch(text):
        return None
    return Spliceable(frozenset(_MAY_BE_EMPTY.findall(text)), _VALUE_IN_TAG.search(text) is not None)


def spliced_document(head: bytes, inner: bytes, tail: bytes, passes: Passes, finish: Finish) -> bytes | None:
    """word/document.xml from the body's canonical content, the passes (`finish`) given only the blocks they change.

    The work is on the body's UTF-8 bytes: searching them is faster than searching the text, and they are what
    is written; the parts between the changed blocks are written from views of it, not copied first.
    """
    plan = _plan(head, inner, tail, passes)
    if plan is None:
        return None
    blocks, fitted = plan
    view = memoryview(inner)
    changed = _changed(head, tail, [view[start:end] for start, end in blocks], finish) if blocks else []
    if changed is None:
        return None
    out: list[bytes | memoryview] = [head, b"<w:body>"]
    last = 0
    for (start, end), text in sorted([*zip(blocks, changed, strict=True), *fitted.items()]):
        out += [view[last:start], text]
        last = end
    out += [view[last:], tail]
    document = b"".join(out)
    return document if _well_formed(document) else None  # a block parsed alone is whole: so is the rest as before


def canonical_inner(inner: bytes, known: Spliceable) -> bytes | None:
    """The body's content (`assemble.body_inner`) as lxml would write it: escaped quotes as lxml writes them, empty
    elements closed in their tag; None when that cannot be made sure. Parsed, it gives the same tree as `inner`."""
    if b"\r" in inner or b"\n" in inner or b"\t" in inner:
        return None
    if b"&#" in inner:
        inner = inner.replace(b"&#39;", b"'")  # lxml writes an apostrophe as it is, in texts and values alike
        if b"&#34;" in inner:
            inner = _quotes(inner) if known.attribute_values else inner.replace(b"&#34;", b'"')
        if b"&#" in inner and not _references_kept(inner):
            return None
    for name in known.empties:
        inner = inner.replace(f"<{name}></{name}>".encode(), f"<{name}/>".encode())
    return _closed(inner) if b'"></' in inner else inner


def _quotes(inner: bytes) -> bytes:
    """Each escaped double quote as lxml writes it: as it is in a text, `&quot;` in an attribute's value."""
    pieces, last = [], 0
    at = inner.find(b"&#34;")
    while at >= 0:
        pieces += [inner[last:at], b'"' if _in_text(inner, at) else b"&quot;"]
        last = at + len(b"&#34;")
        at = inner.find(b"&#34;", last)
    pieces.append(inner[last:])
    return b"".join(pieces)


def _references_kept(inner: bytes) -> bool:
    """Whether every character reference left is one lxml writes too: a tab or line end in a value, a CR in a text."""
    at = inner.find(b"&#")
    while at >= 0:
        reference = inner[at : inner.find(b";", at) + 1]
        if reference != b"&#13;" and (reference not in (b"&#9;", b"&#10;") or _in_text(inner, at)):
            return False
        at = inner.find(b"&#", at + 2)
    return True


def _in_text(inner: bytes, at: int) -> bool:
    """Whether a position is in a text (after a tag's end) rather than inside a tag (canonical XML: no `<` or `>`
    in a value or a text)."""
    return inner.rfind(b">", 0, at) > inner.rfind(b"<", 0, at)


def _closed(inner: bytes) -> bytes | None:
    """Every empty element with attributes written as lxml writes it (`<w:t a="b"/>`); None on a stray end tag."""
    pieces, last = [], 0
    at = inner.find(b'"></')
    while at >= 0:
        start = inner.rfind(b"<", 0, at)
        end_tag = b"</" + inner[start + 1 : inner.find(b" ", start)] + b">"
        if not inner.startswith(end_tag, at + 2):
            return None
        pieces += [inner[last : at + 1], b"/>"]
        last = at + 2 + len(end_tag)
        at = inner.find(b'"></', last)
    pieces.append(inner[last:])
    return b"".join(pieces)


class _Nothing:
    """A parser target that builds nothing: the parse only says whether the text is well-formed."""

    def close(self) -> None:
        return None


def _well_formed(document: bytes) -> bool:
    parser = etree.XMLParser(target=_Nothing(), huge_tree=True, resolve_entities=False, no_network=True)
    try:
        etree.fromstring(document, parser)
    except etree.XMLSyntaxError:
        return False
    return True


Plan = tuple[list[Span], dict[Span, bytes]]
"""The blocks the passes are given in the tree, and the tables fitted in their text (by span, as they come out)."""


def _plan(head: bytes, inner: bytes, tail: bytes, passes: Passes) -> Plan | None:
    """What of the body changes, and how; None when a block the passes change cannot be told apart."""
    tables = _tables(inner)
    if tables is None:
        return None
    found = _other_blocks(inner, passes, tables)
    if found is None:
        return None
    fitted: dict[Span, bytes] = {}
    if passes.tables:
        section = _section(inner)
        if section is None:
            return None
        if not passes.grids:
            fitted = _fitted_in_text(head, inner, tail, tables, found, section)
        to_fit = [span for span in tables if span not in fitted]
        found += [*to_fit, section] if to_fit else []
    blocks = _merged(found)
    return None if blocks is None else (blocks, fitted)


def _fitted_in_text(
    head: bytes, inner: bytes, tail: bytes, tables: list[Span], others: list[Span], section: Span
) -> dict[Span, bytes]:
    """The tables fittext.py can fit, fitted, by their spans: those that no other pass changes (else the tree,
    which has them anyway, fits them)."""
    width = section_width(head, inner[section[0] : section[1]], tail)
    if width is None:
        return {}
    fitted = {}
    ends = [end for _, end in others]  # in order, as the spans are (merged: none inside another)
    for start, end in tables:
        after = bisect.bisect_right(ends, start)  # the first other span that ends after this table starts
        if after < len(others) and others[after][0] < end:
            continue
        table = fitted_table(head, tail, inner[start:end], width)
        if table is not None:
            fitted[start, end] = table
    return fitted


def _other_blocks(inner: bytes, passes: Passes, tables: list[Span]) -> list[Span] | None:
    """The spans of the body's children the contents and the drawings passes change, or None when one cannot be
    told apart."""
    found: list[Span] = []
    if passes.contents:
        contents = _contents(inner, tables)
        if contents is None:
            return None
        found += contents
    if passes.drawings:
        drawings = _drawings(inner, tables)
        if drawings is None:
            return None
        found += drawings
    return _merged(found)


def _tables(inner: bytes) -> list[Span] | None:
    """The spans of the tables that are children of the body (a nested table lies inside one)."""
    spans, depth, start = [], 0, 0
    for edge in _TABLE_EDGE.finditer(inner):
        opening, closing = (
            inner[edge.start() - 1 : edge.start()] == b"<",
            inner[edge.start() - 2 : edge.start()] == b"</",
        )
        if opening and edge.group() == b"w:tbl>":
            start = edge.start() - 1 if depth == 0 else start
            depth += 1
        elif closing and edge.group() == b"w:tbl>":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                spans.append((start, edge.end()))
        elif opening or closing:
            return None  # a table tag with attributes, or an empty one
    return spans if depth == 0 else None


def _section(inner: bytes) -> Span | None:
    """The body's own w:sectPr, its last child (the text width of fitted tables comes from it)."""
    if not inner.endswith(b"</w:sectPr></w:body>"):
        return None
    start = inner.rfind(b"<w:sectPr")
    if inner[start : start + 10] not in (b"<w:sectPr>", b"<w:sectPr ") or b"sectPrChange" in inner[start:]:
        return None
    return start, len(inner) - len(b"</w:body>")


def _contents(inner: bytes, tables: list[Span]) -> list[Span] | None:
    """The contents field's paragraphs (up to the one that ends the field) and every heading the contents lists."""
    field = next((m for m in _INSTR.finditer(inner) if _is_contents(m.group(1))), None)
    if field is None:
        return []  # no contents field: the pass changes nothing
    spans = []
    for value in _HEADING_VALUE.finditer(inner):
        mark = value.start() - len(_HEADING_MARK)
        if inner[mark : value.start()] != _HEADING_MARK or inner[value.end() : value.end() + 2] != b"/>":
            return None
        span = _paragraph(inner, mark, tables, heading_at=mark)
        if span is None:
            return None
        spans.append(span)
    first = _paragraph(inner, field.start(), tables)
    end = inner.find(_FIELD_END, field.start())
    last = _paragraph(inner, end, tables) if end >= 0 else None
    if first is None or last is None or _inside(first[0], tables) or _inside(last[0], tables):
        return None
    return [*spans, (first[0], last[1])]


def _is_contents(instruction: bytes) -> bool:
    """Whether a field instruction is the contents' (as toc.py tells: its text, stripped, starts with TOC)."""
    return html.unescape(instruction.decode("utf-8")).strip().startswith("TOC")


def _drawings(inner: bytes, tables: list[Span]) -> list[Span] | None:
    """The paragraphs (or tables) that hold a drawing, whose ids are numbered in document order."""
    starts = []
    for name in re.finditer(rb"docPr", inner):
        if inner[name.start() - 4 : name.end() + 1] == b"<wp:docPr ":
            starts.append(name.start() - 4)
        elif not _in_text(inner, name.start()):
            return None  # another drawing's id, or an end tag, that the pass would number too
    spans = [_paragraph(inner, start, tables) for start in starts]
    return None if any(span is None for span in spans) else [s for s in spans if s is not None]


def _paragraph(inner: bytes, at: int, tables: list[Span], heading_at: int = -1) -> Span | None:
    """The body child around a position: its table, or its paragraph (None when that cannot be told for sure).

    With `heading_at`, the paragraph's style mark must be the first thing in its w:pPr (the mark the contents
    finds), else it cannot be told whether the mark is the paragraph's own.
    """
    table = _table_at(at, tables)
    if table is not None:
        return table
    start = _last_paragraph_start(inner, at)
    end = inner.find(b"</w:p>", at)
    if start < 0 or end < 0 or inner.find(b"</w:p>", start, at) >= 0:
        return None
    if inner.find(b"<w:p>", at, end) >= 0 or inner.find(b"<w:p ", at, end) >= 0:
        return None
    if heading_at >= 0 and not _HEADING_START.fullmatch(inner[start:heading_at]):
        return None
    return start, end + len(b"</w:p>")


def _last_paragraph_start(inner: bytes, at: int) -> int:
    """Where the last paragraph before `at` starts (-1: none), searched in growing windows back from `at`."""
    window = 1024
    while True:
        low = max(at - window, 0)
        start = max(inner.rfind(b"<w:p>", low, at), inner.rfind(b"<w:p ", low, at))
        if start >= 0 or low == 0:
            return start
        window *= 4


def _inside(at: int, tables: list[Span]) -> bool:
    return _table_at(at, tables) is not None


def _table_at(at: int, tables: list[Span]) -> Span | None:
    """The table a position is in, found by bisection (the body's tables are in order, none inside another): a
    document of thousands of tables and headings is not searched table by table for each heading."""
    index = bisect.bisect_right(tables, (at, sys.maxsize)) - 1  # the last table that starts at or before `at`
    return tables[index] if index >= 0 and tables[index][0] <= at < tables[index][1] else None


def _merged(spans: list[Span]) -> list[Span] | None:
    """The spans in order, one inside another taken as one; None when two overlap otherwise."""
    merged: list[Span] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                return None
            continue
        merged.append((start, end))
    return merged


def _changed(head: bytes, tail: bytes, texts: list[memoryview], finish: Finish) -> list[bytes] | None:
    """The blocks as the passes leave them: parsed as one body (marks between them), changed, written again."""
    marked: list[bytes | memoryview] = [head, b"<w:body>"]
    for i, text in enumerate(texts):
        marked += [_MARK, text] if i else [text]
    marked += [b"</w:body>", tail]
    try:
        root = etree.fromstring(b"".join(marked), STRICT)
    except etree.XMLSyntaxError:
        return None  # the whole tree's parse says where
    finish(root.find(qn("w:body")))
    written = serialize(root)
    opening = written.find(b"<w:body>")
    closing = written.rfind(b"</w:body>")
    if written[:opening] != head or written[closing + len(b"</w:body>") :] != tail:
        return None
    changed = written[opening + len(b"<w:body>") : closing].split(_MARK)
    return changed if len(changed) == len(texts) else None
