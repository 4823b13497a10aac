"""The six subjects of BTIV 2015 art. 39 that a bod covers, by letter and by name."""

from __future__ import annotations

from afsprakengen.model import Activiteit, Thema

SUBJECTS = {
    "a": "bouwen en kopen van woningen",
    "b": "maatschappelijk vastgoed en leefbaarheid",
    "c": "samenstelling van de voorraad (ook verkoop en liberalisatie)",
    "d": "kwaliteit en duurzaamheid",
    "e": "betaalbaarheid en bereikbaarheid",
    "f": "bijzondere groepen",
}
"""Per letter of art. 39 the subject in plain words, as the documents and messages name it."""

NAMES = {
    "bouwen en kopen": "a",
    "maatschappelijk vastgoed en leefbaarheid": "b",
    "samenstelling van de voorraad": "c",
    "kwaliteit en duurzaamheid": "d",
    "betaalbaarheid en bereikbaarheid": "e",
    "bijzondere groepen": "f",
}
"""The names a `btiv` list may use in place of a letter (the schema's enum)."""


def letters(values: tuple[str, ...]) -> frozenset[str]:
    """The letters of a `btiv` list of letters or names."""
    return frozenset(NAMES.get(v, v) for v in values)


def subjects_of(activity: Activiteit, themes: dict[str, Thema]) -> frozenset[str]:
    """The subjects of an activity: its own `btiv`, else its theme's."""
    theme = themes.get(activity.thema)
    return letters(activity.btiv or (theme.btiv if theme else ()))
