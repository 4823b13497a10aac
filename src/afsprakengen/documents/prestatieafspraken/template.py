"""The default prestatieafspraken template, written with python-docx: a professional Dutch policy document."""

from __future__ import annotations

from typing import Any

from afsprakengen.word.housestyle import contents_page, header_and_footer, new_document, page_break, para

STANDARD_MONITORING = (
    "Partijen bespreken de voortgang van deze afspraken ten minste twee keer per jaar in het tripartiet overleg. "
    "De corporaties leggen in mei {{ jaar + 1 }} verantwoording af over {{ jaar }}; in juni {{ jaar + 1 }} "
    "evalueren partijen de afspraken gezamenlijk. De uitkomsten zijn input voor de afspraken voor {{ jaar + 2 }}."
)
STANDARD_PROVISO = (
    "Wijzigingen in deze afspraken zijn alleen mogelijk als alle partijen daarmee instemmen. "
    "Investeringen van de corporaties zijn onder voorbehoud van goedkeuring door hun raad van commissarissen."
)


def build_template() -> Any:
    """The template document (python-docx), ready to be saved."""
    d = new_document()
    header_and_footer(d, "{{ titel }} · gemeente {{ gemeente }}")
    _title_page(d)
    contents_page(d)
    _introduction_and_parties(d)
    _agreements(d)
    _reciprocity_and_outlook(d)
    _monitoring_provisos(d)
    _signatures(d)
    _annexes(d)
    return d


def _title_page(d: Any) -> None:
    para(d, "")
    para(d, "{{ titel }}", "Title")
    para(d, "Gemeente {{ gemeente }}", "Subtitle")
    para(
        d,
        "Prestatieafspraken voor {{ jaar }} met een doorkijk naar {{ doorkijk_jaren[0] }}–{{ doorkijk_jaren[2] }}, "
        "tussen:",
    )
    para(d, "{%p for p in partijen %}")
    para(d, "{{ p.naam }}", "List Bullet")
    para(d, "{%p endfor %}")
    para(d, "Versie {{ versie }} · status: {{ status }} · {{ datum|datum }}", "Tussenkop")
    para(d, "{%p if concept %}")
    para(
        d, "CONCEPT – dit is een onderhandelingsversie; deze tekst is nog niet vastgesteld door partijen.", "Tussenkop"
    )
    para(d, "{%p endif %}")
    page_break(d)


def _introduction_and_parties(d: Any) -> None:
    para(d, "1. Inleiding", "Heading 1")
    para(d, "{{p inleiding }}")
    para(d, "2. Partijen en hun rol", "Heading 1")
    para(d, "{%p for p in partijen %}")
    para(d, "{{ p.naam }} ({{ p.soort|lower }})", "Tussenkop")
    para(d, "{%p if p.rol %}")
    para(d, "{{p p.rol }}")
    para(d, "{%p endif %}")
    para(d, "{%p endfor %}")
    para(d, "3. Grondslag", "Heading 1")
    para(d, "{%p if grondslag %}")
    para(d, "{{p grondslag }}")
    para(d, "{%p endif %}")
    para(d, "Deze afspraken dragen bij aan de volgende doelen uit de {{ woonvisie }}:")
    table(
        d,
        ["Code", "Doel uit de woonvisie", "Thema"],
        "d in doelen",
        ["{{ d.code }}", "{{ d.titel }}", "{{ d.thema }}"],
        [2.2, 9.5, 4.3],
    )


