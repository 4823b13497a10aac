"""The Jinja environment of every template: sandboxed, autoescaped, strict about missing fields, with our filters."""

from __future__ import annotations

from typing import Any

from jinja2 import StrictUndefined, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from afsprakengen.dutch import FILTERS, aanhalen


def make_env(herkomst: str = "", herkomst_in_voettekst: bool = False) -> SandboxedEnvironment:
    """The Jinja environment of every template: sandboxed, autoescaped, strict about missing fields.

    `herkomst` (where the build came from, e.g. 'commit 1a2b3c4d5e6f, gewijzigd') is a global every
    template can show, typically in the footer; a render passes its own value with the context.
    `herkomst_in_voettekst` says the dossier wants it in the footer of definitief documents too.
    """
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    env.filters["aanhalen"] = _quoted
    env.globals["herkomst"] = herkomst
    env.globals["herkomst_in_voettekst"] = herkomst_in_voettekst
    return env


@pass_context
def _quoted(context: Context, text: Any) -> str:
    """The text between the quotes the context's `aanhalingstekens` names (hoog when it names none)."""
    return aanhalen(str(text), str(context.get("aanhalingstekens") or "hoog"))
