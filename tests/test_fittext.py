"""A plain table fitted in its text (word/fittext.py) is the table fit.py fits in the tree, or left to the tree."""

from __future__ import annotations

import random

import pytest
from lxml import etree

from afsprakengen.word.assemble import STRICT, serialize
from afsprakengen.word.fit import fit_tables
from afsprakengen.word.fittext import fitted_table, section_width

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SECTION = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1417" w:right="1134" w:bottom="1417" w:left="1701"/></w:sectPr>'
)
GRID = '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>'


def _document(body: str) -> bytes:
    """A word/document.xml holding the body, as lxml writes it (the canonical text fittext.py is given)."""
    return serialize(etree.fromstring(f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'))


def _split(document: bytes) -> tuple[bytes, bytes, bytes]:
    head, rest = document.split(b"<w:body>")
    inner, tail = rest.split(b"</w:body>")
    return head, inner, tail


def _both_ways(table: str) -> tuple[bytes | None, bytes]:
    """The table fitted in its text (None: left to the tree) and in the tree, in a body with SECTION."""
    head, inner, tail = _split(_document(table + SECTION))
    section = inner[inner.rfind(b"<w:sectPr") :]
    canonical = inner[: -len(section)]
    width = section_width(head, section, tail)
    assert width is not None
    in_text = fitted_table(head, tail, canonical, width)
    root = etree.fromstring(_document(table + SECTION), STRICT)
    fit_tables(root[0])
    _, tree_inner, _ = _split(serialize(root))
    return in_text, tree_inner[: tree_inner.rfind(b"<w:sectPr")]


def _table(rows: str, properties: str = '<w:tblPr><w:tblW w:type="auto" w:w="0"/></w:tblPr>', grid: str = GRID) -> str:
    return f"<w:tbl>{properties}{grid}{rows}</w:tbl>"


def _cell(content: str, properties: str = '<w:tcPr><w:tcW w:type="dxa" w:w="3000"/></w:tcPr>') -> str:
    return f"<w:tc>{properties}{content}</w:tc>"


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _row(*cells: str) -> str:
    return "<w:tr>" + "".join(cells) + "</w:tr>"


FITTED_IN_TEXT = {
    "the house table's cells": _table(_row(_cell(_p("Kort")), _cell(_p("Een veel langere tekst in een cel")))),
    "a cell without properties": _table(_row(_cell(_p("een"), ""), _cell(_p("twee drie vier"), ""))),
    "properties without a width, after a cnfStyle": _table(
        _row(
            _cell(_p("een"), '<w:tcPr><w:cnfStyle w:val="100000000000"/></w:tcPr>'),
            _cell(_p("twee"), '<w:tcPr><w:cnfStyle w:val="1"/><w:noProof/><w:vAlign w:val="center"/></w:tcPr>'),
        )
    ),
    "properties without a width, before what follows it": _table(
        _row(
            _cell(_p("een"), '<w:tcPr><w:noProof/><w:vMerge/><w:shd w:val="clear" w:fill="EEEEEE"/></w:tcPr>'),
            _cell(_p("twee"), ""),
        )
    ),
    "a width after a span and nested borders": _table(
        _row(
            _cell(
                _p("over twee kolommen"),
                '<w:tcPr><w:gridSpan w:val="2"/><w:tcBorders><w:top w:val="single"/></w:tcBorders>'
                '<w:tcW w:w="10" w:type="pct"/></w:tcPr>',
            )
        )
        + _row(_cell(_p("a")), _cell(_p("b")))
    ),
    "links, escaped texts, empty and several paragraphs": _table(
        _row(
            _cell(
                '<w:p><w:pPr><w:pStyle w:val="Tabeltekst"/><w:rPr><w:b/></w:rPr></w:pPr><w:bookmarkStart w:id="1" '
                'w:name="x"/><w:hyperlink r:id="rId5"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
                "<w:t>a &amp; b &lt;c&gt;</w:t></w:r></w:hyperlink><w:r><w:t/></w:r><w:r/></w:p><w:p/>"
                + _p("tweede alinea met meer woorden")
            ),
            _cell(_p("x")),
        )
    ),
    "more cells than the grid has columns": _table(_row(_cell(_p("een")), _cell(_p("twee")), _cell(_p("drie")))),
    "a table of its own width, rows with properties": _table(
        '<w:tr w:rsidR="00AB"><w:trPr><w:tblHeader/></w:trPr>' + _cell(_p("kop")) + _cell(_p("kop twee")) + "</w:tr>",
        '<w:tblPr><w:tblStyle w:val="Tabelraster"/><w:tblW w:w="2500" w:type="pct"/><w:tblLook w:val="04A0"/>'
        "</w:tblPr>",
    ),
    "no table properties at all": _table(_row(_cell(_p("een")), _cell(_p("twee"))), ""),
    "no grid (left as it is)": _table(_row(_cell(_p("een"))), grid=""),
    "a fixed layout (left as it is)": _table(
        _row(_cell(_p("een")), _cell(_p("twee"))), '<w:tblPr><w:tblLayout w:type="fixed"/></w:tblPr>'
    ),
    "no rows": _table(""),
    "runs of their own sizes, tabs and breaks": _table(
        _row(
            _cell(
                '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:rPr><w:sz w:val="60"/></w:rPr>'
                '</w:pPr><w:r><w:rPr><w:b/><w:sz w:val="16"/><w:sz w:val="40"/></w:rPr><w:t>klein</w:t><w:tab/>'
                '<w:t>na tab</w:t></w:r><w:hyperlink r:id="rId3"><w:r><w:rPr><w:sz w:val="30"/></w:rPr><w:t>groot'
                '</w:t><w:br w:type="textWrapping"/><w:t>woord</w:t></w:r></w:hyperlink><w:r/><w:r><w:t>gewoon'
                "</w:t><w:cr/></w:r></w:p><w:p/>"
            ),
            _cell('<w:p><w:r><w:rPr><w:sz w:val="²"/></w:rPr><w:t>geen getal</w:t></w:r></w:p>'),
        )
        + _row(_cell(_p("a"), '<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>'))
        + _row(_cell(_p("b")), _cell('<w:p><w:r><w:rPr><w:sz w:val="56"/></w:rPr><w:t>grotewoorden</w:t></w:r></w:p>'))
    ),
}


@pytest.mark.parametrize("table", FITTED_IN_TEXT.values(), ids=FITTED_IN_TEXT.keys())
def test_a_plain_table_fitted_in_its_text_is_the_table_fitted_in_the_tree(table: str) -> None:
    in_text, in_tree = _both_ways(table)
    assert in_text is not None
    assert in_text == in_tree


LEFT_TO_THE_TREE = {
    "a table inside": _table(_row(_cell(_table(_row(_cell(_p("binnen"))))), _cell(_p("x")))),
    "a tab outside a run": _table(_row(_cell('<w:p><w:r><w:rPr><w:sz w:val="18"/></w:rPr></w:r><w:tab/></w:p>'))),
    "a text outside a run": _table(_row(_cell("<w:p><w:t>los</w:t></w:p>"))),
    "a text inside a property": _table(_row(_cell("<w:p><w:pPr><w:t>x</w:t></w:pPr></w:p>"))),
    "a drawing in a run": _table(_row(_cell("<w:p><w:r><w:drawing><w:x/></w:drawing></w:r></w:p>"))),
    "a field": _table(_row(_cell('<w:p><w:fldSimple w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>'))),
    "a width that holds something": _table(
        _row(_cell(_p("x"), '<w:tcPr><w:tcW w:w="1" w:type="dxa"><w:x/></w:tcW></w:tcPr>'))
    ),
    "a namespace declared inside": _table(_row(_cell(f'<w:p xmlns:v="urn:x">{_p("x")[5:]}'))),
    "a content control": _table(_row("<w:sdt><w:sdtContent>" + _cell(_p("x")) + "</w:sdtContent></w:sdt>")),
    "a cell with attributes": _table(_row(_cell(_p("x")).replace("<w:tc>", '<w:tc w:id="1">'))),
}


@pytest.mark.parametrize("table", LEFT_TO_THE_TREE.values(), ids=LEFT_TO_THE_TREE.keys())
def test_a_table_of_another_shape_is_left_to_the_tree(table: str) -> None:
    in_text, _ = _both_ways(table)
    assert in_text is None


_WORDS = ("een", "twee drie", "a &amp; b", "&lt;x&gt;", "Woningzoekendenregistratie", "’s avonds", "5.000", "", " ")
_CELL_PROPERTIES = (
    "",
    '<w:tcPr><w:tcW w:type="dxa" w:w="1200"/></w:tcPr>',
    '<w:tcPr><w:tcW w:w="5" w:type="pct"/><w:vAlign w:val="top"/></w:tcPr>',
    '<w:tcPr><w:cnfStyle w:val="1"/><w:shd w:val="clear" w:fill="FFFFFF"/></w:tcPr>',
    '<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>',
    '<w:tcPr><w:vMerge w:val="restart"/><w:tcBorders><w:top w:val="nil"/></w:tcBorders></w:tcPr>',
    '<w:tcPr><w:noWrap/><w:tcW w:w="900" w:type="dxa"/><w:gridSpan w:val="3"/></w:tcPr>',
)


def _random_run(rng: random.Random, sized: bool) -> str:
    properties = rng.choice(("", "<w:rPr><w:b/></w:rPr>", '<w:rPr><w:rStyle w:val="Nadruk"/></w:rPr>'))
    if sized and rng.random() < 0.5:
        properties = f'<w:rPr><w:i/><w:sz w:val="{rng.choice((16, 20, 28, 44))}"/></w:rPr>'
    pieces = [f'<w:t xml:space="preserve">{rng.choice(_WORDS)}</w:t>' for _ in range(rng.randint(0, 3))]
    if sized and rng.random() < 0.4:
        pieces.insert(rng.randint(0, len(pieces)), rng.choice(("<w:tab/>", "<w:br/>", "<w:cr/>")))
    return f"<w:r>{properties}{''.join(pieces)}</w:r>" if pieces or properties else "<w:r/>"


def _random_paragraph(rng: random.Random, sized: bool) -> str:
    runs = [_random_run(rng, sized) for _ in range(rng.randint(0, 3))]
    if runs and rng.random() < 0.3:
        runs[0] = f'<w:hyperlink r:id="rId{rng.randint(1, 9)}">{runs[0]}</w:hyperlink>'
    if rng.random() < 0.2:
        runs.insert(0, '<w:bookmarkStart w:id="0" w:name="b"/>')
    own = rng.choice(("", '<w:pPr><w:pStyle w:val="Tabeltekst"/></w:pPr>', "<w:pPr><w:jc w:val='right'/></w:pPr>"))
    return f"<w:p>{own}{''.join(runs)}</w:p>"


def _random_table(rng: random.Random) -> str:
    sized = rng.random() < 0.5
    rows = []
    for _ in range(rng.randint(0, 4)):
        cells = []
        for _ in range(rng.randint(1, 4)):
            paragraphs = "".join(_random_paragraph(rng, sized) for _ in range(rng.randint(1, 2)))
            cells.append(_cell(paragraphs, rng.choice(_CELL_PROPERTIES)))
        rows.append(_row(*cells))
    columns = "".join(f'<w:gridCol w:w="{rng.randint(500, 4000)}"/>' for _ in range(rng.randint(1, 4)))
    width = rng.choice(
        (
            "",
            '<w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>',
            '<w:tblPr><w:tblW w:w="4000" w:type="dxa"/></w:tblPr>',
        )
    )
    return _table("".join(rows), width, f"<w:tblGrid>{columns}</w:tblGrid>")


@pytest.mark.parametrize("seed", range(20))
def test_random_tables_come_out_of_the_text_as_out_of_the_tree(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        table = _random_table(rng)
        in_text, in_tree = _both_ways(table)
        assert in_text is not None, table
        assert in_text == in_tree, table


def test_a_table_whose_properties_are_not_well_formed_is_left_to_the_tree() -> None:
    """The whole tree's parse then says where the rendered XML breaks, not a parse of the table's properties."""
    head, inner, tail = _split(_document(SECTION))
    broken = b'<w:tbl><w:tblPr><w:tblW w:w="0"></w:tblPr><w:tblGrid/><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>'
    assert fitted_table(head, tail, broken, 9000) is None
    assert section_width(head, b"<w:sectPr><w:pgSz></w:sectPr>", tail) is None
    assert section_width(head, inner, tail) == 11906 - 1701 - 1134
