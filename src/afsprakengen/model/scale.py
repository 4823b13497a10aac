"""The status scale of the progress reports: the one place it comes from (until the dossier's own scale)."""

from __future__ import annotations

from afsprakengen.model import DossierModel

FIVE = ("gerealiseerd", "deels gerealiseerd", "niet gerealiseerd", "vertraagd", "vervallen")
"""The five statuses of the evaluation (evaluatie.schema.json), the default scale."""


def progress_scale(m: DossierModel) -> tuple[str, ...]:
    """The statuses a progress entry may have, the first one meaning 'on track'.

    The ONE function the progress reports (check, import, document) take their scale from: until the dossier's own
    traffic-light scale (`instellingen.stoplicht`, model/stoplicht.py) is merged it is the five statuses of the
    evaluation; then this line becomes `return tuple(level.code for level in stoplicht.scale(m))`.
    """
    del m
    return FIVE


def on_track(m: DossierModel, status: str) -> bool:
    """Whether a status means the agreement is on track (the first level of the scale); any other is at risk."""
    return status == progress_scale(m)[0]
