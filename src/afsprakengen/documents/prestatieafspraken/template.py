"""The default prestatieafspraken template, written with python-docx: a professional Dutch policy document."""

from __future__ import annotations

from afsprakengen.word.builders import (
    Document,
    compose,
    contents_page,
    heading_on_new_page,
    keep_together,
    optional_text,
    para,
    title_page,
)
from afsprakengen.word.tables import add_row, cant_split, key_value_table, lead_in, loop_table, new_table, total_row

STANDARD_MONITORING = (
    "Partijen bespreken de voortgang van deze afspraken ten minste twee keer per jaar in het tripartiet overleg. "
    "De corporaties leggen in mei {{ jaar + 1 }} verantwoording af over {{ jaar }}; in juni {{ jaar + 1 }} "
    "evalueren partijen de afspraken gezamenlijk. De uitkomsten zijn input voor de afspraken voor {{ jaar + 2 }}."
)
STANDARD_PROVISO = (
    "Wijzigingen in deze afspraken zijn alleen mogelijk als alle partijen daarmee instemmen. "
    "Investeringen van de corporaties zijn onder voorbehoud van goedkeuring door hun raad van commissarissen."
)


def build_template() -> Document:
    """The template document (python-docx), ready to be saved."""
    return compose(
        "{{ titel }} · gemeente {{ gemeente }}",
        _title_page,
        contents_page,
        _introduction_and_parties,
        _agreements,
        _reciprocity_and_outlook,
        _monitoring_provisos,
        _signatures,
        _annexes,
    )


CONCEPT = "CONCEPT – dit is een onderhandelingsversie; deze tekst is nog niet vastgesteld door partijen."


def _title_page(d: Document) -> None:
    with title_page(d, "Gemeente {{ gemeente }}", concept=CONCEPT):
        para(
            d,
            "Prestatieafspraken voor {{ jaar }} met een doorkijk naar {{ doorkijk_jaren[0] }}–"
            "{{ doorkijk_jaren[2] }}, tussen:",
        )
        para(d, "{%p for p in partijen %}")
        para(d, "{{ p.naam }}", "List Bullet")
        para(d, "{%p endfor %}")
        para(d, "Versie {{ versie }} · status: {{ status }} · {{ datum|datum }}", "Tussenkop")


def _introduction_and_parties(d: Document) -> None:
    para(d, "1. Inleiding", "Heading 1")
    para(d, "{{p inleiding }}")
    para(d, "2. Partijen en hun rol", "Heading 1")
    para(d, "{%p for p in partijen %}")
    para(d, "{{ p.naam }} ({{ p.soort|lower }})", "Tussenkop")
    optional_text(d, "p.rol")
    para(d, "{%p endfor %}")
    para(d, "3. Grondslag", "Heading 1")
    optional_text(d, "grondslag")
    para(d, "Deze afspraken dragen bij aan de volgende doelen uit de {{ woonvisie }}:")
    loop_table(
        d,
        ["Code", "Doel uit de woonvisie", "Thema"],
        "d in doelen",
        ["{{ d.code }}", "{{ d.titel }}", "{{ d.thema }}"],
        [2.2, 9.5, 4.3],
    )


def _agreements(d: Document) -> None:
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
    key_value_table(d, rows, [3.6, 12.4])
    para(d, "{%p endfor %}")
    para(d, "{%p endfor %}")


