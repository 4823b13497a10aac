"""The Jinja environment of every template: sandboxed, autoescaped, strict about missing fields, with our filters."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from afsprakengen.dutch import FILTERS, aanhalen
from afsprakengen.word.sandbox import (
    UNDEFINED_ALLOWED,
    BoundedNamespace,
    BoundedSandbox,
    LimitError,
    Missing,
    bounded_filter,
    lipsum,
    safe,
    shown,
    strict_arguments,
)

LARGEST_NUMBER = 10**15
"""The largest amount or number our number filters format (Babel's decimals are exact up to about this)."""


def make_env(herkomst: str = "", herkomst_in_voettekst: bool = False) -> SandboxedEnvironment:
    """The Jinja environment of every template: sandboxed, autoescaped, strict about missing fields.

    `herkomst` (where the build came from, e.g. 'commit 1a2b3c4d5e6f, gewijzigd') is a global every
    template can show, typically in the footer; a render passes its own value with the context.
    `herkomst_in_voettekst` says the dossier wants it in the footer of definitief documents too.
    """
    env = BoundedSandbox(autoescape=True, undefined=Missing, keep_trailing_newline=True)
    env.filters.update({name: bounded_filter(name, function) for name, function in env.filters.items()})
    env.filters.update({name: _checked(name, function) for name, function in FILTERS.items()})
    env.filters["safe"] = safe
    env.filters["urlize"] = str
    env.filters["aanhalen"] = _quoted
    env.filters.update(_strict_table(env.filters))
    env.tests.update(_strict_table(env.tests))
    env.globals["herkomst"] = herkomst
    env.globals["herkomst_in_voettekst"] = herkomst_in_voettekst
    env.globals["lipsum"] = lipsum
    env.globals["namespace"] = BoundedNamespace
    return env


def _strict_table(table: dict[str, Any]) -> dict[str, Any]:
    """The filters or tests that must never be given a missing field, each failing when one is."""
    return {name: strict_arguments(f) for name, f in table.items() if name not in UNDEFINED_ALLOWED}


class FilterValueError(LimitError):
    """One of our filters was given a value it cannot format."""


_TERMIJN = re.compile(r"\d{4}(-Q[1-4]|-\d{2}-\d{2})?")


def _number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return abs(value) < LARGEST_NUMBER and math.isfinite(value)


def _termijn(value: Any) -> bool:
    if value == "":
        return True
    if not isinstance(value, str) or not _TERMIJN.fullmatch(value):
        return False
    try:
        return len(value) != 10 or bool(date.fromisoformat(value))
    except ValueError:
        return False


_NEEDS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "datum": ("a date", lambda v: isinstance(v, date)),
    "euro": (f"a number below {LARGEST_NUMBER:.0e}", _number),
    "getal": (f"a number below {LARGEST_NUMBER:.0e} or a text", lambda v: isinstance(v, str) or _number(v)),
    "procent": (f"a number below {LARGEST_NUMBER:.0e}", _number),
    "opsomming": ("a list", lambda v: isinstance(v, list | tuple)),
    "termijn": ("a termijn such as 2027, 2027-Q2 or 2027-06-30", _termijn),
}


def _checked(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Our filter, refusing a value of the wrong type with a message naming the filter and the value."""
    need = _NEEDS.get(name)
    if need is None:
        return function

    def checked(value: Any, *args: Any, **kwargs: Any) -> Any:
        if not need[1](value):
            raise FilterValueError(f"the filter {name} needs {need[0]}, not {shown(value)} ({type(value).__name__})")
        return function(value, *args, **kwargs)

    return checked


@pass_context
def _quoted(context: Context, text: Any) -> str:
    """The text between the quotes the context's `aanhalingstekens` names (hoog when it names none)."""
    return aanhalen(str(text), str(context.get("aanhalingstekens") or "hoog"))
