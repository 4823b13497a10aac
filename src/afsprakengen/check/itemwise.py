"""A file loaded item by item checked the same way: its frame and each new item against the schema, showable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from afsprakengen.check.fastschema import part_validators, passes
from afsprakengen.check.values import showable
from afsprakengen.load.yamlsegments import SplitDoc

if TYPE_CHECKING:
    from afsprakengen.cache import Cache

_KEEP = 50_000
_PASSED: dict[tuple[str, str, str], bool] = {}
"""Per kind, list and item text: whether the item is valid and showable (kept in this process)."""


def all_pass(split: SplitDoc, kind: str, cache: Cache | None) -> bool:
    """Whether the whole file is valid against its schema and every value showable, judged frame and item apart.

    False means "not known to pass": the file is then checked whole, for its located messages.
    """
    validators = part_validators(kind, split.key, cache)
    if validators is None:
        return False
    frame_check, item_check = validators
    data = split.doc.data
    if not passes(frame_check, data) or not showable({k: v for k, v in data.items() if k != split.key}):
        return False
    for text, value in zip(split.texts, data[split.key], strict=True):
        known = _PASSED.get((kind, split.key, text))
        if known is None:
            known = passes(item_check, value) and showable(value)
            if len(_PASSED) >= _KEEP:
                _PASSED.clear()
            _PASSED[(kind, split.key, text)] = known
        if not known:
            return False
    return True