def _reciprocity_and_outlook(d: Document) -> None:
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
        "De doorkijk toont per indicator de streefwaarde voor {{ jaar }} en de verwachte waarden voor de drie "
        "jaren daarna. De doorkijk is indicatief: de afspraken voor die jaren worden jaarlijks gemaakt.",
    )
    years = ["{{ jaar }}", "{{ doorkijk_jaren[0] }}", "{{ doorkijk_jaren[1] }}", "{{ doorkijk_jaren[2] }}"]
    values = [_outlook_value("r.streefwaarde"), *(_outlook_value(f"r.waarden[{i}]") for i in range(3))]
    cells = ["{{ r.code }}", "{{ r.indicator }}", "{{ r.eenheid }}", *values]
    loop_table(d, ["Code", "Indicator", "Eenheid", *years], "r in doorkijk if not r.in_woorden", cells, OUTLOOK)
    para(d, "{%p if doorkijk|selectattr('in_woorden')|list %}")
    lead_in(d, "Bij de volgende indicatoren is de streefwaarde geen getal maar een mijlpaal:")
    _outlook_in_words(d, years, values)
    para(d, "{%p endif %}")


OUTLOOK = [2.2, 5.0, 2.4, 1.6, 1.6, 1.6, 1.6]
"""The doorkijk in numbers: room for the code and the indicator; the years fit a number (fitted at build)."""


def _outlook_in_words(d: Document, years: list[str], values: list[str]) -> None:
    """Per indicator a shaded row with its code and name over the full width, then its four milestones."""
    table = new_table(d, years, [4.0] * 4)
    cant_split(table.rows[0])
    add_row(table, ["{%tr for r in doorkijk if r.in_woorden %}"])
    label = "{{ r.code }} {{ r.indicator }}{% if r.eenheid %} ({{ r.eenheid }}){% endif %}"
    total_row(table, [label], span=4, fill=SHADE).cells[0].paragraphs[0].paragraph_format.keep_with_next = True
    add_row(table, values)
    add_row(table, ["{%tr endfor %}"])


SHADE = "EDF1F5"
"""The light shade of an indicator's row in the doorkijk in words."""


def _outlook_value(value: str) -> str:
    return f"{{{{ {value}|getal if {value} is not none else '–' }}}}"


def _monitoring_provisos(d: Document) -> None:
    para(d, "7. Monitoring en evaluatie", "Heading 1")
    optional_text(d, "monitoring", otherwise=STANDARD_MONITORING)
    para(d, "8. Voorbehouden", "Heading 1")
    para(d, STANDARD_PROVISO)
    optional_text(d, "voorbehouden")
    para(d, "9. Wat niet is afgesproken", "Heading 1")
    para(d, "{%p for n in niet_afgesproken %}")
    para(d, "{{ n.onderwerp }}", "Tussenkop")
    optional_text(d, "n.toelichting")
    para(d, "{%p else %}")
    para(d, "Partijen hebben geen onderwerpen bewust buiten deze afspraken gelaten.")
    para(d, "{%p endfor %}")


def _signatures(d: Document) -> None:
    heading_on_new_page(d, "10. Ondertekening")
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
    keep_together([para(d, text, style) for text, style in block])
    para(d, "{%p endfor %}")


def _annexes(d: Document) -> None:
    heading_on_new_page(d, "Bijlage 1. Van woonvisie naar concrete afspraken")
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
    loop_table(d, ["Doel", "Activiteiten (bod)", "Afspraken"], "k in koppelingen", cells, [4.5, 6.0, 5.5])
    para(d, "{%p if kerncijfers %}")
    para(d, "Bijlage 2. Kerncijfers", "Heading 1")
    cells = [
        "{{ k.naam }}",
        "{{ k.waarde|getal }} {{ k.eenheid }}",
        "{{ k.peildatum|datum if k.peildatum else '' }}",
        "{{ k.bron }}",
    ]
    loop_table(d, ["Kerncijfer", "Waarde", "Peildatum", "Bron"], "k in kerncijfers", cells, [6.0, 3.0, 3.0, 4.0])
    para(d, "{%p endif %}")
    para(d, "{%p if begrippen %}")
    para(d, "Bijlage 3. Begrippen", "Heading 1")
    loop_table(d, ["Begrip", "Uitleg"], "b in begrippen", ["{{ b.term }}", "{{ b.uitleg }}"], [4.0, 12.0])
    para(d, "{%p endif %}")
