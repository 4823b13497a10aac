"""The evaluation report: golden dump, traffic lights, the chart, 'niet geëvalueerd', determinism, LibreOffice."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from afsprakengen.documents import charts
from afsprakengen.documents.evaluatie.context import realisation_share
from afsprakengen.model import Cyclus, DossierModel, Evaluatie
from tests.casefolders import BASE
from tests.docdump import dump_docx
from tests.goldenfile import GOLDEN, assert_golden
from tests.pdftext import needs_libreoffice, pdf_text
from tests.sampledossier import SAMPLE, run_build

ONLY = ["--only", "evaluatie"]
SAMPLE_BUILDS = [ONLY]
TRAFFIC_LIGHTS = {
    "gerealiseerd": "70AD47",  # green
    "deels gerealiseerd": "ED7D31",  # orange
    "vertraagd": "ED7D31",  # orange
    "niet gerealiseerd": "E74C3C",  # red
    "vervallen": "A6A6A6",  # grey
    "niet geëvalueerd": "FFFFFF",  # no light
}


@pytest.fixture(scope="module")
def sample_2025(sample_model: DossierModel) -> Cyclus:
    cyclus = sample_model.cyclus(2025)
    assert cyclus is not None and cyclus.evaluatie is not None and cyclus.prestatieafspraken is not None
    return cyclus


@pytest.fixture(scope="module")
def sample_evaluation(sample_2025: Cyclus) -> Evaluatie:
    assert sample_2025.evaluatie is not None
    return sample_2025.evaluatie


def base_with(tmp_path: Path, old: str, new: str) -> Path:
    """The base dossier with one text in 2025/evaluatie.yaml replaced."""
    dossier = tmp_path / "d"
    shutil.copytree(BASE, dossier)
    path = dossier / "2025" / "evaluatie.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return dossier


def status_cells(path: Path) -> dict[str, tuple[str, str]]:
    """Per agreement code in the theme tables: the text of its status cell and that cell's background colour."""
    found = {}
    for table in docx.Document(str(path)).tables:
        if [c.text for c in table.rows[0].cells][:2] != ["Code", "Afspraak"]:
            continue
        for row in table.rows[1:]:
            cell = row.cells[5]
            shd = cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
            found[row.cells[0].text] = (cell.text, shd.get(qn("w:fill")) if shd is not None else "")
    return found


def test_one_document_for_the_evaluated_cycle(sample_out: Path) -> None:
    assert sorted(p.name for p in sample_out.iterdir()) == ["evaluatie-2025.docx"]


def test_document_matches_its_golden_dump(sample_out: Path, update_golden: bool) -> None:
    assert_golden(GOLDEN / "evaluatie-2025.txt", dump_docx(sample_out / "evaluatie-2025.docx"), update_golden)


def test_building_twice_gives_identical_bytes(sample_out: Path, tmp_path: Path) -> None:
    assert run_build(SAMPLE, tmp_path, *ONLY).exit_code == 0
    assert (tmp_path / "evaluatie-2025.docx").read_bytes() == (sample_out / "evaluatie-2025.docx").read_bytes()


def test_traffic_lights_match_the_statuses(sample_out: Path, sample_evaluation: Evaluatie) -> None:
    cells = status_cells(sample_out / "evaluatie-2025.docx")
    expected = {r.afspraak: (r.status, TRAFFIC_LIGHTS[r.status]) for r in sample_evaluation.evaluaties}
    assert cells == expected


