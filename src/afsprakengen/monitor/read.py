"""A filled monitor workbook read back: its sheets as rows of cells with their references (xlsx, or a CSV export)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from afsprakengen.monitor.columns import AFSPRAKEN, TOELICHTING, YEAR_LABEL
from afsprakengen.monitor.rows import Cell
from afsprakengen.problems import Location, Problem, error

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

MAX_BYTES = 20_000_000
"""A workbook bigger than this is refused before it is opened."""
MAX_ROWS = 100_000
"""Rows read per sheet."""


@dataclass(frozen=True)
class Sheet:
    """One sheet: its title (empty for a CSV) and its rows, each a tuple of values from column A on."""

    title: str
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Read:
    """What a workbook held: its sheets and the jaarschijf it names (None when it names none), or the problem."""

    sheets: tuple[Sheet, ...] = ()
    year: int | None = None
    problem: Problem | None = None


def read_monitor(path: Path, display: str) -> Read:
    """Read an .xlsx monitor workbook or a CSV export of its Afspraken sheet."""
    at = Location(display)
    try:
        if path.stat().st_size > MAX_BYTES:
            return Read(problem=error(at, f"the file is over {MAX_BYTES // 1_000_000} MB; is it a monitor workbook?"))
        data = path.read_bytes()
    except OSError as exc:
        return Read(problem=error(at, f"cannot read the file: {exc.strerror or exc}"))
    if path.suffix.lower() == ".csv":
        return _read_csv(data, at)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return Read(
            problem=error(at, "this is not an .xlsx workbook (nor a .csv file); save it as .xlsx and try again")
        )
    return _read_xlsx(data, at)


def _read_xlsx(data: bytes, at: Location) -> Read:
    """The sheets' cell values through calamine (Rust): ten times openpyxl's read-only mode on a large workbook."""
    from python_calamine import CalamineWorkbook

    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as wb:
            sheets = tuple(_sheet(wb, name) for name in wb.sheet_names)
    except Exception as exc:  # calamine raises many kinds for a damaged file; each is the user's file, not a bug
        return Read(problem=error(at, f"cannot open the workbook ({type(exc).__name__}); save it again as .xlsx"))
    return Read(sheets, _year(sheets))


def _sheet(wb: CalamineWorkbook, name: str) -> Sheet:
    rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=MAX_ROWS)
    return Sheet(name, tuple(_trimmed(tuple(r)) for r in rows))


def _trimmed(row: tuple[object, ...]) -> tuple[Cell, ...]:
    values = [_cell(v) for v in row]
    while values and values[-1] is None:
        values.pop()
    return tuple(values)


def _cell(value: object) -> Cell:
    """A cell's value: a number, a text (None when blank), or any other value (a date, a bool) as text."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value)
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a spreadsheet stores every number as a float: 12 is 12.0
    if isinstance(value, int | float):
        return value
    return str(value)


def _year(sheets: tuple[Sheet, ...]) -> int | None:
    info = next((s for s in sheets if s.title == TOELICHTING), None)
    if info is None or not info.rows or len(info.rows[0]) < 2 or info.rows[0][0] != YEAR_LABEL:
        return None
    year = info.rows[0][1]
    return int(year) if isinstance(year, int | float) and float(year).is_integer() else None


_NUMBER = re.compile(r"-?[0-9]+([.,][0-9]+)?")


def _read_csv(data: bytes, at: Location) -> Read:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return Read(problem=error(at, "cannot tell how the columns are separated; use , or ; between columns"))
    rows = tuple(_trimmed(tuple(_csv_value(v) for v in r)) for r in csv.reader(io.StringIO(text), dialect))
    return Read((Sheet("", rows[:MAX_ROWS]),))


def _csv_value(text: str) -> Cell:
    """A CSV field as the cell it was: a number when it reads as one (a Dutch decimal comma too), else text."""
    text = text.strip()
    if not text:
        return None
    if _NUMBER.fullmatch(text):
        number = float(text.replace(",", "."))
        return int(number) if number.is_integer() and "," not in text and "." not in text else number
    return text


def afspraken_sheet(read: Read) -> Sheet | None:
    """The Afspraken sheet (a CSV is that sheet)."""
    return next((s for s in read.sheets if s.title in (AFSPRAKEN, "")), None)
