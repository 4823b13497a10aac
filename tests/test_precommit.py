"""The pre-commit hook (.pre-commit-hooks.yaml), run as a dossier repository runs it: `pre-commit try-repo`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

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
    assert "15 files checked: 1 error, 0 warnings." in done.stdout


def yaml_blocks(markdown: Path) -> list[str]:
    """The ```yaml blocks of a markdown file."""
    return re.findall(r"```yaml\n(.*?)```", markdown.read_text(encoding="utf-8"), re.S)


def test_the_manifest_and_the_documented_configs_are_valid_for_pre_commit(tmp_path: Path) -> None:
    manifest = [sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")]
    assert subprocess.run(manifest, capture_output=True, check=False).returncode == 0
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["pass_filenames"], hook["args"]) == (
        "afsprakengen-check",
        "afsprakengen check",
        False,
        ["."],
    )
    blocks = [yaml.safe_load(block) for block in yaml_blocks(ROOT / "docs" / "ci.md")]
    configs = [b for b in blocks if "repos" in b]
    assert len(configs) == 2
    for i, config in enumerate(configs):
        assert {h["id"] for repo in config["repos"] for h in repo["hooks"]} == {"afsprakengen-check"}
        path = tmp_path / f"config-{i}.yaml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        validate = [sys.executable, "-m", "pre_commit", "validate-config", str(path)]
        assert subprocess.run(validate, capture_output=True, check=False).returncode == 0


def test_the_documented_ci_jobs_check_build_and_guard_the_deadlines() -> None:
    blocks = [yaml.safe_load(block) for block in yaml_blocks(ROOT / "docs" / "ci.md")]
    github = next(b for b in blocks if "jobs" in b)
    runs = {name: [s.get("run", "") for s in job["steps"]] for name, job in github["jobs"].items()}
    assert "afsprakengen check . --format github" in runs["check"]
    assert any("afsprakengen build . --out out" in r for r in runs["build"])
    assert "afsprakengen status . --fail-late" in runs["late"]
    gitlab = next(b for b in blocks if "default" in b)
    assert "afsprakengen check ." in gitlab["check"]["script"]
    assert gitlab["build"]["artifacts"]["paths"] == ["out/"]
    assert gitlab["late"]["script"] == ["afsprakengen status . --fail-late"]
    assert gitlab["late"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
