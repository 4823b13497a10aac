"""The command line: parses options, calls the core, prints its results and picks the exit code."""

from afsprakengen.cli import (  # noqa: F401 (each registers its commands)
    building,
    cycle,
    documents,
    geschil,
    monitor,
    publishing,
    rounds,
    starting,
    templates,
)
from afsprakengen.cli.app import cli, main

__all__ = ["cli", "main"]
