"""The sandbox a user's template runs in: no loading of other templates, bounded sizes, output escaped everywhere."""

from __future__ import annotations

import math
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateRuntimeError, TemplateSyntaxError, Undefined, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace, generate_lorem_ipsum
from markupsafe import Markup

MAX_TEXT = 10_000_000
"""The longest text (or list) a template may make in one value, in characters (or items)."""
MAX_COUNT = 1_000_000
"""The largest number a template may give a filter or a text method as a width or count."""
MAX_DIGITS = 4_000
"""The most digits a power may have (Python refuses to print an integer of more than 4300 digits)."""

_REFUSED = {
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}",
}
_WIDE_FORMAT = re.compile(r"%[-#0 +]*(\d{7,}|\*)|%[-#0 +]*\d*\.(\d{7,}|\*)|\{[^{}]*:[^{}]*\d{7,}[^{}]*\}")


class LimitError(TemplateRuntimeError):
    """A template asks for more than the sandbox gives (a text, list or number too large)."""


def refuse(what: str) -> LimitError:
    return LimitError(f"{what} is refused (a template may make at most {MAX_TEXT:,} characters in one value)")


class Missing(StrictUndefined):
    """A missing field that fails wherever it is used, also shown inside a list or dict (its repr)."""

    __repr__ = StrictUndefined._fail_with_undefined_error


def strict(value: Any) -> Any:
    """The value itself, or the missing field's error when it is one (so it never travels inside a literal)."""
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    return value


UNDEFINED_ALLOWED = frozenset({"default", "d", "defined", "undefined"})
"""The filters and tests a missing field may be given: the ones that ask whether it is there."""


