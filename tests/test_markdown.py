"""Markdown text fields as Word content: fixture files in tests/markdown/, then the edges one by one."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import docx
import pytest
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.numbering import NumberingPart
from markdown_it.token import Token

from afsprakengen.check.markdown import markdown_texts
from afsprakengen.model import DossierModel
from afsprakengen.word import markdown as markdown_module
from afsprakengen.word.markdown import MarkdownError, inline_markdown_to_xml, markdown_to_xml
from afsprakengen.word.mdfast import tokens as fast_tokens
from tests.docdump import dump_document
from tests.docxtarget import DocxTarget
from tests.goldenfile import assert_golden

FIXTURE_DIR = Path(__file__).parent / "markdown"
FIXTURES = sorted(FIXTURE_DIR.glob("*.md"))
_SECTION = re.compile(r"^--- (input|expected)\n", re.MULTILINE)


@dataclass(frozen=True)
class Fixture:
    """One case: a title, one or more markdown inputs rendered in turn into one document, and the dump."""

    title: str
    inputs: tuple[str, ...]
    expected: str

    def text(self) -> str:
        inputs = "".join(f"--- input\n{markdown}\n" for markdown in self.inputs)
        return f"{self.title}\n{inputs}--- expected\n{self.expected}"


def read_fixture(path: Path) -> Fixture:
    """Parse `title`, `--- input` sections (each one field) and a final `--- expected` section."""
    title, *sections = _SECTION.split(path.read_text(encoding="utf-8"))
    names, bodies = sections[0::2], sections[1::2]
    assert names and names[-1] == "expected" and set(names[:-1]) == {"input"}, f"{path}: bad sections {names}"
    return Fixture(title.strip(), tuple(body.removesuffix("\n") for body in bodies[:-1]), bodies[-1])


def fixture_expected(path: Path) -> str:
    """The expected dump of a fixture file."""
    return read_fixture(path).expected


def rewrite_expected(path: Path, expected: str) -> None:
    """Replace the expected dump of a fixture file, keeping its title and inputs."""
    fixture = read_fixture(path)
    path.write_text(Fixture(fixture.title, fixture.inputs, expected).text(), encoding="utf-8")


def insert_xml(document: Document, xml: str) -> None:
    """Put block XML from markdown_to_xml at the end of the body, before the section properties."""
    wrapper = parse_xml(f"<w:body {nsdecls('w', 'r')}>{xml}</w:body>")
    anchor = document.element.body.sectPr
    for element in list(wrapper):
        anchor.addprevious(element)


def render_dump(inputs: tuple[str, ...]) -> tuple[Document, str]:
    """A fresh document with every input rendered into it in turn, and its dump."""
    document = docx.Document()
    target = DocxTarget(document)
    for markdown in inputs:
        insert_xml(document, markdown_to_xml(markdown, target))
    return document, dump_document(document)


class FakeTarget:
    """A WordTarget that counts, for exact XML comparisons."""

    def __init__(self) -> None:
        self.links: list[str] = []
        self.numbered = 0
        self.starts: list[int] = []

    def link_id(self, url: str) -> str:
        self.links.append(url)
        return f"rId{len(self.links)}"

    def bullet_num_id(self) -> int:
        return 1

    def new_numbered_num_id(self, start: int = 1) -> int:
        self.numbered += 1
        self.starts.append(start)
        return 100 + self.numbered


def test_there_are_fixtures() -> None:
    assert len(FIXTURES) >= 15


@pytest.mark.parametrize("path", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_fixture(path: Path, update_golden: bool) -> None:
    fixture = read_fixture(path)
    _, actual = render_dump(fixture.inputs)
    assert_golden(path, actual, update_golden, read=fixture_expected, write=rewrite_expected, message=fixture.title)


def test_saved_document_opens_again_with_the_same_content() -> None:
    document, before = render_dump(tuple(read_fixture(path).inputs[0] for path in FIXTURES))
    stream = io.BytesIO()
    document.save(stream)
    stream.seek(0)
    assert dump_document(docx.Document(stream)) == before


def test_special_characters_come_out_exactly() -> None:
    xml = markdown_to_xml("a & b < c > d \"e\" 'f' 🏠", FakeTarget())
    assert xml == (
        '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr>'
        "<w:r><w:t>a &amp; b &lt; c &gt; d \"e\" 'f' 🏠</w:t></w:r></w:p>"
    )
    body = parse_xml(f"<w:body {nsdecls('w', 'r')}>{xml}</w:body>")
    assert "".join(t.text for t in body.iter(qn("w:t"))) == "a & b < c > d \"e\" 'f' 🏠"


@pytest.mark.parametrize(
    "text",
    [
        "Korte tekst.",
        "a",
        "Huur: € 750,- per maand (2027) of meer; zie bijlage 3.",
        "Tab\tin de tekst met  dubbele spatie",
        "De gemeente 'doet' \"iets\" – écht 🏠",
        "Woning 1. Woning 2) Woning - 3 + 4 = 7",
        "Stichting Wonen & Welzijn en Zorg & Co",
        "a & b",
    ],
)
def test_plain_lines_skip_the_parser_with_the_same_result(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert markdown_module._PLAIN_LINE.fullmatch(text)
    fast = (markdown_to_xml(text, FakeTarget()), inline_markdown_to_xml(text, FakeTarget()))
    monkeypatch.setattr(markdown_module, "_PLAIN_LINE", re.compile(r"(?!)"))
    monkeypatch.setattr(markdown_module, "_converted", {})
    assert (markdown_to_xml(text, FakeTarget()), inline_markdown_to_xml(text, FakeTarget())) == fast


@pytest.mark.parametrize(
    "text",
    [
        "Vóór 1 december 2027 betaalt u € 750 per maand.",
        "Vóór **1 december 2027** betaalt u\n€ 750 per maand, *per 3 mei*.",
        "- Vóór 1 december 2027 betaalt u € 750 per maand.",
    ],
)
def test_dates_and_amounts_do_not_break_at_a_line_end(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown_module, "_converted", {})
    xml = markdown_to_xml(text, FakeTarget())
    assert "1\u00a0december\u00a02027" in xml and "€\u00a0750" in xml
    assert "1 december" not in xml and "€ " not in xml
    if "*per" in text:
        assert "per\u00a03\u00a0mei" not in xml and "3\u00a0mei" in xml


def test_code_keeps_its_spaces() -> None:
    xml = inline_markdown_to_xml("`€ 750 op 1 mei`", FakeTarget())
    assert "€ 750 op 1 mei" in xml


def test_each_distinct_text_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []

    def counting_parse(text: str) -> list[Token] | None:
        parsed.append(text)
        return fast_tokens(text)

    monkeypatch.setattr(markdown_module, "_converted", {})
    monkeypatch.setattr(markdown_module, "fast_tokens", counting_parse)
    text = "Eerste alinea met **vet**.\n\nTweede alinea."
    first = markdown_to_xml(text, FakeTarget())
    assert markdown_to_xml(text, FakeTarget()) == first
    assert markdown_to_xml(text, FakeTarget(), "Tussenkop") != first
    assert parsed == [text, text]


def test_a_reused_text_asks_each_document_for_its_own_links_and_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown_module, "_converted", {})
    text = "Zie [de site](https://example.org).\n\n1. een\n2. twee"
    first, second = FakeTarget(), FakeTarget()
    second.link_id("https://other.example")
    second.new_numbered_num_id()
    xml_first, xml_second = markdown_to_xml(text, first), markdown_to_xml(text, second)
    assert 'r:id="rId1"' in xml_first and 'r:id="rId2"' in xml_second
    assert xml_first != xml_second


@pytest.mark.parametrize(
    "text",
    [
        *("", " a", "a ", "- a", "1. a", "# a", "a *b*", "a\nb", "    code", "***", "a_b", "+ a", "> a"),
        *("a &amp; b", "a &#38; b", "a &b", "a &", "& a", "a &\tb"),
    ],
)
def test_text_that_may_be_markdown_is_parsed(text: str) -> None:
    assert not markdown_module._PLAIN_LINE.fullmatch(text)


def test_space_is_preserved_only_where_it_would_be_lost() -> None:
    xml = markdown_to_xml("**vet** en *schuin*", FakeTarget())
    assert xml.count('xml:space="preserve"') == 1
    assert '<w:t xml:space="preserve"> en </w:t>' in xml
    assert "<w:t>vet</w:t>" in xml


def test_paragraph_style_can_be_chosen() -> None:
    xml = markdown_to_xml("tekst\n\n- punt", FakeTarget(), paragraph_style="Toelichting")
    assert xml.startswith('<w:p><w:pPr><w:pStyle w:val="Toelichting"/></w:pPr>')
    assert '<w:pStyle w:val="ListParagraph"/>' in xml


def test_links_are_hyperlink_relationships() -> None:
    target = FakeTarget()
    xml = markdown_to_xml("[Woonvisie](https://example.nl/?a=1&b=2)", target)
    assert target.links == ["https://example.nl/?a=1&b=2"]
    assert '<w:hyperlink r:id="rId1" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>' in xml


def test_inline_markdown_gives_runs_only() -> None:
    xml = inline_markdown_to_xml("**vet** & gewoon", FakeTarget())
    bold = "<w:r><w:rPr><w:b/></w:rPr><w:t>vet</w:t></w:r>"
    assert xml == f'{bold}<w:r><w:t xml:space="preserve"> &amp; gewoon</w:t></w:r>'
    assert inline_markdown_to_xml("", FakeTarget()) == ""


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("- punt", "a bullet list is not allowed here", 1),
        ("tekst\n\n1. punt", "a numbered list is not allowed here", 3),
        ("# Kop", "a heading is not allowed here", 1),
        ("een\n\ntwee", "a blank line (a second paragraph) is not allowed here", 3),
    ],
)
def test_inline_markdown_refuses_blocks(text: str, message: str, line: int) -> None:
    with pytest.raises(MarkdownError, match=re.escape(message)) as caught:
        inline_markdown_to_xml(text, FakeTarget())
    assert caught.value.line == line


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("Zie ![foto](foto.png)", "images are not supported in text fields", 1),
        ("een\n\ntwee ![foto](foto.png)", "images are not supported in text fields", 3),
        ("tekst\n\n" + ">" * 20 + " diep", "nested more than 19 levels deep (a list counts as two levels)", 3),
        ("".join(f"{'  ' * depth}- {depth}\n" for depth in range(10)), "nested more than 9 levels deep", 10),
        ("bel\x07", "control character U+0007", 1),
    ],
)
def test_unsupported_markdown_is_refused_in_plain_words(text: str, message: str, line: int) -> None:
    with pytest.raises(MarkdownError, match=re.escape(message)) as caught:
        markdown_to_xml(text, FakeTarget())
    assert caught.value.line == line


def test_every_numbered_list_gets_a_fresh_num_id() -> None:
    target = FakeTarget()
    xml = markdown_to_xml("1. a\n2. b\n\ntekst\n\n1. c\n   1. d", target)
    assert target.numbered == 3
    assert [int(num) for num in re.findall(r'<w:numId w:val="(\d+)"/>', xml)] == [101, 101, 102, 103]


def _numbering(document: Document) -> BaseOxmlElement:
    element: BaseOxmlElement = cast(NumberingPart, document.part.part_related_by(RT.NUMBERING)).element
    return element


def test_new_numbered_lists_start_at_their_own_number_in_decimals() -> None:
    document = docx.Document()
    before = len(_numbering(document).findall(qn("w:abstractNum")))
    target = DocxTarget(document)
    ids = [target.new_numbered_num_id(start) for start in (1, 3, 1)]
    numbering = _numbering(document)
    assert len(numbering.findall(qn("w:abstractNum"))) == before + 1
    assert len(set(ids)) == 3
    for num_id, start in zip(ids, ("1", "3", "1"), strict=True):
        (num,) = numbering.xpath(f"./w:num[@w:numId='{num_id}']")
        starts = num.xpath("./w:lvlOverride/w:startOverride/@w:val")
        assert num.xpath("./w:lvlOverride/@w:ilvl") == [str(level) for level in range(9)]
        assert starts == [start] * 9
        (abstract_id,) = num.xpath("./w:abstractNumId/@w:val")
        levels = f"./w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl"
        assert numbering.xpath(f"{levels}/w:numFmt/@w:val") == ["decimal"] * 9
        assert numbering.xpath(f"{levels}/w:lvlText/@w:val") == [f"%{level}." for level in range(1, 10)]


def test_ids_do_not_collide_with_the_template() -> None:
    document = docx.Document()
    numbering = _numbering(document)
    taken_nums = {int(value) for value in numbering.xpath("./w:num/@w:numId")}
    taken_abstracts = {int(value) for value in numbering.xpath("./w:abstractNum/@w:abstractNumId")}
    target = DocxTarget(document)
    assert target.bullet_num_id() not in taken_nums
    assert target.bullet_num_id() == target.bullet_num_id()
    assert target.new_numbered_num_id() not in taken_nums
    abstracts = [int(value) for value in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    assert len(abstracts) == len(set(abstracts)) == len(taken_abstracts) + 2
    children = [str(child.tag).rpartition("}")[2] for child in numbering]
    assert children == sorted(children), "every w:abstractNum must come before the first w:num"


def test_numbering_is_deterministic() -> None:
    def build() -> tuple[list[int], str]:
        document = docx.Document()
        target = DocxTarget(document)
        ids = [target.new_numbered_num_id(), target.bullet_num_id(), target.new_numbered_num_id()]
        return ids, str(_numbering(document).xml)

    assert build() == build()


def test_numbering_part_is_created_when_the_template_has_none() -> None:
    document = docx.Document()
    part = document.part
    (rid,) = [rid for rid, rel in part.rels.items() if rel.reltype == RT.NUMBERING]
    del part.rels[rid]
    target = DocxTarget(document)
    insert_xml(document, markdown_to_xml("- a\n\n1. b\n2. c", target))
    stream = io.BytesIO()
    document.save(stream)
    stream.seek(0)
    assert dump_document(docx.Document(stream)) == (
        "[List Paragraph list=1 level=0 start=•] a\n"
        "[List Paragraph list=2 level=0 start=1] b\n"
        "[List Paragraph list=2 level=0 start=2] c\n"
    )


def test_the_same_url_gets_one_relationship() -> None:
    document = docx.Document()
    target = DocxTarget(document)
    first = target.link_id("https://example.nl/")
    assert target.link_id("https://example.nl/") == first
    assert target.link_id("https://example.nl/b") != first


def test_a_numbered_list_keeps_the_number_it_starts_at() -> None:
    target = FakeTarget()
    markdown_to_xml("3. drie\n4. vier\n\ntekst\n\n2027. Het jaar\n\ntekst\n\n1. een\n\n   7. zeven", target)
    assert target.starts == [3, 2027, 1, 7]


def test_a_deep_quote_is_refused_rather_than_losing_its_text() -> None:
    deepest = ">" * 19 + " diep\n\nna"
    assert "diep" in markdown_to_xml(deepest, FakeTarget()) and "na" in markdown_to_xml(deepest, FakeTarget())
    with pytest.raises(MarkdownError, match="nested more than 19 levels deep") as caught:
        markdown_to_xml("een\n\n" + "> " * 40 + "diep", FakeTarget())
    assert caught.value.line == 3


@pytest.mark.parametrize(
    "text",
    [
        "Eerste regel\nen de tweede.\n",
        "Alinea een.\n\nAlinea twee\nloopt door.\n\n\n",
        "Vóór 1\ndecember 2027 betaalt u € 750\nper maand.",
        "\nTab\tin de tekst met  dubbele spatie\n",
        "",
        "\n\n",
    ],
)
def test_plain_paragraphs_skip_the_parser_with_the_same_result(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert markdown_module.plain_paragraphs(text) is not None
    fast = markdown_to_xml(text, FakeTarget())
    monkeypatch.setattr(markdown_module, "_PLAIN_LINE", re.compile(r"(?!)"))
    monkeypatch.setattr(markdown_module, "_converted", {})
    assert markdown_to_xml(text, FakeTarget()) == fast


@pytest.mark.parametrize(
    "text", ["a\n- b", "a\n1. b", "a\n===", "a\n---", "a\n# b", "a\n> b", "a\n\n    code", "a  \nb", "a\\\nb", "a\n|b|"]
)
def test_lines_that_may_be_markdown_are_parsed(text: str) -> None:
    assert markdown_module.plain_paragraphs(text) is None


def test_the_sample_texts_convert_the_same_without_the_plain_path(
    sample_model: DossierModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = sorted({text for _, text in markdown_texts(sample_model)})
    fast = [markdown_to_xml(text, FakeTarget()) for text in texts]
    assert sum(markdown_module.plain_paragraphs(text) is not None for text in texts) > len(texts) // 3
    monkeypatch.setattr(markdown_module, "_PLAIN_LINE", re.compile(r"(?!)"))
    monkeypatch.setattr(markdown_module, "_converted", {})
    assert [markdown_to_xml(text, FakeTarget()) for text in texts] == fast
