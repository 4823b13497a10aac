"""The finished .docx is byte-identical for the same input, carries its properties, and is written atomically."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from afsprakengen import files
from afsprakengen.files import WriteError, write_atomic
from afsprakengen.word.package import DocProperties, finish_docx

TRICKY = 'Bouw & <beheer> "sociaal" 🏠'
PROPS = DocProperties(
    title="Prestatieafspraken Voorbeeldstad 2027",
    subject="Prestatieafspraken",
    author="Gemeente Voorbeeldstad",
    keywords="wonen, prestatieafspraken, 2027",
    version="0.3",
    status="concept",
    created=datetime(2026, 11, 20, tzinfo=UTC),
    custom=(("Versie", "0.3"), ("Status", "concept"), ("Invoer-hash", "sha256:abc123"), ("Opmerking", TRICKY)),
)
CREATED_ZIP_TIME = (2026, 11, 20, 0, 0, 0)
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
NS = {
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "r": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cu": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module")
def rendered() -> bytes:
    """A small document as python-docx saves it: zip times are 'now', properties are python-docx's defaults."""
    document = docx.Document()
    document.add_heading("Prestatieafspraken 2027", level=1)
    document.add_paragraph("Afspraak 1.1: 120 sociale huurwoningen.")
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def read_part(docx_bytes: bytes, name: str) -> bytes:
    with zipfile.ZipFile(BytesIO(docx_bytes)) as zf:
        return zf.read(name)


def read_xml(docx_bytes: bytes, name: str) -> Any:
    return etree.fromstring(read_part(docx_bytes, name))


def zip_infos(docx_bytes: bytes) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(BytesIO(docx_bytes)) as zf:
        return zf.infolist()


def rezip(docx_bytes: bytes, when: tuple[int, int, int, int, int, int]) -> bytes:
    """The same parts in reverse entry order, with other times and without compression."""
    with zipfile.ZipFile(BytesIO(docx_bytes)) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for name, data in reversed(entries):
            dst.writestr(zipfile.ZipInfo(name, date_time=when), data)
    return out.getvalue()


@contextlib.contextmanager
def time_zone(name: str) -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


def with_props(**changes: Any) -> DocProperties:
    return dataclasses.replace(PROPS, **changes)


# --- deterministic bytes ---------------------------------------------------------------------------------------


def test_same_input_gives_identical_bytes(rendered: bytes) -> None:
    assert finish_docx(rendered, PROPS) == finish_docx(rendered, PROPS)


def test_entry_order_times_and_compression_of_the_input_do_not_matter(rendered: bytes) -> None:
    shuffled = rezip(rendered, (2001, 2, 3, 4, 5, 6))
    assert shuffled != rendered
    assert finish_docx(shuffled, PROPS) == finish_docx(rendered, PROPS)


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time zones can only be switched on Unix")
def test_time_zone_does_not_matter(rendered: bytes) -> None:
    with time_zone("UTC"):
        expected = finish_docx(rendered, PROPS)
    for zone in ("Pacific/Kiritimati", "America/Los_Angeles", "Europe/Amsterdam"):
        with time_zone(zone):
            assert finish_docx(rendered, PROPS) == expected, zone


def test_finishing_twice_changes_nothing(rendered: bytes) -> None:
    once = finish_docx(rendered, PROPS)
    assert finish_docx(once, PROPS) == once


def test_zip_entries_have_fixed_order_and_attributes(rendered: bytes) -> None:
    finished = finish_docx(rendered, PROPS)
    infos = zip_infos(finished)
    names = [info.filename for info in infos]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
    assert names[2:] == sorted(names[2:])
    for info in infos:
        assert info.date_time == CREATED_ZIP_TIME
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.external_attr == 0o644 << 16
        assert info.create_system == 3
        assert (info.extra, info.comment) == (b"", b"")
    with zipfile.ZipFile(BytesIO(finished)) as zf:
        assert zf.comment == b""


