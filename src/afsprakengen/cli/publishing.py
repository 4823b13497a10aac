"""The `publish` command, and the PDF/A and ODF files `build --pdf --odt` writes beside each document."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click

from afsprakengen.cli.app import _TODAY, DOSSIER, _cache, _out_folder, _plural, cli
from afsprakengen.cli.output import say


@cli.command()
@click.argument("dossier", type=DOSSIER)
@click.option("--year", "year", required=True, type=click.IntRange(1900, 2200), help="The jaarschijf J to publish.")
@_out_folder("Folder for the publication (created when missing).")
@_TODAY
def publish(dossier: str, year: int, out: Path, today: datetime | None) -> None:
    """Gather the definitief documents of jaarschijf YEAR for publication and the archive.

    Every document of the year whose inputs are definitief (signed prestatieafspraken, definitief bods,
    an adopted evaluation) is written as .docx with page numbers, as tagged PDF/A-2b + PDF/UA-1 and as
    ODF, with index.html listing the files and their SHA-256 checksums. Concept documents are left out.
    Needs LibreOffice.
    """
    from afsprakengen.build import BuildRequest, build_dossier
    from afsprakengen.cli.building import _report
    from afsprakengen.documents.produce import default_workers

    request = BuildRequest(
        Path(dossier),
        dossier,
        out,
        today.date() if today else date.today(),
        (year,),
        jobs=default_workers(),
        cache=_cache(False),
        layout=True,
        definitief_only=True,
    )
    result = build_dossier(request)
    status = _report(result)
    if status:
        sys.exit(status)
    if not result.written:
        say(f"error: nothing to publish for {year}: no document of jaarschijf {year} is definitief", "error")
        sys.exit(1)
    status = export_beside(result.written, ("pdf", "odt"), request.jobs)
    sys.exit(status or _index(result.written, result.described, out, year))


def _index(written: tuple[Path, ...], described: tuple[tuple[str, str, str, str], ...], out: Path, year: int) -> int:
    from afsprakengen.files import WriteError, write_atomic
    from afsprakengen.publish.index import Published, index_html
    from afsprakengen.publish.pdfcheck import pdf_findings

    documents = []
    for docx, (title, subject, version, status) in zip(written, described, strict=True):
        files = tuple(docx.with_suffix(s) for s in (".pdf", ".odt", ".docx"))
        documents.append(Published(title, subject, version, status, files))
        for finding in pdf_findings(docx.with_suffix(".pdf")):
            say(f"{docx.with_suffix('.pdf')}: warning: {finding}", "warning")
    try:
        write_atomic(index_html(f"Prestatieafspraken {year}: gepubliceerde documenten", documents), out / "index.html")
    except WriteError as exc:
        say(f"error: {exc}", "error")
        return 1
    say(f"wrote {out / 'index.html'} ({_plural(len(documents), 'document')} in PDF/A, ODF and Word)", "done")
    return 0


def export_beside(documents: tuple[Path, ...], formats: tuple[str, ...], workers: int) -> int:
    """Write the other formats beside the documents; the exit status (1 when LibreOffice is missing or fails)."""
    if not formats or not documents:
        return 0
    from afsprakengen.publish.export import ExportError, export  # LibreOffice's machinery, only when asked for

    try:
        exported = export(documents, formats, workers=workers)
    except ExportError as exc:
        say(f"error: {exc} (the .docx files are written)", "error")
        return 1
    for path in exported.written:
        click.echo(f"wrote {path}")
    say(f"{_plural(len(exported.written), 'file')} written as {' and '.join(f.upper() for f in formats)}.", "done")
    return 0
