"""What a published PDF must be, read back with pikepdf: PDF/A-2b and PDF/UA-1 claimed, tagged, Dutch, navigable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LANGUAGE = "nl-NL"
_HEADING = re.compile(r"/H([1-6])$")
_PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
_PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"


@dataclass(frozen=True)
class Element:
    """One element of the structure tree, its role mapped to a standard one, with its text alternative."""

    role: str
    alt: str
    path: tuple[int, ...]
    """Where it sits: the index of each ancestor among its siblings, from the root."""


def pdf_findings(pdf: Path) -> list[str]:
    """Everything the PDF lacks for publication, one plain line each; empty when it passes."""
    import pikepdf

    with pikepdf.open(pdf) as document:
        findings = _identification(document)
        root = document.Root
        if str(root.get("/Lang", "")) != LANGUAGE:
            findings.append(f"the document language is {str(root.get('/Lang', 'not set'))!r}, not {LANGUAGE}")
        marked = "/MarkInfo" in root and bool(root.MarkInfo.get("/Marked", False))
        if "/StructTreeRoot" not in root or not marked:
            return [*findings, "the PDF is not tagged (no structure tree)"]
        elements = list(_elements(root.StructTreeRoot))
    return findings + _figures(elements) + _counted(_headings(elements)) + _tables(elements)


def _counted(lines: list[str]) -> list[str]:
    """Each distinct line once, with how often it occurred when more than once."""
    counts = {line: lines.count(line) for line in lines}
    return [f"{line} ({n} times)" if n > 1 else line for line, n in counts.items()]


def _identification(document: Any) -> list[str]:
    found: list[str] = []
    with document.open_metadata() as meta:
        if (meta.get(f"{_PDFAID}part"), meta.get(f"{_PDFAID}conformance")) != ("2", "B"):
            found.append("the XMP metadata do not identify the file as PDF/A-2b")
        if meta.get(f"{_PDFUAID}part") != "1":
            found.append("the XMP metadata do not identify the file as PDF/UA-1")
        if not meta.get("{http://purl.org/dc/elements/1.1/}title"):
            found.append("the document has no title (dc:title)")
    return found


def _elements(tree: Any) -> Iterator[Element]:
    """Every structure element in reading order, its role resolved through the tree's RoleMap."""
    import pikepdf

    rolemap = {str(k): str(v) for k, v in tree.get("/RoleMap", {}).items()}

    def walk(node: Any, path: tuple[int, ...]) -> Iterator[Element]:
        kids = node.get("/K")
        if kids is None:
            return
        for i, kid in enumerate(kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                role, seen = str(kid.S), set()
                while role in rolemap and role not in seen:  # a role map may chain; standard roles map to nothing
                    seen.add(role)
                    role = rolemap[role]
                yield Element(role, str(kid.get("/Alt", "")), (*path, i))
                yield from walk(kid, (*path, i))

    yield from walk(tree, ())


def _figures(elements: list[Element]) -> list[str]:
    bare = [e for e in elements if e.role == "/Figure" and not e.alt.strip()]
    return [f"{len(bare)} figure(s) without alternative text"] if bare else []


def _headings(elements: list[Element]) -> list[str]:
    found, level = [], 0
    for e in elements:
        match = _HEADING.match(e.role)
        if not match:
            continue
        new = int(match.group(1))
        if new > level + 1:
            found.append(f"heading level {new} follows level {level}" if level else f"the first heading is H{new}")
        level = new
    return found


def _tables(elements: list[Element]) -> list[str]:
    tables = [e.path for e in elements if e.role == "/Table"]
    headed = {t for t in tables for e in elements if e.role == "/TH" and e.path[: len(t)] == t}
    bare = len(tables) - len(headed)
    return [f"{bare} of {len(tables)} table(s) without a header cell (TH)"] if bare else []
