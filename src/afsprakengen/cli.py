"""The command line: parses options, calls the core, prints its results and picks the exit code."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date, datetime
from pathlib import Path

import click

from afsprakengen import __version__
from afsprakengen.check import CheckResult, check_dossier
from afsprakengen.problems import Problem, Severity

DOSSIER = click.Path(exists=True, file_okay=False, dir_okay=True, path_type=str)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="afsprakengen")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for internal errors (for bug reports).")
def cli(debug: bool) -> None:
    """Check a prestatieafspraken dossier (YAML in Git) and render its Word documents."""


@cli.command()
@click.argument("dossier", type=DOSSIER)
@click.option("--strict", is_flag=True, help="Treat warnings (SMART advice) as errors.")
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    metavar="JJJJ-MM-DD",
    help="Check as if it were this date (default: today); decides which years are over.",
)
def check(dossier: str, strict: bool, today: datetime | None) -> None:
    """Check every file of DOSSIER and print every problem.

    Each problem is one line, `path:line:col: error|warning: $.json.path: message`. Errors are
    broken YAML, schema violations and references that do not resolve; warnings are SMART advice
    (an agreement without trekker or target, a goal nothing addresses, a year not evaluated).

    Exit status: 0 when there is no error (warnings allowed), 1 when there are errors (with
    --strict also when there are warnings), 2 for a wrong command line.
    """
    result = check_dossier(Path(dossier), dossier, today.date() if today else date.today())
    problems = [_strict(p) if strict else p for p in result.problems]
    for problem in problems:
        click.echo(problem.format())
    click.echo(_summary(result, problems))
    sys.exit(1 if any(p.severity is Severity.ERROR for p in problems) else 0)


def _strict(problem: Problem) -> Problem:
    return dataclasses.replace(problem, severity=Severity.ERROR)


def _summary(result: CheckResult, problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    files = len(result.files)
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not problems:
        return f"{checked}: no problems."
    return f"{checked}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def main() -> None:
    """Run the CLI; an unexpected exception becomes one plain line (the traceback only with --debug)."""
    try:
        cli.main(prog_name="afsprakengen")
    except Exception as exc:
        if "--debug" in sys.argv:
            raise
        click.echo(
            f"afsprakengen: internal error ({type(exc).__name__}); this is a bug in afsprakengen, not "
            "in your dossier. Run again with --debug and report what it prints.",
            err=True,
        )
        sys.exit(1)
