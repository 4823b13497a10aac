"""The `calendar` and `status` commands."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from afsprakengen.cache import Cache

if TYPE_CHECKING:
    from afsprakengen.model import DossierModel

from afsprakengen.cli.app import DOSSIER, _plural, _summary, cli
from afsprakengen.cli.output import say, say_problem

STATUS_TONES = {"✓": "done", "!": "warning", "✗": "error"}
"""The colour of a status line by its mark."""


@cli.command("calendar")
@click.argument("year", type=click.IntRange(1900, 2200))
@click.argument("dossier", type=DOSSIER, required=False)
@click.option(
    "--ics",
    "ics_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the milestones as an iCalendar file (Outlook, Thunderbird), with reminders.",
)
def calendar_command(year: int, dossier: str | None, ics_path: Path | None) -> None:
    """Print every milestone of YEAR, month by month, with its cycle and who is responsible.

    Three cycles run in any year: the bod and agreements for YEAR+1 are made, the agreements for
    YEAR are carried out, and YEAR-1 is reported on and evaluated. With DOSSIER the dossier's
    parties and deadline settings are used.
    """
    from afsprakengen.cycle.milestones import year_calendar
    from afsprakengen.files import WriteError, write_atomic
    from afsprakengen.views import calendar_lines

    cal = year_calendar(year, None if dossier is None else _model_or_exit(dossier))
    for line in calendar_lines(cal):
        click.echo(line)
    if ics_path is not None:
        from afsprakengen.cycle.ics import calendar_ics, calendar_stamp

        stamp = calendar_stamp(year, None if dossier is None else Path(dossier))
        try:
            write_atomic(calendar_ics(cal, stamp), ics_path)
        except WriteError as exc:
            say(f"{ics_path}:1:1: error: {exc}", "error")
            sys.exit(1)
        events = _plural(len(cal.milestones) + len(cal.overleggen), "event")
        say(f"wrote {ics_path} ({events}, a reminder two weeks ahead of each still to come)", "done")


@cli.command("status")
@click.argument("dossier", type=DOSSIER)
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    metavar="JJJJ-MM-DD",
    help="Show the status on this date (default: today).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the status as JSON (its schema: .schemas/status.schema.json after `afsprakengen schema export`).",
)
@click.option("--fail-late", is_flag=True, help="Exit 1 when something is late (to guard CI).")
def status_command(dossier: str, today: datetime | None, as_json: bool, fail_late: bool) -> None:
    """Show per running cycle what exists, what is next and what is late, with dates and days left."""
    import json

    from afsprakengen.cycle.status import dossier_status
    from afsprakengen.views import status_data, status_lines

    m = _model_or_exit(dossier, today.date() if today else None)
    status = dossier_status(m, today.date() if today else date.today())
    if as_json:
        click.echo(json.dumps(status_data(status), ensure_ascii=False, indent=2))
    else:
        for line in status_lines(status):
            say(line, STATUS_TONES.get(line.strip()[:1]))
    sys.exit(1 if fail_late and status.late else 0)


def _model_or_exit(dossier: str, today: date | None = None) -> DossierModel:
    """The dossier's model; when the dossier has errors, print them and exit 1."""
    from afsprakengen.check.dossier import check_dossier

    result = check_dossier(Path(dossier), dossier, today or date.today(), cache=Cache())
    if result.model is None or result.errors:
        for problem in result.problems:
            say_problem(problem, err=True)
        say(f"{_summary(result, list(result.problems))} Fix the errors first.", "error", err=True)
        sys.exit(1)
    return result.model
