"""What one render adds to its package: hyperlink relationships, list numbering, charts and pictures, as parts."""

from __future__ import annotations

from lxml import etree

from afsprakengen.documents.common import Chart, Picture
from afsprakengen.word.assemble import serialize
from afsprakengen.word.chart import CHART_NS, chart_space_xml
from afsprakengen.word.compiled import CompiledTemplate
from afsprakengen.word.mdruns import quoteattr
from afsprakengen.word.numbering import Numbering
from afsprakengen.word.xml import nsdecls, parse_xml

RELS = "word/_rels/document.xml.rels"
NUMBERING = "word/numbering.xml"
CONTENT_TYPES = "[Content_Types].xml"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_NUMBERING_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
_CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_INLINE_NS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    f'xmlns:c="{CHART_NS}" xmlns:r="{_RT[:-1]}"'
)


class PackageTarget:
    """Hands out relationship ids, numbering ids, chart and picture parts for one render of a compiled template."""

    def __init__(self, template: CompiledTemplate) -> None:
        self._template = template
        self._rels = etree.fromstring(template.parts[RELS])
        self._taken = {str(r.get("Id")) for r in self._rels}
        self._links: dict[str, str] = {}
        self._numbering_root: etree._Element | None = None
        self._numbering: Numbering | None = None
        self._charts: dict[str, bytes] = {}
        self._media: dict[str, bytes] = {}
        self._media_rids: dict[bytes, str] = {}

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

    def new_numbered_num_id(self, start: int = 1) -> int:
        """A new numId on the decimal list definition, starting at `start` (the list's own first number)."""
        return self._lists().new_numbered_num_id(start)

    def chart_xml(self, chart: Chart) -> str:
        """A `wp:inline` native Word chart, with its chart part, relationship and alt text (descr and title)."""
        number = len(self._charts) + 1
        name = f"charts/chart{number}.xml"
        self._charts[f"word/{name}"] = chart_space_xml(chart)
        rid = self._next_rid()
        self._relate(rid, "chart", name)
        alt = quoteattr(chart.alt)
        return (
            f'<wp:inline distT="0" distB="0" distL="0" distR="0" {_INLINE_NS}>'
            f'<wp:extent cx="{_emu(chart.width_cm)}" cy="{_emu(chart.height_cm)}"/>'
            '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{self._template.next_shape_id}" name="Grafiek {number}" descr={alt} title={alt}/>'
            f'<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="{CHART_NS}"><c:chart r:id="{rid}"/>'
            "</a:graphicData></a:graphic></wp:inline>"
        )

    def picture_xml(self, picture: Picture) -> str:
        """A `wp:inline` picture, with its media part (one per distinct image), relationship and alt text."""
        rid = self._media_rids.get(picture.data)
        if rid is None:
            name = f"media/image{len(self._media) + 1}.{picture.kind}"
            self._media[f"word/{name}"] = picture.data
            rid = self._media_rids[picture.data] = self._next_rid()
            self._relate(rid, "image", name)
        alt = quoteattr(picture.alt)
        cx, cy = _emu(picture.width_cm), _emu(picture.height_cm)
        return (
            f'<wp:inline distT="0" distB="0" distL="0" distR="0" {_INLINE_NS}>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{self._template.next_shape_id}" name="Afbeelding" descr={alt} title={alt}/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic><a:graphicData uri="{_PIC_NS}"><pic:pic xmlns:pic="{_PIC_NS}">'
            f'<pic:nvPicPr><pic:cNvPr id="0" name="Afbeelding" descr={alt}/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline>"
        )

    def changed_parts(self) -> dict[str, bytes]:
        """The parts this render changed or added, by zip name."""
        out: dict[str, bytes] = {**self._charts, **self._media}
        new_numbering = self._numbering_root is not None and NUMBERING not in self._template.parts
        if self._links or self._charts or self._media or new_numbering:
            out[RELS] = serialize(self._rels)
        if self._numbering_root is not None:
            out[NUMBERING] = serialize(self._numbering_root)
        if self._charts or self._media or new_numbering:
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
        for name in self._charts:
            etree.SubElement(types, f"{{{_CT}}}Override", PartName=f"/{name}", ContentType=_CHART_TYPE)
        known = {str(d.get("Extension")).lower() for d in types.iter(f"{{{_CT}}}Default")}
        for extension in sorted({name.rsplit(".", 1)[1] for name in self._media} - known):
            etree.SubElement(types, f"{{{_CT}}}Default", Extension=extension, ContentType=f"image/{extension}")
        if new_numbering:
            etree.SubElement(types, f"{{{_CT}}}Override", PartName=f"/{NUMBERING}", ContentType=_NUMBERING_TYPE)
        return serialize(types)


def _emu(cm: float) -> int:
    """English Metric Units (360,000 a centimetre), as python-docx's Cm gives them."""
    return int(cm * 360000)
