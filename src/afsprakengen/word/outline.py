"""Markdown headings continue the document's outline: one level below the heading they follow, never a skipped one."""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from afsprakengen.word.mdblocks import MARKDOWN_HEADING
from afsprakengen.word.xml import NAMESPACES, qn, whole_number

MAX_LEVEL = 9
"""Word has nine outline levels (w:outlineLvl 0 to 8); 9 is body text."""
_P, _PPR, _STYLE = qn("w:p"), qn("w:pPr"), qn("w:pStyle")


@lru_cache(maxsize=64)
def style_levels(styles_xml: bytes) -> dict[str, int]:
    """The outline level (1 to 9) of every paragraph style that has one, through the styles it is based on."""
    return styles_levels(etree.fromstring(styles_xml))


def styles_levels(root: etree._Element) -> dict[str, int]:
    """`style_levels` of styles.xml already parsed."""
    own: dict[str, int | None] = {}
    based: dict[str, str] = {}
    for style in root.iter(qn("w:style")):
        style_id = style.get(qn("w:styleId")) or ""
        level = style.find(f"{_PPR}/{qn('w:outlineLvl')}")
        own[style_id] = whole_number(level.get(qn("w:val")), MAX_LEVEL) if level is not None else None
        parent = style.find(qn("w:basedOn"))
        if parent is not None:
            based[style_id] = parent.get(qn("w:val")) or ""
    levels = {}
    for style_id in own:
        level = _resolved(style_id, own, based)
        if level is not None and level < MAX_LEVEL:
            levels[style_id] = level + 1
    return levels


def _resolved(style_id: str, own: dict[str, int | None], based: dict[str, str]) -> int | None:
    seen: set[str] = set()
    while style_id in own and style_id not in seen:
        seen.add(style_id)
        if own[style_id] is not None:
            return own[style_id]
        style_id = based.get(style_id, "")
    return None


def continue_outline(body: etree._Element, levels: dict[str, int]) -> None:
    """Give each markdown heading (a relative level from word/mdblocks.py) the level below the heading before it.

    Only the paragraphs with a style can change the level ("" is no style's id), so only their style marks are
    visited: found by one search in C, the first mark of each paragraph.
    """
    current, last = 0, None
    for style in _styles_of(frozenset(levels))(body):
        paragraph = style.getparent().getparent()
        if paragraph is last or paragraph.tag != _P:
            continue
        last = paragraph
        name = style.get(_VAL) or ""
        if name.startswith(MARKDOWN_HEADING):
            _set_level(style, min(current + int(name.removeprefix(MARKDOWN_HEADING)), MAX_LEVEL))
            continue
        current = levels.get(name, current)


@lru_cache(maxsize=64)
def _styles_of(names: frozenset[str]) -> etree.XPath:
    """The search for the style marks that matter: markdown headings' and those of the styles with a level.

    A paragraph's later marks are found too when its first one matters, so `continue_outline` skips them.
    """
    wanted = [f"starts-with(@w:val, '{MARKDOWN_HEADING}')"]
    for name in sorted(names):
        if "'" in name and '"' in name:
            return etree.XPath(".//w:p/w:pPr/w:pStyle", namespaces=_NS)  # no XPath 1.0 literal holds both quotes
        wanted.append(f"@w:val = {_literal(name)}")
    return etree.XPath(f".//w:p/w:pPr/w:pStyle[{' or '.join(wanted)}]", namespaces=_NS)


def _literal(text: str) -> str:
    return f'"{text}"' if "'" in text else f"'{text}'"


_NS = {"w": NAMESPACES["w"]}
_VAL = qn("w:val")


def _set_level(style: etree._Element, level: int) -> None:
    """The heading style of the level, and the level itself, so a template without that style still has it."""
    style.set(qn("w:val"), f"Heading{level}")
    outline = etree.Element(qn("w:outlineLvl"))
    outline.set(qn("w:val"), str(level - 1))
    ppr = style.getparent()
    later = next((child for child in ppr if child.tag in _AFTER_OUTLINE), None)
    if later is None:
        ppr.append(outline)
    else:
        later.addprevious(outline)


_AFTER_OUTLINE = {qn(f"w:{name}") for name in ("divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}
"""What follows w:outlineLvl in a w:pPr (the schema's order)."""
