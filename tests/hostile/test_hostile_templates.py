"""Every hostile payload in a user's template ends in its located message or renders as text: no internal error, no
hang, no raw XML from a value."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from lxml import etree

from afsprakengen.build import plan
from afsprakengen.check.dossier import check_dossier
from afsprakengen.documents.kinds import Job, JobOptions
from afsprakengen.templatecheck.check import check_template
from afsprakengen.word.render import render_docx
from tests.casefolders import BASE
from tests.hostile.payloads import PAYLOADS

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


@pytest.fixture(scope="module")
def job() -> Job:
    checked = check_dossier(BASE, "base", date(2026, 11, 27))
    assert checked.model is not None
    return next(j for j in plan(checked.model, (2027,), (), JobOptions()) if j.kind == "prestatieafspraken")


def _template(folder: Path, payload: str) -> Path:
    document = docx.Document()
    document.add_paragraph("{{ titel }}")
    document.add_paragraph(payload)
    path = folder / "eigen.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(("payload", "expected"), PAYLOADS, ids=[p for p, _ in PAYLOADS])
def test_a_hostile_payload_gives_its_message_or_plain_text(
    payload: str, expected: str | None, job: Job, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFSPRAKENGEN_RENDER_SECONDS", "2")
    monkeypatch.setenv("AFSPRAKENGEN_RENDER_MB", "1")
    started = time.monotonic()
    rendered = render_docx(_template(tmp_path, payload), "eigen.docx", job.context)
    assert time.monotonic() - started < 10
    messages = [f"{p.location.file}:{p.location.line}: {p.message}" for p in rendered.problems]
    if expected is None:
        assert rendered.data is not None, messages
        assert not _injected(rendered.data)
    else:
        assert len(messages) == 1, messages
        line = 1 if "MB of XML" in expected else 3  # the output limit is the document's, not a line's
        assert messages[0].startswith(f"eigen.docx:{line}: the template cannot be rendered: "), messages
        assert expected in messages[0]


def _injected(data: bytes) -> bool:
    """A run the payload's text made as XML of its own (its text starts with INJ), or an HTML tag (no namespace)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    texts = [t.text or "" for t in root.iter(W_T)]
    bare = [e.tag for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).namespace is None]
    return any(t.startswith("INJ") for t in texts) or bool(bare)


@pytest.mark.parametrize("tag", ["{% include 'x' %}", "{% import 'x' as y %}", "{% extends 'x' %}"])
def test_template_check_refuses_loading_other_templates(tag: str, tmp_path: Path) -> None:
    problems = check_template(_template(tmp_path, tag), "eigen.docx", "prestatieafspraken")
    assert [(p.location.line, p.message) for p in problems] == [
        (
            3,
            f"a Jinja tag is not valid: {tag.split()[0]} {tag.split()[1]} %}} is refused: "
            "a template cannot load other templates",
        )
    ]
