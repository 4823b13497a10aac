"""Paragraph builders of the default templates: the skeleton, title and contents pages, text blocks, marked runs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from docx.document import Document as Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as Paragraph
from docx.text.run import Run

from afsprakengen.word.housestyle import VERSION_FOOTER, header_and_footer, new_document, toc_field

Section = Callable[[Document], None]
"""A part of a template that writes its paragraphs and tables at the end of the document."""


def compose(header: str, *sections: Section, footer: str = VERSION_FOOTER) -> Document:
    """A document in the house style with this header title and footer text, written section by section."""
    document = new_document()
    header_and_footer(document, header, footer)
    for section in sections:
        section(document)
    return document


def para(document: Document, text: str, style: str = "Body Text") -> Paragraph:
    """Add a paragraph of text (or of Jinja tags) in a style."""
    return document.add_paragraph(text, style=style)


def title(document: Document, *subtitles: str) -> None:
    """The document's title, then its subtitles."""
    para(document, "{{ titel }}", "Title")
    for subtitle in subtitles:
        para(document, subtitle, "Subtitle")


@contextmanager
def title_page(document: Document, *subtitles: str, concept: str = "") -> Iterator[None]:
    """A title page: the title (lowered by its space above) and subtitles, what the `with` block writes, the concept
    warning, a page break."""
    title(document, *subtitles)
    space_before(document.paragraphs[-1 - len(subtitles)], 48)
    yield
    if concept:
        para(document, "{%p if concept %}")
        para(document, concept, "Tussenkop")
        para(document, "{%p endif %}")
    page_break(document)


def contents_page(document: Document) -> None:
    """A page with the heading 'Inhoud' and a table of contents that is filled at build time."""
    para(document, "Inhoud", "TOC Heading")
    toc_field(document)
    page_break(document)


def page_break(document: Document) -> None:
    """A paragraph holding only a page break."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def heading_on_new_page(document: Document, text: str) -> Paragraph:
    """A level-1 heading that starts a page (the signatures, an annex)."""
    heading = para(document, text, "Heading 1")
    heading.paragraph_format.page_break_before = True
    return heading


AFTER_TABLE = 12.0
"""Points of space above the first paragraph after a table (instead of an empty paragraph)."""


def space_before(paragraph: Paragraph, points: float) -> Paragraph:
    """Space above the paragraph, in points (instead of an empty paragraph)."""
    paragraph.paragraph_format.space_before = Pt(points)
    return paragraph


def centred(paragraph: Paragraph) -> Paragraph:
    """Centre the paragraph (a chart)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def optional_text(document: Document, field: str, otherwise: str = "") -> None:
    """The rich text of a field when it has any (else the `otherwise` paragraph, if given)."""
    para(document, f"{{%p if {field} %}}")
    para(document, f"{{{{p {field} }}}}")
    if otherwise:
        para(document, "{%p else %}")
        para(document, otherwise)
    para(document, "{%p endif %}")


def keep_together(paragraphs: list[Paragraph]) -> None:
    """Keep these paragraphs on one page: each whole, and each with the next."""
    for i, paragraph in enumerate(paragraphs):
        paragraph.paragraph_format.keep_with_next = i < len(paragraphs) - 1
        paragraph.paragraph_format.keep_together = True


def mark(
    run: Run,
    *,
    colour: str = "",
    bold: bool | None = None,
    underline: bool | None = None,
    strike: bool | None = None,
) -> Run:
    """Give a run a colour (hex, e.g. "C00000") and marks; what is not asked for stays as it is."""
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    if bold is not None:
        run.bold = bold
    if underline is not None:
        run.underline = underline
    if strike is not None:
        run.font.strike = strike
    return run


def box(paragraph: Paragraph, border: str, fill: str) -> None:
    """A border around the paragraph in one colour and a background in another (both hex)."""
    ppr = paragraph._p.get_or_add_pPr()
    line = f'<w:{{side}} w:val="single" w:sz="8" w:space="4" w:color="{border}"/>'
    sides = "".join(line.format(side=s) for s in ("top", "left", "bottom", "right"))
    later = _AFTER_SHADING
    ppr.insert_element_before(parse_xml(f"<w:pBdr {nsdecls('w')}>{sides}</w:pBdr>"), "w:shd", *later)
    ppr.insert_element_before(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'), *later
    )


_AFTER_SHADING = tuple(
    f"w:{tag}"
    for tag in (
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    )
)
"""The w:pPr children that come after w:pBdr and w:shd in the schema (ECMA-376 CT_PPrBase, then CT_PPr)."""


CARD_BORDER, CARD_FILL = "A6A6A6", "F2F2F2"
"""A card's thin grey border (the table grid's colour) and its light grey background."""


def label_lines(document: Document, rows: list[tuple[str, str]], label_cm: float) -> list[Paragraph]:
    """Facts as one boxed card of paragraphs: per line a label in bold, a tab, its value (wrapped under the value).

    A row whose label is a Jinja paragraph tag (`{%p if ... %}`) becomes that tag's paragraph. Returns the lines.
    """
    lines = []
    for label, value in rows:
        if label.startswith("{%"):
            para(document, label)
            continue
        line = para(document, "")
        line.add_run(label).bold = True
        line.add_run("\t" + value)
        fmt = line.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Cm(label_cm), Cm(-label_cm)
        fmt.tab_stops.add_tab_stop(Cm(label_cm))
        fmt.space_after = Pt(2)
        box(line, CARD_BORDER, CARD_FILL)
        lines.append(line)
    lines[-1].paragraph_format.space_after = Pt(10)
    keep_together(lines)
    return lines
