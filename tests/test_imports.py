"""Commands that only read a dossier start without the Word, chart and formatting libraries (its texts checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.sampledossier import SAMPLE

HEAVY = ("docx", "docxtpl", "lxml", "matplotlib", "babel", "jsonschema", "markdown_it", "icalendar", "jinja2")
PROGRAM = """
import contextlib, io, sys
from afsprakengen.cli import cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    cli.main(args=sys.argv[1:], prog_name="afsprakengen")
print(sorted({m.split(".")[0] for m in sys.modules} & HEAVY))
"""


def _heavy_modules_after(*args: str) -> str:
    program = PROGRAM.replace("HEAVY", repr(set(HEAVY)))
    done = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "args",
    [("--help",), ("check", str(SAMPLE), "--today", "2026-11-27"), ("status", str(SAMPLE), "--today", "2026-12-01")],
    ids=["help", "check", "status"],
)
def test_reading_commands_load_no_heavy_library(args: tuple[str, ...]) -> None:
    _heavy_modules_after(*args)  # the first check of the texts fills the cache
    assert _heavy_modules_after(*args) == "[]"


def test_a_check_of_new_texts_loads_only_the_markdown_parser() -> None:
    assert _heavy_modules_after("check", str(SAMPLE), "--today", "2026-11-27", "--no-cache") == "['markdown_it']"


def test_calendar_loads_only_babel_for_its_dutch_month_names() -> None:
    _heavy_modules_after("calendar", "2027", str(SAMPLE))
    assert _heavy_modules_after("calendar", "2027", str(SAMPLE)) == "['babel']"


def test_the_command_table_names_every_command_where_it_is_defined() -> None:
    import importlib

    from afsprakengen.cli.app import COMMAND_MODULES, cli

    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"afsprakengen.cli.{module}")
    assert set(cli.commands) == {"check", *COMMAND_MODULES}
    for name, module in COMMAND_MODULES.items():
        callback = cli.commands[name].callback
        assert callback is not None and callback.__module__ == f"afsprakengen.cli.{module}", name


COMMANDS_LOADED = """
import contextlib, io, sys
from afsprakengen.cli import cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    cli.main(args=sys.argv[1:], prog_name="afsprakengen")
print(sorted(m for m in sys.modules if m.startswith("afsprakengen.cli.")))
"""


def test_check_loads_no_other_command() -> None:
    args = ["check", str(SAMPLE), "--today", "2026-11-27"]
    done = subprocess.run([sys.executable, "-c", COMMANDS_LOADED, *args], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "['afsprakengen.cli.app', 'afsprakengen.cli.output']"


POOL_AND_EXPORT = ("multiprocessing", "concurrent.futures.process", "afsprakengen.publish", "afsprakengen.cli.publish")
BUILD_LOADED = """
import contextlib, io, sys
from afsprakengen.cli import cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    cli.main(args=sys.argv[1:], prog_name="afsprakengen")
print(sorted(m for m in sys.modules if m.startswith(NAMES)))
"""


def test_a_build_of_small_documents_without_layout_loads_no_worker_pool_and_no_export(tmp_path: Path) -> None:
    program = BUILD_LOADED.replace("NAMES", repr(POOL_AND_EXPORT))
    args = ["build", str(SAMPLE), "--out", str(tmp_path), "--today", "2026-11-27", "--no-layout", "--no-cache"]
    done = subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert len(list(tmp_path.glob("*.docx"))) > 10
