"""Finish a rendered .docx for publishing: document properties and a byte-identical zip."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from typing import TYPE_CHECKING

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from afsprakengen.load.provenance import source_date_epoch
from afsprakengen.word.deflated import fits, zip_bytes

if TYPE_CHECKING:
    from docx.document import Document

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
APP = "docProps/app.xml"

CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CORE_NSMAP = {"cp": CP, "dc": DC, "dcterms": DCTERMS, "dcmitype": "http://purl.org/dc/dcmitype/", "xsi": XSI}
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The format id Word gives every user-defined custom property."""

APP_NOISE = (
    "TotalTime",
    "Company",
    "Manager",
    "Pages",
    "Words",
    "Characters",
    "CharactersWithSpaces",
    "Lines",
    "Paragraphs",
)
APP_DROPPED = frozenset(f"{{{EXTENDED}}}{name}" for name in APP_NOISE)
"""docProps/app.xml elements about the template's editing time, machine, people and counts, not about this document.

Word recounts the statistics when it saves; all elements of app.xml are optional."""

ZIP_EARLIEST = datetime(1980, 1, 1, tzinfo=UTC)
ZIP_LATEST = datetime(2107, 12, 31, 23, 59, 58, tzinfo=UTC)
ZIP_FILE_MODE = 0o644 << 16
ZIP_UNIX = 3
ZIP_LEVEL = 6

XML_ILLEGAL = dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF])
"""Characters XML 1.0 cannot carry; dropped from property values instead of failing the build."""

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)


@dataclass(frozen=True)
class DocProperties:
    """What the finished document says about itself (File > Info in Word), all taken from the dossier."""

    title: str
    subject: str
    author: str
    """dc:creator and cp:lastModifiedBy: the party that publishes the document, not the machine that rendered it."""
    keywords: str
    version: str
    status: str
    """cp:contentStatus, such as `concept` or `definitief`."""
    created: datetime
    """dcterms:created and dcterms:modified, from the data (the document's date); naive means UTC."""
    custom: tuple[tuple[str, str], ...]
    """Custom properties (name, text) in this order, e.g. `(("Versie", "0.3"), ("Status", "concept"))`."""
    language: str = "nl-NL"

    def __post_init__(self) -> None:
        names = [name for name, _ in self.custom]
        bad = sorted({name for name in names if not name.strip() or names.count(name) > 1})
        if bad:
            raise ValueError("custom property names must be unique and not empty, these are not: " + ", ".join(bad))


@dataclass(frozen=True)
class PackagePart:
    """A document-properties part and how the package announces it."""

    name: str
    content_type: str
    rel_type: str
    rel_id: str
    """Id for a new relationship; an existing relationship of this type keeps its own."""
    build: Callable[[DocProperties], bytes]


def finish_docx(docx_bytes: bytes, props: DocProperties) -> bytes:
    """Deterministic bytes: set core + app + custom properties, fixed zip entry order and times."""
    parts = read_parts(docx_bytes)
    for part in PROPERTY_PARTS:
        _put_part(parts, part, part.build(props))
    if APP in parts:
        parts[APP] = _clean_app_xml(parts[APP])
    return _write_zip(parts, _zip_time(props.created))


TEMPLATE_CREATED = datetime(2026, 1, 1, tzinfo=UTC)
"""The fixed date of every default template, so `make templates` gives the same bytes on every run and machine."""


def template_bytes(document: Document, name: str) -> bytes:
    """The deterministic bytes of a default template: a python-docx Document saved and finished as `name`."""
    buffer = BytesIO()
    document.save(buffer)
    title = name.removesuffix(".docx")
    props = DocProperties(
        title=f"Sjabloon {title}",
        subject="afsprakengen-sjabloon",
        author="afsprakengen",
        keywords="sjabloon",
        version="1",
        status="sjabloon",
        created=TEMPLATE_CREATED,
        custom=(),
    )
    return finish_docx(buffer.getvalue(), props)


