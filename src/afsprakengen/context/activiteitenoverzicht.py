"""The context of the activity overview of one corporation: what its template can show, built from the dossier model."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from afsprakengen import model
from afsprakengen.documents_types import Job, JobOptions


@dataclass(frozen=True)
class ActiviteitenoverzichtCtx:
    """Everything the activiteitenoverzicht template can use."""

    titel: str
    gemeente: str
    jaar: int
    versie: str
    status: str
    concept: bool
    datum: date


def jobs(m: model.DossierModel, c: model.Cyclus, options: JobOptions) -> Iterator[Job]:
    """The activiteitenoverzicht documents this cycle's inputs allow (none yet: being written)."""
    yield from ()
