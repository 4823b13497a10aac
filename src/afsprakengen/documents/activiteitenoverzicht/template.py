"""The default activiteitenoverzicht template, written with python-docx: the bod a corporation sends to the gemeente."""

from __future__ import annotations

from afsprakengen.word.builders import (
    AFTER_TABLE,
    Document,
    compose,
    contents_page,
    optional_text,
    para,
    space_before,
    title_page,
)
from afsprakengen.word.tables import (
    Cell,
    add_row,
    align_right,
    keep_rows_together,
    loop_rows,
    loop_table,
    more_lines,
    new_table,
    small,
    total_row,
)

YEARS = range(5)
"""Year columns J .. J+4; the context gives every row's values as a tuple of five."""
ABOUT = (
    "Woningcorporaties sturen elk jaar vóór 1 juli een overzicht van de activiteiten die zij het volgende jaar "
    "willen uitvoeren aan de gemeente en de huurdersorganisaties. Dit overzicht is de inbreng van "
    "{{ corporatie }} voor de prestatieafspraken {{ jaar }} met {{ gemeenten or 'gemeente ' ~ gemeente }}. "
    "Per thema staan de "
    "activiteiten met de aantallen per jaar, de doelen uit {{ beleid.met_lidwoord }} die zij dienen en de geplande "
    "investeringen. De aantallen en bedragen voor {{ jaren[1] }}–{{ jaren[4] }} zijn een doorkijk en indicatief; "
    "een – betekent dat voor dat jaar niets is opgegeven. De kolom Investering is het totaal van de jaren "
    "{{ periode }}; de investeringen per jaar staan in hoofdstuk {{ hoofdstukken.investeringen }}."
)
PROVISO = (
    "Alle bedragen zijn in euro's, voor de jaren {{ jaren[0] }} tot en met {{ jaren[4] }}. De investeringen zijn "
    "onder voorbehoud van goedkeuring door de raad van commissarissen en van de benodigde vergunningen."
)
ACTIVITY_WIDTHS = [5.3, 2.1, 1.2, 1.2, 1.2, 1.2, 1.2, 2.6]
THEME_TOTAL_WIDTHS = [6.4, 3.2, 3.2, 3.2]
YEAR_TOTAL_WIDTHS = [6.4, 3.2]
SHADE = "DEEAF6"
"""The light blue of a closing row of totals."""
CONCEPT = "CONCEPT – dit overzicht is nog niet vastgesteld en is niet ingediend als bod."
FOOTER = (
    "{% if versie %}Versie {{ versie }} · {% endif %}{{ status }} · "
    "{% if ingediend %}ingediend op {{ ingediend|datum }}{% else %}nog niet ingediend{% endif %}"
)
"""The bod's own version if it has one, its status and its submission; never a version the bod does not give."""
STOCK_WIDTHS = [5.2, 2.16, 2.16, 2.16, 2.16, 2.16]


def build_template() -> Document:
    """The template document (python-docx), ready to be saved."""
    return compose(
        "{{ titel }} · {{ corporatie }} · {{ gemeenten or 'gemeente ' ~ gemeente }}",
        _title_page,
        contents_page,
        _introduction,
        _themes,
        _investments,
        _stock,
        _rent_policy,
        _key_figures,
        _reactions,
        footer=FOOTER,
    )


def _title_page(d: Document) -> None:
    with title_page(d, "{{ corporatie }}", "aan {{ gemeenten or 'gemeente ' ~ gemeente }}", concept=CONCEPT):
        para(
            d,
            "Het bod van {{ corporatie }} voor de prestatieafspraken {{ jaar }}"
            "{% if doorkijk %}, met een doorkijk naar {{ doorkijk }}{% endif %}.",
        )
        para(d, "{%p if ingediend %}")
        para(d, "Ingediend op {{ ingediend|datum }} · status: {{ status }}", "Tussenkop")
        para(d, "{%p else %}")
        para(d, "Nog niet ingediend (uiterlijk {{ termijn|datum }}) · status: {{ status }}", "Tussenkop")
        para(d, "{%p endif %}")


