"""The WordTarget of a python-docx document: hyperlink relationships and list numbering definitions."""

from __future__ import annotations

import copy
from typing import cast

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart
from docx.parts.numbering import NumberingPart

from afsprakengen.word.mdblocks import LIST_INDENT, MAX_LIST_LEVELS

_BULLET_LEVELS = tuple(("bullet", text) for text in ("•", "◦", "▪") * 3)
_NUMBER_LEVELS = tuple(
    (fmt, f"%{level + 1}.") for level, fmt in enumerate(("decimal", "lowerLetter", "lowerRoman") * 3)
)
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

    def new_numbered_num_id(self) -> int:
        """A new numId on the decimal list definition, restarting at 1 on every level."""
        return self._lists().new_numbered_num_id()

    def _lists(self) -> Numbering:
        if self._numbering is None:
            self._numbering = Numbering(_numbering_element(self._part))
        return self._numbering


class Numbering:
    """The `w:numbering` root of a document, with ids counted on from the highest ones the template uses."""

    def __init__(self, numbering: BaseOxmlElement) -> None:
        self._numbering = numbering
        self._next_abstract_id = _next_id(numbering, "./w:abstractNum/@w:abstractNumId")
        self._next_num_id = _next_id(numbering, "./w:num/@w:numId")
        self._bullet_num_id: int | None = None
        self._numbered_num: BaseOxmlElement | None = None
        self._cleanup = numbering.find(qn("w:numIdMacAtCleanup"))

    def bullet_num_id(self) -> int:
        if self._bullet_num_id is None:
            abstract_id = self._add_abstract(_BULLET_LEVELS)
            self._bullet_num_id = self._add_num(parse_xml(_num_xml(abstract_id, restart=False)))
        return self._bullet_num_id

    def new_numbered_num_id(self) -> int:
        if self._numbered_num is None:
            self._numbered_num = parse_xml(_num_xml(self._add_abstract(_NUMBER_LEVELS), restart=True))
        return self._add_num(copy.deepcopy(self._numbered_num))

    def _add_abstract(self, levels: tuple[tuple[str, str], ...]) -> int:
        abstract_id = self._next_abstract_id
        self._next_abstract_id += 1
        abstract = parse_xml(_abstract_num_xml(abstract_id, levels))
        # The schema wants every w:abstractNum before the first w:num.
        following = self._numbering.find(qn("w:num"))
        if following is None:
            following = self._numbering.find(qn("w:numIdMacAtCleanup"))
        if following is None:
            self._numbering.append(abstract)
        else:
            following.addprevious(abstract)
        return abstract_id

    def _add_num(self, num: BaseOxmlElement) -> int:
        num_id = self._next_num_id
        self._next_num_id += 1
        num.set(qn("w:numId"), str(num_id))
        if self._cleanup is None:
            self._numbering.append(num)
        else:
            self._cleanup.addprevious(num)
        return num_id


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


def _next_id(numbering: BaseOxmlElement, xpath: str) -> int:
    ids = [int(value) for value in numbering.xpath(xpath) if str(value).isdigit()]
    return max(ids, default=0) + 1


def _abstract_num_xml(abstract_id: int, levels: tuple[tuple[str, str], ...]) -> str:
    body = "".join(_level_xml(level, fmt, text) for level, (fmt, text) in enumerate(levels[:MAX_LIST_LEVELS]))
    return (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{body}</w:abstractNum>'
    )


def _level_xml(level: int, fmt: str, text: str) -> str:
    indent = LIST_INDENT * (level + 1)
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent}" w:hanging="{LIST_INDENT}"/></w:pPr></w:lvl>'
    )


def _num_xml(abstract_id: int, *, restart: bool) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
        for level in range(MAX_LIST_LEVELS)
        if restart
    )
    return f'<w:num {nsdecls("w")} w:numId="0"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
