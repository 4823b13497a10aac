"""The default templates: which builder makes which file, and their deterministic bytes."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from afsprakengen.word import (
    template_activiteitenoverzicht,
    template_evaluatie,
    template_kalender,
    template_prestatieafspraken,
    template_wijzigingsoverzicht,
    template_woonvisie_uittreksel,
)
from afsprakengen.word.writer import DocProperties, finish_docx

TEMPLATE_BUILDERS: dict[str, Callable[[], Any]] = {
    "woonvisie-uittreksel.docx": template_woonvisie_uittreksel.build_template,
    "activiteitenoverzicht.docx": template_activiteitenoverzicht.build_template,
    "prestatieafspraken.docx": template_prestatieafspraken.build_template,
    "evaluatie.docx": template_evaluatie.build_template,
    "kalender.docx": template_kalender.build_template,
    "wijzigingsoverzicht.docx": template_wijzigingsoverzicht.build_template,
}
_FIXED = datetime(2026, 1, 1, tzinfo=UTC)


def template_bytes(name: str) -> bytes:
    """The bytes of a default template, the same on every run and machine."""
    buffer = io.BytesIO()
    TEMPLATE_BUILDERS[name]().save(buffer)
    title = name.removesuffix(".docx")
    props = DocProperties(
        title=f"Sjabloon {title}",
        subject="afsprakengen-sjabloon",
        author="afsprakengen",
        keywords="sjabloon",
        version="1",
        status="sjabloon",
        created=_FIXED,
        custom=(),
    )
    return finish_docx(buffer.getvalue(), props)
