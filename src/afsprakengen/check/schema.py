"""Validate a loaded file against its JSON Schema and say each violation in plain words, at its place."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from afsprakengen.check.fastschema import is_valid, schema_of
from afsprakengen.load.yamlsource import Path_, SourceDoc
from afsprakengen.problems import STOPPED, Problem, did_you_mean, error

if TYPE_CHECKING:  # jsonschema loads only for a file that fails the quick check
    from jsonschema import Draft202012Validator, ValidationError

    from afsprakengen.cache import Cache

_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping of 'key: value' lines",
    "array": "a list",
    "null": "empty",
}

_PATTERN_WORDS = {
    "^[a-z][a-z0-9]*(-[a-z0-9]+)*$": "a party id uses lower-case letters, digits and '-', e.g. 'woonstad'",
    "^[A-Z]{2,6}$": "a theme code is 2 to 6 capital letters, e.g. 'WZ'",
    "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$": "a code uses capitals, digits and '-', e.g. 'WZ-03'",
    "^(19[0-9]{2}|2[01][0-9]{2}|2200)(-Q[1-4]|-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?$": (
        "a term is a year (1900-2200), a quarter or a date: '2027', '2027-Q2', '2027-06-30'"
    ),
    "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$": "a deadline is a month and day as MM-DD, e.g. '07-01'",
    "^(19[0-9]{2}|2[01][0-9]{2}|2200)$": "a year has four digits, from 1900 to 2200, e.g. 2028",
    "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$": "a kader code uses capitals, digits and '-', e.g. 'NPA-2024' or 'NIEUWBOUW'",
    "^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*\\.[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$": (
        "a kader line is named as KADER.REGEL, e.g. 'NPA-2024.NIEUWBOUW'"
    ),
}


MAX_VIOLATIONS = 1_000
"""Violations described per file; after them the check of the file stops (and says so)."""


@cache
def validator_for(kind: str) -> Draft202012Validator:
    """The validator of an input kind, built once per process."""
    from jsonschema import Draft202012Validator, validators

    ecma = validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})  # type: ignore[no-untyped-call]
    return ecma(schema_of(kind), format_checker=Draft202012Validator.FORMAT_CHECKER)  # type: ignore[no-any-return]


_DOLLAR = re.compile(r"(?<!\\)\$")


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """`pattern` as JSON Schema (ECMA 262) and fastjsonschema read it: `$` ends the text, never before a last newline.

    Python's `$` also matches before a final newline, so jsonschema alone would take the party id 'thuis\\n'.
    """
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not re.search(_DOLLAR.sub(r"\\Z", pattern), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def check_schema(doc: SourceDoc, kind: str, cache: Cache | None = None) -> list[Problem]:
    """Every violation of the schema of its kind in a document, each located and in plain words.

    A valid document takes the quick compiled check alone; jsonschema walks only a document that fails it.
    """
    if is_valid(doc.data, kind, cache):
        return []
    return check_against(doc, validator_for(kind))


def check_against(doc: SourceDoc, validator: Draft202012Validator) -> list[Problem]:
    """Every violation of a schema in a document, each located and in plain words, without repeats."""
    problems: dict[str, Problem] = {}
    for i, violation in enumerate(itertools.islice(validator.iter_errors(doc.data), MAX_VIOLATIONS + 1)):
        if i == MAX_VIOLATIONS:  # jsonschema takes ~50 microseconds a violation: a million would take a minute
            stop = error(doc.at(tuple(violation.absolute_path)), STOPPED)
            problems.setdefault(stop.format(), stop)
            break
        for problem in _describe(_narrow(violation), doc):
            problems.setdefault(problem.format(), problem)
    return sorted(_drop_explained(list(problems.values())), key=lambda p: p.location)


def _drop_explained(problems: list[Problem]) -> list[Problem]:
    """Drop 'the required field X is missing' where a misspelt key of the same mapping says 'did you mean X'."""
    hinted = {
        (p.location.pointer.rsplit(".", 1)[0], p.message.split("(did you mean '")[1].split("'")[0])
        for p in problems
        if p.message.startswith("unknown field") and "(did you mean '" in p.message
    }
    return [
        p
        for p in problems
        if not (
            p.message.startswith("the required field '") and (p.location.pointer, p.message.split("'")[1]) in hinted
        )
    ]


def _narrow(violation: ValidationError) -> ValidationError:
    """For anyOf/oneOf, the alternative that came closest (jsonschema's best_match)."""
    from jsonschema.exceptions import best_match

    if not violation.context:
        return violation
    return best_match([violation]) or violation


def _describe(violation: ValidationError, doc: SourceDoc) -> Iterator[Problem]:
    path: Path_ = tuple(violation.absolute_path)
    keyword = "propertyNames" if "propertyNames" in violation.schema_path else str(violation.validator)
    describe = _DESCRIBERS.get(keyword)
    if describe is not None:
        yield from describe(violation, doc, path)
        return
    yield error(doc.at(path), violation.message)


def _required(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    instance = violation.instance if isinstance(violation.instance, dict) else {}
    for name in _expected(violation):
        if name not in instance:
            yield error(doc.at(path), f"the required field '{name}' is missing")


def _additional(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    known = list(_schema(violation).get("properties", {}))
    instance = violation.instance if isinstance(violation.instance, dict) else {}
    for key in instance:
        if key == "<<":
            message = "merge keys (<<: *anchor) are not supported; write the fields out"
            yield error(doc.at((*path, key), key=True), message)
        elif key not in known:
            hint = did_you_mean(key, known) or f"; allowed here: {', '.join(known)}"
            yield error(doc.at((*path, key), key=True), f"unknown field '{key}'{hint}")


def _type(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    expected = _expected(violation)
    names = [expected] if isinstance(expected, str) else list(expected)
    wanted = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
    hint = _type_hint(names, path, doc) or ("; fill it in" if violation.instance is None else "")
    message = f"this must be {wanted}, not {_kind_of(violation.instance)}{hint}"
    yield error(doc.at(path), message)


def _type_hint(names: list[str], path: Path_, doc: SourceDoc) -> str:
    raw = doc.raw.get(path)
    if "string" in names and raw is not None:
        return f'; write "{raw}" in quotes to keep it as text'
    return ""


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{_clip(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "empty"


def _enum(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    options = [str(o) for o in _expected(violation)]
    hint = did_you_mean(str(violation.instance), options) if isinstance(violation.instance, str) else ""
    message = f"'{_clip(str(violation.instance))}' is not allowed here{hint}; choose one of: {', '.join(options)}"
    yield error(doc.at(path), message)


def _pattern(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    words = _PATTERN_WORDS.get(str(_expected(violation)), f"it must match {_expected(violation)}")
    yield error(doc.at(path), f"'{_clip(str(violation.instance))}' is not valid here: {words}")


def _property_names(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    key = str(violation.instance)
    words = _PATTERN_WORDS.get(str(_expected(violation)), "this key is not allowed")
    yield error(doc.at((*path, key), key=True), f"'{key}' is not valid as a key here: {words}")


def _format(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    value = _clip(str(violation.instance))
    if _expected(violation) == "date":
        exists = "is not a date that exists" if len(value) == 10 and value[4] + value[7] == "--" else ""
        words = exists or "is not a date; write it as JJJJ-MM-DD, e.g. 2026-12-15"
        yield error(doc.at(path), f"'{value}' {words}")
    else:
        yield error(doc.at(path), f"'{value}' is not a valid {_expected(violation)}")


def _min_items(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    need = _expected(violation)
    yield error(doc.at(path), f"this list needs at least {need} item{'s' if need != 1 else ''}")


def _max_items(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    count = len(violation.instance) if isinstance(violation.instance, list) else 0
    yield error(doc.at(path), f"this list has {count} items; at most {_expected(violation)} are allowed here")


def _min_length(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    yield error(doc.at(path), "this text must not be empty")


def _max_length(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    length = len(violation.instance) if isinstance(violation.instance, str) else 0
    yield error(doc.at(path), f"this text has {length} characters; at most {_expected(violation)} are allowed here")


def _unique(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    items = violation.instance if isinstance(violation.instance, list) else []
    for index, item in enumerate(items):
        if item in items[:index]:
            yield error(doc.at((*path, index)), f"'{_clip(str(item))}' appears twice in this list")


def _bound(violation: ValidationError, doc: SourceDoc, path: Path_) -> Iterator[Problem]:
    words = {
        "minimum": "at least",
        "maximum": "at most",
        "exclusiveMinimum": "more than",
        "exclusiveMaximum": "less than",
    }[str(violation.validator)]
    value = _clip(str(violation.instance))
    yield error(doc.at(path), f"{value} is out of range: it must be {words} {_expected(violation)}")


def _expected(violation: ValidationError) -> Any:
    """The schema value that was violated (e.g. the list of an enum)."""
    return violation.validator_value


def _schema(violation: ValidationError) -> dict[str, Any]:
    return violation.schema if isinstance(violation.schema, dict) else {}


def _clip(text: str, limit: int = 60) -> str:
    """At most `limit` characters, control characters written as escapes (a problem is one line)."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


_DESCRIBERS: dict[str, Callable[[ValidationError, SourceDoc, Path_], Iterator[Problem]]] = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "enum": _enum,
    "pattern": _pattern,
    "propertyNames": _property_names,
    "format": _format,
    "minItems": _min_items,
    "maxItems": _max_items,
    "minLength": _min_length,
    "maxLength": _max_length,
    "uniqueItems": _unique,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "exclusiveMaximum": _bound,
}
