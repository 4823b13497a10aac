"""Borderless grids of the default templates: blocks side by side (signatures) that never split across pages."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm
from docx.table import Table, _Cell

from afsprakengen.word.tables import cant_split, fixed_widths

Block = Sequence[tuple[str, str]]
"""The paragraphs of one block: (text or Jinja tags, style)."""

_NO_BORDERS = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def block_grid(document: Document, loop: str, blocks: Sequence[Block], width_cm: float) -> Table:
    """A borderless table of one row per item of the docxtpl loop, a block per cell; a row never splits."""
    table: Table = document.add_table(rows=3, cols=len(blocks))
    fixed_widths(table, [width_cm] * len(blocks))
    _no_borders(table)
    opening, row, closing = table.rows
    opening.cells[0].text, closing.cells[0].text = f"{{%tr for {loop} %}}", "{%tr endfor %}"
    for cell, block in zip(row.cells, blocks, strict=True):
        cell.width = Cm(width_cm)
        _fill(cell, block)
    cant_split(row)
    return table


def _no_borders(table: Table) -> None:
    """No borders at all, placed where the schema wants them in the table properties (before the layout)."""
    borders = parse_xml(f"<w:tblBorders {nsdecls('w')}>{_NO_BORDERS}</w:tblBorders>")
    properties = table._tbl.tblPr
    later = [c for c in properties if c.tag.split("}")[1] in ("shd", "tblLayout", "tblCellMar", "tblLook")]
    if later:
        later[0].addprevious(borders)
    else:
        properties.append(borders)


def _fill(cell: _Cell, block: Block) -> None:
    """The block's paragraphs in the cell, each kept with the next, so the block stays on one page."""
    first = cell.paragraphs[0]
    for i, (text, style) in enumerate(block):
        paragraph = first if i == 0 else cell.add_paragraph()
        paragraph.text, paragraph.style = text, style
        paragraph.paragraph_format.keep_with_next = i < len(block) - 1
        paragraph.paragraph_format.keep_together = True
