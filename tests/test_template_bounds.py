"""A template zip is checked from its directory before anything is inflated: size, part count, inflated sizes."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import pytest

from afsprakengen.resources import resource_dir
from afsprakengen.templatecheck.check import check_template
from afsprakengen.word import compiled, zipbounds
from afsprakengen.word.compiled import TemplateOpenError, compiled_template

DEFAULT = resource_dir("templates") / "evaluatie.docx"


def _zeros_deflated(chunks: int) -> bytes:
    """Raw deflate of chunks x 16 MB of zeros, made from two compressed chunks (a full flush makes them repeat)."""
    chunk = b"\0" * (1 << 24)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    return first + again * (chunks - 1) + c.flush()


def _bomb(path: Path, chunks: int) -> Path:
    """The default template with a word/document.xml of chunks x 16 MB when inflated (the CRC is not computed)."""
    with zipfile.ZipFile(DEFAULT) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            if name != "word/document.xml":
                out.writestr(name, src.read(name))
        raw = _zeros_deflated(chunks)
        info = zipfile.ZipInfo("word/document.xml", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type, info.file_size, info.compress_size, info.CRC = (
            zipfile.ZIP_DEFLATED,
            chunks << 24,
            len(raw),
            0,
        )
        info.header_offset = out.fp.tell() if out.fp else 0
        assert out.fp is not None
        out.fp.write(info.FileHeader())
        out.fp.write(raw)
        out.start_dir = out.fp.tell()
        out.filelist.append(info)
        out.NameToInfo[info.filename] = info
    return path


def test_a_template_that_inflates_to_2_gb_is_refused_uninflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = _bomb(tmp_path / "bom.docx", 128)
    assert bomb.stat().st_size < 5 * 1024 * 1024
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *args, **kwargs: pytest.fail("a part was inflated"))
    with pytest.raises(TemplateOpenError) as caught:
        compiled_template(bomb)
    assert str(caught.value) == "the part word/document.xml inflates to 2,048 MiB; the limit is 100 MiB"


def test_too_many_parts_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(1001):
            zf.writestr(f"word/media/x{i}.bin", b"")
    with pytest.raises(
        TemplateOpenError, match=r"^it has 1,001 parts; a Word document has a few dozen \(the limit is 1,000\)$"
    ):
        compiled_template(path)


def test_parts_that_inflate_too_much_together_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipbounds, "MAX_TOTAL_BYTES", 1024 * 1024)
    path = tmp_path / "big.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(3):
            zf.writestr(f"word/media/x{i}.bin", b"\0" * 600_000)
    with pytest.raises(TemplateOpenError, match=r"^its parts inflate to 2 MiB together; the limit is 1 MiB$"):
        compiled_template(path)


def test_a_huge_template_file_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "MAX_TEMPLATE_BYTES", 1024 * 1024)
    path = tmp_path / "huge.docx"
    path.write_bytes(b"\0" * (3 * 1024 * 1024))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read"))
    with pytest.raises(TemplateOpenError, match=r"^the file is 3 MiB; the limit is 1 MiB$"):
        compiled_template(path)


def test_template_check_says_why_it_cannot_open(tmp_path: Path) -> None:
    path = tmp_path / "plain.docx"
    path.write_bytes(b"not a zip")
    (problem,) = check_template(path, "plain.docx", "evaluatie")
    expected = "plain.docx:1:1: error: cannot open the template as a Word document (it is not a zip package"
    assert problem.format().startswith(expected)
