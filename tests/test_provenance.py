"""`build` stamps each document with the dossier's Git commit, and 'gewijzigd' for uncommitted changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from afsprakengen.cli import cli
from tests.casefolders import BASE

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


def build(dossier: Path, out: Path) -> tuple[str, str]:
    """The footer text and custom properties of the 2027 prestatieafspraken built from dossier."""
    args = [
        "build",
        str(dossier),
        "--out",
        str(out),
        "--only",
        "prestatieafspraken",
        "--year",
        "2027",
        "--today",
        "2026-11-27",
        "--no-layout",
    ]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    path = out / "prestatieafspraken-2027.docx"
    footer = docx.Document(str(path)).sections[0].footer.paragraphs[0].text
    with zipfile.ZipFile(path) as z:
        return footer, z.read("docProps/custom.xml").decode("utf-8")


def test_commit_and_uncommitted_changes_are_stamped(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo / "dossier")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "ronde 1")
    commit = git(repo, "rev-parse", "--short=12", "HEAD").strip()
    footer, custom = build(repo / "dossier", tmp_path / "a")
    assert f" · commit {commit} · pagina" in footer
    assert f'name="Git-commit"><vt:lpwstr>{commit}</vt:lpwstr>' in custom
    assert 'name="Git-gewijzigd"><vt:lpwstr>nee</vt:lpwstr>' in custom
    pa = repo / "dossier" / "2027" / "prestatieafspraken.yaml"
    pa.write_text(pa.read_text(encoding="utf-8").replace("**25**", "**26**"), encoding="utf-8")
    footer, custom = build(repo / "dossier", tmp_path / "b")
    assert f" · commit {commit}, gewijzigd · pagina" in footer
    assert 'name="Git-gewijzigd"><vt:lpwstr>ja</vt:lpwstr>' in custom


def test_the_builds_own_output_inside_the_dossier_is_no_change(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo / "dossier")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "ronde 1")
    out = repo / "dossier" / "build"
    build(repo / "dossier", out)
    footer, custom = build(repo / "dossier", out)  # the first build's documents are untracked files in the dossier
    assert ", gewijzigd" not in footer
    assert 'name="Git-gewijzigd"><vt:lpwstr>nee</vt:lpwstr>' in custom
    (repo / "dossier" / "notities.txt").write_text("een echte wijziging\n", encoding="utf-8")
    _, custom = build(repo / "dossier", out)
    assert 'name="Git-gewijzigd"><vt:lpwstr>ja</vt:lpwstr>' in custom


def test_outside_git_there_is_no_stamp(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path / "dossier")
    footer, custom = build(tmp_path / "dossier", tmp_path / "out")
    assert "commit" not in footer
    assert "Git-commit" not in custom


def _definitief(pa: Path) -> None:
    text = pa.read_text(encoding="utf-8").replace("status: concept", "status: definitief")
    text = text.replace("inleiding:", "ondertekening:\n  plaats: Teststad\n  datum: 2026-12-10\ninleiding:", 1)
    pa.write_text(text, encoding="utf-8")


def test_a_definitief_document_has_its_commit_in_the_properties_not_the_footer(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo / "dossier")
    _definitief(repo / "dossier" / "2027" / "prestatieafspraken.yaml")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "getekend")
    commit = git(repo, "rev-parse", "--short=12", "HEAD").strip()
    footer, custom = build(repo / "dossier", tmp_path / "a")
    assert footer.startswith("Versie 0.2 · definitief · 20 november 2026 · pagina")
    assert "commit" not in footer
    assert f'name="Git-commit"><vt:lpwstr>{commit}</vt:lpwstr>' in custom
    settings = repo / "dossier" / "dossier.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "instellingen:\n  herkomst_in_voettekst: true\n")
    git(repo, "commit", "-q", "-am", "herkomst in de voettekst")
    commit = git(repo, "rev-parse", "--short=12", "HEAD").strip()
    footer, _ = build(repo / "dossier", tmp_path / "b")
    assert f" · commit {commit} · pagina" in footer
