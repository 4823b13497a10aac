"""The default evaluatie template, written with python-docx in the house style: results, traffic lights, follow-up."""

from __future__ import annotations

from afsprakengen.word.builders import (
    AFTER_TABLE,
    Document,
    centred,
    compose,
    contents_page,
    optional_text,
    para,
    space_before,
    title_page,
)
from afsprakengen.word.tables import add_row, align_right, loop_rows, new_table, small, total_row

VALUE = (
    "{{% if {v} %}}{{% if {v}.richting %}}{{{{ {v}.richting }}}} {{% endif %}}{{{{ {v}.waarde|getal }}}}"
    "{{% if {v}.eenheid %}} {{{{ {v}.eenheid }}}}{{% endif %}}{{% else %}}–{{% endif %}}"
)
"""A target or realised value with its unit, or a dash."""
COUNT_COLUMNS = (5, 6, 4, 3)
"""The numbers of status columns the counts per theme can have, the standard ones first."""
COLOURS_EXPLAINED = (
    "{% if standaard_stoplicht %}Elke status heeft een eigen kleur, die ook bij kleurenblindheid te onderscheiden "
    "is: groen is gerealiseerd, "
    "oranje deels gerealiseerd, lichtblauw vertraagd, rood niet gerealiseerd en grijs vervallen. De status staat "
    "er altijd ook in woorden bij. Een afspraak zonder evaluatie staat er als {{ 'niet geëvalueerd'|aanhalen }}, "
    "zonder kleur.{% else %}Het stoplicht van deze evaluatie heeft {{ niveaus|length }} niveaus, elk met een eigen "
    "kleur: {{ niveaus|opsomming }}. De status staat er altijd ook in woorden bij. Een afspraak zonder evaluatie "
    "staat er als {{ 'niet geëvalueerd'|aanhalen }}, zonder kleur.{% endif %}"
)
"""The colours in words: the standard ones by name; a dossier's own scale by its labels."""


CONCEPT = "CONCEPT – deze evaluatie is nog in bespreking en nog niet door partijen vastgesteld."
FOOTER = (
    "{% if versie %}Versie {{ versie }} · {% endif %}{{ status }}"
    "{% if vastgesteld %}, vastgesteld op {{ vastgesteld.datum|datum }}{% else %} · {{ datum|datum }}{% endif %}"
)
"""The footer: the version only when the evaluation has one, the status, and when it was adopted (or its date)."""


def build_template() -> Document:
    """The template document (python-docx), ready to be saved."""
    return compose(
        "{{ titel }} · {{ regio or 'gemeente ' ~ gemeente }}",
        _title_page,
        contents_page,
        _summary,
        _overview,
        _themes,
        _conclusions,
        _key_figure_trends,
        footer=FOOTER,
    )


def _title_page(d: Document) -> None:
    with title_page(d, "{{ regio or 'Gemeente ' ~ gemeente }}", concept=CONCEPT):
        para(
            d,
            "De gezamenlijke evaluatie van de prestatieafspraken voor {{ jaar }}: per afspraak wat er is bereikt, "
            "waarom, en hoe het verder gaat. De uitkomsten zijn input voor de afspraken voor {{ volgend_jaar }}.",
        )
        para(
            d,
            "{% if versie %}Versie {{ versie }} · status{% else %}Status{% endif %}: {{ status }} · {{ datum|datum }}",
            "Tussenkop",
        )
        _adopted(d)


def _adopted(d: Document) -> None:
    """On the title page: who adopted the evaluation and when, if it says so."""
    para(d, "{%p if vastgesteld %}")
    para(d, "Vastgesteld door {{ vastgesteld.door }} op {{ vastgesteld.datum|datum }}.")
    para(d, "{%p endif %}")


def _summary(d: Document) -> None:
    para(d, "1. Samenvatting", "Heading 1")
    optional_text(
        d,
        "samenvatting",
        otherwise="Partijen hebben bij deze evaluatie geen samenvatting vastgelegd; zie de resultaten hieronder.",
    )
    para(d, "{%p if niet_geevalueerd %}")
    para(
        d,
        "Niet geëvalueerd: {{ niet_geevalueerd|length }} van de {{ totaal.aantal }} afspraken voor {{ jaar }} "
        "({{ niet_geevalueerd|opsomming }}). Zij staan in de tabellen als {{ 'niet geëvalueerd'|aanhalen }}.",
        "Tussenkop",
    )
    para(d, "{%p endif %}")


