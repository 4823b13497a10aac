"""Warn where a number looks like Dutch thousands notation (8.450) but YAML reads a decimal (8.45)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from afsprakengen.dutch import getal
from afsprakengen.load.yamlsource import SourceDoc
from afsprakengen.problems import Problem, warning

_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}\.[0-9]{3}")


def thousands_separators(doc: SourceDoc) -> Iterator[Problem]:
    """A warning for every unquoted number such as 8.450, which YAML reads as 8,45 and not 8450."""
    for path, raw in doc.raw.items():
        if _THOUSANDS.fullmatch(raw):
            whole = raw.replace(".", "")
            message = (
                f"{raw} is read as the decimal number {getal(float(raw))}; if you mean {whole}, write "
                f"{whole} without the dot (YAML numbers have no thousands separator)"
            )
            yield warning(doc.at(path), message)
