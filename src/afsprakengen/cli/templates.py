"""The `template check` command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from afsprakengen.documents.kinds import BUILT_KINDS

if TYPE_CHECKING:
    pass

from afsprakengen.cli.app import _plural, cli
from afsprakengen.cli.output import say_problem


@cli.group()
def template() -> None:
    """Work with Word templates (your own house style)."""


@template.command("check")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    required=True,
    type=click.Choice([k.name for k in BUILT_KINDS]),
    help="The kind of document the template is for.",
)
def template_check(path: Path, kind: str) -> None:
    """List every field PATH uses that the context of KIND does not provide (exit 1 if any)."""
    from afsprakengen.templatecheck.check import check_template

    problems = check_template(path, str(path), kind)
    for problem in problems:
        say_problem(problem)
    click.echo(f"{path}: {_plural(len(problems), 'problem')}." if problems else f"{path}: every field is known.")
    sys.exit(1 if problems else 0)
