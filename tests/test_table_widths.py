"""Table columns follow their content: the width model, the fitting pass, and whole words in LibreOffice's PDF."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from afsprakengen.word.fit import (
    _measure_of,
    _pieced_need,
    _pieced_runs,
    _plain,
    _plain_need,
    _runs,
    _tree_need,
    fit_tables,
)
from afsprakengen.word.widths import ColumnNeed, need_of, share, text_twips
from tests.cellwords import broken_cell_words
from tests.pdftext import needs_libreoffice, to_pdf
from tests.sampledossier import SAMPLE, run_build

SAMPLE_BUILDS: list[list[str]] = [[]]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_a_wide_letter_measures_wider_than_a_narrow_one() -> None:
    assert text_twips("mmmm", 10.5) > 2 * text_twips("iiii", 10.5)
    assert text_twips("abc", 21) == pytest.approx(2 * text_twips("abc", 10.5))


def test_a_paragraph_needs_its_longest_word_and_its_whole_line() -> None:
    need = need_of([("een huurdersbelangenvereniging", 10.5)], 170)
    assert need.least == pytest.approx(text_twips("huurdersbelangenvereniging", 10.5) + 170)
    assert need.natural == pytest.approx(text_twips("een huurdersbelangenvereniging", 10.5) + 170)


def test_columns_on_one_line_share_the_rest_by_their_lines() -> None:
    assert share([ColumnNeed(100, 1000), ColumnNeed(100, 3000)], 8000) == [2000, 6000]


def test_every_column_gets_its_longest_word_and_the_text_gets_the_rest() -> None:
    widths = share([ColumnNeed(900, 900), ColumnNeed(1500, 20000), ColumnNeed(1000, 6000)], 9000)
    assert sum(widths) == 9000
    assert widths[0] == 900  # a code: exactly its width
    assert widths[1] > widths[2] > 1000  # the longest text gets the most room
    assert widths[1] - 1500 == pytest.approx((widths[2] - 1000) * 18500 / 5000, abs=5)


def test_words_too_long_together_are_scaled_to_the_table() -> None:
    assert share([ColumnNeed(6000, 6000), ColumnNeed(6000, 9000)], 9000) == [4500, 4500]


def _table(layout: str = "") -> etree._Element:
    cells = "".join(
        f"<w:tr><w:tc><w:p><w:r><w:t>{code}</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w='4500' w:type='dxa'/>"
        f"</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr>"
        for code, text in [("BESCH-01", "Nieuwbouw " * 20), ("WZ-02", "nultredenwoningen")]
    )
    xml = (
        f"<w:body xmlns:w='{W}'><w:tbl><w:tblPr><w:tblStyle w:val='Tabelraster'/><w:tblW w:w='0' w:type='auto'/>"
        f"{layout}<w:tblLook w:val='04A0'/></w:tblPr><w:tblGrid><w:gridCol w:w='4535'/><w:gridCol w:w='4536'/>"
        f"</w:tblGrid>{cells}</w:tbl><w:sectPr><w:pgSz w:w='11906' w:h='16838'/>"
        "<w:pgMar w:left='1417' w:right='1417' w:top='1417' w:bottom='1247'/></w:sectPr></w:body>"
    )
    return etree.fromstring(xml)


def _attr(element: etree._Element, path: str, name: str = "w") -> list[str]:
    return [e.get(f"{{{W}}}{name}") for e in element.iterfind(path, {"w": W})]


def test_an_automatic_table_gets_agreeing_fixed_widths_from_its_text() -> None:
    body = _table()
    fit_tables(body)
    grid = [int(w) for w in _attr(body, ".//w:gridCol")]
    assert sum(grid) == 9071 and grid[0] < 1500 < grid[1]  # the code column fits a code, the text the rest
    assert _attr(body, ".//w:tblW") == ["9071"] and _attr(body, ".//w:tblW", "type") == ["dxa"]
    assert _attr(body, ".//w:tblLayout", "type") == ["fixed"]
    assert _attr(body, ".//w:tc/w:tcPr/w:tcW") == [str(w) for w in grid] * 2
    assert [e.tag.split("}")[1] for e in body.find(f".//{{{W}}}tblPr")] == ["tblStyle", "tblW", "tblLayout", "tblLook"]


def test_a_fixed_table_keeps_the_widths_its_author_gave_it() -> None:
    body = _table("<w:tblLayout w:type='fixed'/>")
    fit_tables(body)
    assert _attr(body, ".//w:gridCol") == ["4535", "4536"]


def _check_whole(docx: Path, work: Path) -> None:
    assert docx.exists()
    assert broken_cell_words(docx, to_pdf(docx, work)) == []


@needs_libreoffice
@pytest.mark.parametrize(
    "name",
    [
        "prestatieafspraken-2027",
        "prestatieafspraken-2025",
        "evaluatie-2025",
        "activiteitenoverzicht-woonstad-2027",
        "woonvisie-uittreksel-2027",
    ],
)
def test_every_table_word_of_the_sample_comes_out_whole(sample_out: Path, name: str, tmp_path: Path) -> None:
    _check_whole(sample_out / f"{name}.docx", tmp_path)


LONG_OUTLOOK = "2028: nultredenwoningen opgeleverd samen met de huurdersbelangenvereniging"
LONG_TABLE = """
  | Onderwerp | Huurdersbelangenvereniging | Toelichting |
  |---|---|---|
  | Nultredenwoningen | Woningzoekendenregistratie | Levensloopbestendige nultredenwoningen in de zorgsteunpuntwijken |
  | Beschikbaarheid | Samenwerkingsovereenkomst | Huurdersbelangenvereniging en woningcorporatie |
