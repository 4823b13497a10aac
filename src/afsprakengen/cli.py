"""The command line: parses options, calls the core, prints its results and picks the exit code."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from afsprakengen import __version__
from afsprakengen.cache import Cache
from afsprakengen.documents.kinds import BUILT_KINDS
from afsprakengen.problems import Problem, Severity

if TYPE_CHECKING:
    from afsprakengen.check.dossier import CheckResult
    from afsprakengen.model import DossierModel
    from afsprakengen.rounds.versions import Version

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
_NO_CACHE = click.option(
    "--no-cache", is_flag=True, help="Check, render and lay out everything again; read and write no cache."
)
_NO_LAYOUT = click.option(
    "--no-layout",
    is_flag=True,
    help="Skip the LibreOffice layout pass: contents pages without page numbers (fast drafts).",
)


def _jobs(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The --jobs option, with what N counts for the command."""
    return click.option("--jobs", "workers", type=click.IntRange(min=1), default=None, metavar="N", help=help_text)


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
@click.option("--no-cache", is_flag=True, help="Load and validate every file again; read and write no cache.")
def check(dossier: str, strict: bool, today: datetime | None, no_cache: bool) -> None:
    """Check every file of DOSSIER and print every problem.

    Each problem is one line, `path:line:col: error|warning: $.json.path: message`. Errors are
    broken YAML, schema violations and references that do not resolve; warnings are SMART advice
    (an agreement without trekker or target, a goal nothing addresses, a year not evaluated).

    Exit status: 0 when there is no error (warnings allowed), 1 when there are errors (with
    --strict also when there are warnings), 2 for a wrong command line.
    """
    from afsprakengen.check.dossier import check_dossier  # the checker loads only when a command checks

    result = check_dossier(Path(dossier), dossier, today.date() if today else date.today(), cache=_cache(no_cache))
    problems = [_strict(p) if strict else p for p in result.problems]
    for problem in problems:
        click.echo(problem.format())
    click.echo(_summary(result, problems))
    sys.exit(1 if any(p.severity is Severity.ERROR for p in problems) else 0)


@cli.command()
@click.argument("dossier", type=DOSSIER)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the documents to (created when missing).",
)
@_YEARS
@_ONLY
@click.option(
    "--theme",
    "themes",
    multiple=True,
    metavar="CODE",
    help="Woonvisie excerpt of only this theme, e.g. WZ (repeatable).",
)
@click.option(
    "--template",
    "templates",
    multiple=True,
    metavar="KIND=PATH",
    help="Use your own Word template for a kind, e.g. prestatieafspraken=huisstijl.docx.",
)
@_TODAY
@_jobs("Render in N worker processes (default: the number of cores).")
@_NO_CACHE
@_NO_LAYOUT
def build(
    dossier: str,
    out: Path,
    years: tuple[int, ...],
    only: tuple[str, ...],
    themes: tuple[str, ...],
    templates: tuple[str, ...],
    today: datetime | None,
    workers: int | None,
    no_cache: bool,
    no_layout: bool,
) -> None:
    """Check DOSSIER, then write every document its inputs allow into --out.

    Per year folder J: woonvisie-uittreksel-<J>.docx, activiteitenoverzicht-<corporatie>-<J>.docx
    per bod, prestatieafspraken-<J>.docx and evaluatie-<J>.docx, each when its inputs exist.
    Nothing is written when the check finds errors; a document is replaced only when it was
    rendered completely, so a failed build never damages a document that was already there.
    """
    from afsprakengen.build import BuildRequest, build_dossier  # rendering libraries load only when building
    from afsprakengen.documents.produce import default_workers

    request = BuildRequest(
        Path(dossier),
        dossier,
        out,
        today.date() if today else date.today(),
        years,
        only,
        tuple(_template_option(t) for t in templates),
        themes,
        jobs=workers or default_workers(),
        cache=_cache(no_cache),
        layout=not no_layout,
    )
    with Progress("documents") as progress:
        result = build_dossier(request, progress)
    for problem in (*result.check.problems, *result.problems):
        click.echo(problem.format())
    if result.check.errors:
        click.echo(f"{_summary(result.check, list(result.check.problems))} Nothing was built.")
        sys.exit(1)
    if result.problems:
        click.echo(f"{_plural(len(result.problems), 'error')} while rendering. Nothing was written.")
        sys.exit(1)
    for path in result.written:
        click.echo(f"wrote {path}")
    if result.note:
        click.echo(f"note: {result.note}")
    click.echo(f"{_plural(len(result.written), 'document')} written.")


def _cache(no_cache: bool) -> Cache | None:
    """The cache of checked files in the user's cache folder, unless --no-cache."""
    return None if no_cache else Cache()


def _template_option(value: str) -> tuple[str, Path]:
    kind, sep, path = value.partition("=")
    kinds = [k.name for k in BUILT_KINDS]
    if not sep or kind not in kinds or not path:
        raise click.BadParameter(
            f"'{value}' is not KIND=PATH with KIND one of: {', '.join(kinds)}", param_hint="--template"
        )
    if not Path(path).is_file():
        raise click.BadParameter(f"the template '{path}' does not exist", param_hint="--template")
    return kind, Path(path)


