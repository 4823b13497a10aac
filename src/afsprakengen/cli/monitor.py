"""The `monitor export` and `monitor import` commands: the monitor workbook out to the corporations and back."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click

from afsprakengen.cli.app import DOSSIER, _plural, cli
from afsprakengen.cli.cycle import _model_or_exit
from afsprakengen.cli.output import say, say_problem


@cli.group("monitor")
def monitor() -> None:
    """The monitor workbook (xlsx): agreements and activities out, realisations back into the dossier."""


@monitor.command("export")
@click.argument("dossier", type=DOSSIER)
@click.option("--year", "year", required=True, type=int, metavar="J", help="The jaarschijf to monitor.")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The workbook to write (default: monitor-J.xlsx in the current folder).",
)
def export_command(dossier: str, year: int, out: Path | None) -> None:
    """Write the monitor workbook of jaarschijf J: a row per agreement and a sheet per corporation to fill in.

    The columns from the dossier are locked; the yellow cells (realisatie, status, toelichting,
    vervolg, and per activity the number realised) are to be filled in, pre-filled with the
    cycle's evaluation when it has one. The same dossier gives the same bytes.
    """
    from afsprakengen.files import WriteError, write_atomic
    from afsprakengen.monitor.export import export_monitor

    target = out or Path(f"monitor-{year}.xlsx")
    data = export_monitor(_model_or_exit(dossier), year, dossier)
    if not isinstance(data, bytes):
        say_problem(data, err=True)
        sys.exit(1)
    try:
        write_atomic(data, target)
    except WriteError as exc:
        say(f"{target}:1:1: error: {exc}", "error", err=True)
        sys.exit(1)
    say(f"wrote {target}", "done")


@monitor.command("import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.argument("dossier", type=DOSSIER)
@click.option("--year", "year", type=int, default=None, metavar="J", help="The jaarschijf (needed for a CSV).")
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    metavar="JJJJ-MM-DD",
    help="The datum of a new evaluatie.yaml (default: today).",
)
@click.option(
    "--as",
    "as_kind",
    type=click.Choice(["evaluatie", "voortgang"]),
    default="evaluatie",
    show_default=True,
    help="Write the evaluation of J, or a progress report during the year (needs --peildatum).",
)
@click.option(
    "--peildatum",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    metavar="JJJJ-MM-DD",
    help="The day the progress report is on, with --as voortgang: J/voortgang-<peildatum>.yaml.",
)
def import_command(
    workbook: str,
    dossier: str,
    year: int | None,
    today: datetime | None,
    as_kind: str,
    peildatum: datetime | None,
) -> None:
    """Read a filled monitor workbook (.xlsx, or a CSV of its Afspraken sheet) into J/evaluatie.yaml,
    or with `--as voortgang --peildatum JJJJ-MM-DD` into the progress report J/voortgang-<peildatum>.yaml.

    Every bad cell is reported as `file!sheet!cell: error: ...`, all in one run; with any error
    nothing is written. An existing file keeps its comments, order and layout; a new evaluation
    is a concept dated today, a new progress report a concept on its peildatum.
    """
    from afsprakengen.cache import Cache
    from afsprakengen.monitor.importer import ImportRequest, import_monitor

    if (as_kind == "voortgang") != (peildatum is not None):
        raise click.UsageError("--as voortgang and --peildatum go together: give both, or neither for the evaluation")
    day = today.date() if today else date.today()
    on = peildatum.date() if peildatum else None
    request = ImportRequest(Path(workbook), workbook, Path(dossier), dossier, day, year, Cache(), on)
    result = import_monitor(request)
    for problem in result.problems:
        say_problem(problem, err=True)
    if result.problems:
        say(f"{_plural(len(result.problems), 'error')}; nothing was written.", "error", err=True)
        sys.exit(1)
    for change in result.changes:
        say(f"{change.code}: {change.field}: {_shown(change.old)} -> {_shown(change.new)}")
    if result.target is None:
        say("nothing changed; no file was written.", "done")
    else:
        what = "created" if result.created else "updated"
        say(f"{what} {result.target} ({_plural(len(result.changes), 'change')})", "done")


def _shown(value: object) -> str:
    if value is None:
        return "(empty)"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "..."
