"""A check's problems for machines: JSON (schemas/check-result.schema.json), GitHub annotations, SARIF 2.1.0."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from afsprakengen import __version__
from afsprakengen.problems import Problem, Severity

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULES = {
    Severity.ERROR: ("dossier-error", "An error in the dossier: build refuses it."),
    Severity.WARNING: ("dossier-advice", "Advice (SMART, texts): build accepts it, check --strict does not."),
}


def check_json(files: int, problems: list[Problem]) -> str:
    """The check as one JSON document: counts and every problem with its place."""
    data = {
        "tool": "afsprakengen",
        "version": __version__,
        "files": files,
        "errors": _count(problems, Severity.ERROR),
        "warnings": _count(problems, Severity.WARNING),
        "problems": [_problem(p) for p in problems],
    }
    return json.dumps(data, indent=2)  # ASCII (\u escapes): the same data whatever the console encoding


def _problem(p: Problem) -> dict[str, Any]:
    loc = p.location
    return {
        "file": loc.file,
        "line": loc.line,
        "column": loc.column,
        "json_path": loc.pointer,
        "severity": p.severity.value,
        "message": p.message,
    }


def _count(problems: list[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity is severity)


def github_annotations(problems: list[Problem]) -> list[str]:
    """GitHub Actions workflow commands, `::error file=F,line=L,col=C::message`, one per problem."""
    lines = []
    for p in problems:
        loc = p.location
        where = f"file={_property(loc.file)},line={loc.line},col={loc.column},title=afsprakengen"
        message = f"{loc.pointer}: {p.message}" if loc.pointer else p.message
        lines.append(f"::{p.severity.value} {where}::{_data(message)}")
    return lines


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def check_sarif(problems: list[Problem]) -> str:
    """The check as a SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF viewers."""
    rules = [{"id": rule, "shortDescription": {"text": text}} for rule, text in RULES.values()]
    driver = {"name": "afsprakengen", "version": __version__, "rules": rules}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": [_result(p) for p in problems]}],
    }
    return json.dumps(log, indent=2)


def _result(p: Problem) -> dict[str, Any]:
    loc = p.location
    rule = RULES[p.severity][0]
    region = {"startLine": loc.line, "startColumn": loc.column}
    physical = {"artifactLocation": {"uri": _uri(loc.file)}, "region": region}
    result: dict[str, Any] = {
        "ruleId": rule,
        "ruleIndex": list(RULES).index(p.severity),
        "level": p.severity.value,
        "message": {"text": p.message},
        "locations": [{"physicalLocation": physical}],
    }
    if loc.pointer:
        result["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": loc.pointer, "kind": "member"}]
    return result


def _uri(file: str) -> str:
    """A file as a URI reference: relative with forward slashes as typed, an absolute path as a file: URI."""
    path = PurePath(file)
    return path.as_uri() if path.is_absolute() else quote(path.as_posix())
