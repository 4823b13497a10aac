"""Render a compiled Word template with a context: values for Jinja, the rendered parts, located template errors."""

from __future__ import annotations

import dataclasses
import gc
import html
import operator
import re
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Template, TemplateError, TemplateRuntimeError, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError
from lxml import etree
from markupsafe import Markup

from afsprakengen.cache import Cache
from afsprakengen.documents.common import Chart, Md, Picture
from afsprakengen.problems import Location, Problem, error
from afsprakengen.word.assemble import (
    body_inner,
    document_tree,
    fit_table_grids,
    number_drawings,
    serialize,
    story_tree,
)
from afsprakengen.word.compiled import CompiledPart, CompiledTemplate, TemplateOpenError, compiled_template
from afsprakengen.word.environment import make_env
from afsprakengen.word.fit import fit_tables
from afsprakengen.word.markdown import MarkdownError, markdown_to_xml
from afsprakengen.word.mdblocks import MARKDOWN_HEADING
from afsprakengen.word.outline import continue_outline, style_levels
from afsprakengen.word.package import stored_zip
from afsprakengen.word.sandbox import generate_bounded, generate_bounded_pieces, render_limits, time_limit
from afsprakengen.word.splice import Passes, canonical_inner, spliceable, spliced_document
from afsprakengen.word.target import PackageTarget
from afsprakengen.word.toc import fill_toc
from afsprakengen.word.xml import qn

T = TypeVar("T", str, bytes)

__all__ = ["Rendered", "make_env", "render_docx", "template_text", "to_jinja"]


@dataclass(frozen=True)
class Rendered:
    """The rendered document's bytes (not yet made deterministic), or the problems that stopped it."""

    data: bytes | None
    problems: tuple[Problem, ...] = ()


def render_docx(
    template: Path,
    shown: str,
    context: object,
    herkomst: str = "",
    herkomst_in_voettekst: bool = False,
    cache: Cache | None = None,
) -> Rendered:
    """Render the template at path (shown to the user as `shown`) with a context dataclass."""
    with _young_collections_rarer():
        return _render_docx(template, shown, context, herkomst, herkomst_in_voettekst, cache)


YOUNG_THRESHOLD = 10_000
"""New container objects between two young collections while a document renders (Python's default is 700)."""


@contextmanager
def _young_collections_rarer() -> Iterator[None]:
    """The garbage collector's young generation collected every YOUNG_THRESHOLD new objects during a render.

    A render makes millions of short-lived dicts, lists and strings, nearly all freed by their reference counts;
    a young collection every 700 of them walks each survivor again and promotes it, ~15% of a long document's
    render. The collector stays on, so a template that makes cycles in a loop still has them collected.
    """
    young, *older = gc.get_threshold()
    if young:  # 0: the collector is off by its threshold; leave it so
        gc.set_threshold(max(young, YOUNG_THRESHOLD), *older)
    try:
        yield
    finally:
        gc.set_threshold(young, *older)


def _render_docx(
    template: Path, shown: str, context: object, herkomst: str, herkomst_in_voettekst: bool, cache: Cache | None
) -> Rendered:
    try:
        compiled = compiled_template(template, cache)
    except (OSError, TemplateOpenError) as exc:
        return Rendered(None, (error(Location(shown), f"cannot open the template as a Word document ({exc})"),))
    target = PackageTarget(compiled)
    problems: list[Problem] = []
    data = to_jinja(context, target, problems)
    if problems:
        return Rendered(None, tuple(problems))
    data["herkomst"] = herkomst
    data["herkomst_in_voettekst"] = herkomst_in_voettekst
    seconds, most = render_limits()
    try:
        with time_limit(seconds):
            parts = _render_parts(compiled, data, most)
    except TemplateError as exc:
        return Rendered(None, (_template_problem(exc, exc_part(exc, compiled), shown),))
    except etree.XMLSyntaxError as exc:
        return Rendered(None, (error(Location(shown), f"the template makes a document that is not valid XML ({exc})"),))
    parts.update(target.changed_parts())
    return Rendered(stored_zip({**compiled.parts, **parts}))


