"""markdown-it-pyrs's tokens give the Word XML and the located errors of markdown-it-py's, text for text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from afsprakengen.check.markdown import markdown_texts
from afsprakengen.model import DossierModel
from afsprakengen.word import markdown as markdown_module
from afsprakengen.word import mdfast
from afsprakengen.word.markdown import converted, slow_tokens
from afsprakengen.word.mdfast import tokens as fast_tokens
from afsprakengen.word.mdparse import MarkdownError, parse
from tests.test_markdown import FIXTURES, read_fixture

SPEC = json.loads((Path(__file__).parent / "fixtures" / "commonmark-spec-0.29.json").read_text(encoding="utf-8"))
"""The 649 examples of the CommonMark spec 0.29 (CC-BY-SA 4.0, see tests/fixtures/README.md)."""

Outcome = tuple[str, str, object]


def outcome(text: str, blocks: bool, fast: bool) -> Outcome:
    """The XML and the ids it asks for, or the error and its line, by one parser's tokens."""
    try:
        result = converted(text, "BodyText", blocks, fast_tokens if fast else slow_tokens)
    except MarkdownError as error:
        return ("error", error.message, error.line)
    return ("xml", result.xml, result.asks)


def assert_same(text: str) -> None:
    for blocks in (True, False):
        assert outcome(text, blocks, fast=True) == outcome(text, blocks, fast=False), (blocks, text)


@pytest.mark.parametrize("example", SPEC, ids=lambda example: str(example["example"]))
def test_every_commonmark_spec_example_converts_the_same(example: dict[str, str]) -> None:
    assert_same(example["markdown"])


def test_most_spec_examples_take_the_fast_parser() -> None:
    taken = [example for example in SPEC if fast_tokens(example["markdown"]) is not None]
    assert len(SPEC) == 649
    assert len(taken) > len(SPEC) // 2
    assert all("<" not in example["markdown"] for example in taken)


def test_the_projects_markdown_fixtures_convert_the_same() -> None:
    texts = [text for path in FIXTURES for text in read_fixture(path).inputs]
    assert len(texts) >= len(FIXTURES)
    for text in texts:
        assert_same(text)


def test_the_sample_texts_convert_the_same(sample_model: DossierModel) -> None:
    texts = sorted({text for _, text in markdown_texts(sample_model)})
    assert sum(fast_tokens(text) is not None for text in texts) > len(texts) // 2
    for text in texts:
        assert_same(text)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("tekst\n\n" + ">" * 20 + " diep", "nested more than 19 levels deep", 3),
        ("".join(f"{'  ' * depth}- {depth}\n" for depth in range(10)), "nested more than 9 levels deep", 10),
        ("een\n\ntwee ![foto](foto.png)", "images are not supported", 3),
        ("een\n\n<b>html</b>", "", None),
        ("- a\n\n  > b\n  >\n  > ![c](d)", "images are not supported", 5),
    ],
)
def test_errors_keep_their_message_and_line(text: str, message: str, line: int | None) -> None:
    assert_same(text)
    kind, said, where = outcome(text, True, fast=True)
    assert (kind == "error") == bool(message)
    if message:
        assert message in said and where == line


@pytest.mark.parametrize(
    "text",
    [
        ">" * 14 + " diep",
        "".join(f"{'  ' * depth}- {depth}\n" for depth in range(7)),
        "*" * 30 + "a" + "*" * 30,
        "*a _b " * 7 + "c" + " b_ a*" * 7,
        "[a " + "*c " * 14 + "d" + "*" * 14 + "](u)",
        "- " * 8 + "a",
    ],
)
def test_deep_texts_are_left_to_markdown_it_py(text: str) -> None:
    assert fast_tokens(text) is None
    assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "<https://example.org>",
        "a <b> c",
        "regel\r\nregel",
        "a\n[x]: /u\n:-",
        "> a\n*",
        "> a  \n1.",
        "> a\n2. b",
        "> ```a`b\n10. a",
        "a~~~~b~~",
        "| a |\n|-|\n*",
    ],
)
def test_texts_where_the_parsers_were_seen_to_differ_are_left_to_markdown_it_py(text: str) -> None:
    assert fast_tokens(text) is None
    assert_same(text)