def _introduction(d: Document) -> None:
    para(d, "1. Inleiding", "Heading 1")
    optional_text(d, "inleiding")
    para(d, "Over dit overzicht", "Tussenkop")
    para(d, ABOUT)
    para(d, "Doelen uit {{ beleid.met_lidwoord }}", "Tussenkop")
    para(d, "De activiteiten dragen bij aan de volgende doelen uit {{ beleid.lidwoord }} {{ woonvisie }}:")
    cells = ["{{ g.code }}", "{{ g.titel }}", "{{ g.thema }}"]
    loop_table(d, ["Code", "Doel uit {{ beleid.met_lidwoord }}", "Thema"], "g in doelen", cells, [2.5, 9.2, 4.3])


def _themes(d: Document) -> None:
    para(d, "{%p for t in themas %}")
    para(d, "{{ t.nummer }}. {{ t.naam }}", "Heading 1")
    _activities_table(d)
    para(d, "{%p for a in t.activiteiten %}")
    para(d, "{%p if a.omschrijving %}")
    para(d, "{{ a.code }} {{ a.titel }}", "Afspraakkop 2")
    para(d, "{{p a.omschrijving }}")
    para(d, "{%p endif %}")
    para(d, "{%p endfor %}")
    para(d, "{%p endfor %}")


def _activities_table(d: Document) -> None:
    header = ["Activiteit", "Doelen", *(f"{{{{ jaren[{i}] }}}}" for i in YEARS), "Investering"]
    cells = ["", "{%p for g in a.doelen %}"]
    cells += [f"{{{{ a.aantallen[{i}]|getal if a.aantallen[{i}] is not none else '–' }}}}" for i in YEARS]
    cells += ["{{ a.investering|euro if a.investering is not none else '–' }}"]
    grid = loop_table(d, header, "a in t.activiteiten", cells, ACTIVITY_WIDTHS)
    _activity_cell(grid.rows[2].cells[0])
    more_lines(grid.rows[2].cells[1], ["{{ g }}", "{%p endfor %}"])
    align_right(grid, range(2, 8))
    total = "{{ t.investeringen.totaal|euro if t.investeringen.totaal else '–' }}"
    total_row(grid, ["Totaal {{ t.naam }}, investering {{ periode }}", total], span=7, right=True, fill=SHADE)
    small(grid)


def _investments(d: Document) -> None:
    para(d, "{{ hoofdstukken.investeringen }}. Investeringen", "Heading 1")
    para(
        d,
        "{{ corporatie }} investeert in de jaren {{ jaren[0] }}–{{ jaren[4] }} in totaal "
        "{{ investeringen.totaal|euro }} in de activiteiten van dit overzicht, waarvan "
        "{{ investeringen.jaar|euro }} in {{ jaren[0] }}.",
    )
    para(d, "Investeringen per thema", "Tussenkop")
    header = ["Thema", "{{ jaren[0] }}", "{{ jaren[1] }}–{{ jaren[4] }}", "Totaal {{ periode }}"]
    cells = ["{{ t.naam }}", *(_amount(f"t.investeringen.{part}") for part in ("jaar", "doorkijk", "totaal"))]
    grid = loop_table(d, header, "t in themas", cells, THEME_TOTAL_WIDTHS)
    align_right(grid, range(1, 4))
    totals = [_amount(f"investeringen.{part}") for part in ("jaar", "doorkijk")]
    total_row(grid, ["Totaal", *totals, "{{ investeringen.totaal|euro }}"], right=True, fill=SHADE)
    small(grid)
    space_before(para(d, "Investeringen per jaar", "Tussenkop"), AFTER_TABLE)
    cells = ["{{ j }}", _amount("investeringen.per_jaar[loop.index0]")]
    grid = loop_table(d, ["Jaar", "Investering"], "j in jaren", cells, YEAR_TOTAL_WIDTHS)
    align_right(grid, [1])
    total_row(grid, ["Totaal {{ jaren[0] }}–{{ jaren[4] }}", "{{ investeringen.totaal|euro }}"], right=True, fill=SHADE)
    small(grid)
    space_before(para(d, PROVISO, "Kleine tekst"), AFTER_TABLE)


def _amount(value: str) -> str:
    """Euros, or a dash for nothing."""
    return f"{{{{ {value}|euro if {value} else '–' }}}}"


