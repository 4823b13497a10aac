"""The prestatieafspraken signable as they come out: provisos once, the legal framing, the signature grid, logos."""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest

from afsprakengen.documents.prestatieafspraken.template import STANDARD_PROVISO
from tests.casefolders import BASE
from tests.docdump import dump_docx
from tests.sampledossier import run_build

SAMPLE_BUILDS = [["--only", "prestatieafspraken"]]
STANDARD_PROVISO_2027 = (
    STANDARD_PROVISO.replace("{{ jaar }}", "2027")
    .replace("{{ 'de gemeenten' if regio else 'de gemeente' }}", "de gemeente")
    .replace("{{ 'de gemeenteraden' if regio else 'de gemeenteraad' }}", "de gemeenteraad")
)
"""The standard proviso as a dossier of one gemeente shows it."""


def _base_copy(tmp_path: Path) -> Path:
    dossier = tmp_path / "d"
    shutil.copytree(BASE, dossier)
    return dossier


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _built_2027(dossier: Path, out: Path) -> str:
    result = run_build(dossier, out, "--only", "prestatieafspraken", "--year", "2027")
    assert result.exit_code == 0, result.output
    return dump_docx(out / "prestatieafspraken-2027.docx")


def _section(dump: str, start: str, end: str) -> str:
    return dump[dump.index(start) : dump.index(end)]


def test_own_provisos_replace_the_standard_ones(sample_out: Path) -> None:
    dump = _spaced(dump_docx(sample_out / "prestatieafspraken-2026.docx"))
    provisos = _section(dump, "[Heading 1] 8. Voorbehouden", "[Heading 1] 9. Wat niet is afgesproken")
    assert "De investeringen van de corporaties zijn onder voorbehoud" in provisos
    assert "Investeringen van de corporaties zijn onder voorbehoud van goedkeuring door hun raad" not in provisos
    assert dump.count("alleen wijzigen of aanvullen als alle partijen daarmee schriftelijk instemmen") == 1


def test_standard_provisos_only_without_own_and_a_setting_switches_them_off(tmp_path: Path) -> None:
    dossier = _base_copy(tmp_path)
    provisos = _section(_built_2027(dossier, tmp_path / "a"), "[Heading 1] 8. Voorbehouden", "[Heading 1] 9. Wat niet")
    assert STANDARD_PROVISO_2027 in provisos
    _append(dossier / "dossier.yaml", "instellingen:\n  standaard_voorbehouden: false\n")
    provisos = _section(_built_2027(dossier, tmp_path / "b"), "[Heading 1] 8. Voorbehouden", "[Heading 1] 9. Wat niet")
    assert STANDARD_PROVISO_2027 not in provisos
    assert "Partijen maken bij deze afspraken geen voorbehouden." in provisos


def test_the_comparitie_names_parties_signatories_and_their_decisions(sample_out: Path) -> None:
    dump = _spaced(dump_docx(sample_out / "prestatieafspraken-2026.docx"))
    opening = _section(dump, "[Heading 1] Ondergetekenden", "[Heading 1] 1. Inleiding")
    assert (
        "1. Gemeente Voorbeeldstad, vertegenwoordigd door drs. M.A. (Marieke) van den Berg, wethouder Wonen en "
        "Zorg, handelend ter uitvoering van het besluit van het college van burgemeester en wethouders van "
        "2 december 2025 (kenmerk 2025/1243), hierna te noemen: “de gemeente”;" in opening
    )
    assert "van de raad van commissarissen van 27 november 2025, hierna te noemen: “Woonstad”;" in opening
    assert "van de ledenvergadering van 20 november 2025, hierna te noemen: “De Sleutel”;" in opening
    assert "hierna te noemen: “HBV Wonen & Welzijn”,\n[Body Text] hierna gezamenlijk te noemen: partijen," in opening
    recitals = _section(opening, "[Heading 1] Overwegende dat", "komen het volgende overeen:")
    assert "Woningwet (artikelen 42 tot en met 44)" in recitals
    assert "op 28 januari 2025 de Woonvisie Voorbeeldstad 2025-2030 heeft vastgesteld" in recitals
    assert "op grond van artikel 43 van de Woningwet een overzicht van hun voorgenomen werkzaamheden" in recitals


