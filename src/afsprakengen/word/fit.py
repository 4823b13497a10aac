"""Tables sized to their rendered content: widths from the cell texts, then a fixed layout Word and LibreOffice keep.

A table a template leaves to automatic layout (no `w:tblLayout w:type="fixed"`) gets, after the render, column
widths from its own texts (word/widths.py); a table with a fixed layout keeps the widths its author gave it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from afsprakengen.word.widths import ColumnNeed, need_of, need_of_text, share, widest
from afsprakengen.word.xml import finite_number, whole_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
DEFAULT_SIZE = 10.5
"""Point size of a run that does not set one: the house style's body text."""
DEFAULT_PADDING = 170
"""Left and right cell padding in twips of the house table style (85 each) when the table sets none."""
DEFAULT_TEXT_WIDTH = 9071
"""Text width in twips of an A4 page with 2.5 cm margins, when the document has no section properties."""
_TBLW_BEFORE = ("jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")
_LAYOUT_BEFORE = ("tblCellMar", "tblLook", "tblCaption", "tblDescription")
Cell = tuple[etree._Element, etree._Element | None, etree._Element | None, int, int]
"""A cell, its w:tcPr and that one's w:tcW (None when missing), its first grid column and the columns it spans."""


def fit_tables(body: etree._Element) -> None:
    """Give every automatic table in the body widths that follow its content, outer tables before nested ones."""
    width = text_width(body)
    for table in body.iter(_TBL):
        if layout(table) != "fixed":
            _fit(table, width)


def _fit(table: etree._Element, text_width: int) -> None:
    frame = table_frame(table, text_width)
    if frame is None:
        return
    cells = _table_cells(table)
    widths = share(_needs(cells, len(frame.columns), frame.padding, table), frame.total)
    set_frame(table, frame, widths)
    for cell, tc_pr, tc_w, first, span in cells:
        _set_tcw(cell, tc_pr, tc_w, str(sum(widths[first : first + span])))


@dataclass(frozen=True)
class Frame:
    """What an automatic table's widths are shared within: its grid columns, its width, its cells' padding."""

    columns: list[etree._Element]
    total: int
    padding: int


def table_frame(table: etree._Element, text_width: int) -> Frame | None:
    """The frame of a table to fit; None when it has no grid or no width (then it is left as it is)."""
    grid = table.find(f"{_W}tblGrid")
    columns = grid.findall(f"{_W}gridCol") if grid is not None else []
    total = _table_width(table, _room(table, text_width), columns)
    if not columns or total <= 0:
        return None
    return Frame(columns, total, _padding(table))


def set_frame(table: etree._Element, frame: Frame, widths: list[int]) -> None:
    """The grid columns given their widths, the table its width and a fixed layout (its cells are not touched)."""
    for column, width in zip(frame.columns, widths, strict=True):
        column.set(_W_W, str(width))
    tbl_pr = _child(table, "tblPr", ())
    _set(tbl_pr, "tblW", _TBLW_BEFORE, {"w": str(frame.total), "type": "dxa"})
    _set(tbl_pr, "tblLayout", _LAYOUT_BEFORE, {"type": "fixed"})


def span_count(value: str | None) -> int:
    """The grid columns a cell spans by its w:gridSpan value (1 when it has none or no whole number)."""
    return whole_number(value, 1)


