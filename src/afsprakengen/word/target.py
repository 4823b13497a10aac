"""What one render adds to its package: hyperlink relationships, list numbering and pictures, as changed parts."""

from __future__ import annotations

from docx.image.image import Image
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.shape import CT_Inline
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm
from lxml import etree

from afsprakengen.word.assemble import serialize
from afsprakengen.word.compiled import CompiledTemplate
from afsprakengen.word.numbering import Numbering

RELS = "word/_rels/document.xml.rels"
NUMBERING = "word/numbering.xml"
CONTENT_TYPES = "[Content_Types].xml"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_NUMBERING_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


class PackageTarget:
    """Hands out relationship ids, numbering ids and picture parts for one render of a compiled template."""

    def __init__(self, template: CompiledTemplate) -> None:
        self._template = template
        self._rels = etree.fromstring(template.parts[RELS])
        self._taken = {str(r.get("Id")) for r in self._rels}
        self._links: dict[str, str] = {}
        self._numbering_root: BaseOxmlElement | None = None
        self._numbering: Numbering | None = None
        self._media: dict[str, bytes] = {}

    def link_id(self, url: str) -> str:
        """Relationship id of an external hyperlink to `url`, one per distinct url."""
        if url not in self._links:
            rid = f"rIdLink{len(self._links) + 1}"
            while rid in self._taken:
                rid += "x"
            self._relate(rid, "hyperlink", url, external=True)
            self._links[url] = rid
        return self._links[url]

    def bullet_num_id(self) -> int:
        """numId of the one bullet list definition, added on first use."""
        return self._lists().bullet_num_id()

    def new_numbered_num_id(self) -> int:
        """A new numId on the decimal list definition, restarting at 1 on every level."""
        return self._lists().new_numbered_num_id()

    def picture_xml(self, png: bytes, width_cm: float) -> str:
        """A `wp:inline` picture of `png`, as python-docx makes it, with its media part and relationship."""
        name = f"media/image{len(self._media) + 1}.png"
        self._media[f"word/{name}"] = png
        rid = self._next_rid()
        self._relate(rid, "image", name)
        image = Image.from_blob(png)
        cx, cy = image.scaled_dimensions(Cm(width_cm), None)
        inline = CT_Inline.new_pic_inline(self._template.next_shape_id, rid, image.filename, cx, cy)
        return str(inline.xml)

    def changed_parts(self) -> dict[str, bytes]:
        """The parts this render changed or added, by zip name."""
        out: dict[str, bytes] = dict(self._media)
        new_numbering = self._numbering_root is not None and NUMBERING not in self._template.parts
        if self._links or self._media or new_numbering:
            out[RELS] = serialize(self._rels)
        if self._numbering_root is not None:
            out[NUMBERING] = serialize(self._numbering_root)
        if self._media or new_numbering:
            out[CONTENT_TYPES] = self._content_types(new_numbering)
        return out

    def _lists(self) -> Numbering:
        if self._numbering is None:
            existing = self._template.parts.get(NUMBERING)
            if existing is None:
                self._relate(self._next_rid(), "numbering", "numbering.xml")
            self._numbering_root = parse_xml(existing or f"<w:numbering {nsdecls('w')}/>".encode())
            self._numbering = Numbering(self._numbering_root)
        return self._numbering

    def _next_rid(self) -> str:
        return next(f"rId{n}" for n in range(1, len(self._taken) + 2) if f"rId{n}" not in self._taken)

    def _relate(self, rid: str, kind: str, target: str, *, external: bool = False) -> None:
        rel = etree.SubElement(self._rels, f"{{{_PR}}}Relationship", Id=rid, Type=_RT + kind, Target=target)
        self._taken.add(rid)
        if external:
            rel.set("TargetMode", "External")

    def _content_types(self, new_numbering: bool) -> bytes:
        types = etree.fromstring(self._template.parts[CONTENT_TYPES])
        has_png = any(d.get("Extension", "").lower() == "png" for d in types.iter(f"{{{_CT}}}Default"))
        if self._media and not has_png:
            types.insert(0, etree.Element(f"{{{_CT}}}Default", Extension="png", ContentType="image/png"))
        if new_numbering:
            etree.SubElement(types, f"{{{_CT}}}Override", PartName=f"/{NUMBERING}", ContentType=_NUMBERING_TYPE)
        return serialize(types)
