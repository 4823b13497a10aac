"""The Jinja environment of every template: sandboxed, autoescaped, strict about missing fields, with our filters."""

from __future__ import annotations

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from afsprakengen.dutch import FILTERS


def make_env(herkomst: str = "", herkomst_in_voettekst: bool = False) -> SandboxedEnvironment:
    """The Jinja environment of every template: sandboxed, autoescaped, strict about missing fields.

    `herkomst` (where the build came from, e.g. 'commit 1a2b3c4d5e6f, gewijzigd') is a global every
    template can show, typically in the footer; a render passes its own value with the context.
    `herkomst_in_voettekst` says the dossier wants it in the footer of definitief documents too.
    """
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    env.globals["herkomst"] = herkomst
    env.globals["herkomst_in_voettekst"] = herkomst_in_voettekst
    return env
