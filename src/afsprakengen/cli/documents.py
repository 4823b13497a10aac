"""The `documents check` command: the accessibility of produced Word documents."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from afsprakengen.cli.app import _plural, cli
from afsprakengen.cli.output import say_problem


@cli.group()
def documents() -> None:
    """Work with produced Word documents."""


@documents.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def documents_check(paths: tuple[Path, ...]) -> None:
    """Check the .docx files in PATHS (files or folders) for accessibility and print what each lacks.

    Each problem is one line, `file:1:1: error: what (where: part, paragraph, headings above)`: a heading level
    skipped, a picture or chart without alternative text, a table without a header row, no language or no title.
    Exit status: 0 when every document passes, 1 when one does not.
    """
    from afsprakengen.documents.accessible import check_documents

    count, problems = check_documents(paths)
    for problem in problems:
        say_problem(problem)
    checked = f"{_plural(count, 'document')} checked"
    click.echo(f"{checked}: {_plural(len(problems), 'problem')}." if problems else f"{checked}: no problems.")
    sys.exit(1 if problems or not count else 0)
