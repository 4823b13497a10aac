"""Party ids and codes derived from names: 'Woonstichting Súdwest' becomes woonstichting-sudwest, WS."""

from __future__ import annotations

import re
import unicodedata

_NOT_ID = re.compile(r"[^a-z0-9]+")


def ascii_letters(name: str) -> str:
    """The name without accents (ö -> o, ß stays out): the letters an id or code can have."""
    decomposed = unicodedata.normalize("NFKD", name)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def party_id(name: str) -> str:
    """A party id (lower case letters, digits and -) from a name; "" when the name has no letter or digit."""
    slug = _NOT_ID.sub("-", ascii_letters(name).lower()).strip("-")
    return f"partij-{slug}" if slug[:1].isdigit() else slug


def initials(name: str) -> str:
    """The capitals a code starts with: the first letter of each word ('Woonstichting Mijnstad' -> WM)."""
    words = re.findall(r"[A-Za-z0-9]+", ascii_letters(name))
    letters = "".join(word[0] for word in words).upper()
    return letters if letters[:1].isalpha() else f"C{letters}"
