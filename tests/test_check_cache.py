"""The cache of loaded and checked files: read back when a file is unchanged, never trusted when damaged."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from afsprakengen import cache as cache_module
from afsprakengen.cache import Cache
from afsprakengen.check import dossier as checking
from afsprakengen.check.dossier import CACHE_KIND, check_dossier
from afsprakengen.cli import cli
from afsprakengen.load.yamlsource import Loaded, load_yaml_bytes
from tests.casefolders import CASES, make_case_dossier

TODAY = date(2026, 11, 27)
CASE_DIRS = sorted(p for group in ("invalid", "advice", "valid") for p in (CASES / group).glob("*") if p.is_dir())


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the check loads (by their path as shown), in order."""
    seen: list[str] = []
    real: Callable[[bytes, str], Loaded] = load_yaml_bytes

    def counting(data: bytes, display: str) -> Loaded:
        seen.append(display)
        return real(data, display)

    monkeypatch.setattr(checking, "load_yaml_bytes", counting)
    return seen


def _messages(root: Path, cache: Cache | None) -> list[str]:
    return [p.format() for p in check_dossier(root, "d", TODAY, cache=cache).problems]


def _case(tmp_path: Path, name: str) -> Path:
    return make_case_dossier(CASES / name, tmp_path / "d")


def test_a_second_check_reads_every_file_from_the_cache(tmp_path: Path, loads: list[str]) -> None:
    root = _case(tmp_path, "advice/dutch-thousands-separator")
    cache = Cache(tmp_path / "cache")
    first = _messages(root, cache)
    assert len(loads) == 7
    loads.clear()
    second = _messages(root, cache)
    assert loads == []
    assert second == first == _messages(root, None)
    assert first == [
        "d/2027/bod-thuis.yaml:12:27: warning: $.activiteiten[0].investeringen['2027']: 6.250 is read as the "
        "decimal number 6,25; if you mean 6250, write 6250 without the dot (YAML numbers have no thousands separator)"
    ]


def test_schema_errors_come_from_the_cache_too(tmp_path: Path, loads: list[str]) -> None:
    root = _case(tmp_path, "invalid/several-schema-errors")
    cache = Cache(tmp_path / "cache")
    first = _messages(root, cache)
    loads.clear()
    second = _messages(root, cache)
    assert loads == []
    assert second == first == _messages(root, None)
    assert len(first) > 1
    assert all(": error: " in line for line in first)


def test_a_changed_file_is_read_again_and_only_it(tmp_path: Path, loads: list[str]) -> None:
    root = _case(tmp_path, "valid/anchors-and-aliases")
    cache = Cache(tmp_path / "cache")
    assert _messages(root, cache) == []
    loads.clear()
    bod = root / "2027" / "bod-thuis.yaml"
    bod.write_text(bod.read_text(encoding="utf-8").replace("corporatie: thuis", "corporatie: thuis\nextra: 1"))
    changed = _messages(root, cache)
    assert loads == ["d/2027/bod-thuis.yaml"]
    assert changed == _messages(root, None)
    assert changed == [
        "d/2027/bod-thuis.yaml:3:1: error: $.extra: unknown field 'extra'; allowed here: corporatie, jaar, "
        "status, ingediend, versie, inleiding, activiteiten, voorraadontwikkeling, huurbeleid, kerncijfers, "
        "reactie_huurders"
    ]


def test_the_same_bytes_under_another_name_are_another_entry(tmp_path: Path, loads: list[str]) -> None:
    cache = Cache(tmp_path / "cache")
    root = _case(tmp_path, "valid/utf8-bom")
    _messages(root, cache)
    moved = tmp_path / "elsewhere"
    shutil.copytree(root, moved)
    loads.clear()
    result = check_dossier(moved, "elders", TODAY, cache=cache)
    assert len(loads) == 7
    assert {f.display for f in result.files} == set(loads)


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_cache_entry_is_a_miss(tmp_path: Path, loads: list[str], damage: bytes) -> None:
    root = _case(tmp_path, "advice/goal-not-addressed")
    cache = Cache(tmp_path / "cache")
    first = _messages(root, cache)
    entries = [p for p in (cache.folder / CACHE_KIND).rglob("*") if p.is_file()]
    assert len(entries) == 7
    for entry in entries:
        entry.write_bytes(damage)
    loads.clear()
    assert _messages(root, cache) == first
    assert len(loads) == 7
    loads.clear()
    assert _messages(root, cache) == first  # rewritten by the check that missed
    assert loads == []


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_case_checks_the_same_with_a_cold_or_warm_cache(case: Path, tmp_path: Path) -> None:
    root = make_case_dossier(case, tmp_path / "d")
    cache = Cache(tmp_path / "cache")
    plain = _messages(root, None)
    assert _messages(root, cache) == plain
    assert _messages(root, cache) == plain