def _stock(d: Document) -> None:
    para(d, "{%p if voorraad %}")
    para(d, "{{ hoofdstukken.voorraad }}. Voorraadontwikkeling", "Heading 1")
    para(
        d,
        "De voorraad van {{ corporatie }} in {{ gemeenten or 'gemeente ' ~ gemeente }} gaat van "
        "{{ voorraad.startvoorraad|getal }} "
        "{{ voorraad.eenheid }} op 1 januari {{ jaar }} naar {{ voorraad.eindvoorraad|getal }} op 31 december "
        "{{ voorraad.laatste_jaar }}. De voorraad aan het eind van elk jaar is berekend uit de mutaties.",
    )
    optional_text(d, "voorraad.toelichting")
    grid = new_table(d, ["Aantal {{ voorraad.eenheid }}", *(f"{{{{ jaren[{i}] }}}}" for i in YEARS)], STOCK_WIDTHS)
    add_row(grid, ["Voorraad op 1 januari", *(_count(f"voorraad.begin[{i}]") for i in YEARS)])
    loop_rows(
        grid, "r in voorraad.mutaties", ["{{ r.teken }} {{ r.naam }}", *(_count(f"r.waarden[{i}]") for i in YEARS)]
    )
    total_row(
        grid, ["= Voorraad op 31 december", *(_count(f"voorraad.eind[{i}]") for i in YEARS)], right=True, fill=SHADE
    )
    align_right(grid, range(1, 6))
    small(grid)
    keep_rows_together(grid)  # a stock development reads as one sum: never split over two pages
    para(d, "{%p endif %}")


def _count(value: str) -> str:
    """A number, or a dash for a year the bod gives nothing for."""
    return f"{{{{ {value}|getal if {value} is not none else '–' }}}}"


def _rent_policy(d: Document) -> None:
    para(d, "{%p if huurbeleid %}")
    para(d, "{{ hoofdstukken.huurbeleid }}. Huurbeleid", "Heading 1")
    para(d, "{{p huurbeleid.tekst }}")
    para(d, "{%p if huurbeleid.kenmerken %}")
    grid = loop_table(
        d, ["Onderdeel", "Beleid"], "k in huurbeleid.kenmerken", ["{{ k.naam }}", "{{ k.waarde }}"], [9.0, 7.0]
    )
    small(grid)
    para(d, "{%p endif %}")
    para(d, "{%p endif %}")


def _key_figures(d: Document) -> None:
    para(d, "{%p if kerncijfers %}")
    para(d, "{{ hoofdstukken.kerncijfers }}. Kerncijfers", "Heading 1")
    para(d, "Kerncijfers van het bezit van {{ corporatie }} en van de woningmarkt waarin het werkt.")
    cells = [
        "{{ k.naam }}",
        "{{ k.tekst }}",
        "{{ k.peildatum|datum|vast if k.peildatum else '' }}",
        "{{ k.bron }}",
    ]
    grid = loop_table(d, ["Kerncijfer", "Waarde", "Peildatum", "Bron"], "k in kerncijfers", cells, [5.2, 3.2, 3.2, 4.4])
    align_right(grid, [1])
    small(grid)
    para(d, "{%p endif %}")


def _reactions(d: Document) -> None:
    para(d, "{%p if reacties %}")
    para(
        d,
        "{{ hoofdstukken.reactie }}. {{ 'Reactie van de huurdersorganisatie' if reacties|length == 1 "
        "else 'Reacties van de huurdersorganisaties' }}",
        "Heading 1",
    )
    para(d, "{%p for r in reacties %}")
    para(d, "{{ r.partij }}{% if r.datum %}, {{ r.datum|datum }}{% endif %}", "Tussenkop")
    para(d, "{{p r.tekst }}")
    para(d, "{%p endfor %}")
    para(d, "{%p endif %}")


def _activity_cell(cell: Cell) -> None:
    """The code in bold with the title below it, then the unit the numbers count in."""
    paragraph = cell.paragraphs[0]
    paragraph.add_run("{{ a.code }}").bold = True
    paragraph.add_run().add_break()
    paragraph.add_run("{{ a.titel }}")
    more_lines(cell, ["{%p if a.eenheid %}", "eenheid: {{ a.eenheid }}", "{%p endif %}"])
    cell.paragraphs[2].runs[0].italic = True
