"""WordprocessingML names and elements with lxml alone (rendering needs no python-docx), and attribute numbers."""

from __future__ import annotations

import math

from lxml import etree

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
"""The prefixes our XML uses, as Word writes them."""

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=True)
"""How python-docx reads a part (blank text dropped), so parts read here serialise as they always did."""


def whole_number(value: str | None, default: int) -> int:
    """An attribute's whole number (ASCII digits), or `default` for none or anything else (`x`, `1.5`, `²`): a
    template's odd value is read as missing, as Word reads it, instead of failing the build."""
    return int(value) if value and value.isascii() and value.isdigit() else default


def finite_number(value: str | None) -> float:
    """An attribute's number (`1247`, `1.5`), or 0 for none or anything that is no finite number (`x`, `inf`)."""
    try:
        number = float(value or 0)
    except ValueError:
        return 0.0
    return number if math.isfinite(number) else 0.0


def qn(name: str) -> str:
    """The Clark name of a prefixed name: `w:p` -> `{http://...main}p`."""
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def nsdecls(*prefixes: str) -> str:
    """Namespace declarations for the prefixes, to start an XML fragment with."""
    return " ".join(f'xmlns:{prefix}="{NAMESPACES[prefix]}"' for prefix in prefixes)


def element(name: str) -> etree._Element:
    """A new element with its prefix declared (dropped again when it is put into a part that declares it)."""
    prefix = name.split(":")[0]
    return etree.Element(qn(name), nsmap={prefix: NAMESPACES[prefix]})


def parse_xml(xml: str | bytes) -> etree._Element:
    """An XML fragment or part as an element tree, read as python-docx reads parts."""
    return etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml, _PARSER)
