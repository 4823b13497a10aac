"""The one table of document kinds: per kind its template, context type, template builder and the jobs it yields.

The table names each kind's package under documents/ instead of importing it: a kind's context and
template modules (and with them python-docx and lxml) load only when that kind is built or its
template made, so `check`, `status` and `--help`, which need only the kinds' names, start quickly.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from afsprakengen.model import Cyclus, DossierModel


@dataclass(frozen=True)
class JobOptions:
    """Options that shape a document's content, e.g. `--theme WZ` for an excerpt of only some themes."""

    themes: tuple[str, ...] = ()
    gemeente: str = ""
    """A regional dossier's gemeente (party id): its excerpt and evaluation only; '': every excerpt, one evaluation."""


@dataclass(frozen=True, kw_only=True)
class Job:
    """One document to render: its kind, output file name, context, and the properties it carries."""

    kind: str
    year: int
    output: str
    context: object
    title: str
    subject: str
    version: str
    status: str
    created: date
    properties: tuple[tuple[str, str], ...] = ()
    """Custom properties after Versie, Status and Jaarschijf (the input hash, the Git commit, compared versions)."""
    herkomst: str = ""
    """Where the inputs came from, for the footer ("commit 64e409cc0499")."""
    herkomst_in_voettekst: bool = False
    """Show `herkomst` in the footer of a definitief document too (a concept always shows it)."""


JobsFn = Callable[["DossierModel", "Cyclus", "JobOptions"], Iterator["Job"]]


@dataclass(frozen=True, kw_only=True)
class DocumentKind:
    """One kind of document: a row of the table; a new kind is a new folder under documents/ and a new row."""

    name: str
    template: str
    """File name of the default template in templates/."""
    package: str
    """The kind's package under documents/: its context.py and template.py."""
    context_class: str
    """The name of the context dataclass in its context.py that the template can use (for `template check`)."""
    jobs: JobsFn | None
    """The documents of this kind that a cycle's inputs allow; None for a kind another command makes (`diff`)."""
    needs: str = ""
    """The input a year folder needs for this kind, for the reason a build made none ("a bod-<corporatie>.yaml")."""
    on_request: bool = False
    """Built only when named with --only, for each --year (the kalender), not in a default build."""

    @property
    def context_type(self) -> type[Any]:
        """The context dataclass the template can use (for `template check`)."""
        found = getattr(importlib.import_module(f"afsprakengen.documents.{self.package}.context"), self.context_class)
        if not isinstance(found, type):
            raise TypeError(f"{self.package}.context.{self.context_class} is not a class")
        return found

    def build_template(self) -> Any:
        """The default template (a python-docx Document) in the house style; `make templates` saves it."""
        return importlib.import_module(f"afsprakengen.documents.{self.package}.template").build_template()


def _woonvisie_uittreksel_jobs(m: DossierModel, c: Cyclus, options: JobOptions) -> Iterator[Job]:
    """The woonvisie excerpt of a cycle that has a bod or agreements (of only some themes with `--theme`)."""
    from afsprakengen.documents.woonvisie_uittreksel.context import build_woonvisie_uittreksel

    if not c.bods and c.prestatieafspraken is None:
        return
    for gemeente, own, cyclus in _per_gemeente(m, c, options, every=True):
        ctx = build_woonvisie_uittreksel(own, cyclus, options.themes)
        part = "".join(f"-{code}" for code in (*gemeente, *dict.fromkeys(options.themes)))
        yield _excerpt_job(ctx, c, f"woonvisie-uittreksel{part}-{c.jaar}.docx", own.regime.uittreksel)


def _per_gemeente(
    m: DossierModel, c: Cyclus, options: JobOptions, *, every: bool
) -> Iterator[tuple[tuple[str, ...], DossierModel, Cyclus]]:
    """The model and cycle per gemeente of a region (`--gemeente`'s, or with `every` each), else the whole one.

    Each with the gemeente's id for the file name (none for the whole dossier).
    """
    from afsprakengen.model.regio import for_gemeente

    chosen = [p for p in m.dossier.gemeenten() if p.id == options.gemeente or (every and not options.gemeente)]
    if m.dossier.regio is None or not chosen:
        yield (), m, c
        return
    for p in chosen:
        own = for_gemeente(m, p)
        yield (p.id,), own, own.cyclus(c.jaar) or c


def _excerpt_job(ctx: Any, c: Cyclus, output: str, name: str) -> Job:
    return Job(
        kind="woonvisie-uittreksel",
        year=c.jaar,
        output=output,
        context=ctx,
        title=ctx.titel,
        subject=f"{name} {ctx.gemeente} {c.jaar}",
        version=ctx.versie,
        status=ctx.status,
        created=ctx.datum,
    )


def _activiteitenoverzicht_jobs(m: DossierModel, c: Cyclus, options: JobOptions) -> Iterator[Job]:
    """One activity overview per bod of the cycle."""
    from afsprakengen.documents.activiteitenoverzicht.context import build_activiteitenoverzicht

    for bod in c.bods:
        ctx = build_activiteitenoverzicht(m, bod)
        yield Job(
            kind="activiteitenoverzicht",
            year=c.jaar,
            output=f"activiteitenoverzicht-{bod.corporatie}-{c.jaar}.docx",
            context=ctx,
            title=ctx.titel,
            subject=f"Activiteitenoverzicht {ctx.corporatie} aan gemeente {ctx.gemeente} {c.jaar}",
            version=ctx.versie,
            status=ctx.status,
            created=ctx.datum,
        )


