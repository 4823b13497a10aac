"""The table of document kinds: per kind its template, output name, inputs and context builder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from afsprakengen.context.prestatieafspraken import PrestatieafsprakenCtx, build_prestatieafspraken
from afsprakengen.model import Cyclus, DossierModel


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: a row of the table; a new kind is a new row and a new template."""

    name: str
    template: str
    """File name of the default template in templates/."""
    context_type: type[Any]
    """The context dataclass the template can use (for `template check`)."""
    jobs: Callable[[DossierModel, Cyclus], Iterator[Job]]
    """The documents of this kind that a cycle's inputs allow."""


@dataclass(frozen=True)
class Job:
    """One document to build: its output file name, context, and the properties it carries."""

    kind: str
    year: int
    output: str
    context: object
    title: str
    subject: str
    version: str
    status: str
    created: date


def _prestatieafspraken_jobs(m: DossierModel, c: Cyclus) -> Iterator[Job]:
    pa = c.prestatieafspraken
    if pa is not None:
        ctx = build_prestatieafspraken(m, c)
        subject = f"Prestatieafspraken {ctx.gemeente} {c.jaar}"
        yield Job(
            "prestatieafspraken",
            c.jaar,
            f"prestatieafspraken-{c.jaar}.docx",
            ctx,
            ctx.titel,
            subject,
            pa.versie,
            pa.status,
            pa.datum,
        )


KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("prestatieafspraken", "prestatieafspraken.docx", PrestatieafsprakenCtx, _prestatieafspraken_jobs),
)
KIND_BY_NAME = {k.name: k for k in KINDS}
