"""The default woonvisie-uittreksel template, written with python-docx in the house style."""

from __future__ import annotations

from afsprakengen.word.builders import (
    Document,
    Paragraph,
    box,
    compose,
    contents_page,
    heading_on_new_page,
    mark,
    optional_text,
    para,
    space_before,
    title_page,
)
from afsprakengen.word.housestyle import WARNING
from afsprakengen.word.tables import Row, Table, loop_table, more_lines

NOT_ADDRESSED = "Nog niet geadresseerd in {{ jaar }}"
AMOUNT = (
    "{% if a.aantal is not none %}{{ a.aantal|getal }}{% if a.eenheid %} {{ a.eenheid }}{% endif %}"
    "{% else %}–{% endif %}"
)
Column = tuple[str, tuple[str, ...], float]
"""A table column: its header, the paragraphs of its cell in the repeated row, its width in cm."""
ACTIVITY_COLUMNS: tuple[Column, ...] = (
    ("Code", ("{{ a.code }}",), 3.5),
    ("Activiteit", ("{{ a.titel }}",), 5.1),
    ("Corporatie", ("{{ a.corporatie }}",), 3.0),
    (
        "Aantal en investering {{ jaar }}",
        (AMOUNT, "{%p if a.investering is not none %}", "{{ a.investering|euro }}", "{%p endif %}"),
        4.4,
    ),
)
AGREEMENT_COLUMNS: tuple[Column, ...] = (
    ("Code", ("{{ a.code }}",), 3.5),
    ("Afspraak {{ jaar }}", ("{{ a.titel }}",), 9.5),
    ("Trekker", ("{{ a.trekker }}",), 3.0),
)
BOD_CODES = "{{ c.corporatie }}: {{ c.codes|join(', ') }}"
ANNEX_COLUMNS: tuple[Column, ...] = (
    ("Doel uit {{ beleid.met_lidwoord }}", ("{{ g.code }} {{ g.titel }}",), 4.4),
    (
        "Activiteiten (bod)",
        (
            *("{%p for c in g.bod_codes %}", BOD_CODES, "{%p else %}"),
            *("{%p if g.geadresseerd %}", "–", "{%p else %}", NOT_ADDRESSED, "{%p endif %}"),
            "{%p endfor %}",
        ),
        5.4,
    ),
    (
        "Afspraken {{ jaar }}",
        ("{%p for a in g.afspraken %}", "{{ a.code }} {{ a.titel }}", "{%p else %}", "–", "{%p endfor %}"),
        6.2,
    ),
)


FOOTER = (
    "{{ beleid.hoofdletter }} {{ woonvisie_status }}{% if vastgesteld %} op {{ vastgesteld|datum }}{% endif %} · "
    "{% if afspraken %}afspraken {{ jaar }} versie {{ afspraken.versie }}, {{ afspraken.status }}"
    "{% else %}nog geen afspraken {{ jaar }}{% endif %}"
)
"""The woonvisie's status and the agreements' version and status, each said of its own document (the stand is on
the title page: a concept's footer, with its Git commit, stays one line)."""
CONCEPT = "CONCEPT – de prestatieafspraken of een bod voor {{ jaar }} zijn nog niet definitief."


def build_template() -> Document:
    """The template document (python-docx), ready to be saved."""
    sections = (_title_page, contents_page, _introduction, _themes, _annex)
    return compose("{{ titel }} · gemeente {{ gemeente }}", *sections, footer=FOOTER)


def _title_page(d: Document) -> None:
    with title_page(d, "Gemeente {{ gemeente }}", concept=CONCEPT):
        para(
            d,
            "De ambities en doelen uit {{ beleid.lidwoord }} {{ woonvisie }}{% if vastgesteld %} (vastgesteld op "
            "{{ vastgesteld|datum }}){% endif %}, met per doel de activiteiten en afspraken voor {{ jaar }} die eraan "
            "bijdragen.",
        )
        para(d, "{%p if deelthemas %}")
        para(d, "Dit is een deeluittreksel: het bevat alleen {{ deelthemas|opsomming }}.")
        para(d, "{%p endif %}")
        para(d, "Jaarschijf {{ jaar }}{% if stand %} · stand {{ stand|datum }}{% endif %}", "Tussenkop")
        para(d, "{%p if afspraken %}")
        para(
            d,
            "Afspraken: prestatieafspraken {{ jaar }}, versie {{ afspraken.versie }} ({{ afspraken.status }}) van "
            "{{ afspraken.datum|datum }}.",
        )
        para(d, "{%p else %}")
        para(d, "Afspraken: voor {{ jaar }} zijn nog geen prestatieafspraken gemaakt.")
        para(d, "{%p endif %}")
        para(d, "{%p if corporaties %}")
        para(
            d,
            "Activiteiten: {{ 'het activiteitenoverzicht' if corporaties|length == 1 else "
            "'de activiteitenoverzichten' }} van {{ corporaties|opsomming }} voor {{ jaar }}.",
        )
        para(d, "{%p endif %}")


