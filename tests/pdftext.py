"""Read a document the way a person's reader would: LibreOffice converts it to PDF, poppler extracts the text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are not installed",
)


def pdf_text(docx_path: Path, work: Path) -> str:
    """The text of the PDF LibreOffice makes of a .docx, whitespace folded to single spaces."""
    profile = work / "lo-profile"
    command = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(work), str(docx_path)], check=True, capture_output=True, timeout=180)
    pdf = work / docx_path.with_suffix(".pdf").name
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())
