"""The commands of the first hour: `new` (a starter dossier), `schema export` and `docs` (the format reference)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from afsprakengen.cli.app import DOSSIER, cli
from afsprakengen.cli.output import say_problem


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path), metavar="DIR")
@click.option("--gemeente", required=True, metavar="NAAM", help="The municipality, e.g. Mijnstad.")
@click.option("--jaar", type=int, default=None, metavar="J", help="The first jaarschijf (default: next year).")
@click.option("--corporatie", "corporaties", multiple=True, metavar="NAAM", help="A housing association (repeatable).")
@click.option(
    "--huurdersorganisatie", "huurders", multiple=True, metavar="NAAM", help="A tenants' organisation (repeatable)."
)
def new(
    directory: Path, gemeente: str, jaar: int | None, corporaties: tuple[str, ...], huurders: tuple[str, ...]
) -> None:
    """Write a starter dossier into DIR (new or empty) in your own names, ready for `check` and `build`.

    Every field is explained in Dutch comments; the schemas are copied into DIR/.schemas/, so an
    editor with yaml-language-server checks the files wherever the dossier lives.
    """
    from afsprakengen.starter.new import NewRequest, new_dossier

    today = date.today()
    request = NewRequest(directory, gemeente, jaar or today.year + 1, corporaties, huurders, today)
    result = new_dossier(request)
    for problem in result.problems:
        say_problem(problem, err=True)
    if result.problems:
        sys.exit(1)
    for path in result.written:
        click.echo(f"wrote {path}")
    click.echo(f"Next: afsprakengen check {directory}, then afsprakengen build {directory} --out DIR.")


@cli.group()
def schema() -> None:
    """The JSON Schemas of the dossier files (for your editor)."""


@schema.command("export")
@click.argument("dossier", type=DOSSIER)
def schema_export(dossier: str) -> None:
    """Copy this version's schemas into DOSSIER/.schemas/ and point each file's modeline at them.

    When the dossier checks without errors, the schemas also know its party ids, theme codes and goal codes,
    so an editor completes them and marks an unknown one; run it again after adding a party, theme or goal.
    """
    from afsprakengen.starter.schemas import export_schemas, tailored_schemas

    tailored = tailored_schemas(Path(dossier))
    if tailored is None:
        click.echo("note: the dossier has errors, so the schemas do not list its ids and codes (run check)")
    result = export_schemas(Path(dossier), tailored)
    for problem in result.problems:
        say_problem(problem, err=True)
    for path in result.written:
        click.echo(f"wrote {path}")
    click.echo(f"{len(result.written)} file{'' if len(result.written) == 1 else 's'} written.")
    sys.exit(1 if result.problems else 0)


@cli.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Write the reference to FILE instead of showing it.",
)
def docs(out: Path | None) -> None:
    """Show the dossier format reference: every file and field, with an example (through a pager)."""
    from afsprakengen.resources import resource_dir

    text = (resource_dir("docs") / "dossier-format.md").read_text(encoding="utf-8")
    if out is None:
        click.echo_via_pager(text.removesuffix("\n"))  # the pager ends it with a line break
        return
    from afsprakengen.files import WriteError, write_atomic

    try:
        write_atomic(text.encode("utf-8"), out)
    except WriteError as exc:
        click.echo(f"{out}: error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"wrote {out}")
