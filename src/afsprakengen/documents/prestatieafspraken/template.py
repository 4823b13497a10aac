"""The default prestatieafspraken template, written with python-docx: a professional Dutch policy document."""

from __future__ import annotations

from afsprakengen.documents.woonvisie_uittreksel.template import goal_overview
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
from afsprakengen.word.tables import keep_rows_together, key_value_table, loop_table

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
    para(d, "{%p if compact %}")
    _compact_theme(d)
    para(d, "{%p else %}")
    para(d, "{%p for a in t.afspraken %}")
    para(d, "{{ a.code }} {{ a.titel }}", "Afspraakkop")
    para(d, "{{p a.tekst }}")
    _card(d)
    para(d, "{%p endfor %}")
    para(d, "{%p endif %}")
    para(d, "{%p endfor %}")


TARGET = "{{ a.indicator.streefwaarde_tekst if a.indicator and a.indicator.streefwaarde_tekst else '–' }}"


def _card(d: Document) -> None:
    """The facts of one agreement as a table that stays on one page; an empty indicator row is left out."""
    rows = [
        ("Soort", "{{ a.soort }}"),
        ("Trekker", "{{ a.trekker or '–' }}"),
        ("Betrokken", "{{ a.betrokken|opsomming or '–' }}"),
        ("Termijn", "{{ a.termijn|termijn or '–' }}"),
        ("{%tr if a.indicator %}", ""),
        (
            "Indicator",
            "{{ a.indicator.naam }}{% if a.indicator.bron %} (bron: {{ a.indicator.bron }}){% endif %}",
        ),
        ("{%tr if a.indicator.streefwaarde_tekst %}", ""),
        ("Streefwaarde {{ jaar }}", "{{ a.indicator.streefwaarde_tekst }}"),
        ("{%tr endif %}", ""),
        ("{%tr endif %}", ""),
        (
            "Draagt bij aan",
            "{% for g in a.doelen %}{{ g.code }} {{ g.titel }}{% if not loop.last %}; {% endif %}{% endfor %}",
        ),
    ]
    keep_rows_together(key_value_table(d, rows, [3.6, 12.4]))


def _compact_theme(d: Document) -> None:
    """One row per agreement of the theme, then the full text of each agreement below the table."""
    header = ["Code", "Afspraak", "Trekker", "Termijn", "Streefwaarde {{ jaar }}"]
    cells = ["{{ a.code }}", "{{ a.titel }}", "{{ a.trekker or '–' }}", "{{ a.termijn|termijn or '–' }}", TARGET]
    loop_table(d, header, "a in t.afspraken", cells, [2.0, 5.6, 3.2, 2.4, 2.8])
    para(d, "")
    para(d, "{%p for a in t.afspraken %}")
    para(d, "{{ a.code }} {{ a.titel }}", "Afspraakkop")
    para(d, "{{p a.tekst }}")
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
    loop_table(d, header, "r in doorkijk", cells, [2.2, 5.0, 2.4, 1.6, 1.6, 1.6, 1.6])


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
    heading_on_new_page(d, "{{ bijlagen.overzicht }}. Van woonvisie naar concrete afspraken")
    para(
        d,
        "Per thema en doel uit de woonvisie: de activiteiten uit de biedingen van de corporaties (per corporatie) "
        "en de afspraken voor {{ jaar }} die eraan bijdragen.",
    )
    goal_overview(d, "t in overzicht")
    para(d, "{%p if kerncijfers %}")
    para(d, "{{ bijlagen.kerncijfers }}. Kerncijfers", "Heading 1")
    cells = [
        "{{ k.naam }}",
        "{{ k.waarde|getal }} {{ k.eenheid }}",
        "{{ k.peildatum|datum if k.peildatum else '' }}",
        "{{ k.bron }}",
    ]
    loop_table(d, ["Kerncijfer", "Waarde", "Peildatum", "Bron"], "k in kerncijfers", cells, [6.0, 3.0, 3.0, 4.0])
    para(d, "{%p endif %}")
    para(d, "{%p if begrippen %}")
    para(d, "{{ bijlagen.begrippen }}. Begrippen en afkortingen", "Heading 1")
    loop_table(d, ["Begrip", "Uitleg"], "b in begrippen", ["{{ b.term }}", "{{p b.uitleg }}"], [4.0, 12.0])
    para(d, "{%p endif %}")
