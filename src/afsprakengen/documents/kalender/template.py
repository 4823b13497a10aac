"""The default kalender template: one page with the milestones of the three cycles running in a year."""

from __future__ import annotations

from afsprakengen.word.builders import Document, compose, para, title
from afsprakengen.word.tables import loop_table


def build_template() -> Document:
    """The template document (python-docx), ready to be saved."""
    return compose("{{ titel }} · gemeente {{ gemeente }}", _milestones)


def _milestones(d: Document) -> None:
    """The title, what the calendar shows, and a row per milestone."""
    title(d)
    para(
        d,
        "In {{ jaar }} lopen drie cycli tegelijk: de afspraken voor {{ jaar + 1 }} worden voorbereid, die voor "
        "{{ jaar }} uitgevoerd, en {{ jaar - 1 }} wordt verantwoord en geëvalueerd. Voor de agenda van het "
        "tripartiete overleg.",
    )
    cells = [
        "{% if m.periode %}{{ m.start|datum }} – {{ m.eind|datum }}{% else %}{{ m.start|datum }}{% endif %}",
        "{{ m.titel }}",
        "{{ m.jaarschijf }}",
        "{{ m.verantwoordelijk }}",
    ]
    loop_table(
        d, ["Wanneer", "Mijlpaal", "Jaarschijf", "Verantwoordelijk"], "m in mijlpalen", cells, [4.0, 5.8, 2.2, 4.0]
    )