def _render_parts(compiled: CompiledTemplate, data: dict[str, Any], most: int) -> dict[str, bytes]:
    """The rendered body, headers and footers, by zip name."""
    parts = {compiled.body.name: _document(compiled, data, most)}
    for story in compiled.stories:
        parts[story.name] = serialize(story_tree(_render(story, data, most)))
    return parts


def _document(compiled: CompiledTemplate, data: dict[str, Any], most: int) -> bytes:
    """word/document.xml: the rendered body kept as text where that is sure (word/splice.py), else as one tree.

    The body is rendered as UTF-8 piece by piece, never held whole as text as well: a long document's body is tens
    of megabytes, and the passes parse its tables on top. The whole tree is parsed from the body as rendered, so an
    error's line and column are those of the rendered XML.
    """
    inner = _render_inner(compiled.body, data, most)
    passes = Passes(
        compiled.has_cell_loops or b"tbl" in inner, b"docPr" in inner, b"instrText" in inner, compiled.has_cell_loops
    )
    outline = _HEADING_STYLE.search(inner) is not None

    def finish(body: etree._Element) -> None:
        _finish_body(body, compiled, passes, outline)

    known = None if outline else spliceable(compiled.body.source)
    canonical = canonical_inner(inner, known) if known is not None else None
    if canonical is not None:
        document = spliced_document(compiled.document_head, canonical, compiled.document_tail, passes, finish)
        if document is not None:
            return document
    root = document_tree(compiled.document_head, inner, compiled.document_tail)
    finish(root.find(qn("w:body")))
    return serialize(root)


def _finish_body(body: etree._Element, compiled: CompiledTemplate, passes: Passes, outline: bool) -> None:
    """The passes after the render; each walks the whole tree, so only when the text has what it changes."""
    if compiled.has_cell_loops:
        fit_table_grids(body)
    if passes.tables:
        fit_tables(body)
    if passes.drawings:
        number_drawings(body)
    if outline:
        continue_outline(body, style_levels(compiled.parts["word/styles.xml"]))
    if passes.contents:
        fill_toc(body)


def _render(part: CompiledPart, data: dict[str, Any], most: int) -> str:
    return _generated(part, lambda template: generate_bounded(template, data, most))


def _render_inner(part: CompiledPart, data: dict[str, Any], most: int) -> bytes:
    """The rendered body's content as UTF-8 (`assemble.body_inner`), never held whole as text."""
    return _generated(part, lambda template: body_inner(generate_bounded_pieces(template, data, most)))


def _generated(part: CompiledPart, generate: Callable[[Template], T]) -> T:
    if part.template is None:
        assert part.syntax_error is not None
        raise _located(part.syntax_error, part)
    try:
        return generate(part.template)
    except TemplateError as exc:
        raise _located(exc, part) from exc
    except _FAULTS as exc:
        raise _located(_fault(exc), part) from exc


_HEADING_STYLE = re.compile(re.escape(MARKDOWN_HEADING[:-1].encode()) + rb"(?:\+|&#0*43;|&#[xX]0*2[bB];)")
"""A markdown heading's style id in rendered XML (an element's name is never a character reference, a value may be)."""


_FAULTS = (ArithmeticError, LookupError, RecursionError, MemoryError, ValueError, TypeError, AttributeError)
"""What Python raises for a template's own mistakes (1/0, [].pop(), a macro calling itself, 10**100000 printed)."""


def _fault(exc: BaseException) -> TemplateError:
    """A Python error in a template's code as a template error, with the template line it happened on."""
    if isinstance(exc, RecursionError):
        what = "a macro calls itself without end (recursion too deep)"
    elif isinstance(exc, MemoryError):
        what = "it needs more memory than there is"
    elif isinstance(exc, ZeroDivisionError):
        what = "it divides by zero"
    elif isinstance(exc, LookupError):
        what = f"it uses an index or key that does not exist ({type(exc).__name__}: {exc})"
    elif isinstance(exc, OverflowError):
        what = f"a number or range is too large ({exc})"
    else:
        what = f"a value cannot be used this way ({type(exc).__name__}: {_squash(str(exc))})"
    fault = TemplateRuntimeError(what)
    fault.afsprakengen_line = _template_line(exc)  # type: ignore[attr-defined]
    return fault


