"""The units of a build plan: what a document kind yields per cycle (kept apart to avoid import cycles)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class JobOptions:
    """Options that shape a document's content, e.g. `--theme WZ` for an excerpt of only some themes."""

    themes: tuple[str, ...] = ()


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
