"""The `build` and `batch` commands, their --template option and the progress they show."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from afsprakengen.documents.kinds import BUILT_KINDS
from afsprakengen.problems import Severity

if TYPE_CHECKING:
    from afsprakengen.build import BuildResult

from afsprakengen.cli.app import (
    _NO_CACHE,
    _NO_LAYOUT,
    _ONLY,
    _TODAY,
    _YEARS,
    DOSSIER,
    _cache,
    _jobs,
    _out_folder,
    _plural,
    _summary,
    cli,
)
from afsprakengen.cli.output import say, say_problem


@cli.command()
@click.argument("dossier", type=DOSSIER)
@_out_folder("Folder to write the documents to (created when missing).")
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
    "--gemeente",
    "gemeente",
    default="",
    metavar="ID",
    help="A regional dossier: only this gemeente's woonvisie excerpt and evaluation (its party id).",
)
@click.option(
    "--template",
    "templates",
    multiple=True,
    metavar="KIND=PATH",
    help="Use your own Word template for a kind, e.g. prestatieafspraken=huisstijl.docx.",
)
@_TODAY
@_jobs("Render in at most N worker processes, fewer for small documents (default: the number of cores).")
@_NO_CACHE
@_NO_LAYOUT
@click.option(
    "--pdf", "pdf", is_flag=True, help="Also write each document as tagged PDF/A-2b + PDF/UA-1 (needs LibreOffice)."
)
@click.option("--odt", "odt", is_flag=True, help="Also write each document as ODF text (.odt, needs LibreOffice).")
def build(
    dossier: str,
    out: Path,
    years: tuple[int, ...],
    only: tuple[str, ...],
    themes: tuple[str, ...],
    gemeente: str,
    templates: tuple[str, ...],
    today: datetime | None,
    workers: int | None,
    no_cache: bool,
    no_layout: bool,
    pdf: bool,
    odt: bool,
) -> None:
    """Check DOSSIER, then write every document its inputs allow into --out.

    Per year folder J: woonvisie-uittreksel-<J>.docx, activiteitenoverzicht-<corporatie>-<J>.docx
    per bod, prestatieafspraken-<J>.docx and evaluatie-<J>.docx, each when its inputs exist.
    Nothing is written when the check finds errors; the documents are written as one set, after
    every one was rendered completely: a failed or interrupted build leaves the old set as it was.
    With --pdf and --odt, LibreOffice writes a PDF/A + PDF/UA and an .odt beside every .docx.
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
        gemeente=gemeente,
    )
    with Progress("documents") as progress:
        result = build_dossier(request, progress)
    status = _report(result)
    formats = tuple(f for f, wanted in (("pdf", pdf), ("odt", odt)) if wanted)
    if status or not formats:
        sys.exit(status)
    from afsprakengen.cli.publishing import export_beside  # and the `publish` command, only when exporting

    sys.exit(export_beside(result.written, formats, request.jobs))


def _report(result: BuildResult) -> int:
    """Print a build's problems, what it wrote and what it did without; the exit status."""
    for problem in (*result.check.problems, *result.problems):
        say_problem(problem)
    if result.check.errors:
        say(f"{_summary(result.check, list(result.check.problems))} Nothing was built.", "error")
        return 1
    for path in result.written:
        click.echo(f"wrote {path}")
    if result.problems:
        done = (
            f"{_plural(len(result.written), 'document')} written (above); every other"
            if result.written
            else "Nothing was written; every"
        )
        say(f"{_plural(len(result.problems), 'error')}. {done} document was left as it was.", "error")
        return 1
    if result.note:
        click.echo(f"note: {result.note}")
    for reason in result.missing:
        click.echo(f"note: {reason}")
    if not result.written:
        click.echo(f"0 documents written: nothing to build. {_STARTER}")
        return 0
    say(f"{_plural(len(result.written), 'document')} written.", "done")
    return 0


_STARTER = (
    "A year folder J/ needs a bod-<corporatie>.yaml, prestatieafspraken.yaml or evaluatie.yaml; "
    "`afsprakengen new DIR --gemeente NAAM` writes a starter dossier that shows them, and `afsprakengen docs` "
    "shows the format."
)


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
@_out_folder("Folder for the documents: one subfolder per dossier, named after its folder.")
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
                say_problem(problem)
    for note in dict.fromkeys(r.note for r in results if r.note):
        click.echo(f"note: {note}")
    written = sum(len(r.written) for r in results)
    built = len(results) - len(failed)
    say(
        f"{_plural(len(results), 'dossier')}: {built} built, {len(failed)} with errors; "
        f"{_plural(written, 'document')} written.",
        "error" if failed else "done",
    )
    sys.exit(1 if failed else 0)