def _located(exc: TemplateError, part: CompiledPart) -> TemplateError:
    """The error, marked with the part it happened in (for the text around the failing tag)."""
    exc.afsprakengen_part = part  # type: ignore[attr-defined]
    return exc


def exc_part(exc: TemplateError, compiled: CompiledTemplate) -> CompiledPart:
    """The part a template error happened in (the body when unknown)."""
    part = getattr(exc, "afsprakengen_part", None)
    return part if isinstance(part, CompiledPart) else compiled.body


def to_jinja(value: Any, target: PackageTarget, problems: list[Problem]) -> Any:
    """The plain values a template gets: dataclasses become dicts, markdown Word XML, charts inline pictures."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is Md:
        return _markdown(value, target, problems)
    if kind is tuple or kind is list:
        return [v if type(v) in _PLAIN else to_jinja(v, target, problems) for v in value]
    if kind is Chart:
        return Markup(_PICTURE_RUN.format(target.chart_xml(value)))
    if kind is Picture:
        return Markup(_PICTURE_RUN.format(target.picture_xml(value)))
    fields = _fields(kind)
    if fields is None:
        return value
    names, values = fields
    converted = [v if type(v) in _PLAIN else to_jinja(v, target, problems) for v in values(value)]
    return dict(zip(names, converted, strict=True))


_PLAIN = frozenset({str, int, float, bool, type(None), date})
"""The values a template gets as they are (tested inline: most values are these, and a call per value costs)."""


Fields = tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]
_FIELDS: dict[type, Fields | None] = {}


def _fields(kind: type) -> Fields | None:
    """A dataclass type's field names and a getter of their values as a tuple (None for any other type), made once
    per type."""
    if kind not in _FIELDS:
        names = tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
        _FIELDS[kind] = None if names is None else (names, _values_getter(names))
    return _FIELDS[kind]


def _values_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda value: tuple(getattr(value, name) for name in names)  # attrgetter of one name gives no tuple


_PICTURE_RUN = '</w:t></w:r><w:r><w:drawing>{}</w:drawing></w:r><w:r><w:t xml:space="preserve">'
"""A chart shown by `{{ chart }}` inside a run's text: the text run is closed around it, as docxtpl did."""


def _markdown(value: Md, target: PackageTarget, problems: list[Problem]) -> Markup:
    try:
        return Markup(markdown_to_xml(value.text, target, value.style))
    except MarkdownError as exc:
        problems.append(error(value.where, f"this text cannot be made into Word paragraphs: {exc}"))
        return Markup("")


def _template_problem(exc: TemplateError, part: CompiledPart, shown: str) -> Problem:
    """A located, plain message for a template that fails: its name and the text around the failing tag."""
    lineno = getattr(exc, "lineno", None)
    lines = _context_lines(part.source, lineno, 4, 3) if lineno else _context_lines(part.source, _template_line(exc))
    lineno = lineno or _template_line(exc)
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
    known = getattr(exc, "afsprakengen_line", None)
    if isinstance(known, int):
        return known
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None


def _context_lines(source: str, lineno: int | None, before: int = 2, after: int = 1) -> list[str]:
    """The text of the paragraphs around a template line (a line per paragraph, as docxtpl numbers them)."""
    if not lineno:
        return []
    lines = source.splitlines()[max(lineno - before, 0) : lineno + after]
    return [_TAG.sub("", line) for line in lines]


def template_text(template: Path) -> str:
    """The Jinja source of a template as text, one line per paragraph (body, headers and footers)."""
    compiled = compiled_template(template)
    sources = [compiled.body.source, *(story.source for story in compiled.stories)]
    return "\n".join(html.unescape(_TAG.sub("", line)) for source in sources for line in source.splitlines())


_TAG = re.compile(r"<[^>]+>")


def _squash(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
