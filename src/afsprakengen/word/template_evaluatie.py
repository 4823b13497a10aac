"""The default evaluatie template, written with python-docx in the house style."""

from __future__ import annotations

from typing import Any

from afsprakengen.word.housestyle import header_and_footer, new_document


def build_template() -> Any:
    """The template document (python-docx), ready to be saved."""
    d = new_document()
    header_and_footer(d, "{{ titel }} · gemeente {{ gemeente }}")
    d.add_paragraph("{{ titel }}", style="Title")
    return d
