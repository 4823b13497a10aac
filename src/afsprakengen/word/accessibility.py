"""What an accessible .docx needs, read from its XML: heading order, alternative texts, header rows, language, title."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from lxml import etree

from afsprakengen.word.assemble import STRICT
from afsprakengen.word.outline import MAX_LEVEL, styles_levels
from afsprakengen.word.readback import BODY, read_back_parts, strict_pull_parser, unreadable
from afsprakengen.word.xml import qn, whole_number

_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_P, _TBL, _TR, _PICT, _T = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:pict"), qn("w:t")
_SECTPR = qn("w:sectPr")
_PPR, _OUTLINE, _PSTYLE, _VAL = qn("w:pPr"), qn("w:outlineLvl"), qn("w:pStyle"), qn("w:val")
_VML = "a VML shape (w:pict), which a PDF shows as a figure without alternative text; use a DrawingML drawing"


@dataclass(frozen=True)
class Finding:
    """One thing the document lacks, and where: the part, the paragraph number and the headings it sits under."""

    message: str
    part: str = ""
    paragraph: int = 0
    """The number of the paragraph it is in or follows, counted from 1 in the part as Word counts them (the
    paragraphs in table cells too); 0: the whole document."""
    headings: tuple[str, ...] = ()

    def place(self) -> str:
        """Where it is, in words: 'word/document.xml, paragraph 12, under 1. Inleiding > 1.1 Doel'."""
        where = [self.part] if self.part else []
        if self.paragraph:
            where.append(f"paragraph {self.paragraph}")
        if self.headings:
            where.append("under " + " > ".join(self.headings))
        return ", ".join(where) or "the document"


def docx_findings(data: bytes) -> list[Finding]:
    """Everything the document lacks for an accessible publication; empty when it passes. Raises on a broken zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        wanted = [n for n in package.namelist() if _is_story(n) or n in _METADATA]
        return part_findings({name: etree.fromstring(package.read(name), STRICT) for name in wanted})


def part_findings(roots: Mapping[str, etree._Element]) -> list[Finding]:
    """`docx_findings` of a document whose XML parts are parsed already (by zip name; others are not read)."""
    styles = _styles(roots)
    levels = _style_levels(styles)
    return _all(roots, styles, {name: _story(name, roots[name], levels) for name in roots if _is_story(name)})


def read_and_judge(data: bytes) -> tuple[str, list[Finding]]:
    """The body's text (a paragraph per line) and `docx_findings` of a document read back: every part parsed
    strictly once, word/document.xml a top-level block at a time, each block freed once judged (the whole tree
    only for a body the blocks cannot judge the same); UnreadableDocument when a part is not whole."""
    roots, body = read_back_parts(data)
    styles = _styles(roots)
    levels = _style_levels(styles)
    try:
        walk = _streamed(body(), levels) or _whole(b"".join(body()), levels)
    except (etree.XMLSyntaxError, zipfile.BadZipFile) as exc:
        raise unreadable(data, exc) from exc
    stories = {name: _story(name, roots[name], levels) for name in roots if _is_story(name)}
    return "\n".join(walk.texts), _all(roots, styles, {**stories, BODY: walk.found})


def _styles(roots: Mapping[str, etree._Element]) -> etree._Element:
    styles = roots.get("word/styles.xml")
    return etree.Element(qn("w:styles")) if styles is None else styles


def _all(roots: Mapping[str, etree._Element], styles: etree._Element, stories: _Stories) -> list[Finding]:
    """The document's metadata findings, then those of each story by its name."""
    found = _metadata(roots.get("docProps/core.xml"), styles)
    for name in sorted(stories):
        found.extend(stories[name])
    return found


_METADATA = ("word/styles.xml", "docProps/core.xml")
_Stories = dict[str, list[Finding]]


@lru_cache(maxsize=16)
def _style_levels(styles: etree._Element) -> dict[str, int]:
    """The styles' outline levels by the parsed styles.xml: the read-back gives every document of a template the
    one tree of its styles (never changed), so a batch resolves them once per template, not per document."""
    return styles_levels(styles)


def _is_story(name: str) -> bool:
    return name == "word/document.xml" or (name.startswith(("word/header", "word/footer")) and name.endswith(".xml"))


def _metadata(core: etree._Element | None, styles: etree._Element) -> list[Finding]:
    found = []
    title = core.find(_TITLE) if core is not None else None
    if title is None or not (title.text or "").strip():
        found.append(Finding("the document has no title (docProps/core.xml dc:title)"))
    lang = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if lang is None or not (lang.get(qn("w:val")) or "").strip():
        found.append(Finding("the document has no language (w:docDefaults w:lang in word/styles.xml)"))
    return found


def _story(name: str, root: etree._Element, levels: dict[str, int]) -> list[Finding]:
    """The findings of one part, each placed by the paragraph it is in (or follows) and the headings above it."""
    walk = _Walk(name, levels)
    walk.block(root)
    return walk.found


