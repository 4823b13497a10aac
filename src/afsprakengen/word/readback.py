"""A finished document read back as Word reads it: every XML part parsed strictly, and the text its body holds."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from afsprakengen.word.assemble import STRICT
from afsprakengen.word.xml import qn


class UnreadableDocument(Exception):
    """A part of the document is not well-formed XML (or the package is not a zip)."""


def body_text(data: bytes) -> str:
    """The text of the document's body, a paragraph per line; every XML part parsed strictly (no recovery)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            roots = {
                name: etree.fromstring(package.read(name), STRICT)
                for name in package.namelist()
                if name.endswith((".xml", ".rels"))
            }
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise UnreadableDocument(str(exc)) from exc
    body = roots.get("word/document.xml")
    if body is None:
        raise UnreadableDocument("it has no word/document.xml")
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
