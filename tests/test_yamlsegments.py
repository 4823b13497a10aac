"""Loading item by item gives what the whole load gives: values, marks and problems at the same places."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from benchmarks.dossiers import AGREEMENTS, large_dossier

from afsprakengen.cache import Cache
from afsprakengen.check.dossier import check_dossier
from afsprakengen.load import yamlsegments
from afsprakengen.load.yamlsegments import load_split, split_items
from afsprakengen.load.yamlsource import SourceDoc, load_yaml_text

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 27)
YAML_FILES = sorted([*REPO.glob("tests/cases/**/*.yaml"), *REPO.glob("samples/**/*.yaml")])


def _same(split: SourceDoc, whole: SourceDoc) -> None:
    assert repr(split.data) == repr(whole.data)  # repr: NaN equals itself, the order of keys counts
    assert split.marks == whole.marks
    assert split.key_marks == whole.key_marks
    assert split.raw == whole.raw


@pytest.fixture
def every_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split even a list of one item, so the small files of the cases and the samples are split too."""
    monkeypatch.setattr(yamlsegments, "MIN_ITEMS", 1)


def test_every_case_and_sample_file_loads_split_as_whole(every_list: None) -> None:
    split_count = 0
    for path in YAML_FILES:
        text = path.read_bytes().decode("utf-8", "replace")
        split = load_split(text, path.name)
        if split is None:
            continue
        whole = load_yaml_text(text, path.name).doc
        assert whole is not None, path
        _same(split.doc, whole)
        split_count += 1
    assert split_count > 50  # the comparison saw the files, not only fallbacks


LIST = "jaar: 2027\nlijst:\n" + "".join(f"  - code: A-{i}\n    tekst: |\n      regel {i}\n" for i in range(3))


@pytest.mark.parametrize(
    "text",
    [
        LIST.replace("code: A-0", "code: &a A-0").replace("code: A-2", "code: *a"),  # an alias to another item
        LIST.replace("  - code: A-1", "\t- code: A-1"),  # a tab in the indentation
        "%YAML 1.2\n---\n" + LIST,  # a directive
        LIST.replace("  - code: A-1", " - code: A-1"),  # an item at another indentation
        LIST + "lijst: []\n",  # the key twice
        LIST.replace("\n", "\r\n"),  # other line breaks
    ],
)
def test_irregular_texts_are_loaded_whole(every_list: None, text: str) -> None:
    assert load_split(text, "x.yaml") is None


def test_a_list_in_flow_style_or_without_items_is_not_split(every_list: None) -> None:
    assert split_items("lijst: [a, b]\n") is None
    assert split_items("lijst:\n  a: 1\n") is None


def test_an_item_that_moved_gets_its_new_lines_and_index(every_list: None) -> None:
    before = load_split(LIST, "x.yaml")
    moved = LIST.replace("  - code: A-0\n", "  - code: A-9\n    extra: [1, 2]\n  - code: A-0\n")
    after = load_split(moved, "x.yaml")
    whole = load_yaml_text(moved, "x.yaml").doc
    assert before is not None and after is not None and whole is not None
    _same(after.doc, whole)
    assert after.doc.marks[("lijst", 3, "tekst")] == (12, 12)  # A-2 moved down two lines, to index 3


def _messages(root: Path, cache: Cache | None) -> list[str]:
    return [p.format() for p in check_dossier(root, root.name, TODAY, cache=cache).problems]


def _edit(root: Path, old: str, new: str) -> None:
    path = root / AGREEMENTS
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_recheck_after_an_edit_that_moves_lines_finds_the_same_problems_at_the_new_places(tmp_path: Path) -> None:
    root = large_dossier(tmp_path / "d", 40)
    _edit(
        root,
        "    trekker: thuis\n    betrokken: [gemeente-teststad]\n    doelen: [WZ-D1]\n    termijn: 2027-Q4\n"
        "    indicator:\n      naam: Opgeleverde nultredenwoningen\n      eenheid: woningen\n      streefwaarde: 30\n",
        "    trekker: niemand\n    betrokken: [gemeente-teststad]\n    doelen: [WZ-D1]\n    termijn: 2027-Q4\n"
        "    indicator:\n      naam: Opgeleverde nultredenwoningen\n      eenheid: woningen\n      streefwaarde: 30\n",
    )
    cache = Cache(tmp_path / "cache")
    first = _messages(root, cache)
    assert first == _messages(root, None)
    assert any("niemand" in m for m in first)
    _edit(
        root,
        "    tekst: |\n      Thuis levert **1**",
        "    tekst: |\n      Eerst.\n\n      Dan.\n      Thuis levert **1**",
    )
    again = _messages(root, cache)
    assert again == _messages(root, None)
    assert _lines(again) == [n + 3 for n in _lines(first)]


def _lines(messages: list[str]) -> list[int]:
    return [int(m.split(":")[1]) for m in messages if "niemand" in m]


def test_a_recheck_after_an_edit_that_breaks_an_item_says_so_at_its_place(tmp_path: Path) -> None:
    root = large_dossier(tmp_path / "d", 40)
    cache = Cache(tmp_path / "cache")
    assert _messages(root, cache) == []
    _edit(root, "    soort: resultaat\n", "    soort: resultaat\n    onbekend: 1\n")
    _edit(root, "example.org/20).\n    soort: resultaat", "example.org/20).\n    soort: onzin")
    again = _messages(root, cache)
    assert again == _messages(root, None)
    assert len(again) >= 2 and all(re.match(r"[^:]+:\d+:\d+: error", m) for m in again)


def test_the_fast_anchor_search_finds_what_the_pattern_does() -> None:
    import random

    from afsprakengen.load.yamlsegments import _ANCHOR, _may_anchor

    rng = random.Random(7)
    alphabet = ["&", "a", " ", "\t", "\n", "\u00a0", "\u2028", "[", "{", ",", "]", "}", "-", "x&y", "&&"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _may_anchor(text) == (_ANCHOR.search(text) is not None), repr(text)


def test_a_tab_after_the_spaces_of_any_line_or_a_directive_loads_whole() -> None:
    from afsprakengen.load.yamlsegments import split_items

    items = "".join(f"  - code: A-{i:02d}\n    naam: x\n" for i in range(20))
    assert split_items("afspraken:\n" + items) is not None
    assert split_items("afspraken:\n" + items + "andere:\n  \t- y\n") is None
    assert split_items("%YAML 1.2\n---\nafspraken:\n" + items) is None
