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
import time
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


def _build(dossier: Path, out: Path) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "afsprakengen", "build", str(dossier), "--out", str(out), *TODAY, "--no-layout"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finished(process: subprocess.Popen[bytes]) -> int:
    _, errors = process.communicate(timeout=120)
    assert b"error" not in errors, errors.decode()
    return process.returncode


def test_a_build_killed_at_random_moments_leaves_every_document_whole(tmp_path: Path) -> None:
    old, new, known = _known(tmp_path)
    out = tmp_path / "out"
    started = time.monotonic()
    assert _finished(_build(old, out)) == 0
    duration = time.monotonic() - started
    rng = random.Random(15)
    for i in range(KILLS):
        process = _build(new if i % 2 == 0 else old, out)
        time.sleep(rng.uniform(0, duration))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        _assert_whole(out, known)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(known)


def test_two_builds_into_one_folder_at_once_give_whole_documents(tmp_path: Path) -> None:
    old, new, known = _known(tmp_path)
    out = tmp_path / "out"
    for _ in range(3):
        first, second = _build(old, out), _build(new, out)
        assert (_finished(first), _finished(second)) == (0, 0)
        _assert_whole(out, known)
    assert sorted(p.name for p in out.iterdir()) == sorted(known)  # finished builds leave no temp files


def test_a_full_disk_is_one_line_and_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new, known = _known(tmp_path)
    out = tmp_path / "out"
    assert run_build(old, out).exit_code == 0
    before = _digests(out)
    syncs = 0
    real_fsync = os.fsync

    def full_after_three(fd: int) -> None:
        nonlocal syncs
        syncs += 1
        if syncs > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_after_three)
    result = run_build(new, out)
    monkeypatch.undo()
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(failed) == 1, result.output
    assert failed[0].endswith(".docx:1:1: error: cannot write it: no space left on the device")
    assert "1 error. 2 documents written; every other document was left as it was." in result.output
    after = _digests(out)
    assert sorted(after) == sorted(before)  # no temp file left behind
    changed = [name for name in after if after[name] != before[name]]
    assert 1 <= len(changed) <= 3
    _assert_whole(out, known)