"""


@pytest.fixture(scope="module")
def long_texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with long Dutch compounds in the 2027 doorkijk and a markdown table in its introduction."""
    dossier = tmp_path_factory.mktemp("long") / "dossier"
    shutil.copytree(SAMPLE, dossier)
    agreements = dossier / "2027" / "prestatieafspraken.yaml"
    text = agreements.read_text(encoding="utf-8")
    text = text.replace("2028: bouw 96 nieuwe woningen in uitvoering", LONG_OUTLOOK)
    text = text.replace(
        "  de afspraken voor die jaren maken wij in de jaarlijkse cyclus.\n",
        "  de afspraken voor die jaren maken wij in de jaarlijkse cyclus.\n" + LONG_TABLE,
    )
    assert LONG_OUTLOOK in text and "Samenwerkingsovereenkomst" in text
    agreements.write_text(text, encoding="utf-8")
    out = dossier.parent / "out"
    result = run_build(dossier, out, "--only", "prestatieafspraken")
    assert result.exit_code == 0, result.output
    return out / "prestatieafspraken-2027.docx"


@needs_libreoffice
def test_long_compounds_in_the_doorkijk_and_a_markdown_table_come_out_whole(long_texts: Path, tmp_path: Path) -> None:
    _check_whole(long_texts, tmp_path)


def test_the_long_texts_reach_the_document_tables(long_texts: Path) -> None:
    from tests.cellwords import cell_words

    words = cell_words(long_texts)
    assert {"huurdersbelangenvereniging", "Woningzoekendenregistratie", "nultredenwoningen"} <= set(words)


def _bodies(folder: Path) -> Iterator[etree._Element]:
    """The parsed word/document.xml of every document in a folder."""
    for path in sorted(folder.glob("*.docx")):
        with zipfile.ZipFile(path) as package:
            yield etree.fromstring(package.read("word/document.xml"))


def test_the_one_search_reads_every_table_paragraph_of_the_sample_as_the_tree_walk_does(sample_out: Path) -> None:
    """fit's fast reading of a paragraph's runs (one XPath) against its walk of runs and texts, on every document."""
    compared = 0
    for root in _bodies(sample_out):
        for paragraph in root.iter(f"{{{W}}}tc"):
            for p in paragraph.iter(f"{{{W}}}p"):
                assert _pieced_runs(p) == _runs(p), etree.tostring(p)[:300]
                compared += 1
    assert compared > 1000


def test_the_one_search_keeps_each_runs_own_size_texts_and_breaks() -> None:
    xml = (
        f'<w:p xmlns:w="{W}"><w:pPr><w:rPr><w:sz w:val="40"/></w:rPr><w:tabs><w:tab w:val="left" w:pos="1"/></w:tabs>'
        '</w:pPr><w:r><w:rPr><w:sz w:val="18"/><w:sz w:val="30"/></w:rPr><w:t>een</w:t><w:tab/><w:t>twee</w:t></w:r>'
        '<w:hyperlink><w:r><w:t xml:space="preserve"> drie<!-- x -->vier</w:t><w:br/></w:r></w:hyperlink>'
        '<w:r><w:rPr><w:sz w:val="groot"/></w:rPr><w:t><!-- x -->vijf</w:t></w:r><w:r/></w:p>'
    )
    p = etree.fromstring(xml)
    expected = [("een twee", 9.0), (" drie ", 10.5), ("", 10.5), ("", 10.5)]
    assert _runs(p) == expected
    assert _pieced_runs(p) == expected


