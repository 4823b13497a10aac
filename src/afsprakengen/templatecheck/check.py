"""Check a user's Word template against the context of its document kind, as located problems."""

from __future__ import annotations

import zipfile
from pathlib import Path

from afsprakengen.documents.kinds import KIND_BY_NAME, KINDS
from afsprakengen.problems import Location, Problem, error
from afsprakengen.templatecheck.infer import TemplateSyntaxProblem, find_unknown_refs
from afsprakengen.word.compiled import TemplateOpenError
from afsprakengen.word.package import template_kind
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


def recognise_kind(path: Path, shown: str) -> str | Problem:
    """The kind of a template: the one its properties name (a default template's), else the only kind whose
    context has every field it uses (or the fewest unknown ones); a problem when that does not decide."""
    try:
        named = template_kind(path.read_bytes())
        source = template_text(path)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        return error(Location(shown), f"cannot open the template as a Word document ({exc})")
    if named in KIND_BY_NAME:
        return named
    try:
        unknown = {k.name: len(find_unknown_refs(source, k.context_type, make_env())) for k in KINDS}
    except TemplateSyntaxProblem as exc:
        return error(Location(shown, exc.line, 1), f"a Jinja tag is not valid: {exc.message}")
    fewest = min(unknown.values())
    best = [name for name, count in unknown.items() if count == fewest]
    if len(best) == 1:
        return best[0]
    return error(
        Location(shown),
        f"cannot tell which kind of document this template is for (it fits {', '.join(best)} equally well); "
        "give it with --kind",
    )
