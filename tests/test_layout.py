"""The layout pass: page numbers in the contents page from LibreOffice's layout, cached, optional, deterministic."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from afsprakengen.cli import cli
from afsprakengen.publish import layout, office
from tests.pdftext import needs_libreoffice, to_pdf
from tests.sampledossier import SAMPLE, TODAY

pytestmark = needs_libreoffice
YEARS = ("2025", "2026", "2027")
ENTRY = re.compile(r"^(?P<title>\S.*?)\s*\.{3,}\s*(?P<page>\d+)$")


def _build(out: Path, *extra: str) -> str:
    args = ["build", str(SAMPLE), "--out", str(out), *TODAY, "--only", "prestatieafspraken", "--no-cache", *extra]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("laid-out")
    _build(out)
    return out


def _pdf_pages(docx: Path, folder: Path) -> list[str]:
    """The text of each page of the PDF LibreOffice makes of the document, with its layout."""
    pdf = to_pdf(docx, folder)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")


def _contents(pages: list[str]) -> list[tuple[str, int]]:
    """The (title, page) entries of the contents page(s), as a reader of the PDF sees them."""
    entries = []
    for page in pages[:3]:
        for line in page.splitlines():
            match = ENTRY.match(line.strip())
            if match:
                entries.append((match.group("title"), int(match.group("page"))))
    return entries


@pytest.mark.parametrize("year", YEARS)
def test_every_contents_entry_has_the_page_its_heading_is_on(laid_out: Path, year: str, tmp_path: Path) -> None:
    pages = _pdf_pages(laid_out / f"prestatieafspraken-{year}.docx", tmp_path)
    entries = _contents(pages)
    assert len(entries) >= 15, entries
    assert [title for title, _ in entries][-1].startswith("Bijlage")
    for title, page in entries:
        lines = [line.strip() for line in pages[page - 1].splitlines()]
        assert title in lines, f"{title!r} is not on page {page}"
    assert [page for _, page in entries] == sorted(page for _, page in entries)


def test_the_docx_carries_the_numbers_as_pageref_fields(laid_out: Path) -> None:
    with zipfile.ZipFile(laid_out / "prestatieafspraken-2027.docx") as zf:
        body = zf.read("word/document.xml").decode()
    refs = re.findall(r"PAGEREF (_Toc\d{6}) \\h", body)
    assert len(refs) >= 15
    assert all(f'w:name="{ref}"' in body for ref in refs)
    assert '<w:tab w:val="right" w:leader="dot"' in body


def test_laying_out_twice_gives_the_same_bytes(laid_out: Path, tmp_path: Path) -> None:
    _build(tmp_path)
    for year in YEARS:
        name = f"prestatieafspraken-{year}.docx"
        assert (tmp_path / name).read_bytes() == (laid_out / name).read_bytes()


def test_no_layout_leaves_the_entries_without_numbers_and_says_nothing(tmp_path: Path) -> None:
    output = _build(tmp_path, "--no-layout")
    assert "note:" not in output
    with zipfile.ZipFile(tmp_path / "prestatieafspraken-2027.docx") as zf:
        assert "PAGEREF" not in zf.read("word/document.xml").decode()


def test_without_libreoffice_the_build_succeeds_and_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFSPRAKENGEN_SOFFICE", str(tmp_path / "no-such-soffice"))
    office.find_office.cache_clear()
    try:
        output = _build(tmp_path / "out")
    finally:
        office.find_office.cache_clear()
    notes = [line for line in output.splitlines() if line.startswith("note:")]
    assert notes == [
        "note: the contents pages have no page numbers: install LibreOffice (Debian: apt-get install "
        "libreoffice-writer-nogui)"
    ]
    assert output.rstrip().endswith("3 documents written.")


def test_the_pass_is_cached_by_the_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = layout.convert

    def counting(*args: object, **kwargs: object) -> None:
        calls.append(1)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(layout, "convert", counting)
    args = ["build", str(SAMPLE), "--out", str(tmp_path / "a"), *TODAY, "--only", "prestatieafspraken"]
    assert CliRunner().invoke(cli, [*args, "--year", "2027"], catch_exceptions=False).exit_code == 0
    assert calls == [1]
    shutil.rmtree(tmp_path / "a")
    assert CliRunner().invoke(cli, [*args, "--year", "2027", "--jobs", "1"], catch_exceptions=False).exit_code == 0
    assert calls == [1]
    assert (tmp_path / "a" / "prestatieafspraken-2027.docx").is_file()


def test_lay_out_asks_libreoffice_once_per_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from afsprakengen.cache import Cache

    _build(tmp_path / "out", "--no-layout", "--year", "2026")
    data = (tmp_path / "out" / "prestatieafspraken-2026.docx").read_bytes()
    calls: list[int] = []
    real = layout.convert

    def counting(*args: object, **kwargs: object) -> None:
        calls.append(1)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(layout, "convert", counting)
    cache = Cache(tmp_path / "cache")
    first = layout.lay_out({"d.docx": data}, cache=cache)
    again = layout.lay_out({"d.docx": data}, cache=cache)
    assert calls == [1]
    assert first.documents == again.documents and first.note is None
    assert first.documents["d.docx"] != data