def _introduction(d: Document) -> None:
    para(d, "1. Inleiding", "Heading 1")
    optional_text(d, "inleiding")
    para(d, "Over dit uittreksel", "Tussenkop")
    para(
        d,
        "Dit uittreksel laat zien waarop de prestatieafspraken voor {{ jaar }} voortbouwen. Per thema staan de "
        "ambitie en de doelen uit {{ beleid.met_lidwoord }}{% if periode %} voor {{ periode }}{% endif %}. "
        "Bij elk doel staan de activiteiten uit de activiteitenoverzichten van de corporaties en de afspraken "
        "voor {{ jaar }} die eraan bijdragen. Een doel waaraan nog geen activiteit of afspraak bijdraagt, is "
        f"gemarkeerd als «{NOT_ADDRESSED}». Bijlage 1 vat alles samen in het overzicht "
        "«Van {{ beleid.naam }} naar concrete afspraken».",
    )
    para(
        d,
        "In {{ jaar }} dragen activiteiten of afspraken bij aan {{ aantal_geadresseerd }} van de "
        "{{ aantal_doelen }} doelen in dit uittreksel.{% set open = aantal_doelen - aantal_geadresseerd %}"
        "{% if open %} Aan {{ open }} {{ 'doel' if open == 1 else 'doelen' }} draagt nog niets bij.{% endif %}",
    )
    para(d, "{%p if bron %}")
    para(d, "{{ beleid.lidwoord|capitalize }} volledige {{ beleid.naam }} staat op:")
    para(d, "{{p bron }}")
    para(d, "{%p endif %}")


def _themes(d: Document) -> None:
    para(d, "{%p for t in themas %}")
    para(d, "{{ loop.index + 1 }}. {{ t.naam }}", "Heading 1")
    para(d, "Ambitie", "Tussenkop")
    para(d, "{{p t.ambitie }}")
    para(d, "{%p set n = loop.index + 1 %}")
    para(d, "{%p for g in t.doelen %}")
    para(d, "{{ n }}.{{ loop.index }} {{ g.code }} {{ g.titel }}", "Heading 2")
    optional_text(d, "g.toelichting")
    _goal_links(d)
    para(d, "{%p endfor %}")
    para(d, "{%p else %}")
    para(d, "{{ beleid.begin }} heeft voor de gekozen thema's geen ambitie of doelen.")
    para(d, "{%p endfor %}")


def _goal_links(d: Document) -> None:
    para(d, "{%p if not g.geadresseerd %}")
    _not_addressed(d)
    para(d, "{%p endif %}")
    para(d, "{%p if g.activiteiten %}")
    space_before(para(d, "Activiteiten uit de biedingen voor {{ jaar }}", "Tussenkop"), 10)
    _table(d, ACTIVITY_COLUMNS, "a in g.activiteiten")
    para(d, "{%p elif g.geadresseerd %}")
    para(d, "Geen activiteit uit de biedingen voor {{ jaar }} draagt direct bij aan dit doel.")
    para(d, "{%p endif %}")
    para(d, "{%p if g.afspraken %}")
    space_before(para(d, "Afspraken voor {{ jaar }}", "Tussenkop"), 10)
    _table(d, AGREEMENT_COLUMNS, "a in g.afspraken")
    para(d, "{%p elif g.geadresseerd %}")
    para(d, "Geen afspraak voor {{ jaar }} draagt direct bij aan dit doel.")
    para(d, "{%p endif %}")


def _not_addressed(d: Document) -> None:
    """A bordered, shaded block that a reader cannot miss."""
    paragraph = para(d, "", "Tussenkop")
    mark(paragraph.add_run(NOT_ADDRESSED), colour=WARNING)
    paragraph.add_run(
        ": geen activiteit uit de biedingen en geen afspraak draagt in {{ jaar }} bij aan dit doel."
    ).bold = False
    box(paragraph, WARNING, "FBE9E7")


def _annex(d: Document) -> None:
    heading_on_new_page(d, "Bijlage 1. Van {{ beleid.naam }} naar concrete afspraken")
    para(
        d,
        "Per doel uit {{ beleid.met_lidwoord }}: de activiteiten uit de biedingen van de corporaties en de "
        "afspraken voor {{ jaar }} die eraan bijdragen.",
    )
    goal_overview(d, "t in themas")


def goal_overview(d: Document, loop: str) -> None:
    """Per theme of the loop: a table of its goals, each with the bod activities and the agreements serving it."""
    para(d, f"{{%p for {loop} %}}")
    space_before(para(d, "{{ t.naam }}", "Tussenkop"), 10)
    table = _table(d, ANNEX_COLUMNS, "g in t.doelen")
    _style_annex(table.rows[2])
    para(d, "{%p endfor %}")


def _style_annex(row: Row) -> None:
    """Goal codes and corporation names in bold; the not-addressed mark in the house red."""
    _bold_lead(row.cells[0].paragraphs[0], "{{ g.code }}", " {{ g.titel }}")
    for paragraph in row.cells[1].paragraphs:
        if paragraph.text == BOD_CODES:
            _bold_lead(paragraph, "{{ c.corporatie }}:", " {{ c.codes|join(', ') }}")
        elif paragraph.text == NOT_ADDRESSED:
            mark(paragraph.runs[0], bold=True, colour=WARNING)


def _bold_lead(paragraph: Paragraph, lead: str, rest: str) -> None:
    paragraph.text = ""
    paragraph.add_run(lead).bold = True
    paragraph.add_run(rest)


def _table(d: Document, columns: tuple[Column, ...], loop: str) -> Table:
    """The shared styled table, with cells of more than one paragraph (the label after it has space above)."""
    heads = [head for head, _, _ in columns]
    widths = [width for _, _, width in columns]
    grid = loop_table(d, heads, loop, [lines[0] for _, lines, _ in columns], widths)
    for cell, (_, lines, _) in zip(grid.rows[2].cells, columns, strict=True):
        more_lines(cell, lines[1:])
    return grid