def test_a_text_box_or_a_paragraph_of_many_runs_is_read_by_the_tree_walk() -> None:
    """Runs inside runs keep their order only in the walk; hundreds of runs would make the one search quadratic."""

    def table(paragraph: str) -> etree._Element:
        return etree.fromstring(f'<w:tbl xmlns:w="{W}"><w:tr><w:tc>{paragraph}</w:tc></w:tr></w:tbl>')

    assert _measure_of(table("<w:p><w:r><w:t>kort</w:t></w:r></w:p>")) is _plain_need
    assert _measure_of(table("<w:p><w:r><w:t>kort</w:t><w:br/></w:r></w:p>")) is _pieced_need
    assert _measure_of(table("<w:p>" + "<w:r><w:t>a</w:t></w:r>" * 150 + "</w:p>")) is _plain_need  # read linearly
    assert _measure_of(table("<w:p><w:r>" + "<w:t>a</w:t><w:br/>" * 150 + "</w:r></w:p>")) is _tree_need
    text_box = "<w:p><w:r><w:pict><w:txbxContent><w:p><w:r/></w:p></w:txbxContent></w:pict></w:r></w:p>"
    assert _measure_of(table(text_box)) is _tree_need


def test_a_plain_tables_paragraphs_measure_as_their_runs_do(sample_out: Path) -> None:
    """Where a table's runs set no size and hold no tabs or breaks, its texts joined measure as its runs one by one."""
    compared = 0
    for root in _bodies(sample_out):
        for table in root.iter(f"{{{W}}}tbl"):
            if _measure_of(table) is _plain_need:
                for p in table.iter(f"{{{W}}}p"):
                    assert _plain_need(p, 170) == need_of(_runs(p), 170), etree.tostring(p)[:300]
                    compared += 1
    assert compared > 500


def test_a_plain_paragraph_keeps_what_the_runs_read_and_drops_what_they_do_not() -> None:
    xml = (
        f'<w:tbl xmlns:w="{W}"><w:tr><w:tc><w:p><w:r><w:t>een </w:t></w:r><w:hyperlink><w:r><w:t>twee'
        "<!-- x -->drie</w:t></w:r></w:hyperlink><w:r/><w:r><w:rPr><w:b/></w:rPr><w:t>vier</w:t>"
        "<w:instrText>PAGE</w:instrText></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    table = etree.fromstring(xml)
    p = table.find(f".//{{{W}}}p")
    assert _plain(table)
    assert _plain_need(p, 170) == need_of([("een tweevier", 10.5)], 170) == need_of(_runs(p), 170)
    for odd in ('<w:rPr><w:sz w:val="18"/></w:rPr>', "<w:tab/>", "<w:br/>", "<w:cr/>"):
        assert not _plain(etree.fromstring(xml.replace("<w:t>vier</w:t>", f"{odd}<w:t>vier</w:t>")))
    assert not _plain(etree.fromstring(xml.replace("<w:r/>", "<w:t>los</w:t>")))


def test_numbers_that_are_digits_but_not_whole_numbers_are_taken_as_missing() -> None:
    """A template's `²` (a digit to Python, no number to int) or `inf` (a float, no whole number) in a span, size,
    column or table width: the table is fitted as if the value were not there, instead of the build failing."""
    xml = (
        f'<w:body xmlns:w="{W}"><w:tbl><w:tblPr><w:tblW w:type="pct" w:w="²"/></w:tblPr><w:tblGrid>'
        '<w:gridCol w:w="inf"/><w:gridCol w:w="nan"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:gridSpan w:val="²"/></w:tcPr>'
        '<w:p><w:r><w:rPr><w:sz w:val="²"/></w:rPr><w:t>een</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>twee drie'
        "</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body>"
    )
    body = etree.fromstring(xml)
    fit_tables(body)
    widths = [int(c.get(f"{{{W}}}w")) for c in body.iter(f"{{{W}}}gridCol")]
    assert sum(widths) == 9071  # no width of its own: the page's text width
    assert widths[1] > widths[0] > 0  # each cell one column: the longer text gets more