class _Walk:
    """The paragraphs, tables and drawings of a part in document order, a block at a time: the paragraph number,
    the headings above, the findings and every paragraph's text carried from one block to the next."""

    def __init__(self, name: str, levels: dict[str, int]) -> None:
        self.name, self.levels = name, levels
        self.found: list[Finding] = []
        self.texts: list[str] = []
        self.path: list[tuple[int, str]] = []
        self.number = 0

    def block(self, root: etree._Element, stop: etree._Element | None = None) -> None:
        """The findings of the root and everything in it up to `stop`, the paragraphs numbered on from the blocks
        before."""
        name, found, path, texts, number = self.name, self.found, self.path, self.texts, self.number
        headings = _heading_levels(root, self.levels)
        for element in root.iter(_P, _TBL, _DOCPR, _PICT, _SECTPR):  # a w:sectPr, too, may be where to stop
            if element is stop:
                break
            if element.tag == _P:
                number += 1
                texts.append("".join([t.text or "" for t in element.iter(_T)]))
                level = headings.get(element, 0)
                if level:
                    if level > (path[-1][0] if path else 0) + 1:
                        above = f"level {path[-1][0]}" if path else "no heading"
                        found.append(Finding(f"heading level {level} follows {above}", name, number, _texts(path)))
                    while path and path[-1][0] >= level:
                        path.pop()
                    path.append((level, texts[-1].strip()))
            elif element.tag == _TBL and not _has_header_row(element):
                found.append(Finding("a table without a header row (w:tblHeader)", name, number, _texts(path)))
            elif element.tag == _PICT:
                found.append(Finding(_VML, name, number, _texts(path)))
            elif element.tag == _DOCPR and not (element.get("descr") or element.get("title") or "").strip():
                what = element.get("name") or "a picture"
                found.append(Finding(f"{what!r} has no alternative text (wp:docPr descr)", name, number, _texts(path)))
        self.number = number


def _whole(body: bytes, levels: dict[str, int]) -> _Walk:
    walk = _Walk(BODY, levels)
    walk.block(etree.fromstring(body, STRICT))
    return walk


def _streamed(pieces: Iterable[bytes], levels: dict[str, int]) -> _Walk | None:
    """The walk through the body fed to the parser in pieces, the top-level blocks of w:body judged once they
    end, then freed; None when the document holds anything but those blocks (it is judged whole then)."""
    parser, walk, body = strict_pull_parser(("start",), _BODY), _Walk(BODY, levels), None
    for piece in pieces:
        parser.feed(piece)
        for _, element in parser.read_events():
            if body is not None:
                return None  # a second w:body
            body = element
        if body is not None and not _judged(walk, body, max(len(body) - 1, 0)):  # the last may be incomplete
            return None
    root = parser.close()
    if body is None or not _judged(walk, body, len(body)):
        return None
    return walk if root.tag == _DOCUMENT and len(root) == 1 and root[0] is body else None


def _judged(walk: _Walk, body: etree._Element, count: int) -> bool:
    """The body's first blocks (the complete ones) judged, then freed; False when one is not a w:p, w:tbl or
    w:sectPr. The walk goes through the body in C and stops at the block the parser is still in."""
    if not all(block.tag in _BLOCKS for block in islice(body, count)):
        return False
    if count == 0:
        return True  # the parser is still in the first block (a long table): nothing to walk, not even it
    walk.block(body, body[count] if count < len(body) else None)
    for _ in range(count):  # one by one: `del body[:count]` takes seconds where a block is still referenced
        del body[0]
    return True


_BODY, _DOCUMENT = qn("w:body"), qn("w:document")
_BLOCKS = frozenset((_P, _TBL, _SECTPR))


def _heading_levels(root: etree._Element, levels: dict[str, int]) -> dict[etree._Element, int]:
    """`_level` of the paragraphs that can have one: those whose properties have an outline level or a style.

    Found from their marks by two searches in C, so the paragraphs of body text are not looked into one by one:
    first the (few) with an outline level of their own, then those with a style; the style that is the first
    child of a paragraph's first child, its properties, gives its level without `_level`'s look at its children.
    """
    found: dict[etree._Element, int] = {}
    for mark in root.iter(_OUTLINE):
        paragraph = _paragraph_of(mark)
        if paragraph is not None and paragraph not in found:
            found[paragraph] = _level(paragraph, levels)
    for mark in root.iter(_PSTYLE):
        paragraph = _paragraph_of(mark)
        if paragraph is not None and paragraph not in found:  # so its properties have no level of their own
            first = paragraph[0] is mark.getparent() and mark.getparent()[0] is mark
            found[paragraph] = levels.get(mark.get(_VAL) or "", 0) if first else _level(paragraph, levels)
    return found


def _paragraph_of(mark: etree._Element) -> etree._Element | None:
    """The paragraph whose properties (w:pPr) the mark is a child of; None for a mark elsewhere."""
    ppr = mark.getparent()
    paragraph = ppr.getparent() if ppr is not None and ppr.tag == _PPR else None
    return paragraph if paragraph is not None and paragraph.tag == _P else None


def _level(paragraph: etree._Element, levels: dict[str, int]) -> int:
    """The paragraph's outline level, 1 to 9, from its own w:outlineLvl or its style; 0 for body text."""
    ppr = _child(paragraph, _PPR)
    if ppr is None:
        return 0
    own = _child(ppr, _OUTLINE)
    if own is not None:
        value = whole_number(own.get(_VAL), MAX_LEVEL)
        return value + 1 if value < MAX_LEVEL else 0
    style = _child(ppr, _PSTYLE)
    return levels.get(style.get(_VAL) or "", 0) if style is not None else 0


def _child(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child with the tag (as `find`, without its path parser: this runs for every paragraph)."""
    return next(element.iterchildren(tag), None)


def _has_header_row(table: etree._Element) -> bool:
    first = table.find(_TR)
    return first is not None and first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def _texts(path: list[tuple[int, str]]) -> tuple[str, ...]:
    return tuple(text for _, text in path)


def drawing_descriptions(data: bytes) -> list[str]:
    """The alternative text of every drawing (chart, picture) in the body, in document order."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"), STRICT)
    return [(d.get("descr") or d.get("title") or "").strip() for d in root.iter(_DOCPR)]
