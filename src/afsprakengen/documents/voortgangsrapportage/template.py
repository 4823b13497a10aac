"""The default voortgangsrapportage template: the state on a peildatum, at risk first, then a table per theme."""

from __future__ import annotations

from afsprakengen.documents.evaluatie.template import VALUE
from afsprakengen.word.builders import Document, compose, contents_page, optional_text, para, title_page
from afsprakengen.word.tables import Table, loop_rows, more_lines, new_table, small, total_row

CONCEPT = "CONCEPT – deze voortgangsrapportage is nog in bespreking."
FOOTER = "Voortgang op {{ peildatum|datum }} · {{ status }}"
"""The footer: the peildatum and the status (a progress report has no version)."""
STATUS = "{% cellbg a.kleur %}{{ a.status }}"
"""The status cell: the traffic-light colour as background, the status in words."""
EXPLAINED = "{%p if a.toelichting %}"
"""The first paragraph of the toelichting cell; `_explained` adds the rest: the markdown, or a dash."""


def build_template() -> Document:
    """The template document (python-docx), ready to be saved."""
    return compose(
        "{{ titel }} · gemeente {{ gemeente }}",
        _title_page,
        contents_page,
        _summary,
        _at_risk,
        _changed,
        _themes,
        footer=FOOTER,
    )


def _title_page(d: Document) -> None:
    with title_page(d, "Gemeente {{ gemeente }}", concept=CONCEPT):
        para(
            d,
            "De stand van de prestatieafspraken voor {{ jaar }} op {{ peildatum|datum }}: per afspraak wat er tot "
            "nu toe is gerealiseerd, de status en een toelichting. Eerst de afspraken die aandacht vragen.",
        )
        para(d, "Peildatum: {{ peildatum|datum }} · status: {{ status }}", "Tussenkop")


def _summary(d: Document) -> None:
    para(d, "1. Samenvatting", "Heading 1")
    optional_text(d, "samenvatting")
    para(
        d,
        "Van de {{ aantal }} afspraken voor {{ jaar }} vragen er {{ aandacht|length }} aandacht: hun status is "
        "een andere dan {{ op_koers|aanhalen }}. De kleur van een status staat er altijd ook in woorden bij."
        "{% if niet_gemeld %} Over {{ niet_gemeld|length }} afspraken is op deze peildatum niets gemeld; zij staan "
        "in de tabellen als {{ 'niet gemeld'|aanhalen }}, zonder kleur.{% endif %}",
    )
    table = new_table(d, ["Status", "Aantal"], [8.0, 3.0])
    loop_rows(table, "a in statussen", [STATUS, "{{ a.aantal }}"], empty_runs=True)
    total_row(table, ["Totaal", "{{ aantal }}"])


def _at_risk(d: Document) -> None:
    para(d, "2. Afspraken die aandacht vragen", "Heading 1")
    para(d, "{%p if aandacht %}")
    header = ["Code", "Afspraak", "Trekker", "Realisatie tot nu toe", "Status", "Toelichting"]
    table = new_table(d, header, [1.9, 3.2, 2.4, 2.6, 2.4, 3.5])
    cells = ["{{ a.code }}", "{{ a.titel }}", "{{ a.trekker }}", VALUE.format(v="a.realisatie"), STATUS]
    loop_rows(table, "a in aandacht", [*cells, EXPLAINED], empty_runs=True)
    _explained(table)
    small(table)
    para(d, "{%p else %}")
    para(d, "Op {{ peildatum|datum }} liggen alle gemelde afspraken op koers.")
    para(d, "{%p endif %}")


def _changed(d: Document) -> None:
    para(d, "3. Wat is veranderd", "Heading 1")
    para(d, "{%p if vorige %}")
    para(d, "{%p if wijzigingen %}")
    para(d, "Wat er sinds de vorige peildatum, {{ vorige|datum }}, per afspraak is veranderd.")
    table = new_table(d, ["Code", "Afspraak", "Wijziging"], [1.9, 6.0, 8.1])
    loop_rows(table, "w in wijzigingen", ["{{ w.code }}", "{{ w.titel }}", "{{ w.wijziging }}"], empty_runs=True)
    small(table)
    para(d, "{%p else %}")
    para(d, "Sinds de vorige peildatum, {{ vorige|datum }}, is bij geen enkele afspraak iets veranderd.")
    para(d, "{%p endif %}")
    para(d, "{%p else %}")
    para(
        d,
        "Dit is de eerste voortgangsrapportage over {{ jaar }}; er is nog geen eerdere stand om mee te vergelijken.",
    )
    para(d, "{%p endif %}")


def _themes(d: Document) -> None:
    para(d, "{%p for t in themas %}")
    para(d, "{{ loop.index + 3 }}. {{ t.naam }}", "Heading 1")
    header = ["Code", "Afspraak", "Trekker", "Streefwaarde", "Realisatie tot nu toe", "Status", "Toelichting"]
    table = new_table(d, header, [1.7, 2.6, 2.0, 2.3, 2.3, 2.1, 3.0])
    cells = [
        "{{ a.code }}",
        "{{ a.titel }}",
        "{{ a.trekker }}",
        VALUE.format(v="a.streefwaarde"),
        VALUE.format(v="a.realisatie"),
        STATUS,
        EXPLAINED,
    ]
    loop_rows(table, "a in t.afspraken", cells, empty_runs=True)
    _explained(table)
    small(table)
    para(d, "{%p endfor %}")


def _explained(table: Table) -> None:
    """The last cell of the loop's row: the toelichting as markdown when there is one, else a dash."""
    more_lines(table.rows[-2].cells[-1], ["{{p a.toelichting }}", "{%p else %}", "–", "{%p endif %}"])
