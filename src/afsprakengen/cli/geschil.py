"""The `geschil export` command: the stukken of a dispute about the prestatieafspraken of J, as one set."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click

from afsprakengen.cli.app import _TODAY, DOSSIER, _out_folder, _plural, _summary, cli
from afsprakengen.cli.output import say, say_problem


@cli.group("geschil")
def geschil() -> None:
    """The dispute route (Woningwet art. 44 lid 4): no agreements six months after the overleg started."""


@geschil.command("export")
@click.argument("dossier", type=DOSSIER)
@click.option("--year", "year", required=True, type=int, metavar="J", help="The jaarschijf in dispute.")
@_out_folder("The folder to write the stukken to (created when missing).")
@click.option(
    "--vorige",
    default=None,
    metavar="REV:PATH|FOLDER",
    help="The previous round, as `diff` takes it (e.g. v2027-ronde1:2027), for a redline of the last draft "
    "(default: in Git, the previous version of J/prestatieafspraken.yaml).",
)
@_TODAY
def export_command(dossier: str, year: int, out: Path, vorige: str | None, today: datetime | None) -> None:
    """Gather what a dispute filing about jaarschijf J needs, from J/overleg.yaml and the rest of the dossier.

    \b
    Written as one set (all files or none):
      overzicht.txt                      the files and the computed dates
      standpunten-J.docx                 the dates, the request for overleg, each party's position per point
      woonvisie-uittreksel-J.docx        the excerpt of the policy document
      activiteitenoverzicht-<corp>-J.docx  each bod in the overleg, with the date it was received
      prestatieafspraken-J.docx          the last draft
      prestatieafspraken-J-wijzigingen.docx  the draft with every change since the previous round tracked
      verzoek-<corp>.<ext>               the request's own file, when overleg.yaml names one

    Exit status: 0 when written, 1 when the dossier has errors, there is no dispute (no
    J/overleg.yaml, or the agreements are definitief) or a file cannot be written, 2 for a
    wrong command line.
    """
    from afsprakengen.rounds.geschil import GeschilRequest, export_geschil

    day = today.date() if today else date.today()
    result = export_geschil(GeschilRequest(Path(dossier), dossier, year, out, day, vorige))
    for problem in (*result.check.problems, *result.problems):
        say_problem(problem)
    if result.check.errors:
        say(f"{_summary(result.check, list(result.check.problems))} Nothing was written.", "error")
        sys.exit(1)
    if result.refused:
        say(f"error: {result.refused}.", "error")
        sys.exit(1)
    if result.problems:
        say(f"{_plural(len(result.problems), 'error')}; nothing was written.", "error")
        sys.exit(1)
    for path in result.written:
        click.echo(f"wrote {path}")
    say(f"{_plural(len(result.written), 'file')} written.", "done")
