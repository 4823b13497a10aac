"""List numbering definitions: one bullet list, and numbered lists that each start at their own number, in a part."""

from __future__ import annotations

from lxml import etree

from afsprakengen.word.mdblocks import LIST_INDENT, MAX_LIST_LEVELS
from afsprakengen.word.xml import NAMESPACES, nsdecls, parse_xml, qn

_BULLET_LEVELS = tuple(("bullet", text) for text in ("•", "◦", "▪") * 3)
_NUMBER_LEVELS = tuple(("decimal", f"%{level + 1}.") for level in range(MAX_LIST_LEVELS))
"""Every level numbers 1., 2., as markdown writes it, so a text that refers to "punt 2" finds it."""


class Numbering:
    """The `w:numbering` root of a document, with ids counted on from the highest ones the template uses."""

    def __init__(self, numbering: etree._Element) -> None:
        self._numbering = numbering
        self._next_abstract_id = _next_id(numbering, _ABSTRACT_IDS)
        self._next_num_id = _next_id(numbering, _NUM_IDS)
        self._bullet_num_id: int | None = None
        self._numbered_abstract_id: int | None = None
        self._cleanup = numbering.find(qn("w:numIdMacAtCleanup"))

    def bullet_num_id(self) -> int:
        if self._bullet_num_id is None:
            abstract_id = self._add_abstract(_BULLET_LEVELS)
            self._bullet_num_id = self._add_num(parse_xml(_num_xml(abstract_id, None)))
        return self._bullet_num_id

    def new_numbered_num_id(self, start: int = 1) -> int:
        """A new w:num on the one numbered definition, starting at `start` (w:startOverride on every level)."""
        if self._numbered_abstract_id is None:
            self._numbered_abstract_id = self._add_abstract(_NUMBER_LEVELS)
        return self._add_num(parse_xml(_num_xml(self._numbered_abstract_id, start)))

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

    def _add_num(self, num: etree._Element) -> int:
        num_id = self._next_num_id
        self._next_num_id += 1
        num.set(qn("w:numId"), str(num_id))
        if self._cleanup is None:
            self._numbering.append(num)
        else:
            self._cleanup.addprevious(num)
        return num_id


_ABSTRACT_IDS = etree.XPath("./w:abstractNum/@w:abstractNumId", namespaces=NAMESPACES)
_NUM_IDS = etree.XPath("./w:num/@w:numId", namespaces=NAMESPACES)


def _next_id(numbering: etree._Element, ids_of: etree.XPath) -> int:
    ids = [int(value) for value in ids_of(numbering) if str(value).isdigit()]
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


def _num_xml(abstract_id: int, start: int | None) -> str:
    """A w:num on the definition; with a start, every level starts at it (a list uses only its own level)."""
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for level in range(MAX_LIST_LEVELS)
        if start is not None
    )
    return f'<w:num {nsdecls("w")} w:numId="0"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
