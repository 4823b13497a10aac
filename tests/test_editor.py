"""The editor: yaml-language-server (VS Code's YAML engine) over LSP agrees with `check` on the shipped schemas."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from afsprakengen.check.dossier import check_dossier
from afsprakengen.check.schema import _PATTERN_WORDS
from afsprakengen.model import DossierModel
from afsprakengen.schemas_export import dossier_schemas, names_of
from tests.casefolders import CASES, make_case_dossier
from tests.lspclient import Diagnostic, YamlServer
from tests.sampledossier import ROOT, SAMPLE

SCHEMAS = ROOT / "schemas"
# The invalid cases whose schema errors (a typo'd key, a wrong enum value, a bad date, a bad year key) the editor
# must show on the same line as `check`.
SAME_LINE_CASES = [
    "misspelt-key",
    "enum-misspelt",
    "status-no",
    "several-schema-errors",
    "date-day-month-year",
    "overleg-bad-date-no-onderwerp",
    "bad-year-key-in-doorkijk",
    "number-key-where-text-expected",
    "bad-code-pattern",
]
LOCATED = re.compile(r"^dossier/(?P<file>\S+?):(?P<line>\d+):\d+: error: (?P<message>.*)$", re.MULTILINE)


def case_copy(case: Path, root: Path) -> Path:
    """The case's dossier at root/tests/cases/NAME beside a copy of the schemas, so its `$schema` modelines resolve."""
    if not (root / "schemas").exists():
        shutil.copytree(SCHEMAS, root / "schemas")
    return make_case_dossier(case, root / "tests" / "cases" / case.name)


def with_diagnostics(found: dict[Path, list[Diagnostic]], base: Path) -> dict[str, list[Diagnostic]]:
    """The files that have diagnostics, by their path relative to base."""
    return {path.relative_to(base).as_posix(): items for path, items in found.items() if items}


def test_sample_has_no_diagnostics(server: YamlServer) -> None:
    files = sorted(SAMPLE.rglob("*.yaml"))
    assert len(files) >= 12
    assert with_diagnostics(server.diagnostics(files), SAMPLE) == {}


def test_every_dossier_check_accepts_has_no_diagnostics(server: YamlServer, tmp_path: Path) -> None:
    cases = [CASES / "base", *sorted((CASES / "valid").glob("*/")), *sorted((CASES / "advice").glob("*/"))]
    assert len(cases) > 10
    copies = [case_copy(case, tmp_path) for case in cases if case.is_dir()]
    files = [path for copy in copies for path in sorted(copy.rglob("*.yaml"))]
    assert with_diagnostics(server.diagnostics(files), tmp_path) == {}


@pytest.mark.parametrize("name", SAME_LINE_CASES)
def test_schema_error_on_the_line_check_reports(server: YamlServer, tmp_path: Path, name: str) -> None:
    case = CASES / "invalid" / name
    dossier = case_copy(case, tmp_path)
    expected = [m for m in LOCATED.finditer((case / "expected.txt").read_text(encoding="utf-8"))]
    assert expected
    found = with_diagnostics(server.diagnostics(sorted(dossier.rglob("*.yaml"))), dossier)
    lines = {(file, item.line) for file, items in found.items() for item in items}
    missing = [m.group(0) for m in expected if (m["file"], int(m["line"])) not in lines]
    assert missing == [], f"the editor said: {found}"


def test_a_year_key_of_five_digits_is_flagged(server: YamlServer, tmp_path: Path) -> None:
    dossier = case_copy(CASES / "base", tmp_path)
    bod = dossier / "2027" / "bod-thuis.yaml"
    text = bod.read_text(encoding="utf-8")
    assert "{2027: 25, 2028: 25" in text
    bod.write_text(text.replace("{2027: 25, 2028: 25", "{2027: 25, 20288: 25"), encoding="utf-8")
    line = 1 + text[: text.index("{2027: 25, 2028: 25")].count("\n")
    found = server.diagnostics([bod])[bod]
    assert [item.line for item in found] == [line]
    assert "2200" in found[0].message


