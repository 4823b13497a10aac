"""Read a document the way a person's reader would: LibreOffice converts it to PDF, poppler extracts text and pixels."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice and poppler-utils are not installed",
)


def to_pdf(docx_path: Path, work: Path) -> Path:
    """The PDF LibreOffice makes of a .docx, in `work`."""
    profile = work / "lo-profile"
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(work), str(docx_path)], check=True, capture_output=True, timeout=180)
    return work / docx_path.with_suffix(".pdf").name


def pdf_text(docx_path: Path, work: Path) -> str:
    """The text of the PDF LibreOffice makes of a .docx, whitespace folded to single spaces."""
    return text_of(to_pdf(docx_path, work))


def text_of(pdf: Path, page: int | None = None) -> str:
    """The text of a PDF (or of one page, counted from 1), whitespace folded to single spaces."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    text = subprocess.run(["pdftotext", *pages, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


@dataclass(frozen=True)
class Word:
    """A word on a PDF page and its box, in points from the page's top left."""

    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def words_of(pdf: Path, page: int) -> list[Word]:
    """The words of one page with their boxes, in reading order."""
    command = ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"]
    html = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return [Word(unescape(m[5]), *map(float, m.groups()[:4])) for m in _WORD.finditer(html)]


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def colours_in(pdf: Path, page: int, top: float, bottom: float, dpi: int = 60) -> Counter[str]:
    """How many pixels of each colour (hex) one page shows between two heights (points), rendered at `dpi`."""
    command = ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf)]
    ppm = subprocess.run(command, check=True, capture_output=True).stdout
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    assert header is not None
    width, height = header.groups()
    pixels = ppm[header.end() :]
    row = int(width) * 3
    first, last = (min(int(height), round(y * dpi / 72)) for y in (top, bottom))
    band = pixels[first * row : last * row]
    return Counter(band[i : i + 3].hex().upper() for i in range(0, len(band), 3))
