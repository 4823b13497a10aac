"""The default prestatieafspraken template, written with python-docx: a professional Dutch policy document."""

from __future__ import annotations

from afsprakengen.documents.woonvisie_uittreksel.template import goal_overview
from afsprakengen.word.builders import (
    Document,
    compose,
    contents_page,
    heading_on_new_page,
    keep_together,
    label_lines,
    optional_text,
    para,
    space_before,
    title_page,
)
from afsprakengen.word.tables import (
    add_row,
    align_right,
    cant_split,
    lead_in,
    loop_table,
    new_table,
    small,
    total_row,
)

STANDARD_MONITORING = (
    "Partijen bespreken de voortgang van deze afspraken ten minste twee keer per jaar in het tripartiete overleg. "
    "De corporaties leggen uiterlijk {{ verantwoording_voor|datum }} verantwoording af over {{ jaar }}; uiterlijk "
    "{{ evaluatie_voor|datum }} evalueren partijen de afspraken gezamenlijk. De uitkomsten zijn input voor de "
    "afspraken voor {{ jaar + 2 }}."
)
STANDARD_PROVISO = (
    "Investeringen van de corporaties zijn onder voorbehoud van goedkeuring door hun raad van commissarissen. "
    "Afspraken die budget van {{ 'de gemeenten' if regio else 'de gemeente' }} vragen, zijn onder voorbehoud van de "
    "vaststelling van de begroting {{ jaar }} door {{ 'de gemeenteraden' if regio else 'de gemeenteraad' }}."
)
"""Shown only when the agreements state no provisos of their own (and the dossier does not switch it off)."""


def build_template() -> Document:
    """The template document (python-docx), ready to be saved."""
    return compose(
        "{{ titel }} · {{ regio or 'gemeente ' ~ gemeente }}",
        _title_page,
        contents_page,
        _signing_parties_and_recitals,
        _introduction_and_parties,
        _agreements,
        _reciprocity_and_outlook,
        _monitoring_provisos,
        _closing_articles,
        _signatures,
        _annexes,
    )


CONCEPT = "CONCEPT – dit is een onderhandelingsversie; deze tekst is nog niet vastgesteld door partijen."


def _title_page(d: Document) -> None:
    with title_page(d, "{{ regio or 'Gemeente ' ~ gemeente }}", concept=CONCEPT):
        para(
            d,
            "Prestatieafspraken voor {{ jaar }} met een doorkijk naar {{ doorkijk_jaren[0] }}–"
            "{{ doorkijk_jaren[2] }}, tussen:",
        )
        para(d, "{%p for p in partijen %}")
        para(d, "{{ p.naam }}", "List Bullet")
        para(d, "{%p endfor %}")
        para(d, "Versie {{ versie }} · status: {{ status }} · {{ datum|datum }}", "Tussenkop")
        para(d, "{%p if logos %}")
        para(d, "{% for l in logos %}{{ l }}{% if not loop.last %}\u2003\u2003{% endif %}{% endfor %}")
        para(d, "{%p endif %}")


def _signing_parties_and_recitals(d: Document) -> None:
    """The comparitie ('De ondergetekenden: ...') and the recitals ('Overwegende dat'), as a contract opens."""
    para(d, "{%p if comparitie or ondergetekenden %}")
    para(d, "Ondergetekenden", "Heading 1")
    optional_text(d, "comparitie", otherwise="De ondergetekenden:")
    para(d, "{%p if not comparitie %}")
    para(d, "{%p for o in ondergetekenden %}")
    para(
        d,
        "{{ loop.index }}. {{ o.naam }}, vertegenwoordigd door {{ o.vertegenwoordigd_door or '………………………………' }}"
        "{% if o.besluit %}, handelend ter uitvoering van het besluit van {{ o.besluit.orgaan }} van "
        "{{ o.besluit.datum|datum }}{% if o.besluit.kenmerk %} (kenmerk {{ o.besluit.kenmerk }}){% endif %}"
        "{% endif %}, hierna te noemen: {{ o.hierna|aanhalen }}{{ ',' if loop.last else ';' }}",
    )
    para(d, "{%p endfor %}")
    para(d, "hierna gezamenlijk te noemen: partijen,")
    para(d, "{%p endif %}")
    para(d, "{%p endif %}")
    para(d, "{%p if overwegingen %}")
    para(d, "Overwegende dat", "Heading 1")
    para(d, "{{p overwegingen }}")
    para(d, "{%p endif %}")
    para(d, "{%p if comparitie or ondergetekenden or overwegingen %}")
    para(d, "komen het volgende overeen:", "Tussenkop")
    para(d, "{%p endif %}")