def template_kind(data: bytes) -> str | None:
    """The kind a default template names in its title ("Sjabloon evaluatie" -> evaluatie); None for any other."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            root = etree.fromstring(package.read("docProps/core.xml"))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    title = root.findtext("{http://purl.org/dc/elements/1.1/}title") or ""
    subject = root.findtext("{http://purl.org/dc/elements/1.1/}subject") or ""
    prefix = "Sjabloon "
    return title.removeprefix(prefix) if subject == "afsprakengen-sjabloon" and title.startswith(prefix) else None


# --- document properties ---------------------------------------------------------------------------------------


def _core_xml(props: DocProperties) -> bytes:
    root = etree.Element(f"{{{CP}}}coreProperties", nsmap=CORE_NSMAP)
    texts = (
        (DC, "title", props.title),
        (DC, "subject", props.subject),
        (DC, "creator", props.author),
        (CP, "keywords", props.keywords),
        (DC, "language", props.language),
        (CP, "lastModifiedBy", props.author),
        (CP, "revision", "1"),
        (CP, "version", props.version),
        (CP, "contentStatus", props.status),
    )
    for ns, tag, text in texts:
        if text:
            etree.SubElement(root, f"{{{ns}}}{tag}").text = _xml_text(text)
    for tag in ("created", "modified"):
        stamp = etree.SubElement(root, f"{{{DCTERMS}}}{tag}", {f"{{{XSI}}}type": "dcterms:W3CDTF"})
        stamp.text = _w3cdtf(props.created)
    return _serialize(root)


def _custom_xml(props: DocProperties) -> bytes:
    root = etree.Element(f"{{{CUSTOM}}}Properties", nsmap={None: CUSTOM, "vt": VT})
    for pid, (name, value) in enumerate(props.custom, start=2):  # pid 0 and 1 are reserved
        prop = etree.SubElement(root, f"{{{CUSTOM}}}property", fmtid=CUSTOM_FMTID, pid=str(pid), name=_xml_text(name))
        etree.SubElement(prop, f"{{{VT}}}lpwstr").text = _xml_text(value)
    return _serialize(root)


def _clean_app_xml(data: bytes) -> bytes:
    root = etree.fromstring(data, PARSER)
    for child in list(root):
        if child.tag in APP_DROPPED:
            root.remove(child)
    return _serialize(root)


PROPERTY_PARTS = (
    PackagePart(
        "docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "rIdCoreProperties",
        _core_xml,
    ),
    PackagePart(
        "docProps/custom.xml",
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
        "rIdCustomProperties",
        _custom_xml,
    ),
)
"""The parts written from DocProperties; whatever the template had in them is replaced, not merged."""


def _w3cdtf(moment: datetime) -> str:
    return _utc(moment).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _xml_text(text: str) -> str:
    return text.translate(XML_ILLEGAL)


# --- package parts ---------------------------------------------------------------------------------------------


def read_parts(docx_bytes: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(docx_bytes)) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist() if not info.is_dir()}
    for required in (CONTENT_TYPES, PACKAGE_RELS):
        if required not in parts:
            raise ValueError(f"not a Word document: the package has no {required}")
    return parts


def _put_part(parts: dict[str, bytes], part: PackagePart, data: bytes) -> None:
    """Store a part and make the package relationships and content types point at it, exactly once."""
    rels = etree.fromstring(parts[PACKAGE_RELS], PARSER)
    old_names = _point_relationship(rels, part)
    types = etree.fromstring(parts[CONTENT_TYPES], PARSER)
    _set_override(types, part, old_names)
    for old in old_names:
        parts.pop(old, None)
    parts[PACKAGE_RELS] = _serialize(rels)
    parts[CONTENT_TYPES] = _serialize(types)
    parts[part.name] = data


def _point_relationship(rels: etree._Element, part: PackagePart) -> list[str]:
    """Leave one relationship of the part's type, targeting the part; return the parts the old ones targeted."""
    found = [rel for rel in rels if rel.get("Type") == part.rel_type]
    rel_id = found[0].get("Id") if found else _free_id(rels, part.rel_id)
    for rel in found:
        rels.remove(rel)
    etree.SubElement(rels, f"{{{RELS}}}Relationship", Id=rel_id, Type=part.rel_type, Target=part.name)
    return [rel.get("Target", "").lstrip("/") for rel in found]


def _free_id(rels: etree._Element, wanted: str) -> str:
    taken = {rel.get("Id") for rel in rels}
    rel_id = wanted
    while rel_id in taken:
        rel_id += "_"
    return rel_id


def _set_override(types: etree._Element, part: PackagePart, old_names: Iterable[str]) -> None:
    """One Override for the part, none for parts it replaces; Defaults then Overrides, each sorted."""
    stale = {f"/{name}".lower() for name in (part.name, *old_names)}
    for override in types.findall(f"{{{TYPES}}}Override"):
        if override.get("PartName", "").lower() in stale:
            types.remove(override)
    etree.SubElement(types, f"{{{TYPES}}}Override", PartName=f"/{part.name}", ContentType=part.content_type)
    types[:] = sorted(types, key=_type_order)


def _type_order(entry: etree._Element) -> tuple[str, str, str]:
    return str(entry.tag), entry.get("Extension", "").lower(), entry.get("PartName", "").lower()


def _serialize(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


# --- zip -------------------------------------------------------------------------------------------------------


def _write_zip(parts: dict[str, bytes], when: tuple[int, int, int, int, int, int]) -> bytes:
    """The parts as a deflated zip, the template's parts deflated once per process (`deflated.py`)."""
    if fits(parts):
        return zip_bytes(parts, _entry_order(parts), when, ZIP_LEVEL, ZIP_FILE_MODE, ZIP_UNIX, _OWN_PARTS)
    return _zipfile_zip(parts, when)


_OWN_PARTS = frozenset({"word/document.xml", "docProps/core.xml", "docProps/custom.xml"})
"""The parts each document has of its own: never kept deflated for the next."""


def _zipfile_zip(parts: dict[str, bytes], when: tuple[int, int, int, int, int, int]) -> bytes:
    """The same zip through `zipfile` (which writes the ZIP64 fields a huge package needs)."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in _entry_order(parts):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = ZIP_FILE_MODE
            info.create_system = ZIP_UNIX
            zf.writestr(info, parts[name], compresslevel=ZIP_LEVEL)
    return out.getvalue()


def _entry_order(parts: dict[str, bytes]) -> list[str]:
    first = [CONTENT_TYPES, PACKAGE_RELS]  # readers that stream the zip expect the content types first
    return first + sorted(name for name in parts if name not in first)


def _zip_time(created: datetime) -> tuple[int, int, int, int, int, int]:
    moment = source_date_epoch() or _utc(created)
    moment = min(max(moment, ZIP_EARLIEST), ZIP_LATEST)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def stored_zip(parts: dict[str, bytes]) -> bytes:
    """A package's parts as an uncompressed zip: the form between render and finish (finish compresses).

    Its bytes depend only on the parts (fixed entry times), so they can be hashed and cached.
    """
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for name, data in parts.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return out.getvalue()
