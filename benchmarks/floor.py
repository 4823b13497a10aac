"""The floor a render is compared with: the template's Jinja source rendered with plain dicts, then zipped.

The floor is what any renderer of templates/prestatieafspraken.docx must at least do. Its template is docxtpl's
preprocessed word/document.xml body (`DocxTemplate(path).render_init(); tpl.patch_xml(tpl.get_xml())`),
compiled once in a sandboxed Jinja environment: `compiled_template(path).body.template`. Its context is the job's,
converted once, outside the timing, by `to_jinja`: plain dicts and lists whose markdown is already Word XML (the
hyperlink and numbering parts that conversion adds are kept too). Only the render of that source and the write of
word/document.xml with every other part of the template's package into a zip are timed; the zip is deflated at
level 6, as a finished .docx is (`finish_docx`). Not in the floor: markdown, table grids, the table of contents,
headers and footers, document properties.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from jinja2 import Template

from afsprakengen.documents.kinds import Job
from afsprakengen.problems import Problem
from afsprakengen.word.compiled import compiled_template
from afsprakengen.word.render import to_jinja
from afsprakengen.word.target import PackageTarget
from benchmarks.dossiers import REPO
from benchmarks.measure import BenchError, failed

TEMPLATE = REPO / "templates" / "prestatieafspraken.docx"
DOCUMENT = "word/document.xml"


@dataclass(frozen=True)
class FloorInput:
    """Everything prepared outside the timing: the compiled body source, its plain context, the other parts."""

    template: Template
    data: dict[str, Any]
    head: bytes
    tail: bytes
    parts: dict[str, bytes]


def prepare(job: Job) -> FloorInput:
    """The floor's input for a job's context (its markdown converted to Word XML once, here)."""
    compiled = compiled_template(TEMPLATE)
    if compiled.body.template is None:
        raise BenchError(f"{TEMPLATE}: its body does not compile ({compiled.body.syntax_error})")
    target = PackageTarget(compiled)
    problems: list[Problem] = []
    data = to_jinja(job.context, target, problems)
    if problems:
        raise failed("the floor's context does not convert", problems)
    data["herkomst"] = job.herkomst
    parts = {**compiled.parts, **target.changed_parts()}
    return FloorInput(compiled.body.template, data, compiled.document_head, compiled.document_tail, parts)


def render_floor(floor: FloorInput) -> bytes:
    """The timed part: render the body source, then write it and the other parts into a deflated zip."""
    body = floor.template.render(floor.data).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in floor.parts.items():
            zf.writestr(name, floor.head + body + floor.tail if name == DOCUMENT else data)
    return out.getvalue()