def test_source_date_epoch_sets_the_zip_times(rendered: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    without = finish_docx(rendered, PROPS)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    with_epoch = finish_docx(rendered, PROPS)
    assert with_epoch != without
    assert {info.date_time for info in zip_infos(with_epoch)} == {(2023, 11, 14, 22, 13, 20)}
    created = read_xml(with_epoch, "docProps/core.xml").find("dcterms:created", NS)
    assert created.text == "2026-11-20T00:00:00Z"  # the document's own date stays the one from the data


@pytest.mark.parametrize("value", ["", "soon", "-5", "1.5", "99999999999999999999"])
def test_unusable_source_date_epoch_is_ignored(rendered: bytes, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert {info.date_time for info in zip_infos(finish_docx(rendered, PROPS))} == {CREATED_ZIP_TIME}


def test_zip_times_before_1980_are_clamped(rendered: bytes) -> None:
    finished = finish_docx(rendered, with_props(created=datetime(1975, 6, 1, tzinfo=UTC)))
    assert {info.date_time for info in zip_infos(finished)} == {(1980, 1, 1, 0, 0, 0)}
    assert read_xml(finished, "docProps/core.xml").find("dcterms:created", NS).text == "1975-06-01T00:00:00Z"


# --- document properties ---------------------------------------------------------------------------------------


def test_core_properties_as_python_docx_reads_them(rendered: bytes) -> None:
    core = docx.Document(BytesIO(finish_docx(rendered, PROPS))).core_properties
    assert core.title == "Prestatieafspraken Voorbeeldstad 2027"
    assert core.subject == "Prestatieafspraken"
    assert core.author == core.last_modified_by == "Gemeente Voorbeeldstad"
    assert core.keywords == "wonen, prestatieafspraken, 2027"
    assert core.created == core.modified == datetime(2026, 11, 20, tzinfo=UTC)
    assert core.revision == 1
    assert (core.language, core.content_status, core.version) == ("nl-NL", "concept", "0.3")
    assert core.comments == ""  # python-docx's "generated by python-docx" is gone


def test_dates_are_typed_w3cdtf_in_utc(rendered: bytes) -> None:
    amsterdam = timezone(timedelta(hours=1))
    finished = finish_docx(rendered, with_props(created=datetime(2026, 11, 20, 1, 30, tzinfo=amsterdam)))
    core = read_xml(finished, "docProps/core.xml")
    for tag in ("dcterms:created", "dcterms:modified"):
        stamp = core.find(tag, NS)
        assert stamp.get(f"{{{NS['xsi']}}}type") == "dcterms:W3CDTF"
        assert stamp.text == "2026-11-20T00:30:00Z"


def test_custom_properties_are_written_in_order(rendered: bytes) -> None:
    custom = read_xml(finish_docx(rendered, PROPS), "docProps/custom.xml")
    found = [
        (prop.get("pid"), prop.get("fmtid"), prop.get("name"), prop.findtext("vt:lpwstr", namespaces=NS))
        for prop in custom.findall("cu:property", NS)
    ]
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    assert found == [
        ("2", fmtid, "Versie", "0.3"),
        ("3", fmtid, "Status", "concept"),
        ("4", fmtid, "Invoer-hash", "sha256:abc123"),
        ("5", fmtid, "Opmerking", TRICKY),
    ]


def test_custom_properties_are_registered_once(rendered: bytes) -> None:
    finished = finish_docx(finish_docx(rendered, PROPS), PROPS)
    types = read_xml(finished, "[Content_Types].xml").findall("ct:Override[@PartName='/docProps/custom.xml']", NS)
    assert [t.get("ContentType") for t in types] == [CUSTOM_TYPE]
    rels = read_xml(finished, "_rels/.rels").findall(f"r:Relationship[@Type='{CUSTOM_REL}']", NS)
    assert [(r.get("Id"), r.get("Target")) for r in rels] == [("rIdCustomProperties", "docProps/custom.xml")]


def test_special_characters_and_emoji_round_trip(rendered: bytes) -> None:
    finished = finish_docx(rendered, with_props(title=TRICKY, custom=(("Opmerking & <uitleg>", TRICKY),)))
    assert docx.Document(BytesIO(finished)).core_properties.title == TRICKY
    prop = read_xml(finished, "docProps/custom.xml").find("cu:property", NS)
    assert (prop.get("name"), prop.findtext("vt:lpwstr", namespaces=NS)) == ("Opmerking & <uitleg>", TRICKY)


def test_characters_xml_cannot_carry_are_dropped(rendered: bytes) -> None:
    finished = finish_docx(rendered, with_props(title="Wonen\x01 en\x0b zorg\ttabel"))
    assert docx.Document(BytesIO(finished)).core_properties.title == "Wonen en zorg\ttabel"


def test_app_properties_keep_nothing_about_machine_or_time(rendered: bytes) -> None:
    app = read_xml(finish_docx(rendered, PROPS), "docProps/app.xml")
    tags = {etree.QName(child).localname for child in app}
    assert tags.isdisjoint({"TotalTime", "Company", "Manager", "Pages", "Words", "Characters", "Lines"})
    assert "Application" in tags


def test_every_part_has_a_content_type_and_every_package_relationship_a_part(rendered: bytes) -> None:
    finished = finish_docx(rendered, PROPS)
    names = {info.filename for info in zip_infos(finished)}
    types = read_xml(finished, "[Content_Types].xml")
    defaults = {d.get("Extension").lower() for d in types.findall("ct:Default", NS)}
    overrides = {o.get("PartName") for o in types.findall("ct:Override", NS)}
    for name in names - {"[Content_Types].xml"}:
        assert f"/{name}" in overrides or name.rsplit(".", 1)[-1].lower() in defaults, name
    assert {o.lstrip("/") for o in overrides} <= names
    targets = {r.get("Target") for r in read_xml(finished, "_rels/.rels").findall("r:Relationship", NS)}
    assert targets <= names


def test_duplicate_custom_property_names_are_refused() -> None:
    with pytest.raises(ValueError, match="Versie"):
        with_props(custom=(("Versie", "0.3"), ("Versie", "0.4")))


# --- atomic writing --------------------------------------------------------------------------------------------


def test_write_atomic_writes_a_normal_file(tmp_path: Path) -> None:
    target = tmp_path / "afspraken.docx"
    old_umask = os.umask(0o022)
    try:
        write_atomic(b"new", target)
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == b"new"
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["afspraken.docx"]


def test_write_atomic_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "afspraken.docx"
    target.write_bytes(b"old and longer")
    write_atomic(b"new", target)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["afspraken.docx"]


@pytest.mark.parametrize(
    ("failing", "code", "reason"),
    [
        ("fsync", errno.ENOSPC, "no space left on the device"),
        ("replace", errno.EIO, "input/output error"),
        ("replace", errno.EACCES, "permission denied"),
    ],
)
def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, code: int, reason: str
) -> None:
    target = tmp_path / "afspraken.docx"
    target.write_bytes(b"old")

    def fail(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(WriteError) as caught:
        write_atomic(b"new", target)
    monkeypatch.undo()
    assert str(caught.value) == f"cannot write {target}: {reason}"
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["afspraken.docx"]


def test_an_interrupted_write_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "afspraken.docx"

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(b"new", target)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_permission_denied_on_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "afspraken.docx"

    def deny(*args: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", deny)  # chmod does not stop root, who runs the tests in CI
    with pytest.raises(WriteError) as caught:
        write_atomic(b"new", target)
    monkeypatch.undo()
    assert str(caught.value) == f"cannot write {target}: permission denied"


def test_a_missing_folder_is_reported_not_created(tmp_path: Path) -> None:
    target = tmp_path / "uit" / "afspraken.docx"
    with pytest.raises(WriteError) as caught:
        write_atomic(b"new", target)
    assert str(caught.value) == f"cannot write {target}: the folder {tmp_path / 'uit'} does not exist"
    assert not (tmp_path / "uit").exists()


def test_a_parent_that_is_a_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "uit").write_bytes(b"")
    target = tmp_path / "uit" / "afspraken.docx"
    with pytest.raises(WriteError) as caught:
        write_atomic(b"new", target)
    assert str(caught.value) == f"cannot write {target}: {tmp_path / 'uit'} is not a folder"


def test_a_target_that_is_a_folder_is_reported(tmp_path: Path) -> None:
    target = tmp_path / "afspraken.docx"
    target.mkdir()
    with pytest.raises(WriteError) as caught:
        write_atomic(b"new", target)
    assert str(caught.value) == f"cannot write {target}: it is a folder"
    assert [p.name for p in tmp_path.iterdir()] == ["afspraken.docx"]


# --- real readers ----------------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_finished_document(rendered: bytes, tmp_path: Path) -> None:
    source = tmp_path / "afspraken.docx"
    write_atomic(finish_docx(rendered, PROPS), source)
    outdir = tmp_path / "pdf"
    command = [
        str(shutil.which("soffice")),
        f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",  # own profile: parallel runs do not clash
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(source),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    pdf = outdir / "afspraken.pdf"
    assert pdf.is_file(), result.stdout + result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True)
        assert "Afspraak 1.1: 120 sociale huurwoningen." in text.stdout


def test_temp_files_a_killed_writer_left_are_removed_by_their_pid_or_age(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    names = {
        "killed": f".afspraken.docx.{int(dead.stdout)}-0123abcd.tmp",  # its writer runs no more
        "running": f".afspraken.docx.{os.getpid()}-0123abcd.tmp",  # a build writing now keeps its own
        "old_running": f".evaluatie.docx.{os.getpid()}-4567abcd.tmp",  # over an hour: left behind whatever its pid
        "old_format": ".afspraken.docx.0123456789ab.tmp",
        "young_old_format": ".afspraken.docx.ba9876543210.tmp",
        "not_ours": ".afspraken.docx.notours.tmp",
    }
    for name in names.values():
        (tmp_path / name).write_bytes(b"half")
    hour_ago = time.time() - files.STALE_AFTER - 1
    for key in ("old_running", "old_format", "not_ours"):
        os.utime(tmp_path / names[key], (hour_ago, hour_ago))
    write_atomic(b"new", tmp_path / "afspraken.docx")
    files.remove_stale_temps(tmp_path)
    kept = ["afspraken.docx", names["running"], names["young_old_format"], names["not_ours"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)


def test_write_set_leaves_a_file_that_already_holds_its_bytes(tmp_path: Path) -> None:
    same, changed, link, shorter = (tmp_path / name for name in ("same.docx", "changed.docx", "link.docx", "s.docx"))
    same.write_bytes(b"the same")
    changed.write_bytes(b"old text")
    (tmp_path / "elsewhere").write_bytes(b"via link")
    link.symlink_to(tmp_path / "elsewhere")
    shorter.write_bytes(b"the same, longer")
    os.utime(same, (1_000_000_000, 1_000_000_000))
    inode = same.stat().st_ino
    items = [(b"the same", same), (b"new text", changed), (b"via link", link), (b"the same", shorter)]
    assert files.write_set(items) == (same, changed, link, shorter)
    assert same.stat().st_ino == inode and same.stat().st_mtime == 1_000_000_000  # not written again
    assert [path.read_bytes() for _, path in items] == [data for data, _ in items]
    assert not link.is_symlink() and (tmp_path / "elsewhere").read_bytes() == b"via link"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "changed.docx",
        "elsewhere",
        "link.docx",
        "s.docx",
        "same.docx",
    ]
