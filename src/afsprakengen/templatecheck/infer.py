"""Finds the variables and attribute paths a Jinja template uses that a typed, dataclass context does not provide."""

from __future__ import annotations

import jinja2

from afsprakengen.templatecheck.walker import UnknownRef, Walker

__all__ = ["TemplateSyntaxProblem", "UnknownRef", "find_unknown_refs"]


class TemplateSyntaxProblem(Exception):
    """The template is not valid Jinja."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line


def find_unknown_refs(source: str, root: type, env: jinja2.Environment) -> list[UnknownRef]:
    """Every reference in `source` that an instance of the dataclass `root` does not provide, once per path and line."""
    try:
        template = env.parse(source)
    except jinja2.TemplateSyntaxError as e:
        raise TemplateSyntaxProblem(e.message or str(e), e.lineno) from e
    walker = Walker(source, root, env)
    walker.walk(template)
    return sorted(walker.found.values(), key=lambda ref: ref.line)
