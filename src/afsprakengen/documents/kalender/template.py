"""The default kalender template: one page with the milestones still to come and the planned meetings of a year."""

from __future__ import annotations

from afsprakengen.word.builders import Document, compose, para, title
from afsprakengen.word.tables import loop_table

FOOTER = "Overzicht{% if stand %}, stand {{ stand }}{% endif %}"
"""An overview has no version: the footer says what it is and the date of the newest input it shows."""


def build_template() -> Document:
    """The template document (python-docx), ready to be saved."""
    return compose("{{ titel }} · gemeente {{ gemeente }}", _milestones, _meetings, footer=FOOTER)


def _milestones(d: Document) -> None:
    """The title, what the calendar shows, and a row per milestone still to come."""
    title(d)
    para(
        d,
        "In {{ jaar }} lopen drie cycli tegelijk: de afspraken voor {{ jaar + 1 }} worden voorbereid, die voor "
        "{{ jaar }} worden uitgevoerd, en over {{ jaar - 1 }} wordt verantwoording afgelegd en geëvalueerd. Dit "
        "overzicht is bedoeld voor de agenda van het tripartiete overleg.{% if afgerond %} Wat volgens het dossier "
        "al is afgerond ({{ beleid.een_vastgestelde }}, een uitgebracht bod, ondertekende afspraken, een evaluatie), "
        "staat er niet meer in.{% endif %}",
    )
    cells = ["{{ m.wanneer }}", "{{ m.titel }}", "{{ m.jaarschijf }}", "{{ m.verantwoordelijk }}"]
    loop_table(
        d, ["Wanneer", "Mijlpaal", "Jaarschijf", "Verantwoordelijk"], "m in mijlpalen", cells, [4.6, 5.6, 2.0, 3.8]
    )


def _meetings(d: Document) -> None:
    """The tripartite meetings the dossier plans in the year, if any."""
    para(d, "{%p if overleggen %}")
    para(d, "Geplande tripartiete overleggen", "Heading 1")
    loop_table(d, ["Datum", "Onderwerp"], "o in overleggen", ["{{ o.wanneer }}", "{{ o.onderwerp }}"], [4.6, 11.4])
    para(d, "{%p endif %}")
