"""The quick compiled schema check: never accepts what jsonschema rejects, compiled once, its code cached."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from afsprakengen.cache import Cache
from afsprakengen.check import fastschema
from afsprakengen.check.schema import validator_for
from afsprakengen.load.dossierfiles import INPUT_KINDS, find_files
from afsprakengen.load.yamlsource import load_yaml
from afsprakengen.resources import schema_path
from tests.casefolders import CASES

ODD_VALUES: tuple[Any, ...] = (
    None,
    True,
    0,
    1,
    -1,
    1.5,
    "",
    "x",
    "WZ",
    "WZ-01\n",
    "2027-02-30",
    "2027-13-01",
    "2027-Q5",
    "12-31",
    [],
    ["a", "a"],
    [1, True],
    {},
    {"onbekend": 1},
)


def _base_documents() -> Iterator[tuple[str, Any]]:
    layout = find_files(CASES / "base", "base")
    for f in layout.files:
        loaded = load_yaml(f.path, f.display)
        assert loaded.doc is not None
        yield f.kind, loaded.doc.data


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield from _paths(item, (*path, key))


def _replaced(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    changed = copy.deepcopy(data)
    parent = changed
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = copy.deepcopy(value)
    return changed


def _removed(data: Any, path: tuple[str | int, ...]) -> Any:
    changed = copy.deepcopy(data)
    parent = changed
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return changed


def _variants(data: Any) -> Iterator[Any]:
    for path in _paths(data):
        if not path:
            continue
        for value in ODD_VALUES:
            yield _replaced(data, path, value)
        yield _removed(data, path)


@pytest.mark.parametrize(("kind", "data"), list(_base_documents()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_quick_check_never_accepts_what_jsonschema_rejects(kind: str, data: Any) -> None:
    assert fastschema.is_valid(data, kind)
    validator = validator_for(kind)
    outcomes: set[tuple[bool, bool]] = set()
    for variant in _variants(data):
        accepted, rejected = fastschema.is_valid(variant, kind), any(True for _ in validator.iter_errors(variant))
        assert not (accepted and rejected), variant
        outcomes.add((accepted, rejected))
    assert (False, True) in outcomes


def test_the_quick_check_uses_jsonschemas_date_format() -> None:
    assert fastschema._is_date("2027-02-28")
    assert not fastschema._is_date("2027-02-30")
    assert not fastschema._is_date("2027-2-28")
    assert not fastschema._is_date("２０２７-02-28")


def test_compiled_code_comes_from_the_cache_the_second_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(tmp_path)
    monkeypatch.setattr(fastschema, "SHIPPED", "afsprakengen.check.no_validators_shipped")
    monkeypatch.setattr(fastschema, "_VALIDATORS", {})
    assert fastschema.is_valid({}, "dossier", cache) is False
    stored = list((cache.folder / "schema-code").rglob("*"))
    assert [p for p in stored if p.is_file()]

    def no_generating(*args: object, **kwargs: object) -> str:
        raise AssertionError("generated again")

    import fastjsonschema

    monkeypatch.setattr(fastschema, "_VALIDATORS", {})
    monkeypatch.setattr(fastjsonschema, "compile_to_code", no_generating)
    assert fastschema.is_valid({}, "dossier", cache) is False


@pytest.mark.parametrize("damage", [b"not a pickle", pickle.dumps(b"not marshal data"), pickle.dumps(b"")])
def test_damaged_compiled_code_is_generated_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    cache = Cache(tmp_path)
    monkeypatch.setattr(fastschema, "SHIPPED", "afsprakengen.check.no_validators_shipped")
    monkeypatch.setattr(fastschema, "_VALIDATORS", {})
    fastschema.is_valid({}, "dossier", cache)
    (entry,) = (p for p in (cache.folder / "schema-code").rglob("*") if p.is_file())
    entry.write_bytes(damage)
    monkeypatch.setattr(fastschema, "_VALIDATORS", {})
    assert fastschema.is_valid({}, "dossier", cache) is False
    assert fastschema.is_valid(next(data for kind, data in _base_documents() if kind == "dossier"), "dossier", cache)


@pytest.mark.parametrize("kind", [kind.name for kind in INPUT_KINDS])
def test_the_shipped_quick_checks_are_generated_from_the_schemas_as_they_are(kind: str) -> None:
    shipped = Path(fastschema.__file__).parent / "validators" / f"{kind}.py"
    assert shipped.is_file(), f"{shipped} is missing: run `make validators`"
    assert shipped.read_text(encoding="utf-8") == fastschema.shipped_module(kind), "run `make validators`"


def _no_generating(*args: object, **kwargs: object) -> str:
    raise AssertionError("generated, though a shipped validator fits")


def test_an_up_to_date_shipped_quick_check_is_used_without_generating(monkeypatch: pytest.MonkeyPatch) -> None:
    import fastjsonschema

    monkeypatch.setattr(fastschema, "_VALIDATORS", {})
    monkeypatch.setattr(fastjsonschema, "compile_to_code", _no_generating)
    for kind, data in _base_documents():
        assert fastschema.is_valid(data, kind)
        assert not fastschema.is_valid({}, kind)


def test_a_shipped_quick_check_of_another_schema_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The schema edited after `make validators` (a checkout, a patched install): its own code is compiled."""
    original = schema_path("evaluatie")
    schema = json.loads(original.read_text(encoding="utf-8"))
    schema["maxProperties"] = 1  # the base's evaluatie.yaml, with more keys, is then invalid
    edited = tmp_path / "evaluatie.schema.json"
    edited.write_text(json.dumps(schema), encoding="utf-8")
    monkeypatch.setattr(fastschema, "schema_path", lambda kind: edited if kind == "evaluatie" else original)
    monkeypatch.setattr(fastschema, "_VALIDATORS", {})
    (data,) = (data for kind, data in _base_documents() if kind == "evaluatie")
    assert not fastschema.is_valid(data, "evaluatie")
    monkeypatch.setattr(fastschema, "schema_path", lambda kind: original)
    monkeypatch.setattr(fastschema, "_VALIDATORS", {})
    assert fastschema.is_valid(data, "evaluatie")


def test_a_shipped_quick_check_from_another_fastjsonschema_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import fastjsonschema

    monkeypatch.setattr(fastjsonschema, "VERSION", "0.0.1")
    monkeypatch.setattr(fastschema, "_VALIDATORS", {})
    generated: list[dict[str, Any]] = []
    real = fastschema.generated_code

    def noted(schema: dict[str, Any]) -> str:
        generated.append(schema)
        return real(schema)

    monkeypatch.setattr(fastschema, "generated_code", noted)
    assert not fastschema.is_valid({}, "woonvisie")
    assert generated == [fastschema.schema_of("woonvisie")]
