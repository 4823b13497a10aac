"""The default evaluatie template, written with python-docx in the house style: results, traffic lights, follow-up."""

from __future__ import annotations

from typing import Any

from afsprakengen.word.housestyle import contents_page, header_and_footer, new_document, page_break, para

SHY = "\u00ad"
"""A soft hyphen: where a narrow column head may break a long word."""
STATUS_HEADERS = [
    f"Gereali{SHY}seerd",
    f"Deels gereali{SHY}seerd",
    f"Ver{SHY}traagd",
    f"Niet gereali{SHY}seerd",
    f"Ver{SHY}vallen",
    f"Niet geëva{SHY}lueerd",
]
"""Column heads of the counts per theme, in the order of the context's STATUSES."""
SMALL_PT = 8.5
"""Font size of the wide tables, so words fit their columns."""
VALUE = (
    "{{% if {v} %}}{{{{ {v}.waarde|getal }}}}{{% if {v}.eenheid %}} {{{{ {v}.eenheid }}}}{{% endif %}}"
    "{{% else %}}–{{% endif %}}"
)
"""A target or realised value with its unit, or a dash."""
COLOURS_EXPLAINED = (
    "De kleur van de status is die van een stoplicht: groen is gerealiseerd, oranje deels gerealiseerd of "
    "vertraagd, rood niet gerealiseerd en grijs vervallen. Een afspraak zonder evaluatie staat er als "
    "‘niet geëvalueerd’, zonder kleur."
)


def build_template() -> Any:
    """The template document (python-docx), ready to be saved."""
    d = new_document()
    header_and_footer(d, "{{ titel }} · gemeente {{ gemeente }}")
    _title_page(d)
    contents_page(d)
    _summary(d)
    _overview(d)
    _themes(d)
    _conclusions(d)
    return d


def _title_page(d: Any) -> None:
    para(d, "")
    para(d, "{{ titel }}", "Title")
    para(d, "Gemeente {{ gemeente }}", "Subtitle")
    para(
        d,
        "De gezamenlijke evaluatie van de prestatieafspraken voor {{ jaar }}: per afspraak wat er is bereikt, "
        "waarom, en hoe het verder gaat. De uitkomsten zijn input voor de afspraken voor {{ volgend_jaar }}.",
    )
    para(d, "Status: {{ status }} · {{ datum|datum }}", "Tussenkop")
    para(d, "{%p if concept %}")
    para(d, "CONCEPT – deze evaluatie is nog in bespreking en nog niet door partijen vastgesteld.", "Tussenkop")
    para(d, "{%p endif %}")
    page_break(d)


def _summary(d: Any) -> None:
    para(d, "1. Samenvatting", "Heading 1")
    para(d, "{%p if samenvatting %}")
    para(d, "{{p samenvatting }}")
    para(d, "{%p else %}")
    para(d, "Partijen hebben bij deze evaluatie geen samenvatting vastgelegd; zie de resultaten hieronder.")
    para(d, "{%p endif %}")
    para(d, "{%p if niet_geevalueerd %}")
    para(
        d,
        "Niet geëvalueerd: {{ niet_geevalueerd|length }} van de {{ totaal.aantal }} afspraken voor {{ jaar }} "
        "({{ niet_geevalueerd|opsomming }}). Zij staan in de tabellen als ‘niet geëvalueerd’.",
        "Tussenkop",
    )
    para(d, "{%p endif %}")


def _overview(d: Any) -> None:
    para(d, "2. Resultaten in één oogopslag", "Heading 1")
    para(d, "Gerealiseerd: {{ totaal.per_status[0] }} van de {{ totaal.aantal }} afspraken voor {{ jaar }}.")
    para(d, COLOURS_EXPLAINED)
    para(d, "2.1 Per status", "Heading 2")
    table = _table(d, ["Status", "Aantal", "Aandeel"], [6.0, 3.0, 3.0])
    _loop_rows(
        table, "s in statussen", ["{% cellbg s.kleur %}{{ s.status }}", "{{ s.aantal }}", "{{ s.aandeel|procent }}"]
    )
    _total_row(table, ["Totaal", "{{ totaal.aantal }}", "100%"])
    para(d, "2.2 Per thema", "Heading 2")
    # The column 'niet geëvalueerd' only when some agreement has no evaluation: narrow columns break words.
    para(d, "{%p if niet_geevalueerd %}")
    _counts_table(d, len(STATUS_HEADERS), [3.0, 1.5] + [1.9] * 6)
    para(d, "{%p else %}")
    _counts_table(d, len(STATUS_HEADERS) - 1, [3.5, 1.5] + [2.2] * 5)
    para(d, "{%p endif %}")
    chart = para(d, "{{ grafiek }}", "Normal")
    chart.alignment = 1  # centred
    chart.paragraph_format.keep_with_next = True
    para(
        d,
        "Figuur 1. Het aantal afspraken per thema, gekleurd naar status zoals in de legenda. "
        "Rechts van elke balk staat hoeveel afspraken volledig zijn gerealiseerd.",
        "Kleine tekst",
    )


