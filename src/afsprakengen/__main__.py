"""Entry point for `python -m afsprakengen`."""

from afsprakengen.cli import main

main()
