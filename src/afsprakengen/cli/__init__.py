"""The command line: parses options, calls the core, prints its results and picks the exit code.

Each command's module loads when the command runs (`app.COMMAND_MODULES`), so `check` imports no other command.
"""

from afsprakengen.cli.app import cli, main

__all__ = ["cli", "main"]