def test_a_bad_code_gets_the_words_of_check(server: YamlServer, tmp_path: Path) -> None:
    dossier = case_copy(CASES / "invalid" / "bad-code-pattern", tmp_path)
    path = dossier / "2027" / "prestatieafspraken.yaml"
    messages = [item.message for item in server.diagnostics([path])[path] if item.line == 9]
    assert messages == ["A code uses capitals, digits and '-', e.g. 'WZ-03'."]


def test_every_pattern_has_the_message_check_gives() -> None:
    found = []
    for schema_file in sorted(SCHEMAS.glob("*.schema.json")):
        for node in _nodes(json.loads(schema_file.read_text(encoding="utf-8"))):
            if node.get("pattern") in _PATTERN_WORDS:
                words = _PATTERN_WORDS[node["pattern"]]
                found.append((node["pattern"], node.get("patternErrorMessage"), f"{words[0].upper()}{words[1:]}."))
    assert len(found) >= 15
    assert [(pattern, got) for pattern, got, want in found if got != want] == []


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _nodes(item)


@pytest.mark.parametrize(
    ("file", "key", "label"),
    [
        ("2027/prestatieafspraken.yaml", "afspraken:", "nieuwe afspraak"),
        ("2027/bod-thuis.yaml", "activiteiten:", "nieuwe activiteit"),
        ("2025/evaluatie.yaml", "evaluaties:", "nieuwe evaluatie"),
    ],
)
def test_snippet_offered_for_a_new_item(server: YamlServer, tmp_path: Path, file: str, key: str, label: str) -> None:
    dossier = case_copy(CASES / "base", tmp_path)
    path = dossier / file
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(key) + 1
    lines.insert(at, "  - ")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert label in server.completion(path, at + 1, 5)


def snippets_and_examples() -> Iterator[tuple[str, str, Any]]:
    """Every example and every default snippet body (placeholders filled with their defaults) of the schemas."""
    for schema_file in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        for name, definition in schema.get("$defs", {}).items():
            for example in definition.get("examples", []):
                yield schema_file.name, name, example
            for snippet in definition.get("defaultSnippets", []):
                yield schema_file.name, name, _filled(snippet["body"])


def _filled(body: Any) -> Any:
    if isinstance(body, dict):
        return {_placeholders(key): _filled(value) for key, value in body.items()}
    if isinstance(body, list):
        return [_filled(item) for item in body]
    text = _placeholders(body)
    return int(text) if text.isdigit() else text


def _placeholders(text: str) -> str:
    return re.sub(r"\$\{\d+:([^}]*)\}", r"\1", text)


def test_there_are_snippets_and_examples_for_agreements_activities_evaluations() -> None:
    named = {(file, name) for file, name, _ in snippets_and_examples()}
    expected = {"prestatieafspraken.schema.json": "afspraak", "bod.schema.json": "activiteit"}
    expected["evaluatie.schema.json"] = "evaluatie"
    assert set(expected.items()) <= named


@pytest.mark.parametrize(("file", "name", "value"), list(snippets_and_examples()))
def test_examples_and_snippets_are_valid(file: str, name: str, value: Any) -> None:
    schema = json.loads((SCHEMAS / file).read_text(encoding="utf-8"))
    validator = Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{name}"})
    assert [error.message for error in validator.iter_errors(value)] == []


def exported_copy(dossier: Path, root: Path) -> Path:
    """A copy of a checked dossier at root/tests/cases/NAME with its dossier-specific schemas in root/schemas."""
    result = check_dossier(dossier, "dossier", date(2026, 11, 27))
    assert result.model is not None
    (root / "schemas").mkdir(parents=True)
    for name, text in dossier_schemas(names_of(result.model)).items():
        (root / "schemas" / name).write_text(text, encoding="utf-8")
    return Path(shutil.copytree(dossier, root / "tests" / "cases" / dossier.name))


