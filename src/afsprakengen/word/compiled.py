"""Templates preprocessed (docxtpl's tag clean-up) and compiled by Jinja once per process, cached by their bytes."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Template, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from afsprakengen.cache import Cache
from afsprakengen.word.assemble import text_value
from afsprakengen.word.environment import make_env
from afsprakengen.word.zipbounds import MAX_TEMPLATE_BYTES, package_problem

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

_PARAGRAPH_LINE = re.compile(r"<w:p([ >])")
"""docxtpl starts a template line at every paragraph, so Jinja's line numbers point at paragraphs."""


@dataclass(frozen=True)
class CompiledPart:
    """One renderable part of a template (the body, a header or a footer): its zip name and Jinja source."""

    name: str
    source: str
    """The preprocessed XML, a line per paragraph; the lines Jinja's line numbers count."""
    template: Template | None
    syntax_error: TemplateSyntaxError | None = None
    python: str | None = None
    """The Python code Jinja generated for the source (kept in the cache, so another process skips Jinja's work)."""


@dataclass(frozen=True)
class CompiledTemplate:
    """A template ready to render many times: its parts as python-docx writes them, and the compiled stories."""

    digest: str
    parts: dict[str, bytes]
    """Every part of the package before rendering (never changed: a render copies what it replaces)."""
    body: CompiledPart
    stories: tuple[CompiledPart, ...]
    """The headers and footers."""
    document_head: bytes
    """word/document.xml up to its `<w:body>`."""
    document_tail: bytes
    """word/document.xml after its `</w:body>`."""
    next_shape_id: int
    """The drawing id python-docx would give a new picture in this template's body."""
    has_cell_loops: bool
    """The body has `{%tc %}` tags, which can give a row more or fewer cells than its table's grid."""


class TemplateOpenError(Exception):
    """The file is not a Word document that can be used as a template."""


def compiled_template(path: Path, cache: Cache | None = None) -> CompiledTemplate:
    """The compiled template at `path`: compiled once per process for the same bytes, and kept in `cache`."""
    size = path.stat().st_size
    if size > MAX_TEMPLATE_BYTES:
        limit = MAX_TEMPLATE_BYTES >> 20
        raise TemplateOpenError(f"the file is {size // (1024 * 1024):,} MiB; the limit is {limit} MiB")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    known = _COMPILED.get(digest)
    if known is None:
        known = _from_cache(cache, digest) if cache else None
        known = known or _from_shipped(digest) or _compile(digest, data, cache)
        if len(_COMPILED) >= 32:
            _COMPILED.clear()
        _COMPILED[digest] = known
    return known


_COMPILED: dict[str, CompiledTemplate] = {}


def compile_afresh(data: bytes) -> CompiledTemplate:
    """A template compiled from its bytes, bypassing every cache (for the shipped artifact and its test)."""
    return _compile(hashlib.sha256(data).hexdigest(), data, None)


def _compile(digest: str, data: bytes, cache: Cache | None) -> CompiledTemplate:
    from docxtpl import DocxTemplate  # docxtpl's preprocessing, needed only when a template is new

    refused = package_problem(data)
    if refused is not None:
        raise TemplateOpenError(refused)
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.render_init()
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateOpenError(str(exc)) from exc
    env = environment()
    body = _part(env, "word/document.xml", _patched(tpl, tpl.get_xml()))
    stories = tuple(_stories(tpl, env))
    parts = _saved_parts(tpl)
    head, tail = _split_document(parts["word/document.xml"])
    loops = "{%tc" in tpl.get_xml() or "{%tc" in body.source
    compiled = CompiledTemplate(digest, parts, body, stories, head, tail, _next_shape_id(tpl), loops)
    if cache and storable(compiled):
        cache.put("template", digest, stored_form(compiled))
    return compiled


def storable(compiled: CompiledTemplate) -> bool:
    """Whether every part compiled, so the template can be kept as its generated Python code."""
    return all(part.python is not None for part in (compiled.body, *compiled.stories))