TCW_AFTER_FIRST = ("gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "vAlign", "hideMark")


def _set_tcw(cell: etree._Element, tc_pr: etree._Element | None, tc_w: etree._Element | None, width: str) -> None:
    """A cell's w:tcW set to `width` twips (dxa); its w:tcPr made first when it has none."""
    if tc_w is None:
        tc_pr = _child(cell, "tcPr", ()) if tc_pr is None else tc_pr
        _set(tc_pr, "tcW", TCW_AFTER_FIRST, {"w": width, "type": "dxa"})
        return
    tc_w.attrib.clear()
    tc_w.set(_W_W, width)
    tc_w.set(_W_TYPE, "dxa")


def _needs(cells: list[Cell], count: int, padding: int, table: etree._Element) -> list[ColumnNeed]:
    """Per grid column the most its single-column cells need (cells over more columns are left out)."""
    measure = _measure_of(table)
    return widest(
        count,
        (
            (first, measure(paragraph, padding))
            for cell, _, _, first, span in cells
            if span == 1 and first < count
            for paragraph in cell.iterchildren(_P)
        ),
    )


Measure = Callable[[etree._Element, int], ColumnNeed]
"""The need of a paragraph in a cell with this padding."""


def _measure_of(table: etree._Element) -> Measure:
    """How to measure the table's paragraphs: the tree walk where only it keeps the order, else the fastest that
    gives the same need."""
    if _RUN_IN_RUN(table):
        return _tree_need
    if _plain(table):
        return _plain_need
    return _tree_need if _CROWDED(table) else _pieced_need


def _plain(table: etree._Element) -> bool:
    """No size, tab or break anywhere in the table (a tab stop counts too), and every text in a run."""
    return next(table.iter(*_NOT_PLAIN), None) is None and all(t.getparent().tag == _R for t in table.iter(_T))


def _tree_need(paragraph: etree._Element, padding: int) -> ColumnNeed:
    return need_of(_runs(paragraph), padding)


def _pieced_need(paragraph: etree._Element, padding: int) -> ColumnNeed:
    return need_of(_pieced_runs(paragraph), padding)


def _plain_need(paragraph: etree._Element, padding: int) -> ColumnNeed:
    """The need of a paragraph in a plain table (`_plain`): its texts measured as one run of the default size.

    Measuring the texts of runs of one size one after the other is measuring them joined (`widths.need_of`).
    """
    return need_of_text("".join(paragraph.itertext(_T, with_tail=False)), DEFAULT_SIZE, padding)


def _runs(paragraph: etree._Element) -> list[tuple[str, float]]:
    """A paragraph's texts with their point sizes (hyperlinks and other wrappers looked through)."""
    runs = []
    for run in paragraph.iter(_R):
        size = run.find(_RPR_SZ)
        value = size.get(_W_VAL) if size is not None else None
        text = "".join((t.text or "") if t.tag == _T else " " for t in run.iterchildren(*_TEXTS))
        runs.append((text, points(value)))
    return runs


def points(value: str | None) -> float:
    """The point size of a w:sz value (half points), or the default size when it is not a whole number."""
    half_points = whole_number(value, -1)
    return half_points / 2 if half_points >= 0 else DEFAULT_SIZE


def _pieced_runs(paragraph: etree._Element) -> list[tuple[str, float]]:
    """`_runs` from one search in C: the runs, each followed by its size and texts (no run inside another)."""
    runs: list[tuple[str, float]] = []
    sized = False
    for piece in _PIECES(paragraph):
        if isinstance(piece, str):
            text, size = runs[-1]
            if piece.is_attribute:  # type: ignore[attr-defined]
                if not sized:
                    runs[-1], sized = (text, points(piece)), True
            elif not piece.is_tail:  # type: ignore[attr-defined]
                runs[-1] = (text + piece, size)  # the w:t's own text, as `t.text`
        elif piece.tag == _R:
            runs.append(("", DEFAULT_SIZE))
            sized = False
        else:
            runs[-1] = (runs[-1][0] + " ", runs[-1][1])
    return runs


_XPATH_NS = {"w": W}
_MOST_PIECES = 200
_PIECES = etree.XPath(
    ".//w:r | .//w:r/w:rPr[w:sz][1]/w:sz[1]/@w:val | .//w:r/w:t/text() | .//w:r/w:tab | .//w:r/w:br | .//w:r/w:cr",
    namespaces=_XPATH_NS,
)
"""A paragraph's runs in document order, each followed by its first size (`rPr/sz`) and its texts and breaks."""
_RUN_IN_RUN = etree.XPath("boolean(.//w:r//w:r)", namespaces=_XPATH_NS)
"""A run inside a run (a text box): only the tree walk keeps the order of their texts."""
_CROWDED = etree.XPath(f"boolean(.//w:p[count(.//w:r) + count(.//w:r/*) > {_MOST_PIECES}])", namespaces=_XPATH_NS)
"""A paragraph with many runs or texts, which `_PIECES` would merge in quadratic time (libxml2 merges a union's
sets pairwise)."""


_TBL, _P, _R, _T, _TC, _TR = (f"{_W}{name}" for name in ("tbl", "p", "r", "t", "tc", "tr"))
_TCPR, _TCW, _GRIDSPAN, _RPR_SZ = f"{_W}tcPr", f"{_W}tcW", f"{_W}gridSpan", f"{_W}rPr/{_W}sz"
_W_W, _W_TYPE, _W_VAL = f"{_W}w", f"{_W}type", f"{_W}val"
_TEXTS = (_T, f"{_W}tab", f"{_W}br", f"{_W}cr")
_NOT_PLAIN = (f"{_W}sz", *_TEXTS[1:])


def _table_cells(table: etree._Element) -> list[Cell]:
    """Each cell of the table's rows with its w:tcPr and w:tcW, first grid column and column span."""
    cells: list[Cell] = []
    for row in table.iterchildren(_TR):
        first = 0
        for cell in row.iterchildren(_TC):
            tc_pr = _first_child(cell, _TCPR)
            tc_w, span = (None, None) if tc_pr is None else _width_and_span(tc_pr)
            count = span_count(span.get(_W_VAL) if span is not None else None)
            cells.append((cell, tc_pr, tc_w, first, count))
            first += count
    return cells


def _first_child(parent: etree._Element, tag: str) -> etree._Element | None:
    """`parent.find(tag)`, without the search when the child is first, where the schema puts a w:tcPr."""
    if len(parent) and parent[0].tag == tag:
        return parent[0]
    return parent.find(tag)


def _width_and_span(tc_pr: etree._Element) -> tuple[etree._Element | None, etree._Element | None]:
    """A w:tcPr's first w:tcW and first w:gridSpan (`find` of each), from one pass over its few children."""
    tc_w = span = None
    for child in tc_pr.iterchildren(_TCW, _GRIDSPAN):
        if child.tag == _TCW:
            tc_w = child if tc_w is None else tc_w
        elif span is None:
            span = child
    return tc_w, span


def layout(table: etree._Element) -> str | None:
    """The table's layout type (`fixed`, `autofit`), None when it sets none."""
    found = table.find(f"{_W}tblPr/{_W}tblLayout")
    return found.get(f"{_W}type") if found is not None else None


def _table_width(table: etree._Element, room: int, columns: list[etree._Element]) -> int:
    """The width the table takes: its percentage of the room, its own width, or its grid's (at most the room)."""
    width = table.find(f"{_W}tblPr/{_W}tblW")
    kind = width.get(f"{_W}type") if width is not None else None
    value = (width.get(f"{_W}w") or "").rstrip("%") if width is not None else ""
    if kind == "pct" and value.isascii() and value.replace(".", "", 1).isdigit():
        share_of = float(value) / 100 if "%" in (width.get(f"{_W}w") or "") else float(value) / 5000
        return int(room * min(share_of, 1.0))
    if kind == "dxa" and value.isascii() and value.isdigit() and int(value) > 0:
        return min(int(value), room)
    grid = sum(_twips(c.get(f"{_W}w")) for c in columns)
    return min(grid, room) if grid > 0 else room


def _room(table: etree._Element, text_width: int) -> int:
    """The width there is for a table: the page's text width, or inside a cell that cell's width less padding."""
    cell = table.getparent()
    if cell is None or cell.tag != f"{_W}tc":
        return text_width
    width = cell.find(f"{_W}tcPr/{_W}tcW")
    if width is None or width.get(f"{_W}type") != "dxa":
        return text_width
    return max(_twips(width.get(f"{_W}w")) - DEFAULT_PADDING, 0)


def _padding(table: etree._Element) -> int:
    margins = table.find(f"{_W}tblPr/{_W}tblCellMar")
    if margins is None:
        return DEFAULT_PADDING
    sides = [margins.find(f"{_W}{side}") for side in ("left", "start", "right", "end")]
    return sum(_twips(s.get(f"{_W}w")) for s in sides if s is not None) or DEFAULT_PADDING


def text_width(body: etree._Element) -> int:
    """The text width of the body's last section: page width less the left and right margins."""
    section = body[-1] if len(body) and body[-1].tag == f"{_W}sectPr" else body.find(f"{_W}sectPr")
    if section is None:
        return DEFAULT_TEXT_WIDTH
    size, margins = section.find(f"{_W}pgSz"), section.find(f"{_W}pgMar")
    if size is None or margins is None:
        return DEFAULT_TEXT_WIDTH
    width = _twips(size.get(f"{_W}w")) - _twips(margins.get(f"{_W}left")) - _twips(margins.get(f"{_W}right"))
    return width if width > 0 else DEFAULT_TEXT_WIDTH


def _twips(value: str | None) -> int:
    return int(finite_number(value))


def _child(parent: etree._Element, name: str, before: tuple[str, ...]) -> etree._Element:
    """The child element `name`, made as the first child (or before the first of `before`) when missing."""
    found = parent.find(f"{_W}{name}")
    if found is None:
        found = etree.Element(f"{_W}{name}")
        _insert(parent, found, before, first=not before)
    return found


def _set(parent: etree._Element, name: str, before: tuple[str, ...], attrs: dict[str, str]) -> None:
    """Set the child `name` to these attributes only, placing a new one where the schema wants it."""
    element = parent.find(f"{_W}{name}")
    if element is None:
        element = etree.Element(f"{_W}{name}")
        _insert(parent, element, before, first=name == "tcW")
    element.attrib.clear()
    for key, value in attrs.items():
        element.set(f"{_W}{key}", value)


def _insert(parent: etree._Element, element: etree._Element, before: tuple[str, ...], *, first: bool) -> None:
    later = [i for i, child in enumerate(parent) if isinstance(child.tag, str) and child.tag[len(_W) :] in before]
    if later:
        parent.insert(later[0], element)
    elif first:
        parent.insert(1 if len(parent) and parent[0].tag == f"{_W}cnfStyle" else 0, element)
    else:
        parent.append(element)
