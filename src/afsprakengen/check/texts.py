"""Advice on the text of the agreements: abbreviations the glossary explains, no stale version numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from afsprakengen.model import DossierModel, Prestatieafspraken, Src
from afsprakengen.problems import Problem, warning

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_CODE = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
_CAPITALS = re.compile(r"^[A-Z]{2,}$")
Place = tuple[Src, tuple[str | int, ...]]
"""An item of the model and the path of a field below it."""
_VERSION = re.compile(r"\b(?:(?:versie|concept)\s+|v)(\d+(?:\.\d+)+)\b", re.IGNORECASE)


def text_fields(pa: Prestatieafspraken) -> Iterator[tuple[Place, str]]:
    """Every text of the agreements that the document shows, in the order it shows them, with its place.

    The place is an item and the path below it: a Location is made only for a text that gets a message.
    """
    for name in ("inleiding", "grondslag"):
        if (text := getattr(pa, name)) is not None:
            yield (pa.src, (name,)), text
    for a in pa.afspraken:
        yield (a.src, ("titel",)), a.titel
        yield (a.src, ("tekst",)), a.tekst
        if a.indicator is not None:
            yield (a.src, ("indicator", "naam")), a.indicator.naam
            if isinstance(a.indicator.streefwaarde, str):
                yield (a.src, ("indicator", "streefwaarde")), a.indicator.streefwaarde
            if a.indicator.bron is not None:
                yield (a.src, ("indicator", "bron")), a.indicator.bron
    for w in pa.wederkerigheid:
        yield (w.src, ("tekst",)), w.tekst
    if pa.monitoring is not None:
        yield (pa.src, ("monitoring",)), pa.monitoring
    for i, item in enumerate(pa.voorbehouden):
        yield (pa.src, ("voorbehouden", i)), item
    for i, n in enumerate(pa.niet_afgesproken):
        yield (pa.src, ("niet_afgesproken", i, "onderwerp")), n.onderwerp
        if n.toelichting is not None:
            yield (pa.src, ("niet_afgesproken", i, "toelichting")), n.toelichting
    for i, k in enumerate(pa.kerncijfers):
        yield (pa.src, ("kerncijfers", i, "naam")), k.naam
        if k.bron is not None:
            yield (pa.src, ("kerncijfers", i, "bron")), k.bron


def abbreviations(text: str, listed: frozenset[str], themes: frozenset[str]) -> tuple[str, ...]:
    """The abbreviations in a text: words of two or more capitals (not codes or theme codes) and listed ones.

    Remembered by text: a re-check after an edit finds the same ones in every text that did not change.
    """
    return _abbreviations(text, listed, themes)


@lru_cache(maxsize=16384)
def _abbreviations(text: str, listed: frozenset[str], themes: frozenset[str]) -> tuple[str, ...]:
    return tuple(_each_abbreviation(text, listed, themes))


def _each_abbreviation(text: str, listed: frozenset[str], themes: frozenset[str]) -> Iterator[str]:
    for token in _WORD.findall(text):
        if _CODE.match(token):
            continue
        for part in token.split("-"):
            if part in listed or (_CAPITALS.match(part) and part not in themes):
                yield part


def explained(m: DossierModel, today: date) -> Iterator[Problem]:
    """Each abbreviation the agreements use is explained in their glossary (begrippen), warned where first used."""
    listed = frozenset(m.dossier.instellingen.afkortingen)
    themes = frozenset(t.code for t in m.dossier.themas)
    for c in m.cycli:
        pa = c.prestatieafspraken
        if pa is None:
            continue
        glossary = {word for b in pa.begrippen for word in _WORD.findall(b.term) for word in (word, *word.split("-"))}
        seen: set[str] = set()
        for (src, sub), text in text_fields(pa):
            for abbreviation in abbreviations(text, listed, themes):
                if abbreviation not in glossary and abbreviation not in seen:
                    seen.add(abbreviation)
                    message = (
                        f"the abbreviation {abbreviation} is not explained in the glossary: add it to begrippen "
                        f"(term: {abbreviation}, uitleg: what it stands for)"
                    )
                    yield warning(src.at(*sub), message)


def current_version(m: DossierModel, today: date) -> Iterator[Problem]:
    """A text of the agreements that names a version names the document's own `versie`."""
    for c in m.cycli:
        pa = c.prestatieafspraken
        if pa is None:
            continue
        for (src, sub), text in text_fields(pa):
            for number, written in versions(text):
                if number != pa.versie:
                    message = (
                        f"this text names version {number} ({written!r}), but this document is "
                        f"versie {pa.versie}: update or remove the version in the text"
                    )
                    yield warning(src.at(*sub), message)


@lru_cache(maxsize=16384)
def versions(text: str) -> tuple[tuple[str, str], ...]:
    """The versions a text names: each number and the words it is written in ('versie 1.2' gives 1.2).

    Remembered by text, as the abbreviations are: a re-check searches only the texts that changed.
    """
    return tuple((found.group(1), found.group(0)) for found in _VERSION.finditer(text))
