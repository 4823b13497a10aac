"""The body kept as text (word/splice.py) gives the bytes of the whole-tree way, for every document and hostile text."""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from afsprakengen.build import plan
from afsprakengen.check.dossier import check_dossier
from afsprakengen.documents.common import Md
from afsprakengen.documents.kinds import Job, JobOptions
from afsprakengen.documents.produce import render_unfinished
from afsprakengen.word import render, splice
from afsprakengen.word.splice import Spliceable, spliceable
from afsprakengen.word.splice import canonical_inner as _canonical
from tests.sampledossier import SAMPLE

TODAY = date(2026, 12, 1)
REGIO = SAMPLE.parent / "regio-dalvelde"


def _jobs(root: Path) -> list[Job]:
    checked = check_dossier(root, root.name, TODAY)
    assert checked.model is not None and not checked.errors
    return plan(checked.model, (), (), JobOptions())


def _tree_way(monkeypatch: pytest.MonkeyPatch, job: Job) -> object:
    with monkeypatch.context() as patch:
        patch.setattr(render, "spliceable", lambda source: None)
        return render_unfinished(job)


def _spliced_count(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    taken: list[bool] = []
    original = splice.spliced_document

    def counted(*args: Any) -> bytes | None:
        document = original(*args)
        taken.append(document is not None)
        return document

    monkeypatch.setattr(render, "spliced_document", counted)
    return taken


@pytest.mark.parametrize("root", [SAMPLE, REGIO], ids=["voorbeeldstad", "regio-dalvelde"])
def test_every_document_of_the_samples_is_the_same_either_way(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    taken = _spliced_count(monkeypatch)
    jobs = _jobs(root)
    for job in jobs:
        assert render_unfinished(job) == _tree_way(monkeypatch, job), job.output
    assert sum(taken) >= len(jobs) * 3 // 4  # the text way is the usual one, not a fallback that never runs


_HOSTILE = (
    "'", '"', "&", "<b>x</b>", "a > b", "\n", "\t", "", "  twee  spaties  ", "\u00a0", "😀", "‘’“”", "&#39;",
    "&quot;", "]]>", "<!-- x -->", "{{ x }}", "%}", "\r", "'s-Hertogenbosch", '"Heading1"', "w:tbl>", "docPr",
)  # fmt: skip


def _hostile(value: Any, rng: random.Random, snippets: tuple[str, ...]) -> Any:
    """The value with a hostile text added to a third of the texts in it (markdown texts too), seeded."""
    if isinstance(value, str):
        return value + rng.choice(snippets) if rng.random() < 0.3 and not value[:4].isdigit() else value
    if isinstance(value, Md):
        return dataclasses.replace(value, text=value.text + rng.choice(("", " 's avonds", ' "x"', " a & b")))
    if isinstance(value, tuple):
        return tuple(_hostile(v, rng, snippets) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _hostile(getattr(value, f.name), rng, snippets) for f in dataclasses.fields(value) if f.init}
        try:
            return dataclasses.replace(value, **changes)
        except (TypeError, ValueError):
            return value
    return value


_TEXT_ONLY = tuple(h for h in _HOSTILE if h not in ('"', "\r", '"Heading1"'))
"""What the text way keeps (a double quote in a value may be one inside an attribute, a CR lxml rewrites)."""


@pytest.mark.parametrize("seed", range(8))
def test_hostile_texts_come_out_the_same_either_way(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    snippets = _HOSTILE if seed % 2 else _TEXT_ONLY
    taken = _spliced_count(monkeypatch)
    for job in rng.sample(_jobs(SAMPLE), 5):
        hostile = dataclasses.replace(job, context=_hostile(job.context, rng, snippets))
        assert render_unfinished(hostile) == _tree_way(monkeypatch, hostile), (seed, job.output)
    assert any(taken) or seed % 2  # texts the text way keeps are kept by it


def test_a_template_text_lxml_would_write_otherwise_goes_the_tree_way() -> None:
    canonical = '<w:body><w:p><w:pPr><w:pStyle w:val="{{ s }}"/></w:pPr><w:r><w:t>{{ t }}</w:t></w:r></w:p></w:body>'
    assert spliceable(canonical) == Spliceable(frozenset({"w:t"}), attribute_values=True)
    assert spliceable(canonical.replace('"{{ s }}"', '"x"')) == Spliceable(frozenset({"w:t"}), False)
    for odd in ("<w:p >", '<w:p  w:a="1">', "<w:p w:a='1'>", "<w:p><!-- x -->", "<w:t>&#39;</w:t>", "<w:p/ >"):
        assert spliceable(canonical.replace("<w:p>", odd, 1)) is None, odd
    assert spliceable(canonical.replace("<w:r>", "<w:r></w:r><w:r>")) is None  # an empty element in the text
    assert spliceable(canonical.replace("<w:t>", "<w:t>\n")) is None
    assert spliceable(canonical.replace("<w:t>{{ t }}", "<w:t a>{{ t }}")) is None
    assert spliceable(canonical.replace("<w:r>", "<w:sdt><w:r>").replace("</w:r>", "</w:r></w:sdt>")) is None


def test_rendered_values_are_written_as_lxml_writes_them_or_not_at_all() -> None:
    plain = Spliceable(frozenset({"w:t"}), attribute_values=False)
    valued = Spliceable(frozenset(), attribute_values=True)
    assert _canonical(b"<w:t>l&#39;un &#34;x&#34;</w:t>", plain) == b'<w:t>l\'un "x"</w:t>'
    assert _canonical(b'<w:p w:a="&#34;"><w:t>&#34;x</w:t></w:p>', valued) == b'<w:p w:a="&quot;"><w:t>"x</w:t></w:p>'
    assert (
        _canonical(b'<w:p w:a="a&#9;&#10;b"><w:t>&#13;</w:t></w:p>', valued)
        == b'<w:p w:a="a&#9;&#10;b"><w:t>&#13;</w:t></w:p>'
    )
    assert _canonical(b"<w:t>&#9;</w:t>", valued) is None  # lxml writes a tab in a text as it is
    assert _canonical(b"<w:p><w:r><w:t></w:t></w:r></w:p>", plain) == b"<w:p><w:r><w:t/></w:r></w:p>"
    assert (
        _canonical(b'<w:r><w:t xml:space="preserve"></w:t></w:r>', valued) == b'<w:r><w:t xml:space="preserve"/></w:r>'
    )
    assert _canonical(b'<w:a x="1"></w:b>', valued) is None
    for odd in (b"<w:t>a\rb</w:t>", b"<w:t>a\nb</w:t>", b"<w:t>a\tb</w:t>", b"<w:t>&#10;</w:t>"):
        assert _canonical(odd, plain) is None, odd


def test_the_body_made_piece_by_piece_is_the_body_made_whole() -> None:
    """A paragraph line start split between two pieces is taken out as if the text were one piece."""
    from afsprakengen.word.assemble import body_inner, joined

    text = '<w:body>\n<w:p><w:r><w:t>é</w:t></w:r></w:p>\n<w:p w:a="1"/>\n\n<w:p>x</w:p>\n<w:px/>€'
    whole = joined(text)
    expected = whole[whole.index(">") + 1 :].encode("utf-8")
    for size in range(1, 9):
        pieces = [text[i : i + size] for i in range(0, len(text), size)]
        assert body_inner(pieces) == expected, size


def test_the_table_around_a_position_is_found_by_bisection_as_by_a_search_of_every_table() -> None:
    rng = random.Random(7)
    edges = sorted(rng.sample(range(100_000), 400))
    tables = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
    for at in [*rng.sample(range(100_000), 2000), *edges, 0, 99_999]:
        linear = next((span for span in tables if span[0] <= at < span[1]), None)
        assert splice._table_at(at, tables) == linear, at
    assert splice._table_at(5, []) is None


def test_a_table_another_pass_changes_is_left_to_the_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table a drawing or the contents lies in, or that lies in the contents' span, is not fitted in its text."""
    monkeypatch.setattr(splice, "fitted_table", lambda head, tail, table, width: b"fitted")
    monkeypatch.setattr(splice, "section_width", lambda head, section, tail: 9000)
    tables = [(0, 10), (20, 30), (40, 50), (60, 70), (80, 90)]
    others = [(5, 6), (35, 45), (55, 75)]  # inside the first, over the third's start, around the fourth
    fitted = splice._fitted_in_text(b"", b"x" * 100, b"", tables, others, (95, 100))
    assert sorted(fitted) == [(20, 30), (80, 90)]
