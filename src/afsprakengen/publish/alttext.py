"""Alternative texts LibreOffice drops (a chart's wp:docPr descr) put back on the PDF's figures, in reading order."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any


def fill_figure_alt(pdf: Path, descriptions: Sequence[str]) -> int:
    """Give each figure without /Alt the description of the document's drawing at its place; how many were given.

    Figures and drawings are paired in order only when their numbers agree, so a text never lands on another figure.
    """
    import pikepdf

    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        if "/StructTreeRoot" not in document.Root:
            return 0
        figures = list(_figures(document.Root.StructTreeRoot))
        if len(figures) != len(descriptions):
            return 0
        given = 0
        for figure, text in zip(figures, descriptions, strict=True):
            if text and not str(figure.get("/Alt", "")).strip():
                figure.Alt = pikepdf.String(text)
                given += 1
        if given:
            document.save(pdf)
    return given


def _figures(node: Any) -> Iterator[Any]:
    """The /Figure structure elements under a node, in reading order (LibreOffice writes standard roles)."""
    import pikepdf

    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            if str(kid.S) == "/Figure":
                yield kid
            yield from _figures(kid)
