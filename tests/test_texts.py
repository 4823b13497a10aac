"""The text advice's lookups per text: the versions a text names and the abbreviations it uses, each remembered."""

from __future__ import annotations

from afsprakengen.check.texts import abbreviations, versions

LISTED = frozenset({"Wmo"})
THEMES = frozenset({"WZ"})


def test_versions_are_found_in_every_way_they_are_written() -> None:
    text = "Deze afspraken (versie 1.2) vervangen concept 0.9 en v2.0.1; versie 3 en 1.2 zonder woord niet."
    assert versions(text) == (("1.2", "versie 1.2"), ("0.9", "concept 0.9"), ("2.0.1", "v2.0.1"))


def test_a_text_without_a_version_names_none() -> None:
    assert versions("Wij leveren 1.200 woningen op in 2027.") == ()


def test_versions_of_a_text_are_remembered() -> None:
    text = "Een tekst die versie 4.5 noemt, alleen in deze test."
    first = versions(text)
    assert versions(text) is first


def test_abbreviations_are_capitals_and_listed_words_but_not_codes_or_themes() -> None:
    text = "De COA en de Wmo-consulent, zie afspraak WZ-01 in thema WZ en de HBV."
    assert abbreviations(text, LISTED, THEMES) == ("COA", "Wmo", "HBV")


def test_abbreviations_of_a_text_are_remembered() -> None:
    text = "Alleen in deze test: de SVB."
    first = abbreviations(text, LISTED, THEMES)
    assert first == ("SVB",)
    assert abbreviations(text, LISTED, THEMES) is first
