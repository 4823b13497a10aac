"""The WordTarget of a python-docx document (for tests that build documents with python-docx)."""

from __future__ import annotations

from typing import cast

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart
from docx.parts.numbering import NumberingPart

from afsprakengen.word.numbering import Numbering

_NUMBERING_PARTNAME = "/word/numbering.xml"


class DocxTarget:
    """Hands out hyperlink relationship ids and list numbering ids of one python-docx document."""

    def __init__(self, document: Document) -> None:
        self._part = document.part
        self._links: dict[str, str] = {}
        self._numbering: Numbering | None = None

    def link_id(self, url: str) -> str:
        """Relationship id of an external hyperlink to `url`, one per distinct url."""
        # python-docx's relate_to scans every relationship twice per call (quadratic: 20 s for 5000
        # links); ids of our own, checked once against the template's, keep it linear.
        if url not in self._links:
            rid = f"rIdLink{len(self._links) + 1}"
            while rid in self._part.rels:
                rid += "x"
            self._part.rels.add_relationship(RT.HYPERLINK, url, rid, is_external=True)
            self._links[url] = rid
        return self._links[url]

    def bullet_num_id(self) -> int:
        """numId of the one bullet list definition, added on first use."""
        return self._lists().bullet_num_id()

    def new_numbered_num_id(self, start: int = 1) -> int:
        """A new numId on the decimal list definition, starting at `start` (the list's own first number)."""
        return self._lists().new_numbered_num_id(start)

    def _lists(self) -> Numbering:
        if self._numbering is None:
            self._numbering = Numbering(_numbering_element(self._part))
        return self._numbering


def _numbering_element(document_part: DocumentPart) -> BaseOxmlElement:
    try:
        part = document_part.part_related_by(RT.NUMBERING)
    except KeyError:
        part = _new_numbering_part(document_part)
        document_part.relate_to(part, RT.NUMBERING)
    element: BaseOxmlElement = cast(NumberingPart, part).element
    return element


def _new_numbering_part(document_part: DocumentPart) -> NumberingPart:
    # python-docx's NumberingPart.new() is not implemented, so build the part by hand.
    package = document_part.package
    taken = {str(part.partname) for part in package.iter_parts()}
    partname = PackURI(_NUMBERING_PARTNAME)
    if _NUMBERING_PARTNAME in taken:
        partname = package.next_partname("/word/numbering%d.xml")
    element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
    return NumberingPart(partname, CT.WML_NUMBERING, element, package)
