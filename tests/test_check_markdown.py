"""Check converts every markdown text as build does: the texts it walks are the documents' texts."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from afsprakengen.cache import Cache
from afsprakengen.check.markdown import convertible, markdown_texts
from afsprakengen.documents.common import Md
from afsprakengen.documents.kinds import BUILT_KINDS, JobOptions
from afsprakengen.model import DossierModel
from afsprakengen.problems import json_path
from afsprakengen.word import markdown as markdown_module


def _mds(value: object) -> Iterator[Md]:
    """Every Md in a context, as render's to_jinja would meet them."""
    if isinstance(value, Md):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _mds(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _mds(getattr(value, f.name))


def _context_mds(m: DossierModel) -> list[Md]:
    kinds = [kind for kind in BUILT_KINDS if kind.jobs is not None]
    return [md for c in m.cycli for kind in kinds for job in kind.jobs(m, c, JobOptions()) for md in _mds(job.context)]  # type: ignore[misc]


def test_every_text_a_document_shows_is_one_check_converts(sample_model: DossierModel) -> None:
    checked = {text for _, text in markdown_texts(sample_model)}
    shown = [md for md in _context_mds(sample_model) if md.where.pointer != "$"]  # "$": the tool's standard texts
    assert len(shown) > 100
    for md in shown:
        items = md.text.split("\n- ")  # a list field shown as one bullet list: each item is checked as its bullet
        pieces = [items[0], *(f"- {item}" for item in items[1:])]
        assert md.text in checked or all(piece in checked for piece in pieces), (md.where, md.text[:80])


def test_the_sample_converts_and_build_reuses_the_conversions(sample_model: DossierModel, tmp_path: Path) -> None:
    markdown_module._converted.clear()
    assert convertible(sample_model) == []
    assert len(markdown_module._converted) > 100


def test_a_cached_check_converts_nothing(sample_model: DossierModel, tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    assert convertible(sample_model, cache) == []
    markdown_module._converted.clear()
    assert convertible(sample_model, cache) == []
    assert markdown_module._converted == {}


def _with_text(m: DossierModel, index: int, tekst: str) -> DossierModel:
    """The model with the text of agreement `index` of the first cycle with agreements replaced."""
    c = next(c for c in m.cycli if c.prestatieafspraken is not None)
    pa = c.prestatieafspraken
    assert pa is not None
    afspraken = list(pa.afspraken)
    afspraken[index] = dataclasses.replace(afspraken[index], tekst=tekst)
    cycle = dataclasses.replace(c, prestatieafspraken=dataclasses.replace(pa, afspraken=tuple(afspraken)))
    return dataclasses.replace(m, cycli=tuple(cycle if x is c else x for x in m.cycli))


def test_after_an_edit_only_the_new_texts_of_the_file_convert(sample_model: DossierModel, tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    bad = _with_text(sample_model, 0, "Een plaatje: ![logo](logo.png)")
    (first,) = convertible(bad, cache)
    edited = _with_text(bad, 1, "Een **nieuwe** tekst voor de tweede afspraak.")
    markdown_module._converted.clear()
    assert convertible(edited, cache) == [first]  # the bad text's message remembered, not converted again
    assert [text for text, _ in markdown_module._converted] == ["Een **nieuwe** tekst voor de tweede afspraak."]


def test_each_text_is_at_its_field(sample_model: DossierModel) -> None:
    places = [(src, sub, text) for (src, sub), text in markdown_texts(sample_model)]
    pa = sample_model.cycli[0].prestatieafspraken
    assert pa is not None
    first = pa.afspraken[0]
    src, sub, text = next(v for v in places if v[0] is first.src and v[1] == ("tekst",))
    assert text == first.tekst
    where = src.at(*sub)
    assert where.pointer == f"{json_path(first.src.path)}.tekst"
    assert where.file == first.src.doc.display
    assert where.line > 1
