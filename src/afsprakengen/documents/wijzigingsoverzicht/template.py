"""The default wijzigingsoverzicht template: what changed between two versions of the agreements, for the meeting."""

from __future__ import annotations

from afsprakengen.word.builders import Document, Paragraph, compose, mark, para, title
from afsprakengen.word.housestyle import WARNING
from afsprakengen.word.tables import allow_split, loop_table

DELETED = WARNING
"""Deleted words: struck through in dark red."""
INSERTED = "007030"
"""Inserted words: bold, underlined, dark green."""
WIDTHS = [3.6, 12.4]


def build_template() -> Document:
    """The template document (python-docx), ready to be saved."""
    return compose("{{ titel }} · gemeente {{ gemeente }}", _introduction, _document_changes, _themes)


def _introduction(d: Document) -> None:
    title(d, "Gemeente {{ gemeente }}")
    para(
        d,
        "Dit overzicht toont wat er in de prestatieafspraken voor {{ jaar }} is veranderd tussen versie "
        "{{ oud.versie }} van {{ oud.datum|datum }} ({{ oud.label }}, {{ oud.status }}) en versie "
        "{{ nieuw.versie }} van {{ nieuw.datum|datum }} ({{ nieuw.label }}, {{ nieuw.status }}). Afspraken zijn "
        "vergeleken op hun code; een afspraak die naar een ander thema is gegaan, staat als verplaatst bij het "
        "nieuwe thema.",
    )
    legend = para(d, "Verwijderde tekst is ")
    _marked(legend, "doorgehaald", DELETED, inserted=False)
    legend.add_run(", nieuwe tekst is ")
    _marked(legend, "vet en onderstreept", INSERTED, inserted=True)
    legend.add_run(".")
    header = ["Nieuw", "Vervallen", "Gewijzigd", "Verplaatst", "Ongewijzigd"]
    cells = [f"{{{{ t.{name} }}}}" for name in ("nieuw", "vervallen", "gewijzigd", "verplaatst", "ongewijzigd")]
    loop_table(d, header, "t in [telling]", cells, [3.2] * 5)
    para(d, "{%p if not gewijzigd %}")
    para(d, "De twee versies zijn gelijk: er is niets veranderd.", "Tussenkop")
    para(d, "{%p endif %}")


def _document_changes(d: Document) -> None:
    para(d, "{%p if algemeen %}")
    para(d, "Het document", "Heading 1")
    para(d, "Wijzigingen buiten de afspraken zelf: versie, datum, partijen en de algemene teksten.")
    _changes_table(d, "w in algemeen")
    para(d, "{%p endif %}")


def _themes(d: Document) -> None:
    para(d, "Afspraken per thema", "Heading 1")
    para(d, "{%p for t in themas %}")
    para(d, "{{ t.naam }}", "Heading 2")
    para(d, "{%p if t.hernoemd %}")
    renamed = para(d, "Het thema heeft een nieuwe naam: ")
    _segment_runs(renamed, "t.hernoemd.alineas[0]")
    para(d, "{%p endif %}")
    para(d, "{{ t.samenvatting }}")
    para(d, "{%p for a in t.afspraken %}")
    para(d, "{{ a.code }} {{ a.titel }} ({{ a.wat }})", "Afspraakkop")
    para(d, "{%p if a.wijzigingen %}")
    _changes_table(d, "w in a.wijzigingen")
    para(d, "{%p endif %}")
    para(d, "{%p endfor %}")
    para(d, "{%p for v in t.verplaatst_naar %}")
    para(d, "Verplaatst naar een ander thema: {{ v }}")
    para(d, "{%p endfor %}")
    para(d, "{%p if t.ongewijzigd %}")
    para(d, "Ongewijzigd: {{ t.ongewijzigd }}.", "Kleine tekst")
    para(d, "{%p endif %}")
    para(d, "{%p endfor %}")


def _changes_table(d: Document, loop: str) -> None:
    """A row per changed part: its name, and its paragraphs with deleted and inserted words marked."""
    grid = loop_table(d, ["Onderdeel", "Wijziging"], loop, ["{{ w.onderdeel }}", ""], WIDTHS)
    allow_split(grid.rows[2])  # a long text may run on to the next page (rows: header, loop tag, the row)
    name, change = grid.rows[2].cells
    name.paragraphs[0].runs[0].bold = True
    change.paragraphs[0].text = "{%p for al in w.alineas %}"
    _segment_runs(change.add_paragraph(), "al")
    change.add_paragraph("{%p endfor %}")


def _segment_runs(paragraph: Paragraph, alinea: str) -> None:
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


def _marked(paragraph: Paragraph, text: str, colour: str, *, inserted: bool) -> None:
    run = mark(paragraph.add_run(text), colour=colour)
    if inserted:
        mark(run, bold=True, underline=True)
    else:
        mark(run, strike=True)
