"""A wheel user's first hour: the built wheel in a fresh venv, then `new`, `check` and `build` from an empty folder.

The fixtures are module-scoped and build on each other (wheel -> venv -> the new dossier's folder), so a test of
another tool on the same dossier (an editor's language server) only needs the `mijnstad` fixture.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.lspclient import YamlServer
from tests.sampledossier import ROOT
from tests.test_editor import with_diagnostics

Run = subprocess.CompletedProcess[str]


def _clean_env(home: Path) -> dict[str, str]:
    """The environment without this checkout's venv or paths, with its own cache folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return {**env, "XDG_CACHE_HOME": str(home / "cache"), "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("afsprakengen-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel (and its dependencies) installed; its bin folder."""
    home = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(home / "venv")], check=True, env=_clean_env(home))
    pip = [str(home / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)]
    subprocess.run(pip, check=True, capture_output=True, env=_clean_env(home))
    return home / "venv" / "bin"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The empty folder the user starts in (outside the checkout)."""
    return tmp_path_factory.mktemp("empty")


def afsprakengen(venv: Path, workdir: Path, *args: str) -> Run:
    """The installed command, run in the user's folder."""
    command = [str(venv / "afsprakengen"), *args]
    return subprocess.run(command, cwd=workdir, capture_output=True, text=True, env=_clean_env(workdir.parent))


@pytest.fixture(scope="module")
def mijnstad(venv: Path, workdir: Path) -> Path:
    """`afsprakengen new mijnstad --gemeente Mijnstad --corporatie "Woonstichting Mijnstad"`: the dossier's folder."""
    result = afsprakengen(
        venv, workdir, "new", "mijnstad", "--gemeente", "Mijnstad", "--corporatie", "Woonstichting Mijnstad"
    )
    assert result.returncode == 0, result.stderr
    assert f"wrote mijnstad/{_next_year()}/bod-woonstichting-mijnstad.yaml" in result.stdout.splitlines()
    return workdir / "mijnstad"


def _next_year() -> int:
    return date.today().year + 1


def test_the_wheel_has_the_schemas_templates_sample_format_reference_and_license(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"afsprakengen/schemas/{p.name}" for p in (ROOT / "schemas").iterdir()}
    shipped |= {f"afsprakengen/templates/{p.name}" for p in (ROOT / "templates").glob("*.docx")}
    shipped |= {"afsprakengen/docs/dossier-format.md", "afsprakengen-0.1.0.dist-info/licenses/LICENSE"}
    shipped |= {"afsprakengen/samples/voorbeeldstad/2027/prestatieafspraken.yaml"}
    assert shipped <= names
    assert "afsprakengen/starter/skeleton/prestatieafspraken.yaml" in names


def test_new_dossier_checks_without_problems(venv: Path, workdir: Path, mijnstad: Path) -> None:
    result = afsprakengen(venv, workdir, "check", "mijnstad")
    assert (result.returncode, result.stdout) == (0, "4 files checked: no problems.\n")


def test_new_dossier_builds_its_documents(venv: Path, workdir: Path, mijnstad: Path) -> None:
    result = afsprakengen(venv, workdir, "build", "mijnstad", "--out", "out", "--no-layout")
    assert result.returncode == 0, result.stdout + result.stderr
    j = _next_year()
    written = sorted(p.name for p in (workdir / "out").iterdir())
    expected = [f"activiteitenoverzicht-woonstichting-mijnstad-{j}.docx", f"prestatieafspraken-{j}.docx"]
    assert written == sorted([*expected, f"woonvisie-uittreksel-{j}.docx"])
    assert result.stdout.splitlines()[-3:] == [
        "note: no evaluatie document: no year folder has an evaluatie.yaml"
        " (and the prestatieafspraken.yaml it evaluates)",
        "note: no voortgangsrapportage document: no year folder has a voortgang-<peildatum>.yaml"
        " (and the prestatieafspraken.yaml it reports on)",
        "3 documents written.",
    ]


def test_the_installed_tool_uses_its_own_resources(venv: Path, workdir: Path) -> None:
    export = afsprakengen(venv, workdir, "template", "export", "prestatieafspraken", "huisstijl.docx")
    assert export.returncode == 0, export.stderr
    assert (workdir / "huisstijl.docx").read_bytes() == (ROOT / "templates" / "prestatieafspraken.docx").read_bytes()
    check = afsprakengen(venv, workdir, "template", "check", "huisstijl.docx")
    assert check.stdout.splitlines()[0] == "huisstijl.docx: a template for prestatieafspraken."
    docs = afsprakengen(venv, workdir, "docs")
    assert docs.stdout == (ROOT / "docs" / "dossier-format.md").read_text(encoding="utf-8")


def test_messages_point_at_what_a_wheel_user_has(venv: Path, workdir: Path) -> None:
    (workdir / "leeg").mkdir()
    result = afsprakengen(venv, workdir, "check", "leeg")
    assert result.stdout.splitlines()[0] == (
        "leeg/dossier.yaml:1:1: error: dossier.yaml is missing; every dossier has one"
        " (`afsprakengen docs` shows the format)"
    )
    help_text = " ".join(afsprakengen(venv, workdir, "status", "--help").stdout.split())
    assert "afsprakengen schema export" in help_text
    assert "schemas/status" not in help_text.replace(".schemas/status", "")


def test_the_editor_finds_nothing_wrong_in_the_new_dossier(server: YamlServer, mijnstad: Path) -> None:
    """yaml-language-server (VS Code's YAML engine) on every file `new` wrote, through their modelines."""
    files = sorted(mijnstad.rglob("*.yaml"))
    assert len(files) == 4
    assert all(f.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=") for f in files)
    assert with_diagnostics(server.diagnostics(files), mijnstad) == {}
