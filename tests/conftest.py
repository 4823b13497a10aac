"""Shared fixtures: `--update-golden` (rewrite golden files on purpose), the sample dossier built and checked, its
two diff documents, and a cache folder of the test session's own (the suite never writes into the user's ~/.cache)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from afsprakengen.check.dossier import check_dossier
from afsprakengen.cli import cli
from afsprakengen.model import DossierModel
from tests.lspclient import YamlServer, server_command
from tests.sampledossier import SAMPLE, run_build


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register --update-golden."""
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files instead of comparing")


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """XDG_CACHE_HOME pointed at a temporary folder for the whole session (subprocesses inherit it)."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="module")
def sample_out(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built once per test module, one build per argument list in the module's SAMPLE_BUILDS."""
    builds: Sequence[Sequence[str]] = request.module.SAMPLE_BUILDS
    out = tmp_path_factory.mktemp("sample")
    for extra in builds:
        result = run_build(SAMPLE, out, *extra)
        assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def sample_model() -> DossierModel:
    """The checked sample's model, as on 2026-11-27."""
    result = check_dossier(SAMPLE, "sample", date(2026, 11, 27))
    assert result.model is not None
    return result.model


@pytest.fixture(scope="session")
def diff_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two diff documents of the sample's two rounds (scripts/demo-rounds.sh): the wijzigingsoverzicht and the
    redline, in one folder."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    work = tmp_path_factory.mktemp("diff-documents")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    script = SAMPLE.parent.parent / "scripts" / "demo-rounds.sh"
    subprocess.run(["bash", str(script), str(work / "demo")], check=True, capture_output=True, env=env, timeout=60)
    out = work / "out"
    out.mkdir()
    rounds = work / "demo" / "voorbeeldstad"
    old, new = f"v2027-ronde1:{rounds / '2027'}", f"v2027-ronde2:{rounds / '2027'}"
    args = ["diff", old, new, "--docx", str(out / "wijzigingsoverzicht.docx")]
    result = CliRunner().invoke(cli, [*args, "--redline", str(out / "prestatieafspraken-2027-redline.docx")])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[YamlServer]:
    """yaml-language-server, started once; CI must have it (.ci/run installs it), elsewhere it may be absent."""
    command = server_command()
    if command is None:
        if os.environ.get("CI"):
            pytest.fail("yaml-language-server is not installed (npm install -g yaml-language-server)")
        pytest.skip("yaml-language-server is not installed (npm install -g yaml-language-server)")
    with YamlServer(command, tmp_path_factory.mktemp("lsp-root")) as started:
        yield started
