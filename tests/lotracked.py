"""Accept or reject all tracked changes of .docx files in LibreOffice and save the text (run with /usr/bin/python3).

Usage: lotracked.py accept|reject|text IN.docx OUT.txt [accept|reject|text IN.docx OUT.txt ...]

`text` saves the text as it is. An OUT ending in .docx is saved as Word (headers, footers and page breaks kept),
any other as plain text. Only the system Python can import LibreOffice's `uno` module (Debian's
python3-uno), so this is a script run in its own process, never imported by the tests. One soffice serves all jobs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found, unused-ignore]

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges", "text": None}
CONNECT_TIMEOUT = 60.0


def main(argv: list[str]) -> int:
    """Run the jobs given as (command, input, output) triples; exit 2 for a usage error."""
    jobs = [tuple(argv[i : i + 3]) for i in range(0, len(argv), 3)]
    if not jobs or any(len(job) != 3 or job[0] not in COMMANDS for job in jobs):
        print(__doc__, file=sys.stderr)
        return 2
    with _office() as context:
        for command, source, target in jobs:
            _run_job(context, COMMANDS[command], Path(source), Path(target))
    return 0


class _office:
    """A private headless soffice and its UNO component context while in use, then terminated and cleaned up."""

    def __enter__(self) -> Any:
        self._profile = Path(tempfile.mkdtemp(prefix="lotracked-"))
        pipe = f"lotracked{uuid.uuid4().hex}"
        self._process = subprocess.Popen(
            [
                shutil.which("soffice") or "soffice",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                f"--accept=pipe,name={pipe};urp;",
                f"-env:UserInstallation={self._profile.as_uri()}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._context = _connect(pipe, self._process)
        return self._context

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):  # the office may be gone already; the process is ended below anyway
            _service(self._context, "com.sun.star.frame.Desktop").terminate()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        shutil.rmtree(self._profile, ignore_errors=True)


def _connect(pipe: str, process: subprocess.Popen[bytes]) -> Any:
    """The component context of the soffice listening on `pipe`, retried until it accepts or the timeout passes."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # NoConnectException until soffice listens
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("LibreOffice did not start or did not accept a connection") from None
            time.sleep(0.25)


def _service(context: Any, name: str) -> Any:
    return context.ServiceManager.createInstanceWithContext(name, context)


def _run_job(context: Any, dispatch: str | None, source: Path, target: Path) -> None:
    desktop = _service(context, "com.sun.star.frame.Desktop")
    document = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, (_property("Hidden", True),))
    if document is None:
        raise RuntimeError(f"LibreOffice cannot open {source}")
    try:
        if dispatch:
            helper = _service(context, "com.sun.star.frame.DispatchHelper")
            frame = document.getCurrentController().getFrame()
            helper.executeDispatch(frame, dispatch, "", 0, ())
        if target.suffix == ".docx":
            options: tuple[Any, ...] = (_property("FilterName", "MS Word 2007 XML"),)
        else:
            options = (_property("FilterName", "Text (encoded)"), _property("FilterOptions", "UTF8"))
        document.storeToURL(target.resolve().as_uri(), options)
    finally:
        document.close(True)


def _property(name: str, value: object) -> Any:
    prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    prop.Name = name
    prop.Value = value
    return prop


if __name__ == "__main__":
    os.environ.setdefault("SAL_USE_VCLPLUGIN", "svp")
    sys.exit(main(sys.argv[1:]))