def _agreements(d: Any) -> None:
    para(d, "4. Afspraken per thema", "Heading 1")
    para(d, "{%p for t in themas %}")
    para(d, "4.{{ loop.index }} {{ t.naam }}", "Heading 2")
    para(d, "{%p for a in t.afspraken %}")
    para(d, "{{ a.code }} {{ a.titel }}", "Afspraakkop")
    para(d, "{{p a.tekst }}")
    rows = [
        ("Soort", "{{ a.soort }}"),
        ("Trekker", "{{ a.trekker or '–' }}"),
        ("Betrokken", "{{ a.betrokken|opsomming or '–' }}"),
        ("Termijn", "{{ a.termijn|termijn or '–' }}"),
        (
            "Indicator",
            "{% if a.indicator %}{{ a.indicator.naam }}{% if a.indicator.bron %} (bron: "
            "{{ a.indicator.bron }}){% endif %}{% else %}–{% endif %}",
        ),
        (
            "Streefwaarde {{ jaar }}",
            "{% if a.indicator and a.indicator.streefwaarde is not none %}"
            "{{ a.indicator.streefwaarde|getal }} {{ a.indicator.eenheid }}{% else %}–"
            "{% endif %}",
        ),
        (
            "Draagt bij aan",
            "{% for g in a.doelen %}{{ g.code }} {{ g.titel }}{% if not loop.last %}; {% endif %}{% endfor %}",
        ),
    ]
    _key_value_table(d, rows)
    para(d, "{%p endfor %}")
    para(d, "{%p endfor %}")


def _reciprocity_and_outlook(d: Any) -> None:
    para(d, "5. Wederkerigheid", "Heading 1")
    para(
        d,
        "Tegenover de inzet van de corporaties staan de volgende toezeggingen van de gemeente en de "
        "huurdersorganisaties.",
    )
    para(d, "{%p for w in wederkerigheid %}")
    para(d, "{{ w.partij }}", "Tussenkop")
    para(d, "{{p w.tekst }}")
    para(d, "{%p endfor %}")
    para(d, "6. Doorkijk {{ doorkijk_jaren[0] }}–{{ doorkijk_jaren[2] }}", "Heading 1")
    para(
        d,
        "De tabel toont per indicator de streefwaarde voor {{ jaar }} en de verwachte waarden voor de drie "
        "jaren daarna. De doorkijk is indicatief: de afspraken voor die jaren worden jaarlijks gemaakt.",
    )
    header = [
        "Code",
        "Indicator",
        "Eenheid",
        "{{ jaar }}",
        "{{ doorkijk_jaren[0] }}",
        "{{ doorkijk_jaren[1] }}",
        "{{ doorkijk_jaren[2] }}",
    ]
    cells = [
        "{{ r.code }}",
        "{{ r.indicator }}",
        "{{ r.eenheid }}",
        "{{ r.streefwaarde|getal if r.streefwaarde is not none else '–' }}",
    ]
    cells += [f"{{{{ r.waarden[{i}]|getal if r.waarden[{i}] is not none else '–' }}}}" for i in range(3)]
    table(d, header, "r in doorkijk", cells, [2.2, 5.0, 2.4, 1.6, 1.6, 1.6, 1.6])


def _monitoring_provisos(d: Any) -> None:
    para(d, "7. Monitoring en evaluatie", "Heading 1")
    para(d, "{%p if monitoring %}")
    para(d, "{{p monitoring }}")
    para(d, "{%p else %}")
    para(d, STANDARD_MONITORING)
    para(d, "{%p endif %}")
    para(d, "8. Voorbehouden", "Heading 1")
    para(d, STANDARD_PROVISO)
    para(d, "{%p if voorbehouden %}")
    para(d, "{{p voorbehouden }}")
    para(d, "{%p endif %}")
    para(d, "9. Wat niet is afgesproken", "Heading 1")
    para(d, "{%p for n in niet_afgesproken %}")
    para(d, "{{ n.onderwerp }}", "Tussenkop")
    para(d, "{%p if n.toelichting %}")
    para(d, "{{p n.toelichting }}")
    para(d, "{%p endif %}")
    para(d, "{%p else %}")
    para(d, "Partijen hebben geen onderwerpen bewust buiten deze afspraken gelaten.")
    para(d, "{%p endfor %}")


