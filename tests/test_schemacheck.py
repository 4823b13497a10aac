"""Schema violations in plain words: best_match for anyOf/oneOf, hints, and every shipped schema is valid."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from afsprakengen.check.schema import check_against, check_schema
from afsprakengen.load.yamlsource import load_yaml_text
from afsprakengen.resources import resource_dir

KINDS = ("dossier", "woonvisie", "bod", "prestatieafspraken", "evaluatie", "overleg")


def _messages(text: str, kind: str) -> list[str]:
    loaded = load_yaml_text(text, "f.yaml")
    assert loaded.doc is not None
    return [p.format() for p in check_schema(loaded.doc, kind)]


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_schemas_are_valid_2020_12(kind: str) -> None:
    schema = json.loads((resource_dir("schemas") / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_has_a_dutch_description(kind: str) -> None:
    schema = json.loads((resource_dir("schemas") / f"{kind}.schema.json").read_text(encoding="utf-8"))
    missing: list[str] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{where}.{name}")
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}[{i}]")

    walk(schema, kind)
    assert missing == []


def test_best_match_picks_the_closest_alternative() -> None:
    schema = {
        "anyOf": [
            {"type": "object", "properties": {"naam": {"type": "string"}}, "required": ["naam"]},
            {"type": "integer"},
        ]
    }
    loaded = load_yaml_text("naam: 12\n", "f.yaml")
    assert loaded.doc is not None
    messages = [p.format() for p in check_against(loaded.doc, Draft202012Validator(schema))]
    assert messages == [
        'f.yaml:1:7: error: $.naam: this must be text, not the number 12; write "12" in quotes to keep it as text'
    ]


def test_unknown_key_gets_a_did_you_mean_at_the_key() -> None:
    text = "gemeente:\n  naam: X\n  provincei: Y\npartijen: []\nthemas: []\n"
    assert _messages(text, "dossier")[0] == (
        "f.yaml:3:3: error: $.gemeente.provincei: unknown field 'provincei' (did you mean 'provincie'?)"
    )


def test_version_number_gets_a_quote_hint() -> None:
    text = "jaar: 2027\nversie: 1.10\nstatus: concept\n"
    assert (
        'f.yaml:2:9: error: $.versie: this must be text, not the number 1.1; write "1.10" in quotes to keep it '
        "as text" in _messages(text, "prestatieafspraken")
    )


def test_enum_gets_options_and_a_hint() -> None:
    text = "jaar: 2027\nversie: '1'\nstatus: definitef\n"
    assert (
        "f.yaml:3:9: error: $.status: 'definitef' is not allowed here (did you mean 'definitief'?); choose one "
        "of: concept, definitief" in _messages(text, "prestatieafspraken")
    )
