"""Run one command and write its own resource use (os.wait4) as JSON: a clean start for every measured child.

Linux carries the high-water memory of the process that starts a command through its exec (the old address space's
peak becomes the new program's `ru_maxrss`): a command started by the benchmark, which holds the large dossiers'
models, would report that as its own peak. Started by this small program instead, it reports its own. Run with
`python -I -S launch.py REPORT COMMAND...`; it imports only the standard library.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main(report: str, command: list[str]) -> int:
    """Run the command with this process's streams and environment; its use into `report`; its exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(command)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    used = {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "peak_kb": usage.ru_maxrss}
    with open(report, "w", encoding="utf-8") as out:
        json.dump(used, out)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
