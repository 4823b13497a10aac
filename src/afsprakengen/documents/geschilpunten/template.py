"""The default geschilpunten template: the dates, the request for overleg and each party's position per point."""

from __future__ import annotations

from afsprakengen.word.builders import Document, compose, optional_text, para, title
from afsprakengen.word.tables import loop_table

FOOTER = "Standpunten bij het geschil · prestatieafspraken {{ jaar }} versie {{ versie }} · {{ datum|datum }}"


def build_template() -> Document:
    """The template document (python-docx), ready to be saved."""
    sections = (_introduction, _dates, _overleg, _positions, _documents)
    return compose("{{ titel }} · gemeente {{ gemeente }}", *sections, footer=FOOTER)


def _introduction(d: Document) -> None:
    title(d, "Gemeente {{ gemeente }}")
    para(
        d,
        "Komen de gemeente, de woningcorporatie en de huurdersorganisatie niet binnen zes maanden na het begin van "
        "het overleg over het bod tot prestatieafspraken, dan kan elk van hen het geschil binnen vier weken "
        "schriftelijk voorleggen aan de minister (Woningwet artikel 44 lid 4). Dit document hoort bij zo'n "
        "verzoek over de prestatieafspraken voor {{ jaar }}: per corporatie de data van het overleg, het verzoek "
        "tot overleg en per geschilpunt het standpunt van elke partij, zoals vastgelegd in het dossier.",
    )


def _dates(d: Document) -> None:
    para(d, "1. Data van het overleg", "Heading 1")
    header = ["Corporatie", "Bod ontvangen", "Overleg begonnen", "Zes maanden", "Geschil indienen uiterlijk"]
    cells = [
        "{{ t.corporatie }}",
        "{{ t.bod_ontvangen }}",
        "{{ t.overleg_gestart or 'nog niet' }}",
        "{{ t.zes_maanden or '–' }}",
        "{{ t.geschil_uiterlijk or '–' }}",
    ]
    loop_table(d, header, "t in trajecten", cells, [4.0, 3.0, 3.0, 3.0, 3.0])


def _overleg(d: Document) -> None:
    para(d, "2. Het verzoek tot overleg", "Heading 1")
    para(d, "{%p for t in trajecten %}")
    para(d, "{{ t.corporatie }}", "Heading 2")
    para(
        d,
        "Het bod is ontvangen op {{ t.bod_ontvangen }}. {{ t.verzoek_door }} verzocht op {{ t.verzoek_datum }} "
        "om overleg.",
    )
    optional_text(d, "t.verzoek_tekst")
    para(d, "{%p if t.verzoek_bestand %}")
    para(d, "Het verzoek zelf is bijgevoegd als {{ t.verzoek_bestand }}.")
    para(d, "{%p endif %}")
    para(d, "{%p if t.bijeenkomsten %}")
    loop_table(d, ["Datum", "Bijeenkomst"], "b in t.bijeenkomsten", ["{{ b.datum }}", "{{ b.onderwerp }}"], [4.0, 12.0])
    para(d, "{%p endif %}")
    para(d, "{%p endfor %}")


def _positions(d: Document) -> None:
    para(d, "3. Geschilpunten en standpunten", "Heading 1")
    para(d, "{%p for t in trajecten %}")
    para(d, "{{ t.corporatie }}", "Heading 2")
    para(d, "{%p for g in t.geschilpunten %}")
    para(d, "Geschilpunt {{ g.nummer }}{% if g.afspraak %}: {{ g.afspraak }}{% endif %}", "Heading 3")
    para(d, "{{p g.omschrijving }}")
    para(d, "{%p for s in g.standpunten %}")
    para(d, "Standpunt van {{ s.partij }}", "Tussenkop")
    para(d, "{{p s.standpunt }}")
    para(d, "{%p endfor %}")
    para(d, "{%p else %}")
    para(d, "Het dossier legt voor deze corporatie geen geschilpunten vast.")
    para(d, "{%p endfor %}")
    para(d, "{%p endfor %}")


def _documents(d: Document) -> None:
    para(d, "4. Bijgevoegde stukken", "Heading 1")
    para(d, "Bij dit document horen de volgende stukken, gemaakt uit hetzelfde dossier:")
    loop_table(d, ["Bestand", "Wat"], "s in stukken", ["{{ s.bestand }}", "{{ s.omschrijving }}"], [7.0, 9.0])
