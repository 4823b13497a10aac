"""A status of an evaluation or a progress report: a level of the traffic-light scale, explained where it must be."""

from __future__ import annotations

from collections.abc import Iterator

from afsprakengen.model import DossierModel, Src, stoplicht
from afsprakengen.problems import Problem, did_you_mean, error


def status_on_scale(m: DossierModel, src: Src, status: str, toelichting: str | None) -> Iterator[Problem]:
    """A status (of an evaluation or progress entry at `src`) is a level of the scale, explained where it must be."""
    found = stoplicht.level(m, status)
    if found is None:
        codes = list(dict.fromkeys(n.code for n in stoplicht.scale(m)))
        hint = did_you_mean(status, codes)
        yield error(
            src.at("status"),
            f"'{status}' is not a level of the traffic-light scale{hint}; choose one of: " + ", ".join(codes),
        )
    elif found.toelichting_verplicht and not (toelichting or "").strip():
        yield error(src.at(), f"status '{status}' needs an explanation: add a toelichting to this entry")
