"""The `diff` command: two versions compared, as text and as the two Word documents."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from afsprakengen.rounds.versions import Version

from afsprakengen.cli.app import _plural, _written_or_exit, cli
from afsprakengen.cli.output import say_problem


@cli.command("diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option(
    "--docx",
    "docx_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the list of changes as a Word document (the wijzigingsoverzicht for the meeting).",
)
@click.option(
    "--redline",
    "redline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write NEW's prestatieafspraken with every change since OLD as a Word tracked change.",
)
@click.option(
    "--author",
    default=None,
    metavar="TEXT",
    help="Author of the tracked changes in --redline (default: 'Ronde <versie of NEW>').",
)
@click.option("--exit-code", is_flag=True, help="Exit 1 when the versions differ (like git diff --exit-code).")
def diff_command(
    old: str, new: str, docx_path: Path | None, redline_path: Path | None, author: str | None, exit_code: bool
) -> None:
    """Show what changed in a cycle's prestatieafspraken between two versions, OLD and NEW.

    \b
    OLD and NEW are each one of:
      a cycle folder          voorbeeldstad/2027
      its agreements file     voorbeeldstad/2027/prestatieafspraken.yaml
      a Git revision          REV:PATH, e.g. v2027-ronde2:voorbeeldstad/2027
                              (PATH as seen from the current folder, inside a Git work tree)

    \b
    For example, in the dossier's folder, to prepare the meeting after the second round:
      afsprakengen diff v2027-ronde1:2027 v2027-ronde2:2027 --docx wijzigingen.docx --redline redline.docx

    Per theme it lists the agreements added, removed, changed and moved to another theme
    (matched by their code), and for each change the fields that differ: texts as a word diff
    ([-deleted-]{+inserted+}), other fields as old -> new. Both versions must pass `check`.

    Exit status: 0 (also when the versions differ, unless --exit-code), 1 when a version cannot
    be read or has errors, or a document cannot be written, 2 for a wrong command line.
    """
    from afsprakengen.rounds.compare import diff_versions, side_of
    from afsprakengen.rounds.documents import write_overzicht, write_redline
    from afsprakengen.views import diff_lines

    if docx_path is not None and redline_path is not None and docx_path.resolve() == redline_path.resolve():
        raise click.UsageError("--docx and --redline must be different files")
    before, after = _versions_or_exit(old, new)
    difference = diff_versions(side_of(before.model, before.afspraken), side_of(after.model, after.afspraken))
    for line in diff_lines(difference, before, after):
        click.echo(line)
    if docx_path is not None:
        _written_or_exit(write_overzicht(difference, before, after, docx_path), docx_path)
    if redline_path is not None:
        _written_or_exit(write_redline(before, after, author, redline_path), redline_path)
    sys.exit(1 if exit_code and difference.has_changes else 0)


def _versions_or_exit(old: str, new: str) -> tuple[Version, Version]:
    """OLD and NEW loaded; when either cannot be read or has errors, print why and exit 1."""
    from afsprakengen.rounds.versions import load_version

    loaded = {name: load_version(argument, date.today()) for name, argument in (("OLD", old), ("NEW", new))}
    for name, version in loaded.items():
        for problem in version.problems:
            say_problem(problem, err=True)
        if version.version is None and version.problems:
            click.echo(f"{name} cannot be compared: {_plural(len(version.problems), 'error')}.", err=True)
    before, after = loaded["OLD"].version, loaded["NEW"].version
    if before is None or after is None:
        sys.exit(1)
    return before, after
