"""The YAML loader: YAML 1.2 core values, positions of values and keys, and every refusal located."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
import yaml

from afsprakengen.load import yamlsource
from afsprakengen.load.yamlbounds import may_expand
from afsprakengen.load.yamlsource import load_yaml, load_yaml_text


def _data(text: str) -> object:
    loaded = load_yaml_text(text, "f.yaml")
    assert loaded.doc is not None, [p.format() for p in loaded.problems]
    return loaded.doc.data


@pytest.mark.parametrize(
    ("text", "first", "again"),
    [
        (
            "a: 1\nb: 2\na: 3\n",
            "1:1: error: the key 'a' appears twice in this mapping (again at line 3, column 1)",
            "3:1: error: the key 'a' appears twice in this mapping (first on line 1)",
        ),
        (
            '{2028: 25, "2028\\n": 99}',
            "1:2: error: the key '2028' appears twice in this mapping (again at line 1, column 12)",
            "1:12: error: the key '2028\\n' is the key '2028' again (line 1, column 2)",
        ),
        (
            "{2028: 25, '2028': 99}",
            "1:2: error: the key '2028' appears twice in this mapping (again at line 1, column 12)",
            "1:12: error: the key '2028' appears twice in this mapping (first on line 1)",
        ),
    ],
)
def test_keys_that_are_the_same_key_are_refused_at_both_places(text: str, first: str, again: str) -> None:
    loaded = load_yaml_text(text, "f.yaml")
    assert loaded.doc is None
    assert [p.format() for p in loaded.problems] == [f"f.yaml:{first}", f"f.yaml:{again}"]


@pytest.mark.parametrize(
    "key", ["2028", " 2028", "2028\n", "+7", "-3", "1_000", "٣", "१२", "naam", "", " ", "x1", "²", "0x10", "2028a"]
)
def test_a_key_is_read_as_a_year_exactly_when_int_reads_it(key: str) -> None:
    text = key.strip()
    try:
        expected = str(int(text))
    except ValueError:
        expected = text
    assert yamlsource._normal(key) == expected


def _message(text: str) -> str:
    loaded = load_yaml_text(text, "f.yaml")
    assert loaded.doc is None
    (problem,) = loaded.problems
    return problem.format()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: no", {"a": "no"}),
        ("a: yes", {"a": "yes"}),
        ("a: off", {"a": "off"}),
        ("a: true", {"a": True}),
        ("a: False", {"a": False}),
        ("a: 1.10", {"a": 1.1}),
        ('a: "1.10"', {"a": "1.10"}),
        ("a: 2026-12-15", {"a": "2026-12-15"}),
        ("2027: 40", {"2027": 40}),
        ("a: ~", {"a": None}),
        ("a:", {"a": None}),
        ("a: 0x1F", {"a": 31}),
        ("a: 0o17", {"a": 15}),
        ("a: 010", {"a": 10}),
        ("a: .5", {"a": 0.5}),
        ("a: -.inf", {"a": float("-inf")}),
        ("a: 1e3", {"a": 1000.0}),
        ("a: 12:30", {"a": "12:30"}),
        ("a: !!str 12", {"a": "12"}),
        ("a: &x [1, 2]\nb: *x", {"a": [1, 2], "b": [1, 2]}),
    ],
)
def test_values_are_yaml_12_core(text: str, expected: object) -> None:
    assert _data(text) == expected


def test_positions_of_values_and_keys() -> None:
    loaded = load_yaml_text("titel: x\nthemas:\n  - thema: WZ\n    doelen: [A-1, B-2]\n", "w.yaml")
    assert loaded.doc is not None
    loc = loaded.doc.at(("themas", 0, "doelen", 1))
    assert (loc.file, loc.line, loc.column, loc.pointer) == ("w.yaml", 4, 19, "$.themas[0].doelen[1]")
    key = loaded.doc.at(("themas", 0, "doelen"), key=True)
    assert (key.line, key.column) == (4, 5)


def test_location_falls_back_to_the_nearest_ancestor() -> None:
    loaded = load_yaml_text("a:\n  b: 1\n", "f.yaml")
    assert loaded.doc is not None
    loc = loaded.doc.at(("a", "missing", 3))
    assert (loc.line, loc.column, loc.pointer) == (2, 3, "$.a.missing[3]")


def test_raw_text_of_numbers_is_kept_for_hints() -> None:
    loaded = load_yaml_text("versie: 1.10\nnaam: '1.10'\n", "f.yaml")
    assert loaded.doc is not None
    assert loaded.doc.raw == {("versie",): "1.10"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n\tb: 1\n", "f.yaml:2:1: error: a tab is used here; YAML indents with spaces only"),
        ("", "f.yaml:1:1: error: the file is empty"),
        ("# only a comment\n", "f.yaml:1:1: error: the file has only comments and no data"),
        (
            "a: b: c\n",
            "f.yaml:1:5: error: a ': ' cannot stand here: check this line's indentation, or put the text in quotes",
        ),
        (
            "a: !!python/object/apply:os.system [ls]\n",
            "f.yaml:1:4: error: the YAML tag '!!python/object/apply:os.system' is not allowed; write the value as "
            "plain text",
        ),
        (
            "a: !!timestamp 2026-01-01\n",
            "f.yaml:1:4: error: the YAML tag '!!timestamp' is not allowed; write the value as plain text",
        ),
        (
            "a:\n  b: 1\n  c",
            "f.yaml:3:4: error: expected 'key: value' here; a ':' is missing or the indentation is off",
        ),
        ("a: &a [1, *a]\n", "f.yaml:1:4: error: an alias refers to the value that contains it (a loop)"),
        ("a: *nowhere\n", "f.yaml:1:4: error: this alias (*name) refers to no anchor (&name) above it"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error: the file holds more than one YAML document ('---'); keep one"),
        ("a: b\x00c\n", "f.yaml:1:5: error: the character U+0000 is not allowed in YAML"),
        ("? [a]\n: 1\n", "f.yaml:1:3: error: a key must be plain text, not a list or mapping"),
        ("a: [" * 2000 + "\n", "f.yaml:1:"),
    ],
)
def test_refusals_are_located(text: str, expected: str) -> None:
    assert _message(text).startswith(expected)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]")
    message = _message("\n".join(lines) + "\n")
    assert message == "f.yaml:6:4: error: the file expands to more than 600,000 values (an alias bomb?)"


def test_alias_bomb_is_counted_without_expanding(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    monkeypatch.setattr(yamlsource._Builder, "build", lambda *args: built.append(args))
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{n}: &{n} [{', '.join(['*' + p] * 10)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
    assert "an alias bomb?" in _message("\n".join(lines) + "\n")
    assert built == []  # refused on the node graph, before a single value is built


@pytest.mark.parametrize("name", ["a", "1", "_x", "x-y"])
def test_a_text_with_anchors_is_counted_expanded(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    monkeypatch.setattr(yamlsource._Builder, "build", lambda *args: built.append(args))
    lines = [f"a: &{name} [x, x, x, x, x, x, x, x, x, x]", f"b: &b [{', '.join(['*' + name] * 10)}]"]
    lines += [f"{n}: &{n} [{', '.join(['*' + p] * 10)}]" for p, n in zip("bcdefgh", "cdefghi", strict=True)]
    assert "an alias bomb?" in _message("\n".join(lines) + "\n")
    assert built == []  # refused on the node graph, before a single value is built


@pytest.mark.parametrize("text", ["&a", "a &b c", "x&y", "&\u00a0", "&é", "&*"])
def test_whatever_may_name_an_anchor_counts_as_one(text: str) -> None:
    assert may_expand(text)


@pytest.mark.parametrize("text", ["Wonen & Welzijn", "a &", "&\tb", "[&, a]", "{a: &}", "**vet** en *schuin*"])
def test_an_ampersand_that_names_no_anchor_does_not_count(text: str) -> None:
    assert not may_expand(text)


def test_a_text_without_anchors_is_not_counted_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "too_many_expanded", lambda node: pytest.fail("counted again"))
    text = "naam: Wonen & Welzijn\ntekst: 2026 **tien keer** per jaar\nlijst: [a, b]\n"
    assert _data(text) == {"naam": "Wonen & Welzijn", "tekst": "2026 **tien keer** per jaar", "lijst": ["a", "b"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("items:\n" + "- x\n" * 1_000_000, "f.yaml:300001:1: "),
        ("items: [" + "1," * 1_000_000 + "]\n", "f.yaml:1:1200006: "),
        ("a:\n" + "  b: c\n" * 400_000, "f.yaml:300001:4: "),
    ],
)
def test_a_million_values_are_refused_before_composing(
    text: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml, "compose", lambda *args, **kwargs: pytest.fail("composed"))
    message = "error: the file has more than 600,000 values, lines or list items; no dossier file comes near that"
    assert _message(text) == expected + message


def test_just_under_the_value_limit_loads() -> None:
    data = _data("items:\n" + "- x\n" * 99_990)
    assert isinstance(data, dict) and len(data["items"]) == 99_990


def test_not_utf8_points_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("titel: goed\nnaam: caf\u00e9\n".encode("latin-1"))
    (problem,) = load_yaml(path, "f.yaml").problems
    assert problem.format() == "f.yaml:2:10: error: the file is not UTF-8 text (byte 0xE9 here); save it as UTF-8"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    loaded = load_yaml(path, "f.yaml")
    assert loaded.doc is not None and loaded.doc.data == {"a": 1}


def test_huge_file_is_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsource, "MAX_BYTES", 1024 * 1024)
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: " + b"x" * (3 * 1024 * 1024) + b"\n")
    (problem,) = load_yaml(path, "f.yaml").problems
    assert problem.format() == "f.yaml:1:1: error: the file is 3 MiB; the limit is 1 MiB"


def test_a_file_just_over_the_limit_says_by_how_much(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: " + b"x" * (yamlsource.MAX_BYTES * 8 // 7))
    (problem,) = load_yaml(path, "f.yaml").problems
    assert problem.format() == "f.yaml:1:1: error: the file is 5.7 MiB; the limit is 5 MiB"


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    (problem,) = load_yaml(tmp_path / "missing.yaml", "missing.yaml").problems
    assert problem.format().startswith("missing.yaml:1:1: error: cannot read the file: ")


def test_the_c_loader_is_used_when_available() -> None:
    import yaml

    if hasattr(yaml, "CSafeLoader"):
        assert issubclass(yamlsource._Loader, yaml.CSafeLoader)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_while_loading_and_restored_after(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with yamlsource.collector_paused():
            assert not gc.isenabled()
            assert _data("a: [1, 2]\nb: {c: d}\n") == {"a": [1, 2], "b": {"c": "d"}}
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        assert gc.get_freeze_count() == 0
        load_yaml_text("a: [\n", "f.yaml")  # a syntax error on the way out
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
