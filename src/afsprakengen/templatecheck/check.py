"""Check a user's Word template against the context of its document kind, as located problems."""

from __future__ import annotations

import zipfile
from pathlib import Path

from afsprakengen.documents.kinds import KIND_BY_NAME
from afsprakengen.problems import Location, Problem, error
from afsprakengen.templatecheck.infer import TemplateSyntaxProblem, find_unknown_refs
from afsprakengen.word.compiled import TemplateOpenError
from afsprakengen.word.render import make_env, template_text


def check_template(path: Path, shown: str, kind: str) -> list[Problem]:
    """Every field or attribute path the template uses that the kind's context does not provide."""
    try:
        source = template_text(path)
    except (OSError, TemplateOpenError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        return [error(Location(shown), f"cannot open the template as a Word document ({exc})")]
    try:
        refs = find_unknown_refs(source, KIND_BY_NAME[kind].context_type, make_env())
    except TemplateSyntaxProblem as exc:
        return [error(Location(shown, exc.line, 1), f"a Jinja tag is not valid: {exc.message}")]
    return [error(Location(shown, r.line, 1), f"{r.path}: {r.reason}, near «{r.snippet}»") for r in refs]
