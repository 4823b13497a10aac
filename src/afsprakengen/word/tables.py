"""Table builders of the default templates: styled tables with docxtpl loop rows, key-value and total rows, widths."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import Table as Table
from docx.table import _Cell, _Row

from afsprakengen.word.builders import para

Cell = _Cell
"""A cell of a table (python-docx's `_Cell`)."""
Row = _Row
"""A row of a table (python-docx's `_Row`)."""
STYLE = "Tabelraster"
"""The house table style (housestyle.py): a thin grey grid and a dark header row."""
SMALL = 8.5
"""Point size of the tables of numbers and amounts, so that they fit the page in any common font."""


def new_table(document: Document, header: Sequence[str], widths: Sequence[float]) -> Table:
    """A styled table of only its header row, repeated on every page, fitted to its content when it is built.

    The widths (in cm) are where Word starts when it opens the template, and their sum is the table's width; the
    build gives each column the share its rendered texts need (word/fit.py) and fixes them.
    """
    table: Table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles[STYLE]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    repeat_header(table.rows[0])
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = Cm(width)
    _grid(table, widths)
    return table


def add_row(table: Table, texts: Sequence[str] = ()) -> _Row:
    """A row at the bottom, kept on one page, with these texts in its first cells (the others left empty)."""
    row: _Row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
    for cell, text in zip(row.cells, texts, strict=False):
        cell.text = text
    cant_split(row)
    return row


def loop_rows(table: Table, loop: str, cells: Sequence[str], *, empty_runs: bool = False) -> None:
    """The rows docxtpl repeats, one per item of the loop; `empty_runs`: the tag rows' other cells hold ""."""
    rest = [""] * (len(cells) - 1) if empty_runs else []
    add_row(table, [f"{{%tr for {loop} %}}", *rest])
    add_row(table, cells)
    add_row(table, ["{%tr endfor %}", *rest])


def loop_table(
    document: Document, header: Sequence[str], loop: str, cells: Sequence[str], widths: Sequence[float]
) -> Table:
    """A styled table: a header row repeated on every page, then one row per item of the loop; no row splits."""
    table = new_table(document, header, widths)
    cant_split(table.rows[0])
    loop_rows(table, loop, cells)
    return table


def total_row(table: Table, texts: Sequence[str], *, span: int = 1, right: bool = False, fill: str = "") -> _Row:
    """A closing row in bold: the first text over `span` columns, the others (right-aligned) and a shade (hex)."""
    row = add_row(table)
    cells = row.cells
    label = cells[0].merge(cells[span - 1]) if span > 1 else cells[0]
    for i, (cell, text) in enumerate(zip([label, *cells[span:]], texts, strict=True)):
        paragraph = cell.paragraphs[0]
        paragraph.add_run(text).bold = True
        if right and i:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if fill:
        for tc in row._tr.tc_lst:
            tc.get_or_add_tcPr().append(
                parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
            )
    return row


def lead_in(document: Document, text: str) -> None:
    """A paragraph that introduces the table after it: a little space above, and on the same page as the table."""
    paragraph = para(document, text)
    paragraph.paragraph_format.space_before = Pt(8)
    paragraph.paragraph_format.keep_with_next = True


def more_lines(cell: Cell, lines: Iterable[str]) -> None:
    """More paragraphs in a cell, one per line."""
    for line in lines:
        cell.add_paragraph(line)


def small(table: Table, size: float = SMALL) -> None:
    """Every text of the table in a small size."""
    for paragraph in (p for row in table.rows for cell in row.cells for p in cell.paragraphs):
        for run in paragraph.runs:
            run.font.size = Pt(size)


def align_right(table: Table, columns: Iterable[int]) -> None:
    """Right-align the numbers (and their headers) in these columns of every row."""
    columns = list(columns)
    for row in table.rows:
        for i in columns:
            for paragraph in row.cells[i].paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def allow_split(row: _Row) -> None:
    """Let a row run on to the next page (a long text)."""
    trpr = row._tr.trPr
    if trpr is not None:
        for keep_together in trpr.findall(qn("w:cantSplit")):
            trpr.remove(keep_together)


def fixed_widths(table: Table, widths: Sequence[float]) -> None:
    """Column widths that Word and LibreOffice both keep, whatever the content: a fixed layout and a matching grid."""
    table.autofit = False
    _grid(table, widths)


def _grid(table: Table, widths: Sequence[float]) -> None:
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Cm(width)


def repeat_header(row: _Row) -> None:
    """Repeat the row at the top of every page the table runs on to."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def cant_split(row: _Row) -> None:
    """Keep the row on one page."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def keep_rows_together(table: Table) -> None:
    """Keep the table on one page: every row whole, and each row's text with the next row (but the last)."""
    rows = table.rows
    for i, row in enumerate(rows):
        if row._tr.trPr is None or row._tr.trPr.find(qn("w:cantSplit")) is None:
            cant_split(row)
        for paragraph in (p for cell in row.cells for p in cell.paragraphs):
            paragraph.paragraph_format.keep_with_next = i < len(rows) - 1
