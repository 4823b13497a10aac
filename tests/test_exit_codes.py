"""The exit status tells CI a bug from a mistake: 0 fine, 1 the user's input, 2 usage, 3 an internal error."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from click.testing import CliRunner

from afsprakengen.check import dossier as check_module
from afsprakengen.cli.app import cli, main

BASE = Path(__file__).parent / "cases" / "base"


def _exit_of_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr("sys.argv", ["afsprakengen", *args])
    try:
        with pytest.raises(SystemExit) as caught:
            main()
    finally:
        gc.unfreeze()  # main froze this test process's objects, as it does before a process ends
    return int(caught.value.code or 0)


@pytest.mark.parametrize("args", [("--version",), ("check", str(BASE)), ("check", "no-such-folder")])
def test_main_leaves_the_objects_to_the_end_of_the_process(monkeypatch: pytest.MonkeyPatch, args: tuple[str]) -> None:
    monkeypatch.setattr("sys.argv", ["afsprakengen", *args])
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit):
            main()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_an_internal_error_exits_3_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(check_module, "check_dossier", broken)
    assert _exit_of_main(monkeypatch, "check", str(BASE)) == 3
    err = capsys.readouterr().err
    assert "internal error (ZeroDivisionError)" in err
    assert len(err.strip().splitlines()) == 1


def test_fine_input_exits_0_and_a_wrong_command_line_2(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _exit_of_main(monkeypatch, "check", "--today", "2026-01-01", str(BASE)) == 0
    assert _exit_of_main(monkeypatch, "check", "--no-such-option", str(BASE)) == 2
    assert _exit_of_main(monkeypatch, "check", str(BASE / "no-such-folder")) == 2


def test_help_documents_every_exit_status() -> None:
    shown = CliRunner().invoke(cli, ["--help"]).output
    for line in ("0  fine", "1  problems in your input", "2  a wrong command line", "3  an internal error"):
        assert line in shown
