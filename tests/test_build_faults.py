"""Faults during a build: killed at any moment, two builds at once, a full disk: every document whole, old or new."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.casefolders import BASE
from tests.sampledossier import TODAY, run_build

KILLS = 50


def _versions(tmp_path: Path) -> tuple[Path, Path]:
    """The base dossier, and a copy whose municipality is called differently (so every document changes)."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(BASE, old)
    shutil.copytree(BASE, new)
    dossier = new / "dossier.yaml"
    text = dossier.read_text(encoding="utf-8")
    assert text.count("Teststad") >= 1
    dossier.write_text(text.replace("Teststad", "Proefdorp"), encoding="utf-8")
    return old, new


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _known(tmp_path: Path) -> tuple[Path, Path, dict[str, set[str]]]:
    """Both versions built once in their own folders: for each document name, the digests it may have."""
    old, new = _versions(tmp_path)
    known: dict[str, set[str]] = {}
    for dossier in (old, new):
        out = tmp_path / f"known-{dossier.name}"
        assert run_build(dossier, out).exit_code == 0
        for name, digest in _digests(out).items():
            known.setdefault(name, set()).add(digest)
    assert known and all(len(digests) == 2 for digests in known.values())
    return old, new, known


def _assert_whole(out: Path, known: dict[str, set[str]]) -> None:
    """Every document in out is one of its two known versions; anything else is a temp file of ours, never whole."""
    for path in out.iterdir():
        if path.name in known:
            assert hashlib.sha256(path.read_bytes()).hexdigest() in known[path.name], path.name
        else:
            assert path.name.startswith(".") and path.name.endswith(".tmp"), path.name
            assert path.name[1:].split(".docx.")[0] + ".docx" in known, path.name


def _build(dossier: Path, out: Path, *python: str) -> subprocess.Popen[bytes]:
    build = ["build", str(dossier), "--out", str(out), *TODAY, "--no-layout"]
    args = [sys.executable, *(python or ["-m", "afsprakengen"]), *build]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finished(process: subprocess.Popen[bytes]) -> int:
    _, errors = process.communicate(timeout=120)
    assert b"error" not in errors, errors.decode()
    return process.returncode


SLOW_WRITES = """
import sys, time
import afsprakengen.files as files
from afsprakengen.cli.app import main
real_staged, real_renames = files._staged, files._rename_all
def slow(data, target):
    sys.stderr.write("staging\\n")
    sys.stderr.flush()
    time.sleep(0.05)
    return real_staged(data, target)
def renames(staged):
    done = real_renames(staged)
    sys.stderr.write("renamed\\n")
    sys.stderr.flush()
    time.sleep(5)
    return done
files._staged, files._rename_all = slow, renames
sys.argv = ["afsprakengen", *sys.argv[1:]]
main()
"""
"""The build, each document's temp file taking 50 ms and announced on stderr, and the end of the renames announced:
the write phase made long, so a kill lands while staging or after the renames (the renames themselves, one short
step, are the window write_set's docstring admits only SIGKILL or a power cut can hit)."""


def _killed_while_writing(dossier: Path, out: Path, runner: Path, rng: random.Random, documents: int) -> None:
    """Killed after a random number of temp files (while the next one is staged), or once the renames are done."""
    process = _build(dossier, out, str(runner))
    assert process.stderr is not None
    wait_for = rng.randint(1, documents + 2)  # more than the documents: wait for the renames
    staged = 0
    while staged < wait_for:
        line = process.stderr.readline()
        assert line, "the build ended before its write phase"
        staged += line == b"staging\n"
        if line == b"renamed\n":
            break
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)


def test_a_build_killed_in_its_write_phase_leaves_the_whole_old_or_the_whole_new_set(tmp_path: Path) -> None:
    old, new, known = _known(tmp_path)
    runner = tmp_path / "slow_writes.py"
    runner.write_text(SLOW_WRITES, encoding="utf-8")
    out = tmp_path / "out"
    assert _finished(_build(old, out)) == 0
    sets = {"old": _digests(out)}
    assert _finished(_build(new, out)) == 0
    sets["new"] = _digests(out)
    assert _finished(_build(old, out)) == 0
    rng, seen, temps_left = random.Random(16), set(), 0
    for i in range(KILLS):
        _killed_while_writing(new if i % 2 == 0 else old, out, runner, rng, len(known))
        now = {name: digest for name, digest in _digests(out).items() if not name.startswith(".")}
        temps_left += any(name.endswith(".tmp") for name in _digests(out))
        whole = [name for name, digests in sets.items() if now == digests]
        assert whole, f"kill {i}: a mixed set"
        seen.add(whole[0])
    assert seen == {"old", "new"}  # some kills came after the renames, most before
    assert temps_left  # a kill while staging leaves temp files, for the next build to remove
    assert _finished(_build(new, out)) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(known)  # the next build removed every temp file


def test_two_builds_into_one_folder_at_once_give_whole_documents(tmp_path: Path) -> None:
    old, new, known = _known(tmp_path)
    out = tmp_path / "out"
    for _ in range(3):
        first, second = _build(old, out), _build(new, out)
        assert (_finished(first), _finished(second)) == (0, 0)
        _assert_whole(out, known)
    assert sorted(p.name for p in out.iterdir()) == sorted(known)  # finished builds leave no temp files


def _failing(real: Callable[..., None], when: Callable[[int], bool], code: int) -> Callable[..., None]:
    """`real`, failing with the OSError `code` on the calls (counted from 1) that `when` picks."""
    calls = 0

    def failing(*args: object) -> None:
        nonlocal calls
        calls += 1
        if when(calls):
            raise OSError(code, os.strerror(code))
        real(*args)

    return failing


def test_a_full_disk_is_one_line_and_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new, _ = _known(tmp_path)
    out = tmp_path / "out"
    assert run_build(old, out).exit_code == 0
    before = _digests(out)
    monkeypatch.setattr(os, "fsync", _failing(os.fsync, lambda calls: calls > 3, errno.ENOSPC))
    result = run_build(new, out)
    monkeypatch.undo()
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(failed) == 1, result.output
    assert failed[0].endswith(".docx:1:1: error: cannot write it: no space left on the device")
    assert "1 error. Nothing was written; every document was left as it was." in result.output
    assert "wrote " not in result.output
    assert _digests(out) == before  # the whole old set, and no temp file left behind


def test_a_rename_that_fails_reports_exactly_what_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new, known = _known(tmp_path)
    out = tmp_path / "out"
    assert run_build(old, out).exit_code == 0
    before = _digests(out)
    monkeypatch.setattr(os, "replace", _failing(os.replace, lambda calls: calls == 3, errno.EACCES))
    result = run_build(new, out)
    monkeypatch.undo()
    assert result.exit_code == 1
    wrote = [line.removeprefix("wrote ") for line in result.output.splitlines() if line.startswith("wrote ")]
    assert len(wrote) == 2
    assert "1 error. 2 documents written (above); every other document was left as it was." in result.output
    after = _digests(out)
    assert sorted(after) == sorted(before)  # no temp file left behind
    assert sorted(name for name in after if after[name] != before[name]) == sorted(Path(w).name for w in wrote)
    _assert_whole(out, known)