def _cache_entries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_no_cache_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = _case(tmp_path, "valid/no-and-ja-stay-text")
    runner = CliRunner()
    checked = runner.invoke(cli, ["check", str(root), "--today", "2026-11-27", "--no-cache"])
    built = runner.invoke(
        cli, ["build", str(root), "--out", str(tmp_path / "out"), "--only", "kalender", "--year", "2027", "--no-cache"]
    )
    assert (checked.exit_code, built.exit_code) == (0, 0), checked.output + built.output
    assert _cache_entries(tmp_path / "xdg") == []
    assert runner.invoke(cli, ["check", str(root), "--today", "2026-11-27"]).output == checked.output
    assert len([p for p in _cache_entries(tmp_path / "xdg") if CACHE_KIND in p.parts]) == 7


def test_build_uses_the_cache_unless_told_not_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = _case(tmp_path, "valid/no-and-ja-stay-text")
    args = ["build", str(root), "--out", str(tmp_path / "out"), "--only", "kalender", "--year", "2027"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert len([p for p in _cache_entries(tmp_path / "xdg") if CACHE_KIND in p.parts]) == 7


def test_the_tool_fingerprint_changes_with_any_code_or_schema_but_not_with_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "src" / "afsprakengen"
    (package / "check" / "__pycache__").mkdir(parents=True)
    (package / "check" / "rules.py").write_text("RULES = ()\n")
    (package / "notes.txt").write_text("not code")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "dossier.schema.json").write_text("{}")
    monkeypatch.setattr(cache_module, "_PACKAGE", package)

    def fingerprint() -> str:
        value: str = cache_module.tool_fingerprint.__wrapped__()
        return value

    first = fingerprint()
    (package / "check" / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"bytecode")
    (package / "notes.txt").write_text("other text")
    assert fingerprint() == first
    (package / "check" / "rules.py").write_text("RULES = (1,)\n")
    second = fingerprint()
    (tmp_path / "schemas" / "dossier.schema.json").write_text('{"type": "object"}')
    third = fingerprint()
    (package / "check" / "validators.py").write_text("")
    assert len({first, second, third, fingerprint()}) == 4


def _version_folder(root: Path, name: str, days_ago: float, now: float) -> Path:
    """A folder as another version of the tool leaves it, last written to days_ago."""
    entry = root / name / "checked-file" / "ab" / ("ab" + "0" * 62)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"oud")
    when = now - days_ago * 86400
    for path in (entry, entry.parent, entry.parent.parent, root / name):
        os.utime(path, (when, when))
    return root / name


def test_the_folders_other_versions_left_unused_for_a_month_are_removed_at_the_first_write(tmp_path: Path) -> None:
    now = time.time()
    stale = _version_folder(tmp_path, "0123456789abcdef", 31, now)
    recent = _version_folder(tmp_path, "fedcba9876543210", 3, now)
    not_ours = _version_folder(tmp_path, "eigen-map", 400, now)
    Cache(tmp_path).put("checked-file", "cd" + "1" * 62, "nieuw")
    assert not stale.exists()
    assert recent.exists() and not_ours.exists()
    assert Cache(tmp_path).get("checked-file", "cd" + "1" * 62) == "nieuw"


def test_a_folder_written_to_lately_is_kept_however_old_the_folder_itself(tmp_path: Path) -> None:
    now = time.time()
    folder = _version_folder(tmp_path, "0123456789abcdef", 90, now)
    key_folder = folder / "checked-file" / "ab"
    os.utime(key_folder, (now - 86400, now - 86400))  # a result written there yesterday
    cache_module.prune_other_versions(tmp_path, now)
    assert folder.exists()
    cache_module.prune_other_versions(tmp_path, now + 40 * 86400)
    assert not folder.exists()
