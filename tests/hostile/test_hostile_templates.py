"""Every hostile payload in a user's template ends in its located message or renders as text: no internal error, no
hang, no raw XML from a value."""

from __future__ import annotations

import io
import re
import time
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from lxml import etree

from afsprakengen.build import BuildRequest, build_dossier, plan
from afsprakengen.check.dossier import check_dossier
from afsprakengen.documents.kinds import Job, JobOptions
from afsprakengen.resources import resource_dir
from afsprakengen.templatecheck.check import check_template
from afsprakengen.word import toc
from afsprakengen.word.render import render_docx
from afsprakengen.word.xml import whole_number
from tests.casefolders import BASE
from tests.hostile.payloads import PAYLOADS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_T = f"{{{W}}}t"


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


DEFAULT = resource_dir("templates") / "prestatieafspraken.docx"
ODD_NUMBERS = {
    "a style's outline level": ("word/styles.xml", re.compile(r'(<w:outlineLvl w:val=")\d+(")'), r"\1x\2"),
    "a paragraph's outline level": ("word/document.xml", re.compile(r"(<w:pPr>)"), r'\1<w:outlineLvl w:val="²"/>'),
    "a grid column's width": ("word/document.xml", re.compile(r'(<w:gridCol w:w=")\d+(")'), r"\1inf\2"),
    "the page's width": ("word/document.xml", re.compile(r'(<w:pgSz w:w=")\d+(")'), r"\g<1>21cm\2"),
}


def _with_odd_number(path: Path, part: str, pattern: re.Pattern[str], replacement: str) -> Path:
    """The default prestatieafspraken template with the first match of the pattern in one part replaced."""
    with zipfile.ZipFile(DEFAULT) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            data = src.read(name)
            if name == part:
                changed = pattern.sub(replacement, data.decode("utf-8"), count=1)
                assert changed != data.decode("utf-8"), f"{part} has no {pattern.pattern}"
                data = changed.encode("utf-8")
            out.writestr(name, data)
    return path


@pytest.mark.parametrize("odd", ODD_NUMBERS.values(), ids=ODD_NUMBERS.keys())
def test_a_number_in_a_templates_own_xml_that_is_no_number_never_fails_the_build(
    odd: tuple[str, re.Pattern[str], str], tmp_path: Path
) -> None:
    """Read as missing (as Word reads it): the documents are built, or their template is named with what they
    lack, in plain words; never an internal error."""
    template = _with_odd_number(tmp_path / "eigen.docx", *odd)
    request = BuildRequest(
        BASE, "base", tmp_path / "out", date(2026, 11, 27), (2027,), ("prestatieafspraken",),
        (("prestatieafspraken", template),),
    )  # fmt: skip
    result = build_dossier(request)
    assert result.written or result.problems
    assert all(p.location.file == str(template) for p in result.problems), result.problems


def test_contents_page_numbers_with_a_page_width_that_is_no_number_use_the_default_width() -> None:
    root = etree.fromstring(
        f'<w:document xmlns:w="{W}"><w:body><w:sectPr><w:pgSz w:w="21cm"/><w:pgMar w:left="x" w:right="1134"/>'
        "</w:sectPr></w:body></w:document>"
    )
    assert toc._text_width(root) == 1  # what is left of no width less the right margin: at least one twip
    assert whole_number("1.5", 7) == whole_number("²", 7) == whole_number(None, 7) == 7
    assert whole_number("0042", 7) == 42