def test_dossier_schemas_name_the_dossiers_ids_and_codes(sample_model: DossierModel) -> None:
    names = names_of(sample_model)
    assert {"woonstad", "wonen-en-welzijn", "gemeente-voorbeeldstad"} <= set(names.partijen)
    assert "WZ" in names.themas
    schemas = {name: json.loads(text) for name, text in dossier_schemas(names).items()}
    agreement = schemas["prestatieafspraken.schema.json"]
    assert agreement["$defs"]["partij_id"]["enum"] == list(names.partijen)
    assert agreement["$defs"]["afspraak"]["properties"]["doelen"]["items"]["enum"] == list(names.doelen)
    assert schemas["woonvisie.schema.json"]["$defs"]["thema_code"]["enum"] == list(names.themas)
    assert "enum" not in schemas["woonvisie.schema.json"]["$defs"]["doel"]["properties"]["code"]
    assert "enum" not in schemas["dossier.schema.json"]["$defs"]["partij_id"]
    statuses = ["gerealiseerd", "deels gerealiseerd", "vertraagd", "niet gerealiseerd", "vervallen"]
    assert schemas["evaluatie.schema.json"]["$defs"]["stoplicht_code"]["enum"] == statuses  # the standard scale


def test_dossier_schemas_accept_the_dossier(server: YamlServer, tmp_path: Path) -> None:
    copy = exported_copy(CASES / "base", tmp_path)
    assert with_diagnostics(server.diagnostics(sorted(copy.rglob("*.yaml"))), copy) == {}


def test_dossier_schemas_complete_party_ids(server: YamlServer, tmp_path: Path) -> None:
    copy = exported_copy(CASES / "base", tmp_path)
    path = copy / "2027" / "prestatieafspraken.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("    trekker: thuis")
    lines[at] = "    trekker: "
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    offered = server.completion(path, at + 1, 14)
    assert {"thuis", "hv-thuis", "gemeente-teststad"} <= set(offered)


@pytest.mark.parametrize("name", ["unknown-theme", "unknown-trekker", "unknown-goal"])
def test_dossier_schemas_mark_an_unknown_code_where_check_does(server: YamlServer, tmp_path: Path, name: str) -> None:
    case = CASES / "invalid" / name
    copy = exported_copy(CASES / "base", tmp_path)
    for item in case.rglob("*.yaml"):
        shutil.copyfile(item, copy / item.relative_to(case))
    expected = [(m["file"], int(m["line"])) for m in LOCATED.finditer((case / "expected.txt").read_text("utf-8"))]
    found = with_diagnostics(server.diagnostics(sorted(copy.rglob("*.yaml"))), copy)
    assert [(file, item.line) for file, items in found.items() for item in items] == expected


def test_dossier_schemas_offer_the_dossiers_own_traffic_light(server: YamlServer, tmp_path: Path) -> None:
    leiden = make_case_dossier(CASES / "valid" / "own-traffic-light-scale", tmp_path / "leiden")
    copy = exported_copy(leiden, tmp_path / "exported")
    schema = json.loads((tmp_path / "exported" / "schemas" / "evaluatie.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["stoplicht_code"]["enum"] == ["groen", "oranje", "rood"]
    path = copy / "2025" / "evaluatie.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("    status: oranje")
    lines[at] = "    status: "
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert {"groen", "oranje", "rood"} <= set(server.completion(path, at + 1, 13))
    case = CASES / "invalid" / "status-not-on-scale"
    copy = exported_copy(leiden, tmp_path / "marked")  # a file the server has not seen yet
    shutil.copyfile(case / "2025" / "evaluatie.yaml", copy / "2025" / "evaluatie.yaml")
    expected = [(m["file"], int(m["line"])) for m in LOCATED.finditer((case / "expected.txt").read_text("utf-8"))]
    found = with_diagnostics(server.diagnostics(sorted(copy.rglob("*.yaml"))), copy)
    assert [(file, item.line) for file, items in found.items() for item in items] == expected
