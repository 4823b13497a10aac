"""Small helpers on WordprocessingML elements: finding and placing children, text, structure, comparable values."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from docx.oxml.ns import qn
from lxml.etree import _Element

from afsprakengen.word.redline.tags import SECTPR, SPECIAL_CHARS, TC, TCPR, TR, TRPR, P, R, T


def set_children(parent: _Element, children: list[_Element]) -> None:
    """Make these the parent's children, in order. Appending moves an element; lxml's remove() is slow in a big
    body (it reconciles namespaces), so only the children left out are removed."""
    for child in children:
        parent.append(child)
    for stale in list(parent)[: len(parent) - len(children)]:
        parent.remove(stale)


def get_or_add(parent: _Element, tag: str, create: Callable[[_Element], None]) -> _Element:
    found = parent.find(tag)
    if found is None:
        create(parent)
        found = parent.find(tag)
    return found


def insert_before(parent: _Element, element: _Element, successors: set[str]) -> None:
    following = next((c for c in parent if c.tag in successors), None)
    if following is None:
        parent.append(element)
    else:
        following.addprevious(element)


def char_of(node: _Element) -> str:
    if node.tag == T:
        return str(node.text or "")
    if node.tag == qn("w:br") and node.get(qn("w:type")) in ("page", "column"):
        return "\f"
    return SPECIAL_CHARS[node.tag]


def block_text(block: _Element) -> str:
    """The text of a block for comparing words; paragraphs (and so table cells) apart."""
    nodes = block.iter(P, T, *SPECIAL_CHARS)
    return "".join("\n" if n.tag == P else char_of(n) for n in nodes if n.tag == P or n.getparent().tag == R)


def child_blocks(container: _Element) -> list[_Element]:
    return [c for c in container if c.tag not in (TCPR, SECTPR)]


def table_rows(table: _Element) -> list[_Element]:
    return [c for c in table if c.tag == TR]


def row_cells(row: _Element) -> list[_Element]:
    return [c for c in row if c.tag == TC]


def plain_table(table: _Element) -> bool:
    return all(c.tag in (qn("w:tblPr"), qn("w:tblGrid"), TR) for c in table)


def plain_row(row: _Element) -> bool:
    return all(c.tag in (qn("w:tblPrEx"), TRPR, TC) for c in row)


def grid_columns(table: _Element) -> int:
    return len(table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))


def canon(element: _Element | None, skip: str = "") -> Hashable:
    """An element as a comparable value: tag, sorted attributes, text and children (a `skip` tag left out)."""
    if element is None:
        return ()
    children = tuple(canon(c, skip) for c in element if c.tag != skip)
    return (element.tag, tuple(sorted(element.attrib.items())), element.text or "", children)


def as_int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else -1
