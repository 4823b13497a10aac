"""The command line: parses options, calls the core, prints its results and picks the exit code."""

from afsprakengen.cli import building, cycle, publishing, rounds, starting, templates  # noqa: F401 (each registers its commands)
from afsprakengen.cli.app import cli, main

__all__ = ["cli", "main"]
