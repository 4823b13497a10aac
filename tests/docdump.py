"""A normalised text dump of a Word document body (styles, paragraphs, lists, table rows) for golden files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.numbering import NumberingPart
from docx.text.run import Run

MONOSPACE_FONTS = frozenset({"Courier New", "Consolas", "Courier", "Liberation Mono", "DejaVu Sans Mono", "Menlo"})
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
_NO_PARENT: Any = None
_SPECIAL_CHILDREN = {
    qn("w:tab"): "⇥",
    qn("w:cr"): " ⏎ ",
    qn("w:noBreakHyphen"): "-",
    qn("w:drawing"): "⟨image⟩",
    qn("w:footnoteReference"): "⟨footnote⟩",
}
_SKIPPED = frozenset({qn("w:pPr"), qn("w:rPr"), qn("w:del"), qn("w:instrText"), qn("w:moveFrom")})


def dump_docx(path: Path | str) -> str:
    """Dump of the .docx file at `path`."""
    return dump_document(docx.Document(str(path)))


def dump_document(document: Document) -> str:
    """One line per body paragraph in order, `table:` and one line per row for tables; ends with a newline.

    A paragraph line is `[Style name] text`, with ` list=N level=L start=S` after the name for list paragraphs
    (N counts distinct lists in order of appearance, S is the number or bullet Word shows) and a `?` after a
    style id the document does not define. Text shows `**bold**`, `*italic*`, `~~strike~~`, `` `code` `` (a
    monospace font), `[text](url)` for hyperlinks, ` ⏎ ` for a line break and `⇥` for a tab.
    """
    dumper = _Dumper(document)
    lines = [line for child in _blocks(document.element.body) for line in dumper.block(child)]
    return "".join(f"{line}\n" for line in lines)


def _blocks(container: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Paragraphs and tables in order, looking through content controls."""
    for child in container:
        if child.tag == qn("w:sdt"):
            yield from _blocks(child.find(qn("w:sdtContent")))
        elif child.tag in (qn("w:p"), qn("w:tbl")):
            yield child


@dataclass(frozen=True)
class _Segment:
    """A piece of text with the look that the dump shows as markers."""

    text: str
    marks: tuple[str, ...]
    link: BaseOxmlElement | None