def _signatures(d: Any) -> None:
    heading = para(d, "10. Ondertekening", "Heading 1")
    heading.paragraph_format.page_break_before = True
    para(
        d,
        "Aldus overeengekomen en ondertekend te {{ plaats or '………………' }} op "
        "{{ ondertekend_op|datum if ondertekend_op else '………………' }}.",
    )
    para(d, "{%p for o in ondertekenaars %}")
    block = [
        ("Namens {{ o.partij }}", "Tussenkop"),
        ("", "Body Text"),
        ("", "Body Text"),
        ("………………………………………………………", "Body Text"),
        ("{{ o.naam }}", "Body Text"),
        ("{{ o.functie }}", "Body Text"),
    ]
    for i, (text, style) in enumerate(block):
        paragraph = para(d, text, style)
        paragraph.paragraph_format.keep_with_next = i < len(block) - 1
        paragraph.paragraph_format.keep_together = True
    para(d, "{%p endfor %}")


def _annexes(d: Any) -> None:
    heading = para(d, "Bijlage 1. Van woonvisie naar concrete afspraken", "Heading 1")
    heading.paragraph_format.page_break_before = True
    para(
        d,
        "Per doel uit de woonvisie: de activiteiten uit de biedingen van de corporaties en de afspraken die eraan "
        "bijdragen.",
    )
    cells = [
        "{{ k.doel.code }} {{ k.doel.titel }}",
        "{{ k.activiteiten|join('; ') if k.activiteiten else '–' }}",
        "{{ k.afspraken|join('; ') if k.afspraken else 'Geen afspraak: dit doel wordt nog niet concreet gemaakt.' }}",
    ]
    table(d, ["Doel", "Activiteiten (bod)", "Afspraken"], "k in koppelingen", cells, [4.5, 6.0, 5.5])
    para(d, "{%p if kerncijfers %}")
    para(d, "Bijlage 2. Kerncijfers", "Heading 1")
    cells = [
        "{{ k.naam }}",
        "{{ k.waarde|getal }} {{ k.eenheid }}",
        "{{ k.peildatum|datum if k.peildatum else '' }}",
        "{{ k.bron }}",
    ]
    table(d, ["Kerncijfer", "Waarde", "Peildatum", "Bron"], "k in kerncijfers", cells, [6.0, 3.0, 3.0, 4.0])
    para(d, "{%p endif %}")
    para(d, "{%p if begrippen %}")
    para(d, "Bijlage 3. Begrippen", "Heading 1")
    table(d, ["Begrip", "Uitleg"], "b in begrippen", ["{{ b.term }}", "{{ b.uitleg }}"], [4.0, 12.0])
    para(d, "{%p endif %}")


def table(d: Any, header: list[str], loop: str, cells: list[str], widths: list[float]) -> Any:
    """A styled table: a header row repeated on every page, then one row per item of the loop."""
    from docx.shared import Cm

    grid = d.add_table(rows=4, cols=len(header))
    grid.style = d.styles["Tabelraster"]
    rows = grid.rows
    for cell, text in zip(rows[0].cells, header, strict=True):
        cell.text = text
    _repeat_header(rows[0])
    rows[1].cells[0].text = f"{{%tr for {loop} %}}"
    for cell, text in zip(rows[2].cells, cells, strict=True):
        cell.text = text
    rows[3].cells[0].text = "{%tr endfor %}"
    for row in rows:
        _cant_split(row)
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    _fixed_widths(grid, widths)
    return grid


def _fixed_widths(table: Any, widths: list[float]) -> None:
    """Column widths that Word and LibreOffice both keep: a fixed layout and a matching grid."""
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = Cm(width)


def _key_value_table(d: Any, rows: list[tuple[str, str]]) -> None:
    from docx.shared import Cm

    table = d.add_table(rows=len(rows), cols=2)
    table.style = d.styles["Tabelraster"]
    _no_header_look(table)
    for row, (key, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = key, value
        row.cells[0].paragraphs[0].runs[0].bold = True
        row.cells[0].width, row.cells[1].width = Cm(3.6), Cm(12.4)
        _cant_split(row)
    _fixed_widths(table, [3.6, 12.4])
    para(d, "")


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement

    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def _cant_split(row: Any) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _no_header_look(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    look = OxmlElement("w:tblLook")
    look.set(qn("w:val"), "0000")
    look.set(qn("w:firstRow"), "0")
    look.set(qn("w:noHBand"), "1")
    look.set(qn("w:noVBand"), "1")
    table._tbl.tblPr.append(look)
