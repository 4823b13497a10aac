"""PDF/A-2b + PDF/UA-1 and ODF beside each written .docx, through LibreOffice, replacing files only when complete."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from afsprakengen.files import WriteError, write_atomic
from afsprakengen.publish.office import INSTALL_HINT, OfficeError, convert, find_office

FORMATS = ("pdf", "odt")
"""The formats `--pdf` and `--odt` add, in the order they are written."""

_PDF_OPTIONS = {
    "SelectPdfVersion": ("long", "2"),  # PDF/A-2b: fonts embedded, no transparency or encryption surprises
    "PDFUACompliance": ("boolean", "true"),  # PDF/UA-1: tagged, structure in reading order, title shown
    "UseTaggedPDF": ("boolean", "true"),
    "ExportBookmarks": ("boolean", "true"),  # the headings as the PDF's outline
    "ExportBookmarksToPDFDestination": ("boolean", "true"),
    "ExportFormFields": ("boolean", "false"),
}
FILTERS = {
    "pdf": "pdf:writer_pdf_Export:"
    + json.dumps({k: {"type": t, "value": v} for k, (t, v) in _PDF_OPTIONS.items()}, separators=(",", ":")),
    "odt": "odt:writer8",
}
"""LibreOffice's export filter per format, with the options as JSON (LibreOffice 7.4 and later)."""


class ExportError(Exception):
    """A format could not be written; the message is one plain line (what to install, or what failed)."""


@dataclass(frozen=True)
class Exported:
    """The files an export wrote, in the order of the documents and formats."""

    written: tuple[Path, ...]


def export(documents: Sequence[Path], formats: Sequence[str], *, workers: int = 1) -> Exported:
    """Write every format of every document beside it; a file is replaced only once it is converted completely.

    Raises ExportError without touching any existing file when LibreOffice is missing or fails.
    """
    if not documents or not formats:
        return Exported(())
    office = find_office()
    if office is None:
        raise ExportError(f"--{'/--'.join(formats)} needs LibreOffice: {INSTALL_HINT}")
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="afsprakengen-export-") as folder:
        staged = _stage(documents, Path(folder))
        for fmt in formats:
            try:
                convert(office, list(staged), FILTERS[fmt], Path(folder) / fmt, workers=workers)
            except OfficeError as exc:
                raise ExportError(f"could not write the {fmt.upper()} files: {exc}") from None
        if "pdf" in formats:
            _restore_alt_texts(staged, Path(folder) / "pdf")
        for source, target in staged.items():
            for fmt in formats:
                written.append(_place(Path(folder) / fmt / source.with_suffix(f".{fmt}").name, target, fmt))
    return Exported(tuple(written))


def _restore_alt_texts(staged: dict[Path, Path], pdfs: Path) -> None:
    """The charts' alternative texts, which LibreOffice drops on import, back on the PDFs' figures."""
    from afsprakengen.publish.alttext import fill_figure_alt
    from afsprakengen.word.accessibility import drawing_descriptions

    for source in staged:
        descriptions = drawing_descriptions(source.read_bytes())
        if descriptions:
            fill_figure_alt(pdfs / source.with_suffix(".pdf").name, descriptions)


def _stage(documents: Sequence[Path], folder: Path) -> dict[Path, Path]:
    """Copies of the documents under unique names (two year folders may hold documents of the same name)."""
    staged: dict[Path, Path] = {}
    for i, document in enumerate(documents):
        copy = folder / f"{i:04d}-{document.name}"
        copy.write_bytes(document.read_bytes())
        staged[copy] = document
    return staged


def _place(converted: Path, document: Path, fmt: str) -> Path:
    """Put a converted file beside its document in one step (a temp file in the same folder, then a rename)."""
    target = document.with_suffix(f".{fmt}")
    try:
        write_atomic(converted.read_bytes(), target)
    except WriteError as exc:
        raise ExportError(str(exc)) from None
    return target
