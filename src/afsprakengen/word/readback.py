"""A finished document read back as Word reads it: every XML part parsed strictly, once, and the text its body holds."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from afsprakengen.word.assemble import STRICT
from afsprakengen.word.xml import qn


class UnreadableDocument(Exception):
    """A part of the document is not well-formed XML (or the package is not a zip)."""


@dataclass(frozen=True)
class ReadBack:
    """Every XML part of a document (`.xml` and `.rels`), parsed strictly once, by zip name."""

    roots: Mapping[str, etree._Element]

    def body_text(self) -> str:
        """The text of the document's body, a paragraph per line."""
        body = self.roots[BODY]
        t = qn("w:t")
        return "\n".join("".join(e.text or "" for e in p.iter(t)) for p in body.iter(qn("w:p")))


def read_back(data: bytes) -> ReadBack:
    """Every XML part of the document parsed strictly (no recovery); UnreadableDocument when one is not whole."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            roots = {
                name: _parsed(name, package.read(name))
                for name in package.namelist()
                if name.endswith((".xml", ".rels"))
            }
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise UnreadableDocument(str(exc)) from exc
    if BODY not in roots:
        raise UnreadableDocument("it has no word/document.xml")
    return ReadBack(roots)


def read_back_parts(data: bytes) -> tuple[dict[str, etree._Element], Callable[[], Iterator[bytes]]]:
    """Every XML part but the body parsed as `read_back` parses them, and the body's bytes in pieces as they are
    inflated, for a reader that streams it; UnreadableDocument with `read_back`'s message when a part is not whole
    (a body that is not is found by its reader: zipfile.BadZipFile or etree.XMLSyntaxError, for `unreadable`)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = [name for name in package.namelist() if name.endswith((".xml", ".rels"))]
            roots = {name: _parsed(name, package.read(name)) for name in names if name != BODY}
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise unreadable(data, exc) from exc
    if BODY not in names:
        raise UnreadableDocument("it has no word/document.xml")
    return roots, lambda: _pieces(data, BODY)


def _pieces(data: bytes, name: str) -> Iterator[bytes]:
    """A part's bytes in pieces of PIECE (the last one shorter), inflated as they are read."""
    with zipfile.ZipFile(io.BytesIO(data)) as package, package.open(name) as part:
        yield from iter(lambda: part.read(PIECE), b"")


PIECE = 256 * 1024


def strict_pull_parser(events: tuple[str, ...], tag: str) -> etree.XMLPullParser:
    """A parser fed a part piece by piece, with STRICT's options, telling the events of the elements of the tag
    (here, not in assemble.py: that module's bytes are part of the shipped templates' fingerprint)."""
    return etree.XMLPullParser(events=events, tag=tag, huge_tree=True, resolve_entities=False, no_network=True)


def unreadable(data: bytes, exc: Exception) -> UnreadableDocument:
    """The error `read_back` gives for a document a part of which failed to parse (its first broken part)."""
    try:
        read_back(data)
    except UnreadableDocument as whole:
        return whole
    return UnreadableDocument(str(exc))


BODY = "word/document.xml"
_SEEN_MOST, _SEEN_SIZE = 128, 1024 * 1024
_seen: dict[bytes, etree._Element] = {}
"""Parts parsed before, by their bytes, the most recently used last: the parts a document takes unchanged from its
template (styles.xml, the theme, numbering, settings) are the same in every document of that template, and a batch
reads them back for every dossier; read only, never changed."""


def _parsed(name: str, data: bytes) -> etree._Element:
    """A part parsed strictly, or the tree of the same bytes parsed before (up to 1 MiB, never the body)."""
    known = _seen.pop(data, None)
    if known is not None:
        _seen[data] = known
        return known
    root = etree.fromstring(data, STRICT)
    if name != BODY and len(data) <= _SEEN_SIZE:
        if len(_seen) >= _SEEN_MOST:
            del _seen[next(iter(_seen))]
        _seen[data] = root
    return root


def body_text(data: bytes) -> str:
    """The text of the document's body, a paragraph per line; every XML part parsed strictly (no recovery)."""
    return read_back(data).body_text()
