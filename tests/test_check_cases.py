"""`afsprakengen check` on case folders: each gives exactly its expected output and exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from afsprakengen.cli import cli
from tests.casefolders import CASES, case_args, make_case_dossier
from tests.goldenfile import assert_golden

EXIT_CODES = {"invalid": 1, "advice": 0, "valid": 0}
CASE_DIRS = sorted(p for group in EXIT_CODES for p in (CASES / group).glob("*") if p.is_dir())


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool) -> None:
    make_case_dossier(case, tmp_path / "dossier")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "dossier", *case_args(case)], catch_exceptions=False)
    assert_golden(case / "expected.txt", result.output, update_golden)
    assert result.exit_code == EXIT_CODES[case.parent.name]
    assert "Traceback" not in result.output


def test_base_dossier_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    result = CliRunner().invoke(cli, ["check", "base", "--today", "2026-11-27"], catch_exceptions=False)
    assert result.output == "7 files checked: no problems.\n"
    assert result.exit_code == 0


def test_there_are_enough_invalid_cases() -> None:
    assert len(list((CASES / "invalid").glob("*/expected.txt"))) >= 20
