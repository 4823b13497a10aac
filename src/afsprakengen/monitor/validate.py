"""The cells of a filled monitor workbook checked against the dossier: every bad cell a located problem, in one pass."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from afsprakengen.model import Cyclus, DossierModel, stoplicht
from afsprakengen.monitor.columns import AFSPRAAK_COLUMNS, VERVOLGEN, Column, activity_columns
from afsprakengen.monitor.read import Read, Sheet, afspraken_sheet
from afsprakengen.monitor.rows import Cell, Row, agreement_rows, corporation_sheets
from afsprakengen.problems import Location, Problem, did_you_mean, error

Levels = tuple[stoplicht.Niveau, ...]


@dataclass(frozen=True)
class Filled:
    """An agreement's row with something filled in."""

    code: str
    status: str
    realisatie: str | int | float | None
    toelichting: str | None
    vervolg: str | None


@dataclass(frozen=True)
class Realised:
    """An activity's realised number."""

    code: str
    gerealiseerd: int | float


@dataclass(frozen=True)
class Validated:
    """The filled rows of a workbook, and the problems of its cells."""

    agreements: tuple[Filled, ...]
    activities: tuple[Realised, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class _Grid:
    """One sheet as read, where its cells are reported, and its columns by key."""

    sheet: Sheet
    display: str
    columns: dict[str, int]

    def at(self, row: int, key: str) -> Location:
        cell = f"{get_column_letter(self.columns.get(key, 0) + 1)}{row}"
        return Location(self.display, cell=f"{self.sheet.title}!{cell}" if self.sheet.title else cell)

    def value(self, row: tuple[Cell, ...], key: str) -> Cell:
        index = self.columns.get(key)
        return row[index] if index is not None and index < len(row) else None


def validate(read: Read, display: str, m: DossierModel, cyclus: Cyclus, *, need_vervolg: bool) -> Validated:
    """Every cell of the Afspraken sheet and the corporations' sheets checked; the rows with something filled in."""
    problems: list[Problem] = []
    sheet = afspraken_sheet(read)
    if sheet is None:
        names = ", ".join(s.title for s in read.sheets)
        problems.append(error(Location(display), f"the workbook has no sheet 'Afspraken' (it has: {names})"))
        return Validated((), (), tuple(problems))
    grid = _grid(sheet, display, AFSPRAAK_COLUMNS, problems)
    levels = stoplicht.scale(m)
    agreements = [] if grid is None else _agreements(grid, agreement_rows(m, cyclus), levels, need_vervolg, problems)
    activities: list[Realised] = []
    titles = {s.title: s for s in read.sheets}
    for corp in corporation_sheets(m, cyclus):
        found = titles.get(corp.title)
        columns = activity_columns(cyclus.jaar)
        corp_grid = None if found is None else _grid(found, display, columns, problems)
        if corp_grid is not None:
            activities.extend(_activities(corp_grid, corp.rows, columns, problems))
    return Validated(tuple(agreements), tuple(activities), tuple(problems))


def _grid(sheet: Sheet, display: str, columns: Sequence[Column], problems: list[Problem]) -> _Grid | None:
    """The sheet's columns found by their headers in row 1; a missing header is an error at row 1."""
    header = sheet.rows[0] if sheet.rows else ()
    where = {str(v).strip().lower(): i for i, v in enumerate(header) if v is not None}
    found = {c.key: where[c.header.lower()] for c in columns if c.header.lower() in where}
    grid = _Grid(sheet, display, found)
    missing = [(i, c.header) for i, c in enumerate(columns) if c.key not in found]
    for index, name in missing:  # at the place the export put it
        cell = f"{get_column_letter(index + 1)}1"
        at = Location(display, cell=f"{sheet.title}!{cell}" if sheet.title else cell)
        problems.append(error(at, f"the column '{name}' is missing from the header row; export the workbook again"))
    return None if missing else grid


def _known_rows(
    grid: _Grid, rows: Sequence[Row], columns: Sequence[Column], problems: list[Problem]
) -> Iterator[tuple[int, tuple[Cell, ...], Row]]:
    """The sheet's non-empty rows with a known code, each once, with its row of the dossier; its locks checked."""
    known = {r.code: r for r in rows}
    seen: dict[str, int] = {}
    for n, row in enumerate(grid.sheet.rows[1:], start=2):
        if all(v is None for v in row):
            continue
        found = _code(grid, n, row, known, seen)
        if isinstance(found, Problem):
            problems.append(found)
            continue
        problems.extend(_locked(grid, n, row, found, columns))
        yield n, row, found


def _code(grid: _Grid, n: int, row: tuple[Cell, ...], known: dict[str, Row], seen: dict[str, int]) -> Problem | Row:
    code = grid.value(row, "code")
    text = str(code).strip() if code is not None else ""
    if not text:
        return error(grid.at(n, "code"), "this row has no code; fill in rows of the dossier only, add none")
    if text in seen:
        return error(grid.at(n, "code"), f"'{text}' is in row {seen[text]} already; keep one row per code")
    seen[text] = n
    if text not in known:
        return error(grid.at(n, "code"), f"'{text}' is not a code of this cycle{did_you_mean(text, list(known))}")
    return known[text]


def _locked(grid: _Grid, n: int, row: tuple[Cell, ...], expected: Row, columns: Sequence[Column]) -> list[Problem]:
    """A changed value in a column that comes from the dossier is an error at its cell."""
    out = []
    for column in columns:
        if column.fill or column.key == "code":
            continue
        was, now = expected.values.get(column.key), grid.value(row, column.key)
        if not _same(was, now):
            shown = "empty" if was is None else f"'{was}'"
            out.append(
                error(
                    grid.at(n, column.key),
                    f"the {column.header} of {expected.code} was changed (in the dossier: {shown}); this column "
                    "comes from the dossier and cannot be changed here",
                )
            )
    return out


def _same(was: Cell, now: Cell) -> bool:
    if was is None or now is None:
        return was is None and now is None
    if isinstance(was, int | float) and isinstance(now, int | float):
        return abs(was - now) < 1e-9
    return " ".join(str(was).split()) == " ".join(str(now).split())


def _agreements(
    grid: _Grid, rows: Sequence[Row], levels: Levels, need_vervolg: bool, problems: list[Problem]
) -> list[Filled]:
    filled = []
    for n, row, found in _known_rows(grid, rows, AFSPRAAK_COLUMNS, problems):
        one = _agreement(grid, n, row, found, (levels, need_vervolg), problems)
        if one is not None:
            filled.append(one)
    return filled


def _agreement(
    grid: _Grid, n: int, row: tuple[Cell, ...], expected: Row, rules: tuple[Levels, bool], problems: list[Problem]
) -> Filled | None:
    """The filled columns of one agreement's row (None when nothing is filled in); `rules`: the scale, and whether
    the vervolg is required."""
    levels, need_vervolg = rules
    realisatie, status = grid.value(row, "realisatie"), grid.value(row, "status")
    toelichting, vervolg = grid.value(row, "toelichting"), grid.value(row, "vervolg")
    if all(v is None for v in (realisatie, status, toelichting, vervolg)):
        return None
    before = len(problems)
    target = expected.values.get("streefwaarde")
    if isinstance(realisatie, str) and isinstance(target, int | float):
        unit = f" {expected.values['eenheid']}" if expected.values.get("eenheid") else ""
        problems.append(
            error(
                grid.at(n, "realisatie"),
                f"'{realisatie}' is not a number, and the target of {expected.code} is one ({target}{unit}): "
                "write the number alone, without a unit",
            )
        )
    if isinstance(realisatie, int | float) and realisatie < 0:
        problems.append(error(grid.at(n, "realisatie"), f"{realisatie} is below 0; a realisation is 0 or more"))
    status_text = _choice(grid, n, "status", status, [lv.code for lv in levels], problems, required=True)
    vervolg_text = _choice(grid, n, "vervolg", vervolg, VERVOLGEN, problems, required=need_vervolg)
    if isinstance(toelichting, int | float):
        problems.append(
            error(grid.at(n, "toelichting"), f"the toelichting is the number {toelichting}; write it as a sentence")
        )
    text = str(toelichting).strip() if isinstance(toelichting, str) else None
    _explained(grid, n, next((lv for lv in levels if lv.code == status_text), None), text, problems)
    if len(problems) > before or status_text is None:
        return None
    return Filled(expected.code, status_text, realisatie, text, vervolg_text)


def _explained(grid: _Grid, n: int, level: stoplicht.Niveau | None, text: str | None, problems: list[Problem]) -> None:
    """An error at the toelichting cell when the row's level of the scale requires an explanation and it has none."""
    if level is not None and level.toelichting_verplicht and not text:
        message = f"the status '{level.code}' needs an explanation; write in the toelichting why"
        problems.append(error(grid.at(n, "toelichting"), message))


def _choice(
    grid: _Grid,
    n: int,
    key: str,
    value: Cell,
    allowed: Sequence[str],
    problems: list[Problem],
    *,
    required: bool,
) -> str | None:
    """A value from a drop-down list, or an error at its cell."""
    listed = ", ".join(allowed)
    if value is None:
        if required:
            problems.append(error(grid.at(n, key), f"the {key} is missing; choose one of: {listed}"))
        return None
    text = " ".join(str(value).split()).lower()
    if text in allowed:
        return text
    hint = did_you_mean(text, list(allowed))
    problems.append(error(grid.at(n, key), f"'{value}' is not a {key} on the list ({listed}){hint}"))
    return None


def _activities(grid: _Grid, rows: Sequence[Row], columns: Sequence[Column], problems: list[Problem]) -> list[Realised]:
    realised = []
    for n, row, found in _known_rows(grid, rows, columns, problems):
        value = grid.value(row, "gerealiseerd")
        if value is None:
            continue
        if not isinstance(value, int | float) or value < 0:
            problems.append(
                error(grid.at(n, "gerealiseerd"), f"'{value}' is not a number of 0 or more; write the number alone")
            )
            continue
        realised.append(Realised(found.code, value))
    return realised
