"""Put a rendered template together again: plain texts as Word text, parts parsed strictly, drawings and grids fixed."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree
from markupsafe import Markup, escape

from afsprakengen.word.xml import finite_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'
FIRST_DRAWING_ID = 1001
"""docxtpl numbered every drawing's wp:docPr from 1001 on; kept, so documents stay as they were."""


def _strict_parser(*, remove_blank_text: bool) -> etree.XMLParser:
    """No recovery: XML that is not well-formed is an error, never silently cut (huge_tree: no 10 MB text cap)."""
    return etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True, remove_blank_text=remove_blank_text)


STRICT = _strict_parser(remove_blank_text=False)
STRICT_NO_BLANKS = _strict_parser(remove_blank_text=True)


def text_value(value: object) -> object:
    """A plain text a template shows: escaped, a line break as a Word break and a tab as a Word tab.

    Markup (markdown already made Word XML, or template text) passes as it is; every other value is escaped here,
    also inside `{% autoescape false %}`. Runs as Jinja's `finalize`, so it sees exactly the values the template
    prints, and never the template's own text or the rendered document.
    """
    if isinstance(value, Markup):
        return value
    if type(value) is not str or ("\n" not in value and "\t" not in value):
        return escape(value)
    return Markup(str(escape(value)).replace("\n", _BREAK).replace("\t", _TAB))


def joined(rendered: str) -> str:
    """Rendered XML with the paragraph line starts of the compiled source taken out again."""
    return rendered.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")


def body_inner(pieces: Iterable[str]) -> bytes:
    """The rendered w:body's content (its own start tag left out) as UTF-8, the compiled source's paragraph line
    starts taken out (`joined`); made piece by piece, so the whole is never held as text as well."""
    encoded: list[bytes] = []
    held, started = "", False
    for piece in pieces:
        text = held + piece
        if not started:
            at = text.find(">")
            if at < 0:
                held = text
                continue
            text, started = text[at + 1 :], True
        at = text.find("\n", max(len(text) - _HELD, 0))  # where a line start may go on in the next piece
        cut = len(text) if at < 0 else at
        text, held = text[:cut], text[cut:]
        encoded.append(joined(text).encode("utf-8"))
    if not started:
        raise ValueError("the rendered body has no start tag")
    encoded.append(joined(held).encode("utf-8"))
    return b"".join(encoded)


_HELD = len("\n<w:p ") - 1
"""Characters kept back for the next piece: the most of a line start a piece can end in."""


def document_tree(head: bytes, inner: bytes, tail: bytes) -> etree._Element:
    """word/document.xml with the body's content (`body_inner`), parsed strictly; raises etree.XMLSyntaxError if it
    is not XML."""
    return etree.fromstring(b"".join((head, b"<w:body>", inner, tail)), STRICT)


def story_tree(rendered: str) -> etree._Element:
    """A rendered header or footer, parsed strictly (blank text dropped, as python-docx reads a part)."""
    return etree.fromstring(joined(rendered).encode("utf-8"), STRICT_NO_BLANKS)


def serialize(root: etree._Element) -> bytes:
    """A part's bytes as python-docx writes them."""
    return bytes(etree.tostring(root, encoding="UTF-8", standalone=True))


def number_drawings(root: etree._Element) -> None:
    """Give every drawing a unique id, in document order."""
    for number, doc_pr in enumerate(root.iter(_DOCPR), start=FIRST_DRAWING_ID):
        doc_pr.set("id", str(number))


def fit_table_grids(root: etree._Element) -> None:
    """Make each table's grid match its widest row (a `{%tc for %}` loop adds or removes cells), keeping its width."""
    for table in root.iter(f"{{{W}}}tbl"):
        grid = table.find(f"{{{W}}}tblGrid")
        if grid is not None:
            _fit_grid(table, grid)


def _fit_grid(table: etree._Element, grid: etree._Element) -> None:
    columns = grid.findall(f"{{{W}}}gridCol")
    rows = list(table.iter(f"{{{W}}}tr"))
    most_cells = max((len(row.findall(f"{{{W}}}tc")) for row in rows), default=0)
    if most_cells > len(columns):
        _widen(grid, columns, most_cells - len(columns))
        columns = grid.findall(f"{{{W}}}gridCol")
    if len(columns) > most_cells:
        spans = max((_spans(row) for row in rows), default=0)
        if len(columns) > spans:
            _narrow(grid, columns, len(columns) - spans)


def _width(column: etree._Element) -> float:
    """A grid column's width in twips; 0 for one that is no finite number (a template's `x` or `inf`)."""
    return finite_number(column.get(f"{{{W}}}w"))


def _widen(grid: etree._Element, columns: list[etree._Element], extra: int) -> None:
    width = sum(_width(c) for c in columns)
    if width <= 0:
        return
    old_average, new_average = width / len(columns), width / (len(columns) + extra)
    for column in columns:
        column.set(f"{{{W}}}w", str(int(_width(column) * new_average / old_average)))
    for _ in range(extra):
        etree.SubElement(grid, f"{{{W}}}gridCol", {f"{{{W}}}w": str(int(new_average))})


def _narrow(grid: etree._Element, columns: list[etree._Element], surplus: int) -> None:
    removed = sum(_width(c) for c in columns[-surplus:])
    for column in columns[-surplus:]:
        grid.remove(column)
    left = grid.findall(f"{{{W}}}gridCol")
    extra = int(removed / len(left)) if left else 0
    for column in left:
        column.set(f"{{{W}}}w", str(int(_width(column) + extra)))


def _spans(row: etree._Element) -> int:
    """The grid columns a row's cells take (a cell with w:gridSpan takes more than one)."""
    total = 0
    for cell in row.findall(f"{{{W}}}tc"):
        span = cell.find(f"{{{W}}}tcPr/{{{W}}}gridSpan")
        value = span.get(f"{{{W}}}val") if span is not None else None
        total += int(value) if value and value.isdigit() else 1
    return total
