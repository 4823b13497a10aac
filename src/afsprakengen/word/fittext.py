"""A table fitted in its canonical text: the widths word/fit.py gives it, without parsing its rows.

A table of the body whose text splice.py has made canonical (as lxml writes it), with no table inside it and rows
of a strict shape (cells of paragraphs of runs of texts, tabs and breaks; properties made of empty elements, at
most one level deep) has its runs read and its cells' widths written by regular expressions: a plain table's
paragraphs as one text each (`fit._plain`), any other's run by run with their sizes (`fit._runs`). Its properties
and grid are parsed alone and fitted by fit.py itself. Any other table: None (fitted in the tree).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from afsprakengen.word.assemble import STRICT, serialize
from afsprakengen.word.fit import (
    DEFAULT_SIZE,
    TCW_AFTER_FIRST,
    W,
    layout,
    points,
    set_frame,
    span_count,
    table_frame,
    text_width,
)
from afsprakengen.word.widths import ColumnNeed, need_of, need_of_text, share, widest

_A = rb'(?: [^<>]*")?'
"""A canonical tag's attributes: none, or a space, the attributes, and the closing quote of the last."""
_NAME = rb"w:(?!(?:t|r|p|tbl|tc|tr|hyperlink)[ />])[A-Za-z]+"
"""An element that is no text, run, paragraph, table, cell, row or hyperlink."""
_EMPTY = rb"<" + _NAME + _A + rb"/>"
_PROP = _EMPTY + rb"|<" + _NAME + _A + rb">(?:" + _EMPTY + rb")*</w:[A-Za-z]+>"
_PROPS = rb"(?:" + _PROP + rb")*"
_TEXT = rb'<w:t(?: xml:space="preserve")?>[^<]*</w:t>|<w:t(?: xml:space="preserve")?/>'
_RUN = (
    rb"<w:r"
    + _A
    + rb">(?:<w:rPr>"
    + _PROPS
    + rb"</w:rPr>)?(?:"
    + _TEXT
    + rb"|"
    + _EMPTY
    + rb")*</w:r>|<w:r"
    + _A
    + rb"/>"
)
_LINK = rb"<w:hyperlink" + _A + rb">(?:" + _RUN + rb")*</w:hyperlink>"
_PARAGRAPH = rb"<w:p" + _A + rb">(?:<w:pPr>" + _PROPS + rb"</w:pPr>)?(?:" + _RUN + rb"|" + _LINK + rb"|" + _EMPTY
_PARAGRAPH += rb")*</w:p>|<w:p" + _A + rb"/>"
_ROW_ITEM = re.compile(
    rb"<w:tc><w:tcPr>(<w:tcW"
    + _A
    + rb"/>)</w:tcPr><w:p"
    + _A
    + rb">(?:<w:pPr>"
    + _PROPS
    + rb"</w:pPr>)?<w:r"
    + _A
    + rb">(?:<w:rPr>("
    + _PROPS
    + rb')</w:rPr>)?<w:t(?: xml:space="preserve")?>([^<]*)</w:t></w:r></w:p></w:tc>'
    rb"|(<w:tr" + _A + rb">(?:<w:trPr>" + _PROPS + rb"</w:trPr>)?)"
    rb"|<w:tc>(?:<w:tcPr>(" + _PROPS + rb")</w:tcPr>)?((?:" + _PARAGRAPH + rb")+)</w:tc>"
    rb"|(</w:tr>)"
)
"""The rows one item at a time: a cell of one width and one text (its width, its run's properties, its text: most
cells, read at once), a row's start, any other cell (its properties' content, its paragraphs), a row's end."""
_SIMPLE_CELL, _ROW_START, _CELL_ITEM, _ROW_END = 3, 4, 6, 7
"""The last group each kind of _ROW_ITEM matches (`Match.lastindex`)."""
_CELL_PROPERTIES = 5
_PROP_ITEM = re.compile(rb"<w:([A-Za-z]+)(?:" + _A + rb"/>|" + _A + rb">(?:" + _EMPTY + rb")*</w:[A-Za-z]+>)")
_ONLY_TCW = re.compile(rb"<w:tcW" + _A + rb"/>")
_TEXT_OR_END = re.compile(rb'<w:t(?: xml:space="preserve")?>([^<]*)</w:t>|(</w:p>|<w:p' + _A + rb"/>)")
"""A text or a paragraph's end: in a cell's paragraphs, only the paragraphs hold texts."""
_VAL = re.compile(rb' w:val="([^"]*)"')
_REFUSED = re.compile(rb"xmlns|&#")
"""A namespace declared, a character reference."""
_SIZED = re.compile(rb"<w:(?:sz|tab|br|cr)[ />]")
"""A size, tab or break: the table is not plain (`fit._plain`), its runs are measured one by one."""
_RUN_PIECE = re.compile(
    rb"<w:pPr>" + _PROPS + rb"</w:pPr>"  # skipped: its tab stops and its mark's size are no run's
    rb"|(<w:r" + _A + rb">)|(<w:r" + _A + rb"/>|</w:r>)|<w:rPr>(" + _PROPS + rb")</w:rPr>"
    rb'|<w:t(?: xml:space="preserve")?>([^<]*)</w:t>|(<w:(?:tab|br|cr)' + _A + rb"/>)|(</w:p>|<w:p" + _A + rb"/>)"
)
"""In a paragraph: a run's start, its end (or an empty run), its properties, a text, a tab or break, the end."""
_RUN_START, _RUN_END, _RUN_PROPERTIES, _RUN_TEXT, _RUN_SPACE, _PARAGRAPH_END = range(1, 7)
_W_DECLARED = f'xmlns:w="{W}"'.encode()


