"""The zip `word/deflated.py` writes is byte for byte the one `zipfile` writes, kept parts or not."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from afsprakengen.word import deflated
from afsprakengen.word.package import _write_zip, _zipfile_zip, read_parts

SAMPLE_BUILDS = [["--no-layout"]]
WHEN = (2026, 11, 20, 13, 45, 31)


def _parts(seed: int) -> dict[str, bytes]:
    rng = random.Random(seed)
    words = [b"<w:p>", b"tekst ", b"\xc3\xa9\xc3\xa9n ", bytes(range(256)), b"</w:p>"]
    parts = {"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>"}
    for i in range(rng.randint(1, 12)):
        size = rng.choice([0, 1, 100, 5000, 200_000])
        parts[f"word/part{i}.xml"] = b"".join(rng.choice(words) for _ in range(size // 5))
    parts["word/m\u00e9dia/b\u00e9eld.xml"] = b"<x/>"  # a name that is not ASCII: UTF-8 with its flag
    return parts


def test_the_same_bytes_as_zipfile_for_many_packages() -> None:
    for seed in range(30):
        parts = _parts(seed)
        expected = _zipfile_zip(parts, WHEN)
        assert _write_zip(parts, WHEN) == expected, seed
        assert _write_zip(parts, WHEN) == expected, seed  # the second time from the kept parts


def test_the_same_bytes_for_every_sample_document(sample_out: Path) -> None:
    documents = sorted(sample_out.rglob("*.docx"))
    assert len(documents) >= 10
    for document in documents:
        parts = read_parts(document.read_bytes())
        assert _write_zip(parts, WHEN) == _zipfile_zip(parts, WHEN), document.name


def test_a_kept_part_is_found_by_its_bytes_and_a_document_s_own_is_not_kept() -> None:
    deflated._kept.clear()
    parts = {"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<R/>", "word/document.xml": b"<body>uniek</body>"}
    data = _write_zip(parts, WHEN)
    kept = {part for _, part in deflated._kept}
    assert kept == {b"<Types/>", b"<R/>"}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert {n: z.read(n) for n in z.namelist()} == parts


def test_a_package_too_large_for_plain_zip_fields_goes_through_zipfile() -> None:
    assert deflated.fits({"a": b"x" * 10})
    assert not deflated.fits({f"p{i}": b"" for i in range(0x10000)})