def _prestatieafspraken_jobs(m: DossierModel, c: Cyclus, options: JobOptions) -> Iterator[Job]:
    """The agreements of a cycle that has a prestatieafspraken.yaml."""
    from afsprakengen.documents.prestatieafspraken.context import build_prestatieafspraken

    pa = c.prestatieafspraken
    if pa is None:
        return
    ctx = build_prestatieafspraken(m, c)
    yield Job(
        kind="prestatieafspraken",
        year=c.jaar,
        output=f"prestatieafspraken-{c.jaar}.docx",
        context=ctx,
        title=ctx.titel,
        subject=f"Prestatieafspraken {ctx.gemeente} {c.jaar}",
        version=pa.versie,
        status=pa.status,
        created=pa.datum,
    )


def _evaluatie_jobs(m: DossierModel, c: Cyclus, options: JobOptions) -> Iterator[Job]:
    """The evaluation report of a cycle that has an evaluatie.yaml (and the agreements it evaluates)."""
    from afsprakengen.documents.evaluatie.context import build_evaluatie

    for gemeente, own, cyclus in _per_gemeente(m, c, options, every=False):
        ev, pa = cyclus.evaluatie, cyclus.prestatieafspraken
        if ev is None or pa is None:
            return
        ctx = build_evaluatie(own, pa, ev)
        yield Job(
            kind="evaluatie",
            year=c.jaar,
            output=f"evaluatie{''.join(f'-{g}' for g in gemeente)}-{c.jaar}.docx",
            context=ctx,
            title=ctx.titel,
            subject=f"Evaluatie prestatieafspraken {ctx.gemeente} {c.jaar}",
            version=ctx.versie,
            status=ev.status,
            created=ev.datum,
        )


def _voortgangsrapportage_jobs(m: DossierModel, c: Cyclus, options: JobOptions) -> Iterator[Job]:
    """One progress report per voortgang-<peildatum>.yaml of the cycle, each compared with the one before it."""
    from afsprakengen.documents.voortgangsrapportage.context import build_voortgangsrapportage

    pa = c.prestatieafspraken
    if pa is None:
        return
    for i, v in enumerate(c.voortgang):
        ctx = build_voortgangsrapportage(m, pa, v, c.voortgang[i - 1] if i else None)
        yield Job(
            kind="voortgangsrapportage",
            year=c.jaar,
            output=f"voortgangsrapportage-{v.peildatum.isoformat()}.docx",
            context=ctx,
            title=ctx.titel,
            subject=f"Voortgang prestatieafspraken {ctx.gemeente} {c.jaar} op {v.peildatum.isoformat()}",
            version="",
            status=v.status,
            created=v.peildatum,
        )


def _kalender_jobs(m: DossierModel, c: Cyclus, options: JobOptions) -> Iterator[Job]:
    """The calendar of the year c.jaar (built only on request: `--only kalender --year J`)."""
    from afsprakengen.documents.kalender.context import build_kalender

    ctx = build_kalender(m, c.jaar)
    yield Job(
        kind="kalender",
        year=c.jaar,
        output=f"kalender-{c.jaar}.docx",
        context=ctx,
        title=ctx.titel,
        subject=f"{ctx.titel} {ctx.gemeente}",
        version=ctx.versie,
        status=ctx.status,
        created=ctx.datum,
    )


KINDS: tuple[DocumentKind, ...] = (
    DocumentKind(
        name="woonvisie-uittreksel",
        template="woonvisie-uittreksel.docx",
        package="woonvisie_uittreksel",
        context_class="WoonvisieUittrekselCtx",
        jobs=_woonvisie_uittreksel_jobs,
        needs="a bod-<corporatie>.yaml or prestatieafspraken.yaml",
    ),
    DocumentKind(
        name="activiteitenoverzicht",
        template="activiteitenoverzicht.docx",
        package="activiteitenoverzicht",
        context_class="ActiviteitenoverzichtCtx",
        jobs=_activiteitenoverzicht_jobs,
        needs="a bod-<corporatie>.yaml",
    ),
    DocumentKind(
        name="prestatieafspraken",
        template="prestatieafspraken.docx",
        package="prestatieafspraken",
        context_class="PrestatieafsprakenCtx",
        jobs=_prestatieafspraken_jobs,
        needs="a prestatieafspraken.yaml",
    ),
    DocumentKind(
        name="evaluatie",
        template="evaluatie.docx",
        package="evaluatie",
        context_class="EvaluatieCtx",
        jobs=_evaluatie_jobs,
        needs="an evaluatie.yaml (and the prestatieafspraken.yaml it evaluates)",
    ),
    DocumentKind(
        name="voortgangsrapportage",
        template="voortgangsrapportage.docx",
        package="voortgangsrapportage",
        context_class="VoortgangsrapportageCtx",
        jobs=_voortgangsrapportage_jobs,
        needs="a voortgang-<peildatum>.yaml (and the prestatieafspraken.yaml it reports on)",
    ),
    DocumentKind(
        name="kalender",
        template="kalender.docx",
        package="kalender",
        context_class="KalenderCtx",
        jobs=_kalender_jobs,
        on_request=True,
    ),
    DocumentKind(
        name="wijzigingsoverzicht",
        template="wijzigingsoverzicht.docx",
        package="wijzigingsoverzicht",
        context_class="WijzigingsoverzichtCtx",
        jobs=None,
    ),
    DocumentKind(
        name="geschilpunten",
        template="geschilpunten.docx",
        package="geschilpunten",
        context_class="GeschilpuntenCtx",
        jobs=None,
    ),
)
KIND_BY_NAME = {k.name: k for k in KINDS}
BUILT_KINDS = tuple(k for k in KINDS if k.jobs is not None)
"""The kinds `build` makes (and `--only` and `template check --kind` accept)."""