def test_the_closing_articles_come_before_the_signatures(sample_out: Path) -> None:
    dump = _spaced(dump_docx(sample_out / "prestatieafspraken-2027.docx"))
    closing = _section(dump, "[Heading 1] 10. Slotbepalingen", "[Heading 1] 11. Ondertekening")
    titles = re.findall(r"\[Heading 2\] (10\.\d .+)", closing)
    assert titles == [
        "10.1 Looptijd en tussentijdse wijziging",
        "10.2 Bijzondere omstandigheden",
        "10.3 Rechtsopvolging",
        "10.4 Geschillen",
    ]
    assert "van 1 januari 2027 tot en met 31 december 2027. De doorkijk naar 2028 tot en met 2030" in closing
    assert "redelijkheid en billijkheid" in closing
    assert "artikel 44, vierde lid, van de Woningwet binnen vier weken" in closing


def test_the_dossier_replaces_or_leaves_out_each_part_of_the_framing(tmp_path: Path) -> None:
    dossier = _base_copy(tmp_path)
    _append(
        dossier / "dossier.yaml",
        "instellingen:\n  standaardteksten:\n    rechtsopvolging: Bij een fusie gaan de afspraken over.\n"
        "    geschillen: Geschillen gaan naar het bestuurlijk overleg.\n",
    )
    pa = dossier / "2027" / "prestatieafspraken.yaml"
    _append(
        pa,
        "comparitie: false\noverwegingen:\n  - de raad de woonvisie heeft vastgesteld;\n"
        "looptijd: Deze afspraken gelden in **2027**.\nbijzondere_omstandigheden: false\ngeschillen: true\n",
    )
    dump = _built_2027(dossier, tmp_path / "out")
    assert "Ondergetekenden" not in dump and "hierna te noemen" not in dump
    assert "[Heading 1] Overwegende dat\n[List Paragraph list=1 level=0 start=•] de raad de woonvisie heeft" in dump
    closing = _section(dump, "[Heading 1] 10. Slotbepalingen", "[Heading 1] 11. Ondertekening")
    assert re.findall(r"\[Heading 2\] (10\.\d .+)", closing) == [
        "10.1 Looptijd en tussentijdse wijziging",
        "10.2 Rechtsopvolging",
        "10.3 Geschillen",
    ]
    assert "Deze afspraken gelden in **2027**." in closing  # the dump marks bold with **
    assert "Bij een fusie gaan de afspraken over." in closing
    assert "artikel 44, vierde lid" in closing and "bestuurlijk overleg" not in closing


