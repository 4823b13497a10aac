"""`template export` writes a kind's default template; `template check` recognises the kind of a template itself."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from afsprakengen.cli import cli
from afsprakengen.documents.kinds import KINDS
from afsprakengen.templatecheck.check import recognise_kind
from tests.sampledossier import ROOT

NAMES = [k.name for k in KINDS]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def retitled(source: Path, target: Path, title: bytes) -> Path:
    """A copy of a template whose core properties no longer name the kind, as after "Save as" with a new title."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(buffer, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            new.writestr(item, data.replace(b"Sjabloon ", title) if item.filename == "docProps/core.xml" else data)
    target.write_bytes(buffer.getvalue())
    return target


@pytest.mark.parametrize("kind", NAMES)
def test_export_writes_the_default_template_and_check_recognises_it(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "huisstijl.docx"
    assert run("template", "export", kind, str(path)).output == f"wrote {path}\n"
    assert path.read_bytes() == (ROOT / "templates" / f"{kind}.docx").read_bytes()
    checked = run("template", "check", str(path))
    assert checked.exit_code == 0
    assert checked.output.splitlines() == [f"{path}: a template for {kind}.", f"{path}: every field is known."]


@pytest.mark.parametrize("kind", NAMES)
def test_check_recognises_a_kind_by_the_fields_its_template_uses(kind: str, tmp_path: Path) -> None:
    path = retitled(ROOT / "templates" / f"{kind}.docx", tmp_path / "eigen.docx", b"Huisstijl ")
    assert recognise_kind(path, "eigen.docx") == kind


def test_check_with_kind_of_the_wijzigingsoverzicht(tmp_path: Path) -> None:
    result = run(
        "template", "check", str(ROOT / "templates" / "wijzigingsoverzicht.docx"), "--kind", "wijzigingsoverzicht"
    )
    assert result.exit_code == 0
    assert result.output.endswith("every field is known.\n")


def test_a_template_with_no_field_needs_kind(tmp_path: Path) -> None:
    document = zipfile.ZipFile(ROOT / "templates" / "kalender.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as new:
        for item in document.infolist():
            data = document.read(item)
            if item.filename == "docProps/core.xml":
                data = data.replace(b"Sjabloon ", b"Leeg ")
            if item.filename == "word/document.xml":
                data = data.replace(b"{{", b"[[").replace(b"{%", b"[%")
            new.writestr(item, data)
    path = tmp_path / "leeg.docx"
    path.write_bytes(buffer.getvalue())
    result = run("template", "check", str(path))
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:1:1: error: cannot tell which kind of document this template is for")
    assert result.output.rstrip().endswith("give it with --kind")


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "huisstijl.docx"
    path.write_bytes(b"mijn eigen werk")
    result = run("template", "export", "evaluatie", str(path))
    assert result.exit_code == 1
    assert "the file exists; give another name, or --force to replace it" in result.output
    assert path.read_bytes() == b"mijn eigen werk"
    assert run("template", "export", "evaluatie", str(path), "--force").exit_code == 0
    assert path.read_bytes() == (ROOT / "templates" / "evaluatie.docx").read_bytes()