def _introduction_and_parties(d: Document) -> None:
    para(d, "1. Inleiding", "Heading 1")
    para(d, "{{p inleiding }}")
    para(d, "2. Partijen en hun rol", "Heading 1")
    _parties_with_roles(d, "partijen")
    para(d, "{%p if betrokkenen %}")
    para(d, "Bij de uitvoering zijn ook betrokken, zonder deze afspraken te ondertekenen:")
    _parties_with_roles(d, "betrokkenen")
    para(d, "{%p endif %}")
    para(d, "3. Grondslag", "Heading 1")
    optional_text(d, "grondslag")
    para(d, "Deze afspraken dragen bij aan de volgende doelen uit {{ beleid.lidwoord }} {{ woonvisie }}:")
    loop_table(
        d,
        ["Code", "Doel uit {{ beleid.met_lidwoord }}", "Thema"],
        "d in doelen",
        ["{{ d.code }}", "{{ d.titel }}", "{{ d.thema }}"],
        [2.2, 9.5, 4.3],
    )


def _agreements(d: Document) -> None:
    para(d, "4. Afspraken per thema", "Heading 1")
    para(d, "{%p for t in themas %}")
    para(d, "4.{{ loop.index }} {{ t.naam }}", "Heading 2")
    optional_text(d, "t.omschrijving")
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
    """The facts of one agreement as a boxed card of label lines on one page; an empty indicator line is left out."""
    rows = [
        ("Soort", "{{ a.soort }}"),
        ("{%p if a.gemeenten %}", ""),
        ("Geldt voor", "{{ a.gemeenten }}"),
        ("{%p endif %}", ""),
        ("Trekker", "{{ a.trekker or '–' }}"),
        ("Betrokken", "{{ a.betrokken|opsomming or '–' }}"),
        ("Termijn", "{{ a.termijn|termijn or '–' }}"),
        ("{%p if a.indicator %}", ""),
        (
            "Indicator",
            "{{ a.indicator.naam }}{% if a.indicator.bron %} (bron: {{ a.indicator.bron }}){% endif %}",
        ),
        ("{%p if a.indicator.streefwaarde_tekst %}", ""),
        ("Streefwaarde {{ jaar }}", "{{ a.indicator.streefwaarde_tekst }}"),
        ("{%p endif %}", ""),
        ("{%p endif %}", ""),
        (
            "Draagt bij aan",
            "{% for g in a.doelen %}{{ g.code }} {{ g.titel }}{% if not loop.last %}; {% endif %}{% endfor %}",
        ),
    ]
    label_lines(d, rows, 3.6)


def _compact_theme(d: Document) -> None:
    """One row per agreement of the theme, then the full text of each agreement below the table."""
    header = ["Code", "Afspraak", "Trekker", "Termijn", "Streefwaarde {{ jaar }}"]
    cells = ["{{ a.code }}", "{{ a.titel }}", "{{ a.trekker or '–' }}", "{{ a.termijn|termijn or '–' }}", TARGET]
    loop_table(d, header, "a in t.afspraken", cells, [2.0, 5.6, 3.2, 2.4, 2.8])
    para(d, "{%p for a in t.afspraken %}")
    para(d, "{{ a.code }} {{ a.titel }}", "Afspraakkop")
    para(d, "{{p a.tekst }}")
    para(d, "{%p if a.gemeenten %}")
    para(d, "Deze afspraak geldt alleen voor {{ a.gemeenten }}.")
    para(d, "{%p endif %}")
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
    para(d, "{%p if voorbehouden %}")
    para(d, "{{p voorbehouden }}")
    para(d, "{%p elif standaard_voorbehouden %}")
    para(d, STANDARD_PROVISO)
    para(d, "{%p else %}")
    para(d, "Partijen maken bij deze afspraken geen voorbehouden.")
    para(d, "{%p endif %}")
    para(d, "9. Wat niet is afgesproken", "Heading 1")
    para(d, "{%p for n in niet_afgesproken %}")
    para(d, "{{ n.onderwerp }}", "Tussenkop")
    optional_text(d, "n.toelichting")
    para(d, "{%p else %}")
    para(d, "Partijen hebben geen onderwerpen bewust buiten deze afspraken gelaten.")
    para(d, "{%p endfor %}")


def _closing_articles(d: Document) -> None:
    """Term and changes, special circumstances, successors and disputes: what a signed agreement closes with."""
    para(d, "{%p if slotbepalingen %}")
    para(d, "10. Slotbepalingen", "Heading 1")
    para(d, "{%p for s in slotbepalingen %}")
    para(d, "10.{{ loop.index }} {{ s.titel }}", "Heading 2")
    para(d, "{{p s.tekst }}")
    para(d, "{%p endfor %}")
    para(d, "{%p endif %}")


def _signatures(d: Document) -> None:
    """A signature block per signatory, one under the other (a reading order, no layout table), none split."""
    heading = heading_on_new_page(d, "{{ 11 if slotbepalingen else 10 }}. Ondertekening")
    keep_together([heading, para(d, "Aldus overeengekomen en ondertekend,")])
    para(d, "{%p for r in tekenrijen %}")
    _signature_block(d, "r.links")
    para(d, "{%p if r.rechts %}")
    _signature_block(d, "r.rechts")
    para(d, "{%p endif %}")
    para(d, "{%p endfor %}")


