"""The table of document kinds: per kind its template, output name, inputs and context builder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from afsprakengen.context import activiteitenoverzicht, evaluatie, kalender, woonvisie_uittreksel
from afsprakengen.context.prestatieafspraken import PrestatieafsprakenCtx, build_prestatieafspraken
from afsprakengen.documents_types import Job, JobOptions
from afsprakengen.model import Cyclus, DossierModel


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: a row of the table; a new kind is a new row and a new template."""

    name: str
    template: str
    """File name of the default template in templates/."""
    context_type: type[Any]
    """The context dataclass the template can use (for `template check`)."""
    jobs: Callable[[DossierModel, Cyclus, JobOptions], Iterator[Job]]
    """The documents of this kind that a cycle's inputs allow."""
    on_request: bool = False
    """Built only when named with --only, for each --year (the kalender), not in a default build."""


def _prestatieafspraken_jobs(m: DossierModel, c: Cyclus, options: JobOptions) -> Iterator[Job]:
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
    DocumentKind(
        "woonvisie-uittreksel",
        "woonvisie-uittreksel.docx",
        woonvisie_uittreksel.WoonvisieUittrekselCtx,
        woonvisie_uittreksel.jobs,
    ),
    DocumentKind(
        "activiteitenoverzicht",
        "activiteitenoverzicht.docx",
        activiteitenoverzicht.ActiviteitenoverzichtCtx,
        activiteitenoverzicht.jobs,
    ),
    DocumentKind("prestatieafspraken", "prestatieafspraken.docx", PrestatieafsprakenCtx, _prestatieafspraken_jobs),
    DocumentKind("evaluatie", "evaluatie.docx", evaluatie.EvaluatieCtx, evaluatie.jobs),
    DocumentKind("kalender", "kalender.docx", kalender.KalenderCtx, kalender.jobs, on_request=True),
)
KIND_BY_NAME = {k.name: k for k in KINDS}
