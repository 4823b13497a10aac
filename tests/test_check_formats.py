"""`check --format json|github|sarif`: the same problems as the text, for machines and CI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from afsprakengen import __version__
from afsprakengen.cli import cli
from afsprakengen.resources import schema_path
from tests.casefolders import CASES, make_case_dossier
from tests.sampledossier import SAMPLE, TODAY

WZ01 = "'WZ01' is not valid here: a code uses capitals, digits and '-', e.g. 'WZ-03'"


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A dossier with one error (a bad agreement code) and one warning (a folder that is not a year), relative."""
    dossier = make_case_dossier(CASES / "invalid" / "bad-code-pattern", tmp_path / "mijn dossier")
    (dossier / "oud").mkdir()
    (dossier / "oud" / "bod-woonstad.yaml").write_text("jaar: 2020\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "mijn dossier"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args, *TODAY], catch_exceptions=False)
    return result.exit_code, result.output


def test_json_is_valid_against_its_schema_and_says_what_the_text_says(broken: str) -> None:
    code, output = run(broken, "--format", "json")
    assert code == 1
    data = json.loads(output)
    Draft202012Validator(json.loads(schema_path("check-result").read_text(encoding="utf-8"))).validate(data)
    assert (data["tool"], data["version"], data["files"], data["errors"], data["warnings"]) == (
        "afsprakengen",
        __version__,
        7,
        1,
        1,
    )
    warning, error = data["problems"]
    assert (warning["file"], warning["severity"], warning["json_path"]) == ("mijn dossier/oud", "warning", "")
    assert error == {
        "file": "mijn dossier/2027/prestatieafspraken.yaml",
        "line": 9,
        "column": 11,
        "json_path": "$.afspraken[0].code",
        "severity": "error",
        "message": WZ01,
    }
    _, text = run(broken)
    assert len(text.splitlines()) == len(data["problems"]) + 1  # the text has a summary line besides


def test_json_of_a_clean_dossier() -> None:
    code, output = run(str(SAMPLE), "--format", "json")
    data = json.loads(output)
    assert (code, data["files"], data["errors"], data["problems"]) == (0, 15, 0, [])


def test_github_annotations(broken: str) -> None:
    code, output = run(broken, "--format", "github")
    lines = output.splitlines()
    assert code == 1
    assert lines[0] == (
        "::warning file=mijn dossier/oud,line=1,col=1,title=afsprakengen::"
        "the folder 'oud' is not a year (e.g. 2027), so its files are ignored"
    )
    assert lines[1] == (
        "::error file=mijn dossier/2027/prestatieafspraken.yaml,line=9,col=11,title=afsprakengen::"
        f"$.afspraken[0].code: {WZ01}"
    )
    assert lines[2] == "7 files checked: 1 error, 1 warning."


def test_github_escapes_what_workflow_commands_reserve() -> None:
    from afsprakengen.check.report import github_annotations
    from afsprakengen.problems import Location, error

    (line,) = github_annotations([error(Location("a,b:c.yaml", 2, 3), "50% of\nthe text")])
    assert line == "::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=afsprakengen::50%25 of%0Athe text"


def test_sarif_is_a_sarif_2_1_0_log_code_scanning_reads(broken: str) -> None:
    code, output = run(broken, "--format", "sarif")
    assert code == 1
    log = json.loads(output)
    assert (log["version"], log["$schema"]) == ("2.1.0", "https://json.schemastore.org/sarif-2.1.0.json")
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("afsprakengen", __version__)
    rules = [r["id"] for r in driver["rules"]]
    assert rules == ["dossier-error", "dossier-advice"]
    warning, error = run_["results"]
    assert error["ruleId"] == rules[error["ruleIndex"]] == "dossier-error"
    assert (error["level"], error["message"]) == ("error", {"text": WZ01})
    (location,) = error["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "mijn%20dossier/2027/prestatieafspraken.yaml"},
        "region": {"startLine": 9, "startColumn": 11},
    }
    assert location["logicalLocations"] == [{"fullyQualifiedName": "$.afspraken[0].code", "kind": "member"}]
    assert (warning["ruleId"], warning["level"]) == ("dossier-advice", "warning")


def test_strict_makes_the_advice_errors_in_every_format(broken: str) -> None:
    data = json.loads(run(broken, "--format", "json", "--strict")[1])
    assert (data["errors"], data["warnings"]) == (2, 0)


def test_machine_formats_are_ascii_so_no_console_encoding_changes_them() -> None:
    from afsprakengen.check.report import check_json, check_sarif
    from afsprakengen.problems import Location, warning

    problems = [warning(Location("dossier.yaml", 3, 5), "vóór 1 juli → Súdwest-Fryslân")]
    data, log = check_json(1, problems), check_sarif(problems)
    assert data.isascii() and log.isascii()
    assert json.loads(data)["problems"][0]["message"] == "vóór 1 juli → Súdwest-Fryslân"
    assert json.loads(log)["runs"][0]["results"][0]["message"]["text"] == "vóór 1 juli → Súdwest-Fryslân"