def _signature_block(d: Document, who: str) -> None:
    """The paragraphs of one signatory's block: party, name, function, place, date and the line to sign on."""
    lines = [
        para(d, f"Namens {{{{ {who}.partij }}}}", "Tussenkop"),
        para(d, f"{{{{ {who}.naam }}}}"),
        para(d, f"{{{{ {who}.functie }}}}"),
        para(d, "Plaats: ……………………………………"),
        para(d, "Datum: ……………………………………"),
        para(d, "……………………………………………………"),
        para(d, "(handtekening)", "Kleine tekst"),
    ]
    space_before(lines[0], 14)
    space_before(lines[-2], 30)  # room to sign
    keep_together(lines)


def _annexes(d: Document) -> None:
    heading_on_new_page(d, "{{ bijlagen.overzicht }}. Van {{ beleid.naam }} naar concrete afspraken")
    para(
        d,
        "Per thema en doel uit {{ beleid.met_lidwoord }}: de activiteiten uit de biedingen van de corporaties "
        "(per corporatie) en de afspraken voor {{ jaar }} die eraan bijdragen.",
    )
    goal_overview(d, "t in overzicht")
    _kaders_annex(d)
    para(d, "{%p if kerncijfers %}")
    para(d, "{{ bijlagen.kerncijfers }}. Kerncijfers", "Heading 1")
    cells = [
        "{{ k.naam }}",
        "{{ k.tekst }}",
        "{{ k.peildatum|datum|vast if k.peildatum else '' }}",
        "{{ k.bron }}",
    ]
    loop_table(d, ["Kerncijfer", "Waarde", "Peildatum", "Bron"], "k in kerncijfers", cells, [6.0, 3.0, 3.0, 4.0])
    para(d, "{%p endif %}")
    para(d, "{%p if begrippen %}")
    para(d, "{{ bijlagen.begrippen }}. Begrippen en afkortingen", "Heading 1")
    loop_table(d, ["Begrip", "Uitleg"], "b in begrippen", ["{{ b.term }}", "{{p b.uitleg }}"], [4.0, 12.0])
    para(d, "{%p endif %}")


KADER_COLUMNS = ["Kaderregel", "Omschrijving (eenheid)", "Periode", "Doel kader", "Afspraken", "Som lokaal", "Jaren"]
KADER_CELLS = [
    "{{ r.code }}",
    "{{ r.omschrijving }} ({{ r.eenheid }})",
    "{{ r.periode|vast }}",
    "{{ r.streefwaarde|getal }}",
    "{{ r.afspraken|join(', ') or '–' }}",
    "{{ r.som|getal if r.som is not none else '–' }}",
    "{{ r.jaren|vast or '–' }}",
]
KADER_WIDTHS = [3.1, 3.9, 1.8, 1.8, 2.0, 1.7, 1.7]
"""The kader lines in a small size: room for the reference and the text; the numbers fit (fitted at build)."""


def _kaders_annex(d: Document) -> None:
    """Per kader a table of its lines: the target against the sum of the local targets, then why a value is left out."""
    para(d, "{%p if kaders %}")
    para(d, "{{ bijlagen.kaders }}. Bijdrage aan landelijke en regionale kaders", "Heading 1")
    para(
        d,
        "Per regel van een landelijk of regionaal kader: de afspraken voor {{ jaar }} die eraan bijdragen en de som "
        "van hun streefwaarden, naast de streefwaarde van het kader. De som telt de streefwaarde voor {{ jaar }} en "
        "de doorkijk voor de jaren binnen de periode van de kaderregel; alleen getallen in de eenheid van de "
        "kaderregel tellen mee.",
    )
    para(d, "{%p for k in kaders %}")
    para(d, "{{ k.bron }} ({{ k.soort }})", "Heading 2")
    para(d, "{%p if k.url %}")
    para(d, "Bron: {{ k.url }}")
    para(d, "{%p endif %}")
    table = loop_table(d, KADER_COLUMNS, "r in k.regels", KADER_CELLS, KADER_WIDTHS)
    small(table)
    align_right(table, [3, 5])
    para(d, "{%p for r in k.regels %}")
    para(d, "{%p for n in r.noten %}")
    para(d, "{{ r.code }}: {{ n }}", "List Bullet")
    para(d, "{%p endfor %}")
    para(d, "{%p endfor %}")
    para(d, "{%p endfor %}")
    para(d, "{%p endif %}")


def _parties_with_roles(d: Document, field: str) -> None:
    """Each party of a list with its kind and, when it has one, its role."""
    para(d, f"{{%p for p in {field} %}}")
    para(d, "{{ p.naam }} ({{ p.soort|lower }})", "Tussenkop")
    optional_text(d, "p.rol")
    para(d, "{%p endfor %}")
