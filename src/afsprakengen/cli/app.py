"""The command group, its shared options and helpers, `check`, and the one place internal errors become a line."""

from __future__ import annotations

import dataclasses
import gc
import importlib
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from afsprakengen import __version__
from afsprakengen.cache import Cache
from afsprakengen.cli.output import never_fail_on_encoding, say, say_problem
from afsprakengen.documents.kinds import BUILT_KINDS
from afsprakengen.problems import Problem, Severity

if TYPE_CHECKING:
    from afsprakengen.check.dossier import CheckResult

DOSSIER = click.Path(exists=True, file_okay=False, dir_okay=True, path_type=str)
_YEARS = click.option(
    "--year", "years", multiple=True, type=int, metavar="J", help="Only this jaarschijf (repeatable)."
)
_ONLY = click.option(
    "--only",
    "only",
    multiple=True,
    type=click.Choice([k.name for k in BUILT_KINDS]),
    help="Only this kind of document (repeatable).",
)
_TODAY = click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    metavar="JJJJ-MM-DD",
    help="Check as if it were this date (default: today).",
)


def _out_folder(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The required --out option: a folder, created when missing."""
    return click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path), help=help_text)


_NO_CACHE = click.option(
    "--no-cache", is_flag=True, help="Check, render and lay out everything again; read and write no cache."
)
_NO_LAYOUT = click.option(
    "--no-layout",
    is_flag=True,
    help="Skip the LibreOffice layout pass: contents pages without page numbers (fast drafts).",
)


INTERNAL_ERROR = 3
"""The exit status of a bug in afsprakengen (1 is a problem in the user's input, 2 a wrong command line)."""


def _jobs(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The --jobs option, with what N counts for the command."""
    return click.option("--jobs", "workers", type=click.IntRange(min=1), default=None, metavar="N", help=help_text)


COMMAND_MODULES = {
    "batch": "building",
    "build": "building",
    "calendar": "cycle",
    "diff": "rounds",
    "docs": "starting",
    "documents": "documents",
    "geschil": "geschil",
    "monitor": "monitor",
    "new": "starting",
    "publish": "publishing",
    "schema": "starting",
    "status": "cycle",
    "template": "templates",
}
"""Each command (besides `check`, here) and the module of cli/ that defines it, loaded when the command runs."""


class _Commands(click.Group):
    """The command group: a command's module is imported when that command is asked for (all of them for --help)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"afsprakengen.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="afsprakengen")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for internal errors (for bug reports).")
def cli(debug: bool) -> None:
    """Check a prestatieafspraken dossier (YAML in Git) and render its Word documents.

    \b
    Exit status of every command:
      0  fine
      1  problems in your input (the dossier, a template, an argument's file)
      2  a wrong command line (usage)
      3  an internal error: a bug in afsprakengen (--debug shows its traceback)
    """


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
@click.option("--no-cache", is_flag=True, help="Load and validate every file again; read and write no cache.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    show_default=True,
    help="text: a line per problem; json: schemas/check-result.schema.json; github: workflow annotations; "
    "sarif: SARIF 2.1.0 for code scanning.",
)
def check(dossier: str, strict: bool, today: datetime | None, no_cache: bool, fmt: str) -> None:
    """Check every file of DOSSIER and print every problem.

    Each problem is one line, `path:line:col: error|warning: $.json.path: message` (or, with
    --format, JSON, GitHub workflow annotations or SARIF for CI). Errors are
    broken YAML, schema violations and references that do not resolve; warnings are SMART advice
    (an agreement without trekker or target, a goal nothing addresses, a year not evaluated).

    Exit status: 0 when there is no error (warnings allowed), 1 when there are errors (with
    --strict also when there are warnings), 2 for a wrong command line.
    """
    from afsprakengen.check.dossier import check_dossier  # the checker loads only when a command checks

    result = check_dossier(Path(dossier), dossier, today.date() if today else date.today(), cache=_cache(no_cache))
    problems = [_strict(p) if strict else p for p in result.problems]
    _report(fmt, result, problems)
    sys.exit(1 if any(p.severity is Severity.ERROR for p in problems) else 0)


def _report(fmt: str, result: CheckResult, problems: list[Problem]) -> None:
    """Print the check's problems in the chosen format (json and sarif: one document on stdout, nothing else)."""
    from afsprakengen.check.report import check_json, check_sarif, github_annotations

    if fmt == "json":
        click.echo(check_json(len(result.files), problems))
    elif fmt == "sarif":
        click.echo(check_sarif(problems))
    else:
        for problem, annotation in zip(problems, github_annotations(problems), strict=True):
            if fmt == "github":
                click.echo(annotation)
            else:
                say_problem(problem)
        say(_summary(result, problems), None if problems else "done")


def _cache(no_cache: bool) -> Cache | None:
    """The cache of checked files in the user's cache folder, unless --no-cache."""
    return None if no_cache else Cache()


def _written_or_exit(problems: tuple[Problem, ...], path: Path) -> None:
    """Say that a document was written, or print why not and exit 1."""
    for problem in problems:
        say_problem(problem, err=True)
    if problems:
        sys.exit(1)
    say(f"wrote {path}", "done", err=True)


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
    """Run the CLI; an unexpected exception becomes one plain line (the traceback only with --debug).

    When the command is done the process only ends: every object it made is frozen out of the garbage collector's
    reach, so Python's shutdown does not walk them all in one last collection (~15 ms after a check); they are freed
    as always, and files are written and closed by then.
    """
    never_fail_on_encoding()
    try:
        cli.main(prog_name="afsprakengen")
    except Exception as exc:
        if "--debug" in sys.argv:
            raise
        say(
            f"afsprakengen: internal error ({type(exc).__name__}); this is a bug in afsprakengen, not "
            "in your dossier. Run again with --debug and report what it prints.",
            "error",
            err=True,
        )
        sys.exit(INTERNAL_ERROR)
    finally:
        gc.freeze()