class _Dumper:
    """Knows the document's styles, relationships and numbering, and counts list numbers as it goes."""

    def __init__(self, document: Document) -> None:
        self._part = document.part
        self._styles = {s.style_id: s.name for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
        self._default_style = document.styles.default(WD_STYLE_TYPE.PARAGRAPH).name
        self._numbers = _ListNumbers(_numbering_root(self._part))

    def block(self, element: BaseOxmlElement) -> list[str]:
        if element.tag == qn("w:tbl"):
            return ["table:", *(self._row(tr) for tr in element.iterchildren(qn("w:tr")))]
        text = self.text(element)
        if element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None:
            text = f"{text} ⟨bottom border⟩".lstrip()
        head = f"[{self._style(element)}{self._numbers.describe(element)}]"
        return [f"{head} {text}" if text else head]

    def text(self, paragraph: BaseOxmlElement) -> str:
        segments = list(self._segments(paragraph, None))
        return "".join(self._link_text(group) for group in _group(segments, lambda s: s.link))

    def _row(self, tr: BaseOxmlElement) -> str:
        header = tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        cells = [" / ".join(self.text(p) for p in tc.iter(qn("w:p"))) for tc in tr.iterchildren(qn("w:tc"))]
        return f"  |{'h|' if header else ''} {' | '.join(cells)} |"

    def _style(self, paragraph: BaseOxmlElement) -> str:
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None:
            return str(self._default_style)
        style_id = style.get(qn("w:val"))
        return self._styles.get(style_id) or f"{style_id}?"

    def _segments(self, element: BaseOxmlElement, link: BaseOxmlElement | None) -> Iterator[_Segment]:
        for child in element:
            if child.tag == qn("w:r"):
                marks = _marks(Run(child, _NO_PARENT))
                yield from (_Segment(text, marks, link) for text in _run_texts(child))
            elif child.tag == qn("w:hyperlink"):
                yield from self._segments(child, child)
            elif child.tag not in _SKIPPED:
                yield from self._segments(child, link)

    def _link_text(self, segments: list[_Segment]) -> str:
        inner = _marked_text(segments)
        link = segments[0].link
        return inner if link is None else f"[{inner}]({self._url(link)})"

    def _url(self, hyperlink: BaseOxmlElement) -> str:
        rid = hyperlink.get(qn("r:id"))
        return str(self._part.rels[rid].target_ref) if rid else f"#{hyperlink.get(qn('w:anchor'))}"


def _group(segments: list[_Segment], key: Callable[[_Segment], object]) -> Iterator[list[_Segment]]:
    group: list[_Segment] = []
    for segment in segments:
        if group and key(group[-1]) != key(segment):
            yield group
            group = []
        group.append(segment)
    if group:
        yield group


def _marked_text(segments: list[_Segment]) -> str:
    """Text with markers, keeping a marker open across segments that share it: `**a *b***`."""
    out: list[str] = []
    opened: list[str] = []
    for segment in segments:
        keep = 0
        while keep < len(opened) and opened[keep] in segment.marks:
            keep += 1
        out.extend(reversed(opened[keep:]))
        opened = opened[:keep] + [mark for mark in segment.marks if mark not in opened[:keep]]
        out.extend(opened[keep:])
        out.append(segment.text)
    out.extend(reversed(opened))
    return "".join(out)


def _marks(run: Run) -> tuple[str, ...]:
    checks = (  # outermost first
        ("**", bool(run.bold)),
        ("*", bool(run.italic)),
        ("~~", bool(run.font.strike)),
        ("`", run.font.name in MONOSPACE_FONTS),
    )
    return tuple(mark for mark, present in checks if present)


def _run_texts(run: BaseOxmlElement) -> Iterator[str]:
    for child in run:
        if child.tag == qn("w:t"):
            yield child.text or ""
        elif child.tag == qn("w:br"):
            yield " ⟨page break⟩ " if child.get(qn("w:type")) == "page" else " ⏎ "
        elif child.tag in _SPECIAL_CHILDREN:
            yield _SPECIAL_CHILDREN[child.tag]


def _numbering_root(part: Part) -> BaseOxmlElement | None:
    try:
        root: BaseOxmlElement = cast(NumberingPart, part.part_related_by(RT.NUMBERING)).element
    except KeyError:
        return None
    return root


@dataclass
class _ListNumbers:
    """Numbers list paragraphs the way Word does, simplified: a num with start overrides counts on its own."""

    numbering: BaseOxmlElement | None
    lists: dict[str, int] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    def describe(self, paragraph: BaseOxmlElement) -> str:
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id = _child_val(num_pr, "w:numId")
        if num_pr is None or num_id in (None, "0"):
            return ""
        level = int(_child_val(num_pr, "w:ilvl") or "0")
        number = self.lists.setdefault(num_id, len(self.lists) + 1)
        return f" list={number} level={level} start={self._label(num_id, level)}"

    def _label(self, num_id: str, level: int) -> str:
        num = self._find(f"./w:num[@w:numId='{num_id}']")
        abstract_id = _child_val(num, "w:abstractNumId")
        lvl = self._find(f"./w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='{level}']")
        if num is None or lvl is None:
            return "?"
        overrides = num.xpath("./w:lvlOverride/w:startOverride/@w:val")
        counters = self.counters.setdefault(num_id if overrides else f"abstract {abstract_id}", [None] * 9)
        override = num.xpath(f"./w:lvlOverride[@w:ilvl='{level}']/w:startOverride/@w:val")
        start = int(override[0]) if override else int(_child_val(lvl, "w:start") or "1")
        current = counters[level]
        counters[level] = start if current is None else current + 1
        counters[level + 1 :] = [None] * (len(counters) - level - 1)
        return _format_number(counters[level] or 0, _child_val(lvl, "w:numFmt"), _child_val(lvl, "w:lvlText"))

    def _find(self, xpath: str) -> BaseOxmlElement | None:
        found = self.numbering.xpath(xpath) if self.numbering is not None else []
        return cast(BaseOxmlElement, found[0]) if found else None


def _child_val(element: BaseOxmlElement | None, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


def _format_number(number: int, fmt: str | None, text: str | None) -> str:
    formats: dict[str | None, Callable[[int], str]] = {
        "bullet": lambda _: text or "•",
        "lowerLetter": lambda n: _LETTERS[(n - 1) % 26] * ((n - 1) // 26 + 1),
        "upperLetter": lambda n: _LETTERS[(n - 1) % 26].upper() * ((n - 1) // 26 + 1),
        "lowerRoman": _roman,
        "upperRoman": lambda n: _roman(n).upper(),
    }
    return formats.get(fmt, str)(number)


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out += letters * count
    return out
