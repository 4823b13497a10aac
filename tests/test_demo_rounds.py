"""scripts/demo-rounds.sh makes the two-round Git repository the README tells users to try `diff` on."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from afsprakengen.cli import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_demo_rounds_gives_two_tagged_rounds_to_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "demo-rounds.sh"), str(tmp_path / "demo")],
        check=True,
        capture_output=True,
        env=env,
        timeout=60,
    )
    monkeypatch.chdir(tmp_path / "demo" / "voorbeeldstad")
    result = CliRunner().invoke(cli, ["diff", "v2027-ronde1:2027", "v2027-ronde2:2027"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("Prestatieafspraken 2027, Voorbeeldstad: v2027-ronde1 (versie 0.3")
    assert result.output.splitlines()[-1] == "1 added, 0 removed, 5 changed, 1 moved, 45 unchanged."