def _overview(d: Document) -> None:
    para(d, "2. Resultaten in één oogopslag", "Heading 1")
    para(d, "{{ beste_niveau }}: {{ totaal.per_status[0] }} van de {{ totaal.aantal }} afspraken voor {{ jaar }}.")
    para(d, COLOURS_EXPLAINED)
    para(d, "2.1 Per status", "Heading 2")
    table = new_table(d, ["Status", "Aantal", "Aandeel"], [6.0, 3.0, 3.0])
    cells = ["{% cellbg s.kleur %}{{ s.status }}", "{{ s.aantal }}", "{{ s.aandeel|procent }}"]
    loop_rows(table, "s in statussen", cells, empty_runs=True)
    total_row(table, ["Totaal", "{{ totaal.aantal }}", "100%"])
    para(d, "2.2 Per thema", "Heading 2")
    # One table per number of columns (3 to 5 levels, and 'niet geëvalueerd' only when some agreement has no
    # evaluation): narrow columns break words.
    shown = "(kolommen|length - (0 if niet_geevalueerd else 1))"
    for n in COUNT_COLUMNS:
        para(d, f"{{%p {'if' if n == COUNT_COLUMNS[0] else 'elif'} {shown} == {n} %}}")
        _counts_table(d, n, [3.0, 1.5] + [1.9] * 6 if n == 6 else [3.5, 1.5] + [11.0 / n] * n)
    para(d, "{%p endif %}")
    chart = centred(para(d, "{{ grafiek }}", "Normal"))
    chart.paragraph_format.keep_with_next = True
    para(
        d,
        "Figuur 1. Het aantal afspraken per thema, gekleurd naar status zoals in de legenda. "
        "Het getal in elk deel van een balk is het aantal afspraken met die status.",
        "Kleine tekst",
    )
    _investments(d)
    _activities(d)


def _activities(d: Document) -> None:
    """Section 2.4, when the evaluation has realised numbers per activity: planned (bod J) against realised."""
    para(d, "{%p if activiteiten %}")
    para(d, "2.4 Activiteiten van de corporaties", "Heading 2")
    intro = "Per activiteit uit de bods voor {{ jaar }} het aantal dat voor dat jaar gepland was, "
    para(d, intro + "en wat er volgens deze evaluatie werkelijk gerealiseerd is.")
    header = ["Corporatie", "Activiteit", "Gepland (bod {{ jaar }})", "Gerealiseerd", "Verschil"]
    table = new_table(d, header, [3.4, 5.6, 3.0, 3.0, 2.0])
    fields = ("corporatie", "code }} {{ a.titel", "gepland", "gerealiseerd", "verschil")
    loop_rows(table, "a in activiteiten", [f"{{{{ a.{f} }}}}" for f in fields], empty_runs=True)
    align_right(table, range(2, 5))
    small(table)
    _row_notes(d, "a in activiteiten", "{{ a.code }} {{ a.titel }}", "a.toelichting")


def _row_notes(d: Document, loop: str, title: str, field: str) -> None:
    """After a table: each row's explanation under its own small heading, then the section's endif."""
    para(d, f"{{%p for {loop} %}}")
    para(d, f"{{%p if {field} %}}")
    space_before(para(d, title, "Tussenkop"), AFTER_TABLE)
    para(d, f"{{{{p {field} }}}}")
    para(d, "{%p endif %}")
    para(d, "{%p endfor %}")
    para(d, "{%p endif %}")


def _investments(d: Document) -> None:
    """Section 2.3, when the evaluation has realised investments: per corporation planned (bod) against realised."""
    para(d, "{%p if investeringen %}")
    para(d, "2.3 Investeringen", "Heading 2")
    para(
        d,
        "Per corporatie de investeringen die zij in haar bod voor {{ jaar }} voor dat jaar plande, "
        "en wat zij volgens deze evaluatie werkelijk investeerde.",
    )
    header = ["Corporatie", "Gepland (bod {{ jaar }})", "Gerealiseerd", "Verschil", "Verschil in %"]
    table = new_table(d, header, [4.6, 3.3, 3.3, 3.3, 2.5])
    cells = [
        "{{ i.corporatie }}",
        "{{ i.gepland }}",
        "{{ i.gerealiseerd }}",
        "{{ i.verschil }}",
        "{{ i.verschil_procent }}",
    ]
    loop_rows(table, "i in investeringen", cells, empty_runs=True)
    add_row(table, ["{%tr if investeringen_totaal %}", "", "", "", ""])
    fields = ("corporatie", "gepland", "gerealiseerd", "verschil", "verschil_procent")
    total_row(table, [f"{{{{ investeringen_totaal.{f} }}}}" for f in fields], right=True)
    add_row(table, ["{%tr endif %}", "", "", "", ""])
    align_right(table, range(1, 5))
    small(table)
    _row_notes(d, "i in investeringen", "{{ i.corporatie }}", "i.toelichting")


def _counts_table(d: Document, columns: int, widths: list[float]) -> None:
    """Per theme and in total: the number of agreements and the count per status (the first `columns`)."""
    table = new_table(d, ["Thema", "Aantal", *(f"{{{{ kolommen[{i}] }}}}" for i in range(columns))], widths)
    counts = [f"{{{{ r.per_status[{i}] or '–' }}}}" for i in range(columns)]
    loop_rows(table, "r in per_thema", ["{{ r.naam }}", "{{ r.aantal }}", *counts], empty_runs=True)
    totals = [f"{{{{ totaal.per_status[{i}] or '–' }}}}" for i in range(columns)]
    total_row(table, ["{{ totaal.naam }}", "{{ totaal.aantal }}", *totals])
    small(table)