def strict_arguments(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter or test that fails on a missing field among its value and arguments."""

    def guarded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            strict(value)
        return function(*args, **kwargs)

    for attribute in ("jinja_pass_arg", "__name__", "__doc__"):
        if hasattr(function, attribute):
            setattr(guarded, attribute, getattr(function, attribute))
    return guarded


class _Generator(CodeGenerator):
    """Jinja's code generator: a `{% filter %}` block's result escaped, every item of a literal checked as defined."""

    def _strict_items(self, items: list[nodes.Expr], frame: Frame) -> None:
        for index, item in enumerate(items):
            self.write(", " if index else "")
            self.write("environment.strict(")
            self.visit(item, frame)
            self.write(")")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self.write("[")
        self._strict_items(node.items, frame)
        self.write("]")

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":
            super().visit_Tuple(node, frame)
            return
        self.write("(")
        self._strict_items(node.items, frame)
        self.write(",)" if len(node.items) == 1 else ")")

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self.write("{")
        for index, pair in enumerate(node.items):
            self.write(", " if index else "")
            self._strict_items([pair.key], frame)
            self.write(": ")
            self._strict_items([pair.value], frame)
        self.write("}")

    def visit_FilterBlock(self, node: nodes.FilterBlock, frame: Frame) -> None:
        filter_frame = frame.inner()
        filter_frame.symbols.analyze_node(node)
        self.enter_frame(filter_frame)
        self.buffer(filter_frame)
        self.blockvisit(node.body, filter_frame)
        self.start_write(frame, node)
        self.write("escape(")
        self.visit_Filter(node.filter, filter_frame)
        self.write(")")
        self.end_write(frame)
        self.leave_frame(filter_frame)


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox that also refuses other templates, huge texts, lists and powers, and wide formats."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "%"})
    strict = staticmethod(strict)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for kind, tag in _REFUSED.items():
            for node in tree.find_all(kind):
                raise TemplateSyntaxError(f"{tag} is refused: a template cannot load other templates", node.lineno)
        return tree

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif isinstance(left, str):
            _check_format(left, right if isinstance(right, tuple) else (right,))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(owner, str):
            _check_counts((*args, *kwargs.values()))
            if getattr(__obj, "__name__", "") in {"format", "format_map"}:
                _check_format(owner, ())
        _check_sizes((*args, *kwargs.values()))
        for value in (*args, *kwargs.values()):
            strict(value)
        return super().call(__context, __obj, *args, **kwargs)


def _check_repeat(left: Any, right: Any) -> None:
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, str | list | tuple) and isinstance(times, int) and len(seq) * times > MAX_TEXT:
            raise refuse(f"repeating {_sized(seq)} {times:,} times")


def _check_power(base: Any, exponent: Any) -> None:
    ints = isinstance(base, int) and isinstance(exponent, int)
    if ints and abs(base) > 1 and exponent > 0 and exponent * math.log10(abs(base)) > MAX_DIGITS:
        raise LimitError(f"{base} ** {exponent} is refused (a number of more than {MAX_DIGITS:,} digits)")


def _check_format(text: str, args: tuple[Any, ...]) -> None:
    if _WIDE_FORMAT.search(text) and ("*" not in text or any(_big(a) for a in args) or not args):
        raise LimitError(f"the format {shown(text)} is refused (a width or precision over {MAX_COUNT:,})")
    _check_counts(args)


def _check_counts(args: tuple[Any, ...]) -> None:
    for arg in args:
        if _big(arg):
            raise LimitError(f"the number {shown(arg)} is refused as a width or count (at most {MAX_COUNT:,})")


def _check_sizes(args: tuple[Any, ...]) -> None:
    for arg in args:
        if isinstance(arg, str | list | tuple | dict) and len(arg) > MAX_TEXT:
            raise refuse(_sized(arg))


def _sized(value: str | list[Any] | tuple[Any, ...] | dict[Any, Any]) -> str:
    return f"a text of {len(value):,} characters" if isinstance(value, str) else f"a list of {len(value):,} items"


def _big(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_COUNT


def shown(value: Any) -> str:
    """A value as a message shows it: its repr, cut at 40 characters (a huge integer by its number of digits)."""
    if isinstance(value, int) and abs(value) > 10**40:
        return f"a number of {len(str(abs(value))) if abs(value) < 10**4000 else 'over 4,000'} digits"
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


class BoundedNamespace(Namespace):
    """`namespace()`, refusing a value larger than the sandbox allows (a text doubled in a loop)."""

    def __setitem__(self, name: str, value: Any) -> None:
        _check_sizes((value,))
        super().__setitem__(name, value)


def lipsum(n: int = 5, html: bool = False, min: int = 20, max: int = 100) -> str:
    """Jinja's `lipsum()` as plain text (never HTML), at most 100 paragraphs of at most 1000 words."""
    if not all(isinstance(v, int) for v in (n, min, max)) or n > 100 or max > 1000 or min > max:
        raise LimitError(f"lipsum(n={shown(n)}, min={shown(min)}, max={shown(max)}) is refused (n at most 100)")
    return str(generate_lorem_ipsum(n=n, html=False, min=min, max=max))


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter that refuses a count or width over MAX_COUNT and a result over MAX_TEXT."""

    def guarded(*args: Any, **kwargs: Any) -> Any:
        given = tuple(a for a in (*args, *kwargs.values()) if not isinstance(a, Context | EvalContext))
        _check_counts(given[1:])
        if name == "format" and given and isinstance(given[0], str):
            _check_format(given[0], given[1:])
        if name == "replace" and len(given) >= 3:
            _check_replace(*given[:3])
        return function(*args, **kwargs)

    for attribute in ("jinja_pass_arg", "__name__", "__doc__"):
        if hasattr(function, attribute):
            setattr(guarded, attribute, getattr(function, attribute))
    return guarded


def _check_replace(text: Any, old: Any, new: Any) -> None:
    texts = isinstance(text, str) and isinstance(new, str)
    if texts and (len(text) + 1) * max(len(new), 1) > MAX_TEXT and len(new) > len(str(old)):
        raise refuse(f"replacing in a text of {len(text):,} characters with one of {len(new):,}")


def safe(value: Any) -> Any:
    """`|safe`: Markup stays Markup (it is escaped already); any other value stays text and is escaped."""
    return value if isinstance(value, Markup) else str(value)


class RenderTimeout(LimitError):
    """A document took longer to render than its time limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise RenderTimeout in the code running when `seconds` have passed (a no-op outside the main thread)."""
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise RenderTimeout(f"it takes longer than the time limit of {seconds:g} s ({SECONDS_VARIABLE})")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


SECONDS_VARIABLE = "AFSPRAKENGEN_RENDER_SECONDS"
MEGABYTES_VARIABLE = "AFSPRAKENGEN_RENDER_MB"


def render_limits() -> tuple[float, int]:
    """The time limit (s) and output limit (characters of XML) of one document's render: 60 s and 200 MB by default."""
    seconds = _setting(SECONDS_VARIABLE, 60.0)
    megabytes = _setting(MEGABYTES_VARIABLE, 200.0)
    return seconds, int(megabytes * 1_000_000)


def _setting(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if math.isfinite(value) and value > 0 else default


def generate_bounded(template: Template, data: dict[str, Any], most: int) -> str:
    """The template rendered, refused once its output passes `most` characters."""
    return "".join(_bounded(template, data, most))


def generate_bounded_pieces(template: Template, data: dict[str, Any], most: int) -> Iterator[str]:
    """`generate_bounded` in pieces of about 64K characters, for a caller that never holds the whole text.

    The size is added up per piece, not per chunk (a long document's render yields hundreds of thousands): the
    output is refused at most one piece, and one value of at most MAX_TEXT characters, after it passes `most`.
    """
    chunks: list[str] = []
    size = total = 0
    for chunk in template.generate(data):
        chunks.append(chunk)
        size += len(chunk)
        if size >= _PIECE:
            total += size
            if total > most:
                raise _too_long(most)
            yield "".join(chunks)
            chunks, size = [], 0
    if total + size > most:
        raise _too_long(most)
    yield "".join(chunks)


_PIECE = 1 << 16
"""Characters of output in a piece."""


def _bounded(template: Template, data: dict[str, Any], most: int) -> Iterator[str]:
    size = 0
    for chunk in template.generate(data):
        size += len(chunk)
        if size > most:
            raise _too_long(most)
        yield chunk


def _too_long(most: int) -> LimitError:
    return LimitError(f"the document would have more than {most / 1_000_000:g} MB of XML ({MEGABYTES_VARIABLE})")
