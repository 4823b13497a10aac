"""The default kalender template: one page with the milestones of the three cycles running in a year."""

from __future__ import annotations

from typing import Any

from afsprakengen.documents.prestatieafspraken.template import table
from afsprakengen.word.housestyle import header_and_footer, new_document


def build_template() -> Any:
    """The template document (python-docx), ready to be saved."""
    d = new_document()
    header_and_footer(d, "{{ titel }} · gemeente {{ gemeente }}")
    d.add_paragraph("{{ titel }}", style="Title")
    d.add_paragraph(
        "In {{ jaar }} lopen drie cycli tegelijk: de afspraken voor {{ jaar + 1 }} worden voorbereid, die voor "
        "{{ jaar }} uitgevoerd, en {{ jaar - 1 }} wordt verantwoord en geëvalueerd. Voor de agenda van het "
        "tripartiet overleg.",
        style="Body Text",
    )
    cells = [
        "{% if m.periode %}{{ m.start|datum }} – {{ m.eind|datum }}{% else %}{{ m.start|datum }}{% endif %}",
        "{{ m.titel }}",
        "{{ m.jaarschijf }}",
        "{{ m.verantwoordelijk }}",
    ]
    table(d, ["Wanneer", "Mijlpaal", "Jaarschijf", "Verantwoordelijk"], "m in mijlpalen", cells, [4.0, 5.8, 2.2, 4.0])
    return d
