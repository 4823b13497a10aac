"""`monitor export`: a cycle's monitor workbook (xlsx, in Dutch): its agreements and each corporation's activities."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from afsprakengen.model import Cyclus, DossierModel, stoplicht
from afsprakengen.monitor.columns import (
    AFSPRAAK_COLUMNS,
    AFSPRAKEN,
    TOELICHTING,
    VERVOLGEN,
    YEAR_LABEL,
    Column,
    activity_columns,
)
from afsprakengen.monitor.rows import Row, agreement_rows, corporation_sheets
from afsprakengen.monitor.stable import stable_xlsx
from afsprakengen.problems import Location, Problem, error

FILL = PatternFill("solid", fgColor="FFF2CC")
"""The background of the cells to fill in."""
HEADER = Font(bold=True)
UNLOCKED = Protection(locked=False)
_STYLES = {(True, False): "Invullen", (True, True): "Invullen, tekst", (False, True): "Tekst"}
"""The named styles by (to fill, wrapped); a locked short cell keeps the default style."""
MIN_WIDTH, MAX_WIDTH, WRAP_WIDTH = 8, 60, 50


def monitor_workbook(m: DossierModel, cyclus: Cyclus) -> bytes:
    """The workbook's bytes: the same dossier gives the same bytes (fixed timestamps, fixed zip entry times)."""
    wb = Workbook()
    styles = _named_styles(wb)
    sheet = wb.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = AFSPRAKEN
    levels = stoplicht.scale(m)
    agreements = agreement_rows(m, cyclus)
    _fill_sheet(sheet, styles, AFSPRAAK_COLUMNS, agreements, _numeric_targets(m, cyclus), [lv.code for lv in levels])
    for corp in corporation_sheets(m, cyclus):
        columns = activity_columns(cyclus.jaar)
        rows = corp.rows
        _fill_sheet(wb.create_sheet(corp.title), styles, columns, rows, numeric={r.code for r in rows})
    _explanation(wb.create_sheet(TOELICHTING), cyclus.jaar, m.dossier.gemeente.naam)
    _scale_explained(wb[TOELICHTING], levels)
    stamp = _stamp(cyclus)
    wb.properties.creator = "afsprakengen"
    wb.properties.title = f"Monitor prestatieafspraken {m.dossier.gemeente.naam} {cyclus.jaar}"
    wb.properties.language = "nl-NL"
    wb.properties.created = stamp
    out = io.BytesIO()
    wb.save(out)
    return stable_xlsx(out.getvalue(), stamp)


def _numeric_targets(m: DossierModel, cyclus: Cyclus) -> set[str]:
    """The agreements whose target is a number: their realisatie must be a number too."""
    pa = cyclus.prestatieafspraken
    if pa is None:
        return set()
    return {
        a.code
        for a in pa.afspraken
        if a.indicator is not None
        and isinstance(a.indicator.streefwaarde, int | float)
        and not isinstance(a.indicator.streefwaarde, bool)
    }


def _stamp(cyclus: Cyclus) -> datetime:
    """The workbook's date: that of the cycle's agreements (the dossier's, never the clock's)."""
    day = cyclus.prestatieafspraken.datum if cyclus.prestatieafspraken else date(cyclus.jaar, 1, 1)
    return datetime(day.year, day.month, day.day)


def _fill_sheet(
    ws: Worksheet,
    styles: Mapping[str, StyleArray],
    columns: Sequence[Column],
    rows: Sequence[Row],
    numeric: set[str],
    statuses: Sequence[str] = (),
) -> None:
    """Header, rows, locks, widths, the frozen header and the validations of one sheet."""
    ws.append([c.header for c in columns])
    for cell in ws[1]:
        cell.font = HEADER
    arrays = [styles.get(_STYLES.get((c.fill, c.wrap), "")) for c in columns]
    for number, row in enumerate(rows, start=2):
        values = [row.values.get(c.key) for c in columns]
        ws.append([Cell(ws, number, i, v, a) for i, (v, a) in enumerate(zip(values, arrays, strict=True), start=1)])
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = _width(column, [r.values.get(column.key) for r in rows])
    _validations(ws, columns, rows, numeric, statuses)
    ws.freeze_panes = "A2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def _width(column: Column, values: Sequence[object]) -> float:
    """A column's width from its header and values: its longest line, within the bounds of its kind."""
    texts = [column.header, *(str(v or "") for v in values)]
    longest = max(len(line) for text in texts for line in (text.splitlines() or [""]))
    width = min(WRAP_WIDTH if column.wrap else MAX_WIDTH, max(MIN_WIDTH, longest + 2))
    if column.fill:
        width = max(width, 16 if not column.wrap else WRAP_WIDTH)
    return width


