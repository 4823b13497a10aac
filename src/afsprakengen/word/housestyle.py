"""The house style of every default template: page, fonts, Dutch, styles, header, footer, fields, CONCEPT mark."""

from __future__ import annotations

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

from afsprakengen.word.brand import ACCENT as BRAND_ACCENT
from afsprakengen.word.brand import FONT

ACCENT = RGBColor.from_string(BRAND_ACCENT)
WARNING = "C00000"
"""The house red, as hex: the CONCEPT mark, what is not addressed, deleted words."""

_PARAGRAPH_STYLES: tuple[tuple[str, str, str, dict[str, float]], ...] = (
    # (name, style id, based on, properties)
    ("Tussenkop", "Tussenkop", "BodyText", {"bold": True, "keep_with_next": True}),
    ("Afspraakkop", "Afspraakkop", "Heading3", {"size": 11.5, "keep_with_next": True}),
    # an agreement right under a level-1 theme (evaluation, activity overview): the same look, one level up
    ("Afspraakkop 2", "Afspraakkop2", "Heading2", {"size": 11.5, "space_before": 10, "keep_with_next": True}),
    ("Kleine tekst", "KleineTekst", "Normal", {"size": 8.5}),
    ("toc 1", "TOC1", "Normal", {"bold": True, "space_before": 4}),
    ("toc 2", "TOC2", "Normal", {"indent": 0.6}),
)


def new_document() -> Document:
    """A blank document in the house style: A4, margins, fonts, Dutch, styles."""
    document = docx.Document()
    _drop_leftovers(document)
    _page(document)
    _language(document)
    _base_styles(document)
    for name, style_id, based_on, props in _PARAGRAPH_STYLES:
        _paragraph_style(document, name, style_id, based_on, props)
    _character_style(document, "Hyperlink", "Hyperlink")
    _table_style(document)
    return document


_LEFTOVERS = ("stylesWithEffects", "customXml", "thumbnail")
"""python-docx's default template is a Word 2010 file: its styles-with-effects copy, an empty bibliography part and
a blank thumbnail mean nothing in our documents, and validators report the first as invalid (#13)."""


def _drop_leftovers(document: Document) -> None:
    for rels in (document.part.rels, document.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _LEFTOVERS:
                rels.pop(rid)


def _page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)


def _language(document: Document) -> None:
    """nl-NL on all text (document defaults and the theme language), so Word spell-checks Dutch."""
    rpr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "nl-NL")
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "nl-NL")


def _base_styles(document: Document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    body = styles["Body Text"]
    body.paragraph_format.space_after = Pt(6)
    body.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 28), ("Subtitle", 14), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11.5)):
        style = styles[name]
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(size), ACCENT
        _ascii_font(style)
    styles["Heading 1"].paragraph_format.space_before = Pt(18)
    for name in ("Heading 4", "Heading 5", "Heading 6"):  # markdown headings in texts: bold body text, in outline
        style = styles[name]
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(10.5), ACCENT
        style.font.bold, style.font.italic = True, False
        style.paragraph_format.space_before = Pt(8)
        _ascii_font(style)
    styles["Heading 2"].paragraph_format.space_before = Pt(12)
    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(8.5)
        styles[name].font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _ascii_font(style: BaseStyle) -> None:
    """Make the theme fonts of built-in heading styles give way to the house font."""
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    if rfonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
        rfonts.set(qn("w:ascii"), FONT)
        rfonts.set(qn("w:hAnsi"), FONT)


def _paragraph_style(document: Document, name: str, style_id: str, based_on: str, props: dict[str, float]) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = next(s for s in document.styles if s.style_id == based_on)
    if "bold" in props:
        style.font.bold = props["bold"]
    if "size" in props:
        style.font.size = Pt(props["size"])
    if "keep_with_next" in props:
        style.paragraph_format.keep_with_next = True
    if "space_before" in props:
        style.paragraph_format.space_before = Pt(props["space_before"])
    if "indent" in props:
        style.paragraph_format.left_indent = Cm(props["indent"])


def _character_style(document: Document, name: str, style_id: str) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.element.set(qn("w:styleId"), style_id)
    style.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    style.font.underline = True


def _table_style(document: Document) -> None:
    """'Tabelraster': thin grey grid, a dark header row with white bold text, a little cell padding."""
    xml = f"""<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="Tabelraster">
      <w:name w:val="Tabelraster"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
      <w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr>
      <w:rPr><w:sz w:val="19"/></w:rPr>
      <w:tblPr><w:tblBorders>
        <w:top w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
        <w:left w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
        <w:bottom w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
        <w:right w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
        <w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      </w:tblBorders>
      <w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>
      <w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>
        <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F4E79"/></w:tcPr></w:tblStylePr>
    </w:style>"""
    document.styles.element.append(parse_xml(xml))


VERSION_FOOTER = "Versie {{ versie }} · {{ status }} · {{ datum|datum }}"
"""The footer's text before the Git commit and the page numbers: what most documents are (their version and status)."""


def header_and_footer(document: Document, title: str, footer_text: str = VERSION_FOOTER) -> None:
    """Header: title and a CONCEPT mark for concept documents; footer: the text, page X of Y.

    The CONCEPT mark is header text in words (bold, red), so it is on every page and a PDF tags it as a page artifact;
    a drawn watermark would be an untagged figure on every page of the accessible PDF.

    The footer names the Git commit (`herkomst`) only on a concept, or when the dossier asks for it
    (`instellingen.herkomst_in_voettekst`): a signed document keeps it in its properties, not on its pages.
    """
    section = document.sections[0]
    header = section.header
    header.paragraphs[0].text = title
    header.add_paragraph("{%p if concept %}")
    concept = header.add_paragraph()
    run = concept.add_run("CONCEPT – niet ondertekenen")
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(WARNING)
    header.add_paragraph("{%p endif %}")
    footer = section.footer.paragraphs[0]
    footer.add_run(
        footer_text + "{% if herkomst and (concept or herkomst_in_voettekst) %} · {{ herkomst }}{% endif %} · pagina "
    )
    _field(footer, "PAGE", "1")
    footer.add_run(" van ")
    _field(footer, "NUMPAGES", "1")


def _field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    for xml in (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {nsdecls('w')}><w:t>{cached}</w:t></w:r>",
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def toc_field(document: Document) -> None:
    """A table-of-contents field; its entries are filled at build time."""
    _field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', "Inhoudsopgave")
