"""The default wijzigingsoverzicht template: what changed between two versions of the agreements, for the meeting."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx.shared import RGBColor

from afsprakengen.documents.prestatieafspraken.template import table
from afsprakengen.word.housestyle import header_and_footer, new_document

DELETED = RGBColor(0xC0, 0x00, 0x00)
"""Deleted words: struck through in dark red."""
INSERTED = RGBColor(0x00, 0x70, 0x30)
"""Inserted words: bold, underlined, dark green."""
WIDTHS = [3.6, 12.4]


def build_template() -> Any:
    """The template document (python-docx), ready to be saved."""
    d = new_document()
    header_and_footer(d, "{{ titel }} · gemeente {{ gemeente }}")
    _introduction(d)
    _document_changes(d)
    _themes(d)
    return d


def _p(container: Any, text: str, style: str = "Body Text") -> Any:
    return container.add_paragraph(text, style=style)


def _introduction(d: Any) -> None:
    _p(d, "{{ titel }}", "Title")
    _p(d, "Gemeente {{ gemeente }}", "Subtitle")
    _p(
        d,
        "Dit overzicht toont wat er in de prestatieafspraken voor {{ jaar }} is veranderd tussen versie "
        "{{ oud.versie }} van {{ oud.datum|datum }} ({{ oud.label }}, {{ oud.status }}) en versie "
        "{{ nieuw.versie }} van {{ nieuw.datum|datum }} ({{ nieuw.label }}, {{ nieuw.status }}). Afspraken zijn "
        "vergeleken op hun code; een afspraak die naar een ander thema is gegaan, staat als verplaatst bij het "
        "nieuwe thema.",
    )
    legend = _p(d, "Verwijderde tekst is ")
    _marked(legend, "doorgehaald", DELETED, inserted=False)
    legend.add_run(", nieuwe tekst is ")
    _marked(legend, "vet en onderstreept", INSERTED, inserted=True)
    legend.add_run(".")
    header = ["Nieuw", "Vervallen", "Gewijzigd", "Verplaatst", "Ongewijzigd"]
    cells = [f"{{{{ t.{name} }}}}" for name in ("nieuw", "vervallen", "gewijzigd", "verplaatst", "ongewijzigd")]
    table(d, header, "t in [telling]", cells, [3.2] * 5)
    _p(d, "{%p if not gewijzigd %}")
    _p(d, "De twee versies zijn gelijk: er is niets veranderd.", "Tussenkop")
    _p(d, "{%p endif %}")


def _document_changes(d: Any) -> None:
    _p(d, "{%p if algemeen %}")
    _p(d, "Het document", "Heading 1")
    _p(d, "Wijzigingen buiten de afspraken zelf: versie, datum, partijen en de algemene teksten.")
    _changes_table(d, "w in algemeen")
    _p(d, "{%p endif %}")


def _themes(d: Any) -> None:
    _p(d, "Afspraken per thema", "Heading 1")
    _p(d, "{%p for t in themas %}")
    _p(d, "{{ t.naam }}", "Heading 2")
    _p(d, "{%p if t.hernoemd %}")
    renamed = _p(d, "Het thema heeft een nieuwe naam: ")
    _segment_runs(renamed, "t.hernoemd.alineas[0]")
    _p(d, "{%p endif %}")
    _p(d, "{{ t.samenvatting }}")
    _p(d, "{%p for a in t.afspraken %}")
    _p(d, "{{ a.code }} {{ a.titel }} ({{ a.wat }})", "Afspraakkop")
    _p(d, "{%p if a.wijzigingen %}")
    _changes_table(d, "w in a.wijzigingen")
    _p(d, "{%p endif %}")
    _p(d, "{%p endfor %}")
    _p(d, "{%p for v in t.verplaatst_naar %}")
    _p(d, "Verplaatst naar een ander thema: {{ v }}")
    _p(d, "{%p endfor %}")
    _p(d, "{%p if t.ongewijzigd %}")
    _p(d, "Ongewijzigd: {{ t.ongewijzigd }}.", "Kleine tekst")
    _p(d, "{%p endif %}")
    _p(d, "{%p endfor %}")


def _changes_table(d: Any, loop: str) -> None:
    """A row per changed part: its name, and its paragraphs with deleted and inserted words marked."""
    grid = table(d, ["", ""], loop, ["{{ w.onderdeel }}", ""], WIDTHS)
    grid._tbl.remove(grid.rows[0]._tr)  # no header row: the part's name in bold is header enough
    look = grid._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.set(qn("w:firstRow"), "0")
        look.set(qn("w:val"), "0000")
    row = grid.rows[1]._tr
    for keep_together in row.trPr.findall(qn("w:cantSplit")):  # a long text may run on to the next page
        row.trPr.remove(keep_together)
    name, change = grid.rows[1].cells
    name.paragraphs[0].runs[0].bold = True
    change.paragraphs[0].text = "{%p for al in w.alineas %}"
    _segment_runs(change.add_paragraph(), "al")
    change.add_paragraph("{%p endfor %}")
    _p(d, "")


def _segment_runs(paragraph: Any, alinea: str) -> None:
    """Runs for the pieces of a paragraph of a change: unchanged, deleted (struck, red) or inserted (green)."""
    paragraph.add_run(f"{{%r for x in {alinea}.delen %}}")
    paragraph.add_run("{%r if x.soort == 'weg' %}")
    _marked(paragraph, "{{ x.tekst }}", DELETED, inserted=False)
    paragraph.add_run("{%r elif x.soort == 'nieuw' %}")
    _marked(paragraph, "{{ x.tekst }}", INSERTED, inserted=True)
    paragraph.add_run("{%r else %}")
    paragraph.add_run("{{ x.tekst }}")
    paragraph.add_run("{%r endif %}")
    paragraph.add_run("{%r endfor %}")


def _marked(paragraph: Any, text: str, color: RGBColor, *, inserted: bool) -> None:
    run = paragraph.add_run(text)
    run.font.color.rgb = color
    if inserted:
        run.bold = True
        run.underline = True
    else:
        run.font.strike = True
