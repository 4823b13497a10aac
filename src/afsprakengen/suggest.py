"""'Did you mean' hints for misspelt keys, codes and names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ` (did you mean 'x'?)` for the closest candidate, or an empty string."""
    pool = [c for c in candidates if c != word]
    folded = {c.casefold(): c for c in pool}
    if word.casefold() in folded:
        return f" (did you mean '{folded[word.casefold()]}'?)"
    match = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
