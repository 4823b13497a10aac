"""LibreOffice headless, started by the tool: a private profile per run, a time limit, many documents per start."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

INSTALL_HINT = "install LibreOffice (Debian: apt-get install libreoffice-writer-nogui)"
STARTUP_SECONDS = 90.0
"""Time for LibreOffice to start with a fresh profile, on top of the time per document."""


class OfficeError(Exception):
    """LibreOffice could not do what was asked; the message says what, in plain words."""


@dataclass(frozen=True)
class Office:
    """An installed LibreOffice: its program and its version (part of every cache key that depends on layout)."""

    program: str
    version: str


@cache
def find_office() -> Office | None:
    """LibreOffice on this machine (`soffice` or `libreoffice` on the PATH, or $AFSPRAKENGEN_SOFFICE), or None."""
    program = os.environ.get("AFSPRAKENGEN_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not program:
        return None
    try:
        done = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    version = done.stdout.strip() or done.stderr.strip()
    return Office(program, version) if done.returncode == 0 else None


def convert(
    office: Office,
    files: Sequence[Path],
    export: str,
    outdir: Path,
    *,
    seconds_per_file: float = 60.0,
    workers: int = 1,
) -> None:
    """Convert every file into `outdir` with the export filter `export` (e.g. `pdf:writer_pdf_Export:{...}`).

    The files are shared over up to `workers` LibreOffice processes, each with its own profile that is removed
    afterwards. Raises OfficeError when a process fails, runs out of time, or leaves a file unconverted.
    """
    chunks = [list(files[i::workers]) for i in range(max(1, min(workers, len(files))))]
    with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
        for future in [pool.submit(_run, office, chunk, export, outdir, seconds_per_file) for chunk in chunks]:
            future.result()
    suffix = "." + export.split(":", 1)[0]
    missing = [f.name for f in files if not (outdir / f.with_suffix(suffix).name).is_file()]
    if missing:
        raise OfficeError(f"LibreOffice did not convert {', '.join(missing)}")


def _run(office: Office, files: list[Path], export: str, outdir: Path, seconds_per_file: float) -> None:
    if not files:
        return
    with tempfile.TemporaryDirectory(prefix="afsprakengen-office-") as profile:
        args = [
            office.program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            export,
            "--outdir",
            str(outdir),
            *map(str, files),
        ]
        _call(args, STARTUP_SECONDS + seconds_per_file * len(files))


def _call(args: list[str], timeout: float) -> None:
    """Run LibreOffice in its own process group, so a time-out ends it with every child it started."""
    with subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    ) as process:
        try:
            _, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise OfficeError(f"LibreOffice did not finish within {timeout:.0f} seconds") from None
    if process.returncode != 0:
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise OfficeError(f"LibreOffice stopped with exit status {process.returncode} ({last[0]})")