def _themes(d: Document) -> None:
    para(d, "{%p for t in themas %}")
    para(d, "{{ loop.index + 2 }}. {{ t.naam }}", "Heading 1")
    header = ["Code", "Afspraak", "Streefwaarde", "Realisatie", "Tegen doel", "Status", "Vervolg"]
    table = new_table(d, header, [1.85, 2.9, 2.65, 2.65, 1.35, 2.4, 2.2])
    cells = [
        "{{ a.code }}",
        "{{ a.titel }}",
        VALUE.format(v="a.streefwaarde"),
        VALUE.format(v="a.realisatie"),
        "{{ a.afgezet }}",
        "{% cellbg a.kleur %}{{ a.status }}",
        "{{ a.vervolg or '–' }}",
    ]
    loop_rows(table, "a in t.afspraken", cells, empty_runs=True)
    small(table)
    _comparisons(d)
    _explanations(d)
    para(d, "{%p endfor %}")


def _comparisons(d: Document) -> None:
    """Below a theme's table: per unit a chart of target against realised, its numbers those of the table."""
    para(d, "{%p for g in t.vergelijkingen %}")
    chart = space_before(centred(para(d, "{{ g.grafiek }}", "Normal")), AFTER_TABLE)
    chart.paragraph_format.keep_with_next = True
    para(
        d,
        "Figuur {{ g.nummer }}. {{ t.naam }}: afgesproken en gerealiseerd per afspraak, in {{ g.eenheid }}. "
        "De getallen staan ook in de tabel hierboven."
        "{% if g.met_maximum %} Bij een afspraak met {{ 'ten hoogste'|aanhalen }} is een kortere balk voor "
        "gerealiseerd beter.{% endif %}",
        "Kleine tekst",
    )
    para(d, "{%p endfor %}")


def _explanations(d: Document) -> None:
    """Below a theme's table: per agreement the explanation and the follow-up."""
    para(d, "{%p for a in t.afspraken %}")
    para(d, "{{ a.code }} {{ a.titel }}", "Afspraakkop 2")
    para(d, "{%p if a.geevalueerd %}")
    para(d, "Status: {{ a.status }}", "Tussenkop")
    optional_text(d, "a.toelichting")
    para(
        d,
        "Vervolg: {{ a.vervolg }}{% if a.vervolg_afspraken %}, in {{ volgend_jaar }} als "
        "{{ a.vervolg_afspraken|opsomming }}{% endif %}",
        "Tussenkop",
    )
    optional_text(d, "a.vervolg_toelichting")
    para(d, "{%p else %}")
    para(d, "Status: niet geëvalueerd", "Tussenkop")
    para(d, "De evaluatie van {{ jaar }} zegt niets over deze afspraak: de realisatie en het vervolg zijn onbekend.")
    para(d, "{%p endif %}")
    para(d, "{%p endfor %}")


def _conclusions(d: Document) -> None:
    para(d, "{{ themas|length + 3 }}. Conclusies", "Heading 1")
    optional_text(d, "conclusies", otherwise="Partijen hebben bij deze evaluatie geen conclusies vastgelegd.")
    para(d, "{{ themas|length + 4 }}. Input voor de afspraken van {{ volgend_jaar }}", "Heading 1")
    para(d, "{%p if input_volgende_cyclus %}")
    para(d, "Partijen nemen de volgende punten mee in de prestatieafspraken voor {{ volgend_jaar }}:")
    para(d, "{{p input_volgende_cyclus }}")
    para(d, "{%p else %}")
    para(d, "Partijen hebben geen punten voor de afspraken van {{ volgend_jaar }} vastgelegd.")
    para(d, "{%p endif %}")


def _key_figure_trends(d: Document) -> None:
    """Per corporation a table of its key figures, a column per year's bod (a `{%tc %}` loop over the years)."""
    para(d, "{%p if kerncijfers_trend %}")
    para(d, "{{ themas|length + 5 }}. Kerncijfers door de jaren", "Heading 1")
    para(
        d,
        "De kerncijfers die de corporaties in hun biedingen gaven, per bod naast elkaar. Een bod voor een jaar geeft "
        "de cijfers die de corporatie toen kende, meestal van 1 januari of 31 december van het jaar ervoor; een – "
        "betekent dat dat bod het cijfer niet gaf.",
    )
    para(d, "{%p for c in kerncijfers_trend %}")
    space_before(para(d, "{{ c.corporatie }}", "Tussenkop"), AFTER_TABLE)
    header = ["Kerncijfer", "{%tc for j in c.jaren %}", "Bod {{ j }}", "{%tc endfor %}"]
    # The whole text width: the build shares it by the rendered texts (word/fit.py), the names get the most.
    table = new_table(d, header, [7.0, 0.1, 8.8, 0.1])
    cells = ["{{ r.naam }}", "{%tc for w in r.waarden %}", "{{ w }}", "{%tc endfor %}"]
    loop_rows(table, "r in c.rijen", cells, empty_runs=True)
    align_right(table, [2])
    small(table)
    para(d, "{%p endfor %}")
    para(d, "{%p endif %}")
