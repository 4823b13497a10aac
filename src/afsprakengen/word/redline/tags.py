"""The WordprocessingML names the redline works with, and which of them it copies, keys on or leaves alone."""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P, TBL, TR, TC, SDT, R = (qn(f"w:{tag}") for tag in ("p", "tbl", "tr", "tc", "sdt", "r"))
PPR, RPR, TRPR, TCPR, SECTPR = (qn(f"w:{tag}") for tag in ("pPr", "rPr", "trPr", "tcPr", "sectPr"))
T, DEL_TEXT, INSTR, DEL_INSTR = (qn(f"w:{tag}") for tag in ("t", "delText", "instrText", "delInstrText"))
INS, DEL, HYPERLINK, NUM_PR, NUM_ID = (qn(f"w:{tag}") for tag in ("ins", "del", "hyperlink", "numPr", "numId"))
ANNOTATION_IDS = etree.XPath("//@w:id", namespaces={"w": W_NS})
BOOKMARKS = frozenset({qn("w:bookmarkStart"), qn("w:bookmarkEnd")})
TRACKED = frozenset({INS, DEL, qn("w:moveFrom"), qn("w:moveTo")})
TRACKED_ROW = frozenset({INS, DEL, qn("w:trPrChange")})
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_ID, R_EMBED = f"{{{R_NS}}}id", f"{{{R_NS}}}embed"
BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
ABSTRACT = (qn("w:abstractNum"), qn("w:abstractNumId"))
NUM = (qn("w:num"), qn("w:numId"))
SPECIAL_CHARS = {
    qn("w:tab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "\u2011",
    qn("w:softHyphen"): "\u00ad",
}
"""Run content other than w:t that a word-level diff can handle, with the character it stands for."""
IGNORED_IN_RUN = frozenset({RPR, qn("w:lastRenderedPageBreak")})
NOT_COPIED = frozenset(
    {*BOOKMARKS, SECTPR, qn("w:pPrChange"), qn("w:rPrChange")}
    | {qn(f"w:{tag}") for tag in ("commentRangeStart", "commentRangeEnd", "commentReference")}
    | {qn(f"w:{tag}") for tag in ("footnoteReference", "endnoteReference", "permStart", "permEnd")}
)
"""What a deleted block copied from the old document leaves behind: anchors and references into its own parts."""
PPR_TAIL = frozenset({RPR, SECTPR, qn("w:pPrChange")})
"""w:pPr children that are not paragraph properties proper (CT_PPrBase); a w:pPrChange holds only the others."""
KEY_LEAVES_OUT = frozenset({SECTPR, qn("w:pPrChange")})
"""w:pPr children that do not decide whether a paragraph is unchanged."""