Cell = tuple[int, int, bytes, bytes, int, int]
"""A cell: where its w:tcW goes in the rows (replacing start:end) with what around it, its first grid column and
the columns it spans."""


def section_width(head: bytes, section: bytes, tail: bytes) -> int | None:
    """The text width (`fit.text_width`) the body's own w:sectPr gives, from that block alone (None when it is not
    well-formed: the whole tree's parse says where)."""
    root = _parsed(b"".join((head, b"<w:body>", section, b"</w:body>", tail)))
    return None if root is None else text_width(root[0] if len(root) else root)


def _parsed(document: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(document, STRICT)
    except etree.XMLSyntaxError:
        return None


def fitted_table(head: bytes, tail: bytes, table: bytes, width: int) -> bytes | None:
    """The table (`<w:tbl>…</w:tbl>`, a child of the body) as fit.py leaves it in a body of this text width, or
    None when its text is not of the shape read here."""
    if _W_DECLARED not in head or table.count(b"<w:tbl>") != 1 or _REFUSED.search(table):
        return None
    rows_at = _rows_start(table)
    rows = table[rows_at : -len(b"</w:tbl>")]
    cells, needs_of = _cells(rows, _SIZED.search(table) is None)
    if cells is None:
        return None
    root = _parsed(b"".join((head, b"<w:body>", table[:rows_at], b"</w:tbl></w:body>", tail)))
    if root is None:
        return None
    frame_table = root[0][0]
    frame = None if layout(frame_table) == "fixed" else table_frame(frame_table, width)
    if frame is None:
        return table  # fit.py leaves it as it is
    widths = share(needs_of(len(frame.columns), frame.padding), frame.total)
    set_frame(frame_table, frame, widths)
    written = serialize(root)
    start, end = head + b"<w:body>", b"</w:tbl></w:body>" + tail
    if not written.startswith(start) or not written.endswith(end):
        return None
    return b"".join((written[len(start) : -len(end)], _with_widths(rows, cells, widths), b"</w:tbl>"))


def _rows_start(table: bytes) -> int:
    """Where the first row starts (or the table's end, for a table of no rows)."""
    starts = [at for at in (table.find(b"<w:tr>"), table.find(b"<w:tr ")) if at >= 0]
    return min(starts) if starts else len(table) - len(b"</w:tbl>")


def _cells(rows: bytes, plain: bool) -> tuple[list[Cell] | None, NeedsOf]:
    """Every cell of the rows (None when the rows are not of the shape read here) and how to measure them."""
    cells: list[Cell] = []
    texts: list[tuple[int, bytes]] = []
    runs: list[tuple[int, Runs]] = []
    at, first, in_row = 0, 0, False
    for item in _ROW_ITEM.finditer(rows):
        if item.start() != at:
            return None, _NO_NEEDS
        at = item.end()
        kind = item.lastindex
        if kind == _SIMPLE_CELL and in_row:
            cells.append((item.start(1), item.end(1), b"", b"", first, 1))
            if plain:
                texts.append((first, item.group(3)))
            else:
                runs.append((first, ((_unescaped(item.group(3)), _run_size(item.group(2))),)))
            first += 1
        elif kind == _CELL_ITEM and in_row:
            cell = _cell(item, first)
            if cell is None or (cell[5] == 1 and not _measured(rows, item.span(_CELL_ITEM), first, plain, texts, runs)):
                return None, _NO_NEEDS
            cells.append(cell)
            first += cell[5]
        elif kind in (_SIMPLE_CELL, _CELL_ITEM) or in_row == (kind == _ROW_START):
            return None, _NO_NEEDS  # a cell outside a row, a row inside a row, an end without a start
        else:
            in_row, first = not in_row, 0
    if at != len(rows) or in_row:
        return None, _NO_NEEDS
    return cells, (_plain_needs(texts) if plain else _run_needs(runs))


def _measured(
    rows: bytes,
    span: tuple[int, int],
    first: int,
    plain: bool,
    texts: list[tuple[int, bytes]],
    runs: list[tuple[int, Runs]],
) -> bool:
    """A cell's paragraphs added to what is measured; False for a tab or break outside a run."""
    if plain:
        texts.extend((first, text) for text in _paragraph_texts(rows, *span))
        return True
    found = _paragraph_runs(rows, *span)
    if found is None:
        return False
    runs.extend((first, paragraph) for paragraph in found)
    return True


def _paragraph_texts(rows: bytes, start: int, end: int) -> list[bytes]:
    """Each paragraph's texts joined, as `itertext` of its w:t elements gives them (as UTF-8, escaped)."""
    texts: list[bytes] = []
    parts: list[bytes] = []
    for text, paragraph_end in _TEXT_OR_END.findall(rows, start, end):
        if paragraph_end:
            texts.append(parts[0] if len(parts) == 1 else b"".join(parts))
            parts = []
        else:
            parts.append(text)
    return texts


def _cell(item: re.Match[bytes], first: int) -> Cell | None:
    """Where a cell's width goes (as fit._set_tcw puts it) and its span; None for a w:tcW that is not empty."""
    content = item.group(_CELL_PROPERTIES)
    if content is None:  # no w:tcPr: one is made, holding the width
        at = item.start() + len(b"<w:tc>")
        return (at, at, b"<w:tcPr>", b"</w:tcPr>", first, 1)
    at = item.start(_CELL_PROPERTIES)
    if _ONLY_TCW.fullmatch(content):
        return (at, item.end(_CELL_PROPERTIES), b"", b"", first, 1)
    tc_w = span = None
    later = cnf_style_end = -1
    for index, prop in enumerate(_PROP_ITEM.finditer(content)):
        name = prop.group(1).decode("ascii")
        if name == "tcW" and tc_w is None:
            tc_w = prop
        elif name == "gridSpan" and span is None:
            span = prop
        if later < 0 and name in TCW_AFTER_FIRST:
            later = prop.start()
        if index == 0 and name == "cnfStyle":
            cnf_style_end = prop.end()
    count = span_count(_value(span.group(0)) if span is not None else None)
    if tc_w is not None:
        if not tc_w.group(0).endswith(b"/>"):
            return None
        return (at + tc_w.start(), at + tc_w.end(), b"", b"", first, count)
    where = at + (later if later >= 0 else max(cnf_style_end, 0))  # before what follows it, after a cnfStyle
    return (where, where, b"", b"", first, count)


def _value(tag: bytes) -> str | None:
    """The w:val of an element's start tag."""
    found = _VAL.search(tag, 0, tag.find(b">") + 1)
    return found.group(1).decode("utf-8") if found else None


def _unescaped(text: bytes) -> str:
    decoded = text.decode("utf-8")
    if "&" not in decoded:
        return decoded
    return decoded.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")  # canonical: only these three


NeedsOf = Callable[[int, int], list[ColumnNeed]]
"""The needs of a table's grid columns, given their number and the cells' padding."""
Runs = tuple[tuple[str, float], ...]


def _plain_needs(texts: list[tuple[int, bytes]]) -> NeedsOf:
    def needs(count: int, padding: int) -> list[ColumnNeed]:
        """As fit._needs measures a plain table: each paragraph's texts joined, the most per column."""
        measured = (
            (first, need_of_text(_unescaped(text), DEFAULT_SIZE, padding)) for first, text in texts if first < count
        )
        return widest(count, measured)

    return needs


def _run_needs(runs: list[tuple[int, Runs]]) -> NeedsOf:
    def needs(count: int, padding: int) -> list[ColumnNeed]:
        """As fit._needs measures a table by its runs (`fit._runs`), the most per column."""
        return widest(count, ((first, need_of(paragraph, padding)) for first, paragraph in runs if first < count))

    return needs


def _paragraph_runs(rows: bytes, start: int, end: int) -> list[Runs] | None:
    """The runs of each paragraph of a cell (rows[start:end]), as `fit._runs` reads them."""
    paragraphs: list[Runs] = []
    runs: list[tuple[str, float]] = []
    text: list[bytes] = []
    size, in_run = DEFAULT_SIZE, False
    for piece in _RUN_PIECE.finditer(rows, start, end):
        kind = piece.lastindex
        if kind in (_RUN_START, _RUN_END):
            if in_run:
                runs.append((_unescaped(b"".join(text)), size))
            in_run, text, size = kind == _RUN_START, [], DEFAULT_SIZE
            if piece.group(0).endswith(b"/>"):  # an empty run
                runs.append(("", DEFAULT_SIZE))
        elif kind == _PARAGRAPH_END:
            paragraphs.append(tuple(runs))
            runs = []
        elif not in_run and kind is not None:
            return None  # a tab or break outside a run (properties and texts are a run's by the rows' shape)
        elif kind == _RUN_PROPERTIES:
            size = _run_size(piece.group(_RUN_PROPERTIES))
        elif kind == _RUN_TEXT:
            text.append(piece.group(_RUN_TEXT))
        elif kind == _RUN_SPACE:
            text.append(b" ")
    return paragraphs


def _run_size(properties: bytes | None) -> float:
    """The point size of a run by its properties' first w:sz (`fit._runs`), the default size without one."""
    if properties is None or b"<w:sz" not in properties:
        return DEFAULT_SIZE
    for prop in _PROP_ITEM.finditer(properties):
        if prop.group(1) == b"sz":
            return points(_value(prop.group(0)))
    return DEFAULT_SIZE


def _no_needs(count: int, padding: int) -> list[ColumnNeed]:
    return []


_NO_NEEDS: NeedsOf = _no_needs


def _with_widths(rows: bytes, cells: list[Cell], widths: list[int]) -> bytes:
    """The rows with each cell's w:tcW set to the width of its columns (as fit._set_tcw sets it)."""
    tags: dict[tuple[int, int], bytes] = {}
    pieces: list[bytes] = []
    last = 0
    for start, end, before, after, first, span in cells:
        tag = tags.get((first, span))
        if tag is None:
            width = sum(widths[first : first + span])
            tag = tags[first, span] = b'<w:tcW w:w="%d" w:type="dxa"/>' % width
        pieces += (rows[last:start], before, tag, after)
        last = end
    pieces.append(rows[last:])
    return b"".join(pieces)
