"""Render a Word template with a context: sandboxed strict Jinja through docxtpl (the only docxtpl user)."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import traceback
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from afsprakengen.documents.common import Chart, Md
from afsprakengen.dutch import FILTERS
from afsprakengen.problems import Location, Problem, error
from afsprakengen.word.markdown import MarkdownError, markdown_to_xml
from afsprakengen.word.numbering import DocxTarget
from afsprakengen.word.toc import fill_toc


@dataclass(frozen=True)
class Rendered:
    """The rendered document's bytes (not yet made deterministic), or the problems that stopped it."""

    data: bytes | None
    problems: tuple[Problem, ...] = ()


def make_env(herkomst: str = "") -> SandboxedEnvironment:
    """The Jinja environment of every template: sandboxed, autoescaped, strict about missing fields.

    `herkomst` (where the build came from, e.g. 'commit 1a2b3c4d5e6f, gewijzigd') is a global every
    template can show, typically in the footer.
    """
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    env.globals["herkomst"] = herkomst
    return env


def render_docx(template: Path, shown: str, context: object, herkomst: str = "") -> Rendered:
    """Render the template at path (shown to the user as `shown`) with a context dataclass."""
    try:
        tpl = DocxTemplate(str(template))
        tpl.render_init()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        return Rendered(None, (error(Location(shown), f"cannot open the template as a Word document ({exc})"),))
    target = DocxTarget(tpl.docx)
    problems: list[Problem] = []
    data = to_jinja(context, _Converters(target, tpl), problems)
    if problems:
        return Rendered(None, tuple(problems))
    try:
        tpl.render(data, make_env(herkomst), autoescape=True)
    except TemplateError as exc:
        return Rendered(None, (_template_problem(exc, tpl, shown),))
    fill_toc(tpl.docx)
    _set_alt_texts(tpl.docx, context)
    out = io.BytesIO()
    tpl.save(out)
    return Rendered(out.getvalue())


@dataclass(frozen=True)
class _Converters:
    """What turning a context into docxtpl values needs: the numbering/link target and the template."""

    target: DocxTarget
    tpl: DocxTemplate


def to_jinja(value: Any, conv: _Converters, problems: list[Problem]) -> Any:
    """The plain values docxtpl needs: dataclasses become dicts, markdown Word XML, charts inline images."""
    if isinstance(value, Md):
        return _markdown(value, conv.target, problems)
    if isinstance(value, Chart):
        return InlineImage(conv.tpl, io.BytesIO(value.png), width=Cm(value.width_cm))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jinja(getattr(value, f.name), conv, problems) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_jinja(v, conv, problems) for v in value]
    return value


def _charts(value: Any) -> list[Chart]:
    """Every chart in a context, in field order (the order the template most likely shows them)."""
    if isinstance(value, Chart):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [c for f in dataclasses.fields(value) for c in _charts(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [c for v in value for c in _charts(v)]
    return []


def _set_alt_texts(document: Document, context: object) -> None:
    """Give each embedded chart its alt text (docxtpl's InlineImage has none): pictures without one, in order."""
    charts = _charts(context)
    unnamed = [p for p in document.element.body.iter(qn("wp:docPr")) if not p.get("descr")]
    for doc_pr, chart in zip(unnamed, charts, strict=False):
        doc_pr.set("descr", chart.alt)
        doc_pr.set("title", chart.alt)


def _markdown(value: Md, target: DocxTarget, problems: list[Problem]) -> Markup:
    try:
        return Markup(markdown_to_xml(value.text, target))
    except MarkdownError as exc:
        problems.append(error(value.where, f"this text cannot be made into Word paragraphs: {exc}"))
        return Markup("")


def _template_problem(exc: TemplateError, tpl: DocxTemplate, shown: str) -> Problem:
    """A located, plain message for a template that fails: its name and the text around the failing tag."""
    lineno = getattr(exc, "lineno", None) or _template_line(exc)
    lines = getattr(exc, "docx_context", None) or _context_lines(tpl, lineno)
    snippet = " … ".join(line.strip() for line in lines if line.strip())
    what = _what_failed(exc)
    near = f" near «{_squash(snippet)}»" if snippet.strip() else ""
    return error(Location(shown, lineno or 1, 1), f"the template cannot be rendered: {what}{near}")


def _what_failed(exc: TemplateError) -> str:
    if isinstance(exc, SecurityError):
        return f"it tries to reach Python internals, which is refused ({exc.message})"
    if isinstance(exc, UndefinedError):
        return f"it uses a field the context does not have ({exc.message})"
    if isinstance(exc, TemplateSyntaxError):
        return f"a Jinja tag is not valid ({exc.message})"
    return str(exc.message)


def _template_line(exc: BaseException) -> int | None:
    """The template line of a runtime error, from Jinja's rewritten traceback."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None


def _context_lines(tpl: DocxTemplate, lineno: int | None) -> list[str]:
    """The text of the paragraphs around a template line, numbered the way docxtpl numbers them."""
    if not lineno:
        return []
    # Mirrors docxtpl's render_xml_part, which starts a line at every paragraph; this is a diagnostic, not output.
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
    lines = source.splitlines()[max(lineno - 2, 0) : lineno + 1]
    return [re.sub(r"<[^>]+>", "", line) for line in lines]


def template_text(template: Path) -> str:
    """The Jinja source of a template as text, one line per paragraph (body, headers and footers)."""
    tpl = DocxTemplate(str(template))
    tpl.render_init()
    parts = [tpl.patch_xml(tpl.get_xml())]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        parts.extend(tpl.patch_xml(tpl.get_part_xml(part)) for _, part in tpl.get_headers_footers(uri))
    return "\n".join(_paragraph_lines(xml) for xml in parts)


def _paragraph_lines(xml: str) -> str:
    # Same line breaks as docxtpl (a line per paragraph); tags dropped so only text and Jinja remain.
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml).splitlines()
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", line)) for line in lines)


def _squash(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