class Progress:
    """Progress on stderr: a bar that redraws itself on a terminal, a line per item when piped (CI logs)."""

    WIDTH = 30

    def __init__(self, what: str) -> None:
        self.what = what
        self.tty = sys.stderr.isatty()
        self.drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.drawn:
            click.echo(err=True)

    def __call__(self, done: int, total: int, name: str) -> None:
        if total <= 1:
            return
        if not self.tty:
            click.echo(f"[{done}/{total}] {name}", err=True)
            return
        filled = self.WIDTH * done // total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        click.echo(f"\r[{bar}] {done}/{total} {self.what}", nl=False, err=True)
        self.drawn = True


@cli.command()
@click.argument("dossiers", nargs=-1, required=True, type=DOSSIER)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the documents: one subfolder per dossier, named after its folder.",
)
@_YEARS
@_ONLY
@_TODAY
@_jobs("Build N dossiers at a time (default: the number of cores).")
@_NO_CACHE
@_NO_LAYOUT
def batch(
    dossiers: tuple[str, ...],
    out: Path,
    years: tuple[int, ...],
    only: tuple[str, ...],
    today: datetime | None,
    workers: int | None,
    no_cache: bool,
    no_layout: bool,
) -> None:
    """Build many DOSSIERS at once, each into its own folder under --out, with one summary.

    A dossier with errors is reported and skipped; the others are built. The exit status is 1 when
    any dossier could not be built.
    """
    from afsprakengen.build import BuildRequest, build_many
    from afsprakengen.documents.produce import default_workers

    day = today.date() if today else date.today()
    names = [Path(d).resolve().name for d in dossiers]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise click.UsageError(f"two dossiers would be written to the same folder: {', '.join(twice)}")
    requests = [BuildRequest(Path(d), d, out / name, day, years, only) for d, name in zip(dossiers, names, strict=True)]
    with Progress("dossiers") as progress:
        results = build_many(requests, workers or default_workers(), progress)
    failed = [r for r in results if r.check.errors or r.problems]
    for result in failed:
        for problem in (*result.check.problems, *result.problems):
            if problem.severity is Severity.ERROR:
                click.echo(problem.format())
    for note in dict.fromkeys(r.note for r in results if r.note):
        click.echo(f"note: {note}")
    written = sum(len(r.written) for r in results)
    built = len(results) - len(failed)
    click.echo(
        f"{_plural(len(results), 'dossier')}: {built} built, {len(failed)} with errors; "
        f"{_plural(written, 'document')} written."
    )
    sys.exit(1 if failed else 0)


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
        click.echo(problem.format())
    click.echo(f"{path}: {_plural(len(problems), 'problem')}." if problems else f"{path}: every field is known.")
    sys.exit(1 if problems else 0)


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
    for line in calendar_lines(cal.year, cal.gemeente, cal.milestones):
        click.echo(line)
    if ics_path is not None:
        from afsprakengen.cycle.ics import calendar_ics

        try:
            write_atomic(calendar_ics(cal.milestones, cal.gemeente, datetime.now(UTC)), ics_path)
        except WriteError as exc:
            click.echo(f"{ics_path}:1:1: error: {exc}")
            sys.exit(1)
        events = _plural(len(cal.milestones), "event")
        click.echo(f"wrote {ics_path} ({events}, each with a reminder two weeks ahead)")


@cli.command("status")
@click.argument("dossier", type=DOSSIER)
@click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    metavar="JJJJ-MM-DD",
    help="Show the status on this date (default: today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON (schemas/status.schema.json).")
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
            click.echo(line)
    sys.exit(1 if fail_late and status.late else 0)


def _model_or_exit(dossier: str, today: date | None = None) -> DossierModel:
    """The dossier's model; when the dossier has errors, print them and exit 1."""
    from afsprakengen.check.dossier import check_dossier

    result = check_dossier(Path(dossier), dossier, today or date.today(), cache=Cache())
    if result.model is None or result.errors:
        for problem in result.problems:
            click.echo(problem.format(), err=True)
        click.echo(f"{_summary(result, list(result.problems))} Fix the errors first.", err=True)
        sys.exit(1)
    return result.model


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
            click.echo(problem.format(), err=True)
        if version.version is None and version.problems:
            click.echo(f"{name} cannot be compared: {_plural(len(version.problems), 'error')}.", err=True)
    before, after = loaded["OLD"].version, loaded["NEW"].version
    if before is None or after is None:
        sys.exit(1)
    return before, after


def _written_or_exit(problems: tuple[Problem, ...], path: Path) -> None:
    """Say that a document was written, or print why not and exit 1."""
    for problem in problems:
        click.echo(problem.format(), err=True)
    if problems:
        sys.exit(1)
    click.echo(f"wrote {path}", err=True)


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