def _counts_table(d: Any, columns: int, widths: list[float]) -> None:
    """Per theme and in total: the number of agreements and the count per status (the first `columns`)."""
    table = _table(d, ["Thema", "Aantal", *STATUS_HEADERS[:columns]], widths)
    counts = [f"{{{{ r.per_status[{i}] or '–' }}}}" for i in range(columns)]
    _loop_rows(table, "r in per_thema", ["{{ r.naam }}", "{{ r.aantal }}", *counts])
    totals = [f"{{{{ totaal.per_status[{i}] or '–' }}}}" for i in range(columns)]
    _total_row(table, ["{{ totaal.naam }}", "{{ totaal.aantal }}", *totals])
    _small(table)
    para(d, "")


def _themes(d: Any) -> None:
    para(d, "{%p for t in themas %}")
    para(d, "{{ loop.index + 2 }}. {{ t.naam }}", "Heading 1")
    header = ["Code", "Afspraak", "Streefwaarde", "Realisatie", "%", "Status", "Vervolg"]
    table = _table(d, header, [1.85, 2.9, 2.65, 2.65, 1.35, 2.4, 2.2])
    cells = [
        "{{ a.code }}",
        "{{ a.titel }}",
        VALUE.format(v="a.streefwaarde"),
        VALUE.format(v="a.realisatie"),
        "{{ a.percentage|procent if a.percentage is not none else '–' }}",
        "{% cellbg a.kleur %}{{ a.status }}",
        "{{ a.vervolg or '–' }}",
    ]
    _loop_rows(table, "a in t.afspraken", cells)
    _small(table)
    para(d, "")
    _explanations(d)
    para(d, "{%p endfor %}")


def _explanations(d: Any) -> None:
    """Below a theme's table: per agreement the explanation and the follow-up."""
    para(d, "{%p for a in t.afspraken %}")
    para(d, "{{ a.code }} {{ a.titel }}", "Afspraakkop")
    para(d, "{%p if a.geevalueerd %}")
    para(d, "Status: {{ a.status }}", "Tussenkop")
    para(d, "{%p if a.toelichting %}")
    para(d, "{{p a.toelichting }}")
    para(d, "{%p endif %}")
    para(
        d,
        "Vervolg: {{ a.vervolg }}{% if a.vervolg_afspraken %}, in {{ volgend_jaar }} als "
        "{{ a.vervolg_afspraken|opsomming }}{% endif %}",
        "Tussenkop",
    )
    para(d, "{%p if a.vervolg_toelichting %}")
    para(d, "{{p a.vervolg_toelichting }}")
    para(d, "{%p endif %}")
    para(d, "{%p else %}")
    para(d, "Status: niet geëvalueerd", "Tussenkop")
    para(d, "De evaluatie van {{ jaar }} zegt niets over deze afspraak: de realisatie en het vervolg zijn onbekend.")
    para(d, "{%p endif %}")
    para(d, "{%p endfor %}")


def _conclusions(d: Any) -> None:
    para(d, "{{ themas|length + 3 }}. Conclusies", "Heading 1")
    para(d, "{%p if conclusies %}")
    para(d, "{{p conclusies }}")
    para(d, "{%p else %}")
    para(d, "Partijen hebben bij deze evaluatie geen conclusies vastgelegd.")
    para(d, "{%p endif %}")
    para(d, "{{ themas|length + 4 }}. Input voor de afspraken van {{ volgend_jaar }}", "Heading 1")
    para(d, "{%p if input_volgende_cyclus %}")
    para(d, "Partijen nemen de volgende punten mee in de prestatieafspraken voor {{ volgend_jaar }}:")
    para(d, "{{p input_volgende_cyclus }}")
    para(d, "{%p else %}")
    para(d, "Partijen hebben geen punten voor de afspraken van {{ volgend_jaar }} vastgelegd.")
    para(d, "{%p endif %}")


def _table(d: Any, header: list[str], widths: list[float]) -> Any:
    """A styled table with fixed column widths and a header row repeated on every page."""
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    table = d.add_table(rows=1, cols=len(header))
    table.style = d.styles["Tabelraster"]
    table.autofit = False
    for cell, text, width in zip(table.rows[0].cells, header, widths, strict=True):
        cell.text, cell.width = text, Cm(width)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Cm(width)
    return table


def _add_row(table: Any, texts: list[str]) -> Any:
    from docx.oxml import OxmlElement

    widths = [c.width for c in table.rows[0].cells]
    row = table.add_row()
    texts = texts + [""] * (len(widths) - len(texts))
    for cell, text, width in zip(row.cells, texts, widths, strict=True):
        cell.text, cell.width = text, width
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return row


def _loop_rows(table: Any, loop: str, cells: list[str]) -> None:
    """The rows docxtpl repeats: one per item of the loop."""
    _add_row(table, [f"{{%tr for {loop} %}}"])
    _add_row(table, cells)
    _add_row(table, ["{%tr endfor %}"])


def _total_row(table: Any, cells: list[str]) -> None:
    """A closing row in bold."""
    row = _add_row(table, cells)
    for cell in row.cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _small(table: Any) -> None:
    """Every text of the table in the small size."""
    from docx.shared import Pt

    for row in table.rows:
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(SMALL_PT)