def test_chart_is_embedded_with_alt_text_and_the_same_png_every_build(sample_out: Path, tmp_path: Path) -> None:
    assert run_build(SAMPLE, tmp_path, *ONLY).exit_code == 0
    pngs = [media_pngs(out / "evaluatie-2025.docx") for out in (sample_out, tmp_path)]
    assert len(pngs[0]) == 1 and pngs[0] == pngs[1]
    png = next(iter(pngs[0].values()))
    assert png.startswith(b"\x89PNG") and b"Software" not in png
    with zipfile.ZipFile(sample_out / "evaluatie-2025.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
    alts = [p.get("descr") for p in body.iter(qn("wp:docPr"))]
    assert len(alts) == 1
    assert "Wonen met zorg: 8 afspraken, waarvan 4 gerealiseerd, 1 deels gerealiseerd, 2 vertraagd" in alts[0]
    assert alts[0].endswith("Totaal: 24 afspraken, waarvan 11 gerealiseerd, 6 deels gerealiseerd, 5 vertraagd, "
                            "1 niet gerealiseerd en 1 vervallen.")  # fmt: skip


def media_pngs(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/media/") and n.endswith(".png")}


def test_an_agreement_without_entry_is_shown_as_niet_geevaluerd(tmp_path: Path) -> None:
    entry = "  - afspraak: DUUR-01\n    status: gerealiseerd\n    vervolg: beëindigen\n"
    dossier = base_with(tmp_path, entry, "")
    assert run_build(dossier, tmp_path / "out", *ONLY).exit_code == 0
    path = tmp_path / "out" / "evaluatie-2025.docx"
    assert status_cells(path) == {
        "WZ-01": ("deels gerealiseerd", TRAFFIC_LIGHTS["deels gerealiseerd"]),
        "DUUR-01": ("niet geëvalueerd", TRAFFIC_LIGHTS["niet geëvalueerd"]),
    }
    dump = dump_docx(path)
    assert "Niet geëvalueerd: 1 van de 2 afspraken voor 2025 (DUUR-01)." in dump
    assert "[Tussenkop] Status: niet geëvalueerd" in dump


def test_realisation_percentage_in_dutch(tmp_path: Path) -> None:
    dossier = base_with(tmp_path, "realisatie: 16", "realisatie: 17.5")
    assert run_build(dossier, tmp_path / "out", *ONLY).exit_code == 0
    assert "| WZ-01 | " in (dump := dump_docx(tmp_path / "out" / "evaluatie-2025.docx"))
    assert "| 20 woningen | 17,5 woningen | 87,5% | deels gerealiseerd |" in dump


def test_concept_evaluation_carries_the_mark(tmp_path: Path) -> None:
    dossier = base_with(tmp_path, "status: definitief", "status: concept")
    assert run_build(dossier, tmp_path / "out", *ONLY).exit_code == 0
    section = docx.Document(str(tmp_path / "out" / "evaluatie-2025.docx")).sections[0]
    header = " ".join(p.text for p in section.header.paragraphs)
    footer = " ".join(p.text for p in section.footer.paragraphs)
    assert "CONCEPT" in header
    assert "concept · 18 juni 2026" in footer


@pytest.mark.parametrize(
    ("target", "realised", "share"),
    [(40, 35, 0.875), (80, 84.1, 84.1 / 80), (0, 3, None), ("rapport", 1, None), (10, "n.t.b.", None), (5, None, None)],
)
def test_realisation_share_only_for_two_numbers(
    target: int | str, realised: float | str | None, share: float | None
) -> None:
    assert realisation_share(target, realised) == share


def test_chart_png_is_deterministic() -> None:
    segments = [charts.Segment("gerealiseerd", "70AD47"), charts.Segment("vertraagd", "ED7D31", "///")]
    bars = [charts.Bar("Wonen met zorg", (3, 1), "3 van 4 gerealiseerd"), charts.Bar("Leefbaarheid", (0, 2), "")]
    first = charts.status_bars_png("Afspraken", segments, bars)
    assert first == charts.status_bars_png("Afspraken", segments, bars)
    assert first.startswith(b"\x89PNG")


@needs_libreoffice
def test_libreoffice_reads_every_code_and_status(sample_out: Path, sample_2025: Cyclus, tmp_path: Path) -> None:
    text = pdf_text(sample_out / "evaluatie-2025.docx", tmp_path)
    assert sample_2025.prestatieafspraken is not None and sample_2025.evaluatie is not None
    assert [a.code for a in sample_2025.prestatieafspraken.afspraken if a.code not in text] == []
    statuses = {r.status for r in sample_2025.evaluatie.evaluaties}
    assert [s for s in sorted(statuses) if s not in text] == []
    assert "Input voor de afspraken van 2027" in text and "CONCEPT" not in text
