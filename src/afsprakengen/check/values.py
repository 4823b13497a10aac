"""Values no document can show: NaN and infinity, and characters that XML 1.0 (and so Word) cannot carry."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from afsprakengen.load.yamlsource import Path_, SourceDoc
from afsprakengen.problems import Problem, error

_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""The characters XML 1.0 does not allow: C0 controls other than tab, line feed and carriage return, U+FFFE,
U+FFFF and surrogates (which a well-formed string only holds alone, from an escape such as "\\ud800")."""


def unshowable_values(doc: SourceDoc) -> Iterator[Problem]:
    """An error for every number that is NaN or infinite and every text (or key) with a character XML refuses."""
    if showable(doc.data):
        return
    for path, value, is_key in _values(doc.data, ()):
        if isinstance(value, float) and not math.isfinite(value):
            written = doc.raw.get(path, str(value))
            yield error(doc.at(path), f"{written} is not a number a document can show; write a finite number")
        elif isinstance(value, str):
            found = _NOT_IN_XML.search(value)
            if found:
                what = "this key" if is_key else "this text"
                message = (
                    f"{what} has the character U+{ord(found.group()):04X}, which a Word document cannot hold; remove it"
                )
                yield error(doc.at(path, key=is_key), message)


def showable(data: Any) -> bool:
    """Whether every value and key can be shown: the quick walk (no paths, one search) that nearly every file passes."""
    texts: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            texts.append(item)
        elif isinstance(item, float) and not math.isfinite(item):
            return False
    return _NOT_IN_XML.search("\n".join(texts)) is None


def _values(data: Any, path: Path_) -> Iterator[tuple[Path_, Any, bool]]:
    """Every scalar value with its path, and every mapping key (flagged) with the path of its value."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key), key, True
            yield from _values(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _values(value, (*path, i))
    else:
        yield path, data, False