def test_signature_blocks_one_per_signatory_in_reading_order_each_with_place_and_date(sample_out: Path) -> None:
    """No layout table (a PDF reads it as a data table without headers): a kept-together block per signatory."""
    path = sample_out / "prestatieafspraken-2026.docx"
    dump = dump_docx(path)
    page = dump[dump.index("[Heading 1] 11. Ondertekening") :]
    assert "Aldus overeengekomen en ondertekend," in page and "ondertekend te Voorbeeldstad op" not in dump
    assert page.count("Plaats: ……") == 5 and page.count("Datum: ……") == 5
    parties = re.findall(r"\[Tussenkop\] Namens (.+)", page)
    assert parties[:2] == ["Gemeente Voorbeeldstad", "Woonstad Voorbeeldstad"] and len(parties) == 5
    assert parties[-1].startswith("Huurdersbelangenvereniging")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert not [t for t in re.findall(r"<w:tbl>.*?</w:tbl>", body, re.S) if "Plaats: " in t]
    document = docx.Document(str(path))
    start = next(i for i, p in enumerate(document.paragraphs) if p.text == "Namens Gemeente Voorbeeldstad")
    block = document.paragraphs[start : start + 7]
    assert block[-1].text == "(handtekening)" and "\n".join(p.text for p in block).count("Plaats: ") == 1
    assert [p.paragraph_format.keep_with_next for p in block] == [True] * 6 + [False]
    assert not [p for p in document.paragraphs if not p.text.strip() and not p.runs]  # no empty spacing paragraphs


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A valid PNG of one colour, made with zlib and struct."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_party_logos_on_the_cover_with_alt_text(tmp_path: Path) -> None:
    dossier = _base_copy(tmp_path)
    (dossier / "logos").mkdir()
    (dossier / "logos" / "gemeente.png").write_bytes(_png(40, 20, (31, 78, 121)))
    (dossier / "logos" / "thuis.png").write_bytes(_png(30, 30, (200, 40, 40)))
    text = (dossier / "dossier.yaml").read_text(encoding="utf-8")
    text = text.replace("    soort: gemeente\n", "    soort: gemeente\n    logo: logos/gemeente.png\n")
    text = text.replace("    soort: woningcorporatie\n", "    soort: woningcorporatie\n    logo: logos/thuis.png\n")
    (dossier / "dossier.yaml").write_text(text, encoding="utf-8")
    _built_2027(dossier, tmp_path / "out")
    with zipfile.ZipFile(tmp_path / "out" / "prestatieafspraken-2027.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
        types = z.read("[Content_Types].xml").decode("utf-8")
        media = {n: z.read(n) for n in z.namelist() if n.startswith("word/media/")}
    assert media == {
        "word/media/image1.png": (dossier / "logos" / "gemeente.png").read_bytes(),
        "word/media/image2.png": (dossier / "logos" / "thuis.png").read_bytes(),
    }
    assert '<Default Extension="png" ContentType="image/png"/>' in types
    assert rels.count('relationships/image" Target="media/image') == 2
    cover = body[: body.index("Inhoud")]
    assert 'descr="Logo Gemeente Teststad" title="Logo Gemeente Teststad"' in cover
    assert 'descr="Logo Woonstichting Thuis" title="Logo Woonstichting Thuis"' in cover
    assert '<wp:extent cx="1152000" cy="576000"/>' in cover  # 40 x 20 pixels: 3.2 x 1.6 cm


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_no_logos_in_the_sample(sample_out: Path, year: int) -> None:
    with zipfile.ZipFile(sample_out / f"prestatieafspraken-{year}.docx") as z:
        assert [n for n in z.namelist() if n.startswith("word/media/")] == []


def test_a_jpeg_logo_is_known_by_its_bytes_with_its_size(tmp_path: Path) -> None:
    from afsprakengen.load.images import read_image

    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 30, 120, 1) + b"\x01\x11\x00"
    (tmp_path / "logo.png").write_bytes(b"\xff\xd8" + app0 + frame + b"\xff\xd9")
    image = read_image(tmp_path, "logo.png")
    assert (image.kind, image.width, image.height) == ("jpeg", 120, 30)


def _spaced(dump: str) -> str:
    """The dump with the non-breaking spaces inside dates and amounts read as spaces, as a reader sees them."""
    return dump.replace("\u00a0", " ")


def test_the_names_parties_go_by_are_quoted_as_the_dossier_says(tmp_path: Path) -> None:
    dossier = _base_copy(tmp_path)
    _append(dossier / "dossier.yaml", "instellingen:\n  aanhalingstekens: laag\n")
    dump = _spaced(_built_2027(dossier, tmp_path / "out"))
    assert "hierna te noemen: „Gemeente Teststad”;" in dump
    assert "hierna te noemen: „Woonstichting Thuis”;" in dump
    assert "hierna te noemen: “" not in dump
