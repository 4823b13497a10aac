"""The terminal: no encoding crashes (ASCII fallbacks), colour only on a terminal and never with NO_COLOR, -V."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from afsprakengen import __version__
from afsprakengen.cli import cli
from tests.casefolders import CASES, make_case_dossier
from tests.sampledossier import SAMPLE, TODAY

RED, YELLOW, GREEN = "\x1b[31m", "\x1b[33m", "\x1b[32m"


def run_piped(*args: str, encoding: str = "utf-8") -> subprocess.CompletedProcess[bytes]:
    """`python -m afsprakengen ARGS` with stdout and stderr piped in the given encoding."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "afsprakengen", *args], capture_output=True, env=env, check=False)


def test_status_on_a_cp1252_console_falls_back_to_ascii_marks() -> None:
    done = run_piped("status", str(SAMPLE), *TODAY, encoding="cp1252")
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("cp1252")
    assert "  + done      prestatieafspraken 2025 are definitief" in out
    assert "  -> next: " in out
    assert "internal error" not in done.stderr.decode("cp1252")


def test_calendar_and_check_on_an_ascii_only_console_never_crash(tmp_path: Path) -> None:
    calendar = run_piped("calendar", "2026", str(SAMPLE), encoding="cp437")  # a DOS console: no en dash, no ✓
    assert calendar.returncode == 0, calendar.stderr
    out = calendar.stdout.decode("cp437")
    assert "  1 jan - 31 dec         Uitvoering van de afspraken 2026 · jaarschijf 2026" in out
    assert "Gemeente Voorbeeldstad · + done" in out
    dossier = make_case_dossier(CASES / "invalid" / "bad-code-pattern", tmp_path / "d")
    checked = run_piped("check", str(dossier), *TODAY, encoding="cp437")
    assert checked.returncode == 1
    assert b"error: $.afspraken[0].code:" in checked.stdout
    assert b"\x1b[" not in checked.stdout  # piped: no colour


def test_colour_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    dossier = make_case_dossier(CASES / "invalid" / "bad-code-pattern", tmp_path / "d")
    bad = CliRunner().invoke(cli, ["check", str(dossier), *TODAY], color=True)
    assert f": {RED}\x1b[1merror\x1b[0m: $.afspraken[0].code:" in bad.output
    good = CliRunner().invoke(cli, ["check", str(SAMPLE), *TODAY], color=True)
    assert f"{GREEN}15 files checked: no problems.\x1b[0m" in good.output
    status = CliRunner().invoke(cli, ["status", str(SAMPLE), *TODAY], color=True)
    assert f"{GREEN}  ✓ done " in status.output


def test_no_colour_with_no_color_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    dossier = make_case_dossier(CASES / "invalid" / "bad-code-pattern", tmp_path / "d")
    for args in (["check", str(dossier), *TODAY], ["status", str(SAMPLE), *TODAY]):
        output = CliRunner().invoke(cli, args, color=True).output
        assert "error" in output or "done" in output
        assert "\x1b[" not in output


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_short_and_long(flag: str) -> None:
    result = CliRunner().invoke(cli, [flag])
    assert result.exit_code == 0
    assert result.output == f"afsprakengen, version {__version__}\n"
