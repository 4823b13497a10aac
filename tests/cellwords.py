"""Words of a document's table cells that its PDF does not show whole (broken over two lines inside the cell)."""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections import Counter
from html import unescape
from itertools import pairwise
from pathlib import Path

from lxml import etree

from tests.pdftext import _WORD, Word

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SOFT_HYPHEN = "\u00ad"
_TEXT_TAGS = frozenset({f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"})


def cell_words(docx_path: Path) -> list[str]:
    """Every word of every table cell of the document body, in document order (nested tables included)."""
    with zipfile.ZipFile(docx_path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    words: list[str] = []
    for cell in root.iter(f"{_W}tc"):
        for paragraph in cell.findall(f"{_W}p"):
            words += _paragraph_text(paragraph).replace(_SOFT_HYPHEN, "").split()
    return words


def body_words(docx_path: Path) -> Counter[str]:
    """How often each word occurs in the document body (paragraphs in and outside tables)."""
    with zipfile.ZipFile(docx_path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return Counter(w for p in root.iter(f"{_W}p") for w in _paragraph_text(p).replace(_SOFT_HYPHEN, "").split())


def pdf_words(pdf: Path) -> Counter[str]:
    """How often each word occurs whole in the PDF: on one line, or broken only right after a hyphen.

    Dutch breaks a compound at its hyphen ("Oosterveld-" and "West" on the next line), so a word that ends in a
    hyphen is also counted joined to the word after it in the PDF's own order (a cell's text is one run of lines)
    when that word starts a lower line; any other break leaves the word's whole form missing.
    """
    command = ["pdftotext", "-raw", "-bbox", str(pdf), "-"]
    html = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    words = [Word(unescape(m[5]), *map(float, m.groups()[:4])) for m in _WORD.finditer(html)]
    counts = Counter(w.text for w in words)
    counts.update(a.text + b.text for a, b in pairwise(words) if _goes_on(a, b))
    return counts


def _goes_on(word: Word, after: Word) -> bool:
    """Whether `after` carries on a word broken at its hyphen: it starts the next line, left of the hyphen."""
    broken = len(word.text) > 1 and word.text.endswith("-")
    return broken and after.y_min > (word.y_min + word.y_max) / 2 and after.x_min <= word.x_min


def broken_cell_words(docx_path: Path, pdf: Path) -> list[str]:
    """The table cell words that the PDF shows whole fewer times than the document body has them.

    A word broken over two lines becomes two pieces in the PDF, so its whole form is missing at least once; a
    word shown more often (a header row repeated on a new page, a running header) is no problem.
    """
    wanted, shown = body_words(docx_path), pdf_words(pdf)
    return sorted({w for w in cell_words(docx_path) if _is_word(w) and shown[w] < wanted[w]})


def _paragraph_text(paragraph: etree._Element) -> str:
    """The paragraph's text, deleted text and direct nested paragraphs left out, a tab or break as a space."""
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag in _TEXT_TAGS:
            parts.append(" ")
    return "".join(parts)


def _is_word(text: str) -> bool:
    """A word to check: it has a letter or digit (a dash alone or the dots of a signature line are not words)."""
    return bool(re.search(r"\w", text)) and not set(text) <= {"…", "."}