def _named_styles(wb: Workbook) -> dict[str, StyleArray]:
    """The styles of the cells to fill (yellow, unlocked) and of the long texts (wrapped), each once, by name."""
    arrays = {}
    for (fill, wrap), name in _STYLES.items():
        style = NamedStyle(name, alignment=Alignment(wrap_text=wrap, vertical="top"))
        if fill:
            style.fill, style.protection = FILL, UNLOCKED
        wb.add_named_style(style)
        arrays[name] = style.as_tuple()
    return arrays


def _validations(
    ws: Worksheet, columns: Sequence[Column], rows: Sequence[Row], numeric: set[str], statuses: Sequence[str] = ()
) -> None:
    """Drop-down lists for status (the codes of the scale) and vervolg; numbers only where the target (or the
    activity) is a number."""
    if not rows:
        return
    last = len(rows) + 1
    keys = [c.key for c in columns]
    for key, allowed in (("status", statuses), ("vervolg", VERVOLGEN)):
        if key in keys:
            letter = get_column_letter(keys.index(key) + 1)
            dv = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True)
            _explain(dv, "Kies uit de lijst", "Kies een waarde uit de lijst.")
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)
    key = "realisatie" if "realisatie" in keys else "gerealiseerd"
    letter = get_column_letter(keys.index(key) + 1)
    ranges = _ranges(letter, [i for i, row in enumerate(rows, start=2) if row.code in numeric])
    if ranges:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        _explain(dv, "Een getal", "Vul een getal in (0 of meer), zonder eenheid.")
        dv.sqref = MultiCellRange(" ".join(ranges))
        ws.add_data_validation(dv)


def _ranges(letter: str, numbers: list[int]) -> list[str]:
    """Row numbers (ascending) as ranges of one column: I2:I4 I6 I8:I9."""
    out: list[str] = []
    start = prev = None
    for n in [*numbers, None]:
        if n is not None and prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None and prev is not None:
            out.append(f"{letter}{start}" if start == prev else f"{letter}{start}:{letter}{prev}")
        start = prev = n
    return out


def _explain(dv: DataValidation, title: str, text: str) -> None:
    dv.showErrorMessage = True
    dv.errorTitle = title
    dv.error = text
    dv.promptTitle = title
    dv.prompt = text


def _explanation(ws: Worksheet, year: int, gemeente: str) -> None:
    """The Toelichting sheet: the jaarschijf in B1, then what each column means."""
    ws.append([YEAR_LABEL, year])
    ws.append([])
    ws.append([f"Monitor prestatieafspraken {gemeente} {year}"])
    ws.append(["Vul alleen de gele cellen in; de andere kolommen komen uit het dossier en zijn beveiligd."])
    ws.append([])
    ws.append(["Blad", "Kolom", "Uitleg"])
    for column in AFSPRAAK_COLUMNS:
        ws.append([AFSPRAKEN, column.header, column.uitleg])
    for column in activity_columns(year):
        ws.append(["Per corporatie", column.header, column.uitleg])
    for row in (1, 3, 6):
        ws.cell(row, 1).font = HEADER
    for letter, width in (("A", 16), ("B", 18), ("C", 100)):
        ws.column_dimensions[letter].width = width
    ws.protection.sheet = True


def _scale_explained(ws: Worksheet, levels: Sequence[stoplicht.Niveau]) -> None:
    """Below the columns on the Toelichting sheet: the levels of the stoplicht, their labels, which need a reason."""
    ws.append([])
    ws.append(["Stoplicht", "Betekenis", "Uitleg"])
    ws.cell(ws.max_row, 1).font = HEADER
    for lv in levels:
        needed = "Een toelichting is verplicht: schrijf in de kolom Toelichting waarom."
        ws.append([lv.code, lv.label, needed if lv.toelichting_verplicht else "Een toelichting is niet verplicht."])


def export_monitor(m: DossierModel, year: int, display: str) -> bytes | Problem:
    """The workbook of jaarschijf `year`, or the problem when the dossier has no agreements for it."""
    cyclus = m.cyclus(year)
    if cyclus is None or cyclus.prestatieafspraken is None:
        years = ", ".join(str(c.jaar) for c in m.cycli if c.prestatieafspraken is not None)
        return error(Location(display), f"the dossier has no prestatieafspraken.yaml for {year} (it has: {years})")
    return monitor_workbook(m, cyclus)