def test_without_markdown_it_pyrs_every_text_is_parsed_by_markdown_it_py(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mdfast, "_PARSER", None)
    assert fast_tokens("**vet**") is None
    assert converted("**vet**", "BodyText", True, fast_tokens).xml == converted("**vet**", "BodyText", True, parse).xml


def test_build_converts_through_the_fast_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    monkeypatch.setattr(markdown_module, "_converted", {})

    def counting_parse(text: str) -> list[Token]:
        parsed.append(text)
        return parse(text)

    monkeypatch.setattr(markdown_module, "parse", counting_parse)
    markdown_module.markdown_problem("Een **vette** [link](https://example.org).\n\n- een\n- twee")
    assert parsed == []
    markdown_module.markdown_problem("Een <b>tag</b>.")
    assert parsed == ["Een <b>tag</b>."]


_PIECES = st.sampled_from(
    [
        "a", "woord", "1", "12.", "3)", " ", "  ", "\t", "\n", "\n\n", "*", "**", "_", "__", "~~", "~", "`", "```",
        "#", "# ", "> ", "- ", "+ ", "* ", "1. ", "2) ", "    ", "---", "===", "|", "| a | b |\n|---|:-:|\n",
        "[", "]", "(", ")", "[a](https://example.org/a_b)", "[x]: /u\n", "[x]", "![i](u)", "\\", "\\*", "&amp;",
        "&#35;", "&copy", "€ 5", "1 mei 2027", "é", "🏠", "\u00a0", "'", '"', "!", ":", "https://e.org",
        "«", "—", "$", "{", "=", "_a_", "*a*", "**a**", "__a__", "  \n", "\\\n", "&nbsp;", "&#0;", "&ouml;",
        "[a]: /u 'b'\n", "[A]", "[ẞ]: /x\n", "10. ", "0) ", "999999999. ", "~~~", "```a`b\n", "\t- ", "* * *",
        "(https://e.org)", "[a](http://例え.jp/ä)", "[a](b 'c')", "[a](<b c>)", "[](u)", "](u)", "\u0301", "Ａ",
    ]
)  # fmt: skip


@settings(max_examples=2000, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_generated_texts_convert_the_same(text: str) -> None:
    assert_same(text)


def test_other_whitespace_is_every_whitespace_but_space_tab_and_newline() -> None:
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace() and chr(c) not in " \t\n"]
    pattern = re.compile(f"[{mdfast.OTHER_WHITESPACE}]")
    assert all(pattern.fullmatch(c) for c in spaces)
    assert [chr(c) for c in range(0x110000) if pattern.fullmatch(chr(c))] == spaces


@pytest.mark.parametrize("text", ["[a](http://例え.jp/)", "[a](\nhttps://e.org/ä)", "[a](https://e.org/(b)ü)"])
def test_links_to_unicode_destinations_are_left_to_markdown_it_py(text: str) -> None:
    assert fast_tokens(text) is None
    assert_same(text)


@pytest.mark.parametrize(
    "text", ["[a](javascript:alert(1))", "[a](HTTP://A.B/%zz)", "[é](https://e.org/a%20b%2)", "[a](u&amp;v)"]
)
def test_links_to_ascii_destinations_take_the_fast_parser(text: str) -> None:
    assert fast_tokens(text) is not None
    assert_same(text)


@pytest.mark.parametrize("text", ["__a__**b**", "**a**__b__", "***a***", "**a***b*", "*a*__b__"])
def test_neighbouring_bold_stays_two_runs_as_with_markdown_it_py(text: str) -> None:
    assert fast_tokens(text) is not None
    assert_same(text)


@pytest.mark.parametrize("text", ["[`", "![a`b](x)\\", "`  \n`", "`a \nb`", "`    `"])
def test_code_spans_with_brackets_or_line_end_spaces_are_left_to_markdown_it_py(text: str) -> None:
    assert fast_tokens(text) is None
    assert_same(text)


@pytest.mark.parametrize("text", ["🏠*_*", "€*a*", "*a*…", "~~a~~é"])
def test_delimiters_beside_unicode_are_left_to_markdown_it_py(text: str) -> None:
    assert fast_tokens(text) is None
    assert_same(text)
