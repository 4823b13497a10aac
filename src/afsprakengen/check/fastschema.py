"""A quick yes or no to "is this document valid against its schema?", for the common case of a valid file.

Each schema is compiled once per process into a Python function (fastjsonschema), which checks a large
prestatieafspraken.yaml about 15 times faster than jsonschema walks it. The functions of the shipped schemas are
generated ahead (check/validators/, `make validators`) and used while their key still matches the schema's bytes
and fastjsonschema's version; any other schema is generated and compiled at first use. Only a file it rejects is walked
again by jsonschema, for the located messages in plain words (check/schema.py). The compiled check is at
least as strict as jsonschema on our schemas (it matches `$` only at the very end, tells true from 1 in
enums and unique lists, and checks the formats the same way), so a file it accepts has no message to
give; a file it rejects that jsonschema accepts would only cost time, never change what is printed.
"""

from __future__ import annotations

import importlib.util
import json
import marshal
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from types import CodeType
from typing import TYPE_CHECKING, Any

from afsprakengen.resources import schema_path

if TYPE_CHECKING:
    from afsprakengen.cache import Cache

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_VALIDATORS: dict[str, Callable[..., Any]] = {}


def is_valid(data: Any, kind: str, cache: Cache | None = None) -> bool:
    """Whether data is valid against the schema of an input kind (compiled code may come from the cache)."""
    validate = _VALIDATORS.get(kind)
    if validate is None:
        validate = _VALIDATORS[kind] = _shipped(kind) or _compiled(kind, b"", lambda: schema_of(kind), cache)
    return _passes(validate, data)


_SPLITTABLE_ROOT = {
    "$schema",
    "$id",
    "title",
    "description",
    "type",
    "required",
    "properties",
    "additionalProperties",
    "$defs",
}
_SPLITTABLE_LIST = {"type", "title", "description", "minItems", "maxItems", "items"}


def part_validators(
    kind: str, key: str, cache: Cache | None = None
) -> tuple[Callable[..., Any], Callable[..., Any]] | None:
    """For a file checked item by item: the check of all but the items of list `key`, and the check of one item.

    None when the schema does not split so (a keyword that looks at the list as a whole, or across fields): the
    file is valid exactly when its frame and every item are, since nothing else in the schema sees the items.
    """
    name = (kind, key)
    if name not in _PARTS:
        schema = schema_of(kind)
        prop = schema.get("properties", {}).get(key)
        splits = set(schema) <= _SPLITTABLE_ROOT and isinstance(prop, dict) and set(prop) <= _SPLITTABLE_LIST
        if not splits or not isinstance(prop, dict) or not isinstance(prop.get("items"), dict):
            _PARTS[name] = None
        else:
            props = {**schema["properties"], key: {k: v for k, v in prop.items() if k != "items"}}
            frame, item = {**schema, "properties": props}, prop["items"]
            _PARTS[name] = (
                _compiled(kind, f"{key}/frame".encode(), lambda: frame, cache),
                _compiled(kind, f"{key}/item".encode(), lambda: item, cache),
            )
    return _PARTS[name]


_PARTS: dict[tuple[str, str], tuple[Callable[..., Any], Callable[..., Any]] | None] = {}


def passes(validate: Callable[..., Any], data: Any) -> bool:
    """Whether a compiled check accepts data."""
    return _passes(validate, data)


def _passes(validate: Callable[..., Any], data: Any) -> bool:
    from fastjsonschema import JsonSchemaException

    try:
        validate(data, custom_formats=_FORMATS)
    except JsonSchemaException:
        return False
    return True


def schema_of(kind: str) -> dict[str, Any]:
    """The schema of an input kind with its local references inlined."""
    schema: dict[str, Any] = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    inlined: dict[str, Any] = inline_refs(schema, schema.get("$defs", {}))
    return inlined


def inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local `$ref: #/$defs/x` replaced by its definition (siblings such as a
    description kept): our schemas are not recursive, and resolving references costs half the time
    of validating a large file."""
    if isinstance(node, list):
        return [inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {**target, **{k: inline_refs(v, defs) for k, v in node.items() if k != "$ref"}}
    return {k: inline_refs(v, defs) for k, v in node.items()}


def _compiled(kind: str, part: bytes, make: Callable[[], dict[str, Any]], cache: Cache | None) -> Callable[..., Any]:
    """The compiled validate function; generating and compiling its code takes ~15 ms a schema, the
    cached bytecode ~1 ms (bytecode is tied to the Python version, so that is part of the key)."""
    import fastjsonschema

    from afsprakengen.cache import key_of

    text = schema_path(kind).read_bytes()
    key = key_of("fastjsonschema", fastjsonschema.VERSION, importlib.util.MAGIC_NUMBER, kind, text, part)
    code: CodeType | None = None
    stored = cache.get("schema-code", key) if cache is not None else None
    if isinstance(stored, bytes):
        try:
            loaded = marshal.loads(stored)
        except (EOFError, ValueError, TypeError):
            loaded = None
        code = loaded if isinstance(loaded, CodeType) else None
    if code is None:
        code = compile(generated_code(make()), f"<schema {kind}{'#' if part else ''}{part.decode()}>", "exec")
        if cache is not None:
            cache.put("schema-code", key, marshal.dumps(code))
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # our own schema's code, generated above or by this same version
    validate: Callable[..., Any] = namespace["validate"]
    return validate


SHIPPED = "afsprakengen.check.validators"
"""The package of the validators generated ahead (`make validators`), one module per input kind."""
RECIPE = "inline_refs, no $id, formats date+uri, use_default=False, detailed_exceptions=False"
"""How `generated_code` calls fastjsonschema; part of a shipped module's key, so change it with the call."""


def generated_code(schema: dict[str, Any]) -> str:
    """fastjsonschema's Python source of the function `validate` checking a schema (with its references inlined)."""
    import fastjsonschema

    plain = {k: v for k, v in schema.items() if k != "$id"}  # no $id: the function is `validate`
    source: str = fastjsonschema.compile_to_code(plain, formats=_FORMATS, use_default=False, detailed_exceptions=False)
    return source


def shipped_key(kind: str, schema: bytes) -> str:
    """What a shipped module must have been generated from: this schema's bytes, fastjsonschema's version, RECIPE."""
    import fastjsonschema

    from afsprakengen.cache import key_of

    return key_of("shipped-validator", fastjsonschema.VERSION, RECIPE, kind, schema)


def shipped_module(kind: str) -> str:
    """The text of the shipped module of an input kind, as `make validators` writes it."""
    key = shipped_key(kind, schema_path(kind).read_bytes())
    return (
        f'"""The quick check of {kind}.yaml: generated by `make validators` from schemas/{kind}.schema.json; do not '
        'edit."""\n\n'
        "# fmt: off\n"
        f'KEY = "{key}"\n'
        "# Used only while KEY is check/fastschema.py's shipped_key of the schema as it is; else compiled afresh.\n\n"
        + generated_code(schema_of(kind))
    )


def _shipped(kind: str) -> Callable[..., Any] | None:
    """The validate function of the shipped module of a kind, when it was generated from exactly this schema."""
    key = shipped_key(kind, schema_path(kind).read_bytes())
    try:
        module = importlib.import_module(f"{SHIPPED}.{kind}")
    except ImportError:
        return None
    validate = getattr(module, "validate", None)
    return validate if getattr(module, "KEY", None) == key and callable(validate) else None


def _is_date(value: str) -> bool:
    """The date format as jsonschema checks it: JJJJ-MM-DD, and a date that exists."""
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_uri(value: str) -> bool:
    """jsonschema checks `uri` only when rfc3987 or rfc3986-validator is installed; then leave it to it."""
    return not _uri_checked_by_jsonschema()


@cache
def _uri_checked_by_jsonschema() -> bool:
    return any(importlib.util.find_spec(name) is not None for name in ("rfc3987", "rfc3986_validator"))


_FORMATS: dict[str, Callable[[str], bool]] = {"date": _is_date, "uri": _is_uri}
