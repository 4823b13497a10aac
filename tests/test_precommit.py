"""The pre-commit hook (.pre-commit-hooks.yaml), run as a dossier repository runs it: `pre-commit try-repo`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sampledossier import ROOT, SAMPLE

GIT_ENV = {
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's own folder for this module: the hook's environment is installed once, used by every test."""
    return tmp_path_factory.mktemp("pre-commit-home")


def dossier_repository(folder: Path) -> Path:
    """A Git repository with the sample dossier at its root, committed."""
    shutil.copytree(SAMPLE, folder)
    git(folder, "init", "-q")
    commit(folder)
    return folder


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, env={**os.environ, **GIT_ENV})


def commit(folder: Path) -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "dossier")


def try_repo(folder: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo <this checkout> afsprakengen-check --all-files` in the dossier repository."""
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "afsprakengen-check", "--all-files"]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env, check=False, timeout=900)


def test_the_hook_passes_on_the_sample(tmp_path: Path, pre_commit_home: Path) -> None:
    done = try_repo(dossier_repository(tmp_path / "dossier"), pre_commit_home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "afsprakengen check (prestatieafspraken dossier)" in done.stdout
    assert "Passed" in done.stdout


def test_the_hook_fails_on_a_broken_copy_and_says_where(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = dossier_repository(tmp_path / "dossier")
    agreements = repo / "2027" / "prestatieafspraken.yaml"
    text = agreements.read_text(encoding="utf-8")
    assert "trekker: woonstad\n" in text
    agreements.write_text(text.replace("trekker: woonstad\n", "trekker: woonstadd\n", 1), encoding="utf-8")
    commit(repo)
    done = try_repo(repo, pre_commit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    expected = (
        "2027/prestatieafspraken.yaml:75:14: error: $.afspraken[0].trekker: "
        "'woonstadd' is not a party in dossier.yaml (did you mean 'woonstad'?)"
    )
    assert expected in done.stdout.splitlines()
    assert "12 files checked: 1 error, 0 warnings." in done.stdout
