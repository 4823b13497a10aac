"""The layout pass: LibreOffice lays each document out, and the page of every heading goes into its contents page."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from afsprakengen.cache import Cache, key_of
from afsprakengen.publish.office import INSTALL_HINT, OfficeError, convert, find_office

__all__ = ["EXPORT", "Layout", "convert", "heading_pages", "lay_out"]

EXPORT = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
"""PDF with every Word bookmark as a named destination, so the page of each heading can be read back exactly."""
_TOC_NAME = re.compile(r"Toc(\d{6})$")


@dataclass(frozen=True)
class Layout:
    """The documents with page numbers in their contents pages, and a note when that could not be done."""

    documents: dict[str, bytes]
    note: str | None = None


def lay_out(documents: Mapping[str, bytes], *, workers: int = 1, cache: Cache | None = None) -> Layout:
    """Every document that has a contents page gets the page numbers of its headings; the others stay as they are."""
    from afsprakengen.word.toc import has_toc, with_page_numbers

    todo = {name: data for name, data in documents.items() if has_toc(data)}
    if not todo:
        return Layout(dict(documents))
    office = find_office()
    if office is None:
        return Layout(dict(documents), f"the contents pages have no page numbers: {INSTALL_HINT}")
    pages = {name: cache.get("layout", key_of(office.version, data)) if cache else None for name, data in todo.items()}
    missing = {name: todo[name] for name, found in pages.items() if found is None}
    try:
        laid_out = _pages_by_office(missing, workers) if missing else {}
    except OfficeError as exc:
        return Layout(dict(documents), f"the contents pages have no page numbers: {exc}")
    for name, found in laid_out.items():
        pages[name] = found
        if cache:
            cache.put("layout", key_of(office.version, todo[name]), found)
    out = dict(documents)
    out.update({name: with_page_numbers(data, pages[name] or {}) for name, data in todo.items()})
    return Layout(out)


def _pages_by_office(documents: Mapping[str, bytes], workers: int) -> dict[str, dict[int, int]]:
    office = find_office()
    assert office is not None
    with tempfile.TemporaryDirectory(prefix="afsprakengen-layout-") as folder:
        root = Path(folder)
        files = []
        for i, data in enumerate(documents.values()):
            files.append(root / f"d{i}.docx")
            files[-1].write_bytes(data)
        convert(office, files, EXPORT, root, workers=workers)
        return {name: heading_pages(f.with_suffix(".pdf")) for name, f in zip(documents, files, strict=True)}


def heading_pages(pdf: Path) -> dict[int, int]:
    """The page (from 1) of every contents entry's bookmark `_TocNNNNNN`, by NNNNNN, from the PDF's destinations."""
    import pikepdf

    with pikepdf.open(pdf) as document:
        page_of = {page.objgen: number for number, page in enumerate(document.pages, start=1)}
        return {
            int(match.group(1)): page_of[target.objgen]
            for name, target in _destinations(document)
            if (match := _TOC_NAME.search(name)) and target.objgen in page_of
        }


def _destinations(document: object) -> list[tuple[str, Any]]:
    """(name, page object) of every named destination, from the old /Dests dictionary or the /Names tree."""
    import pikepdf

    assert isinstance(document, pikepdf.Pdf)
    root = document.Root
    found: list[tuple[str, Any]] = []
    if "/Dests" in root:
        found += [(str(key), value) for key, value in root.Dests.items()]
    if "/Names" in root and "/Dests" in root.Names:
        found += list(pikepdf.NameTree(root.Names.Dests).items())
    return [(name, _page(value)) for name, value in found]


def _page(destination: Any) -> Any:
    import pikepdf

    array = destination if isinstance(destination, pikepdf.Array) else destination.D
    return array[0]
