"""The `template check` and `template export` commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from afsprakengen.cli.app import _plural, cli
from afsprakengen.cli.output import say_problem
from afsprakengen.documents.kinds import KIND_BY_NAME, KINDS

_KIND = click.Choice([k.name for k in KINDS])


@cli.group()
def template() -> None:
    """Work with Word templates (your own house style)."""


@template.command("check")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    default=None,
    type=_KIND,
    help="The kind of document the template is for (default: recognised from the template).",
)
def template_check(path: Path, kind: str | None) -> None:
    """List every field PATH uses that the context of its kind does not provide (exit 1 if any).

    The kind is the one a default template names in its properties, else the kind whose fields
    the template uses; --kind says it when that does not decide.
    """
    from afsprakengen.templatecheck.check import check_template, recognise_kind

    found = kind or recognise_kind(path, str(path))
    if not isinstance(found, str):
        say_problem(found)
        sys.exit(1)
    if kind is None:
        click.echo(f"{path}: a template for {found}.")
    problems = check_template(path, str(path), found)
    for problem in problems:
        say_problem(problem)
    click.echo(f"{path}: {_plural(len(problems), 'problem')}." if problems else f"{path}: every field is known.")
    sys.exit(1 if problems else 0)


@template.command("export")
@click.argument("kind", type=_KIND)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH when it exists.")
def template_export(kind: str, path: Path, force: bool) -> None:
    """Write the default template of KIND to PATH, to restyle in Word and build with --template KIND=PATH."""
    from afsprakengen.files import WriteError, write_atomic
    from afsprakengen.resources import resource_dir

    if path.exists() and not force:
        click.echo(f"{path}:1:1: error: the file exists; give another name, or --force to replace it", err=True)
        sys.exit(1)
    try:
        write_atomic((resource_dir("templates") / KIND_BY_NAME[kind].template).read_bytes(), path)
    except WriteError as exc:
        click.echo(f"{path}:1:1: error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"wrote {path}")