def stored_form(compiled: CompiledTemplate) -> CompiledTemplate:
    """The template without its Jinja objects (they do not pickle), only the Python code they are made from."""
    return replace(compiled, body=_storable(compiled.body), stories=tuple(map(_storable, compiled.stories)))


def _from_cache(cache: Cache, digest: str) -> CompiledTemplate | None:
    stored = cache.get("template", digest)
    return loaded(stored) if isinstance(stored, CompiledTemplate) else None


def _from_shipped(digest: str) -> CompiledTemplate | None:
    """The compiled form shipped with the package, when it exactly fits this template and this installation."""
    from afsprakengen.word.shipped import shipped_template

    stored = shipped_template(digest)
    return loaded(stored) if stored is not None else None


def loaded(stored: CompiledTemplate) -> CompiledTemplate:
    """A stored template (`stored_form`) made renderable again: its Python code compiled."""
    env = environment()
    return replace(stored, body=_loaded(env, stored.body), stories=tuple(_loaded(env, s) for s in stored.stories))


def _storable(part: CompiledPart) -> CompiledPart:
    return replace(part, template=None)


def _loaded(env: SandboxedEnvironment, part: CompiledPart) -> CompiledPart:
    assert part.python is not None
    return replace(part, template=_template(env, part.python))


def _template(env: SandboxedEnvironment, python: str) -> Template:
    """A template from the Python code Jinja generated (what `from_string` does after generating it)."""
    return env.template_class.from_code(env, compile(python, "<template>", "exec"), env.make_globals(None), None)


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """The environment every template is compiled in (its finalize turns plain text into Word text)."""
    env = make_env()
    env.finalize = text_value
    return env


def _part(env: SandboxedEnvironment, name: str, patched: str) -> CompiledPart:
    source = _PARAGRAPH_LINE.sub(r"\n<w:p\1", patched)
    try:
        python = env.compile(source, raw=True)
    except TemplateSyntaxError as exc:
        return CompiledPart(name, source, None, exc)
    return CompiledPart(name, source, _template(env, python), python=python)


_SHADING_FIRST = re.compile(
    r"(<w:tcPr>)(<w:shd [^>]*/>)((?:<w:cnfStyle [^>]*/>)?(?:<w:tcW [^>]*/>)?(?:<w:gridSpan [^>]*/>)?"
    r"(?:<w:hMerge[^>]*/>)?(?:<w:vMerge[^>]*/>)?(?:<w:tcBorders>(?:(?!</w:tcBorders>).)*</w:tcBorders>)?)",
    re.DOTALL,
)
"""docxtpl's `{% cellbg %}` puts w:shd first in w:tcPr; the schema wants it after the width, merges and borders."""


def _patched(tpl: DocxTemplate, xml: str) -> str:
    """docxtpl's preprocessing of a part's XML, with the cell shading it adds moved to its place in schema order."""
    return _SHADING_FIRST.sub(r"\1\3\2", tpl.patch_xml(xml))


def _stories(tpl: DocxTemplate, env: SandboxedEnvironment) -> Iterator[CompiledPart]:
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            yield _part(env, str(part.partname).lstrip("/"), _patched(tpl, tpl.get_part_xml(part)))


def _saved_parts(tpl: DocxTemplate) -> dict[str, bytes]:
    """The package as python-docx saves it, so untouched parts come out as they always did."""
    out = io.BytesIO()
    tpl.docx.save(out)
    with zipfile.ZipFile(out) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _split_document(document_xml: bytes) -> tuple[bytes, bytes]:
    start = document_xml.index(b"<w:body")
    end = document_xml.rindex(b"</w:body>") + len(b"</w:body>")
    return document_xml[:start], document_xml[end:]


def _next_shape_id(tpl: DocxTemplate) -> int:
    ids = [int(v) for v in tpl.docx.part.element.xpath("//@id") if str(v).isdigit()]
    return max(ids, default=0) + 1
