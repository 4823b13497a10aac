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
from afsprakengen.documents.common import Chart, Series
from afsprakengen.documents.evaluatie.context import realisation_share
from afsprakengen.model import Cyclus, DossierModel, Evaluatie
from afsprakengen.word.chart import CHART_NS, chart_space_xml
from tests.casefolders import BASE
from tests.docdump import dump_docx
from tests.goldenfile import GOLDEN, assert_golden
from tests.pdftext import colours_in, needs_libreoffice, text_of, to_pdf, words_of
from tests.sampledossier import SAMPLE, run_build

ONLY = ["--only", "evaluatie"]
SAMPLE_BUILDS = [ONLY]
TRAFFIC_LIGHTS = {
    "gerealiseerd": "009E73",  # bluish green
    "deels gerealiseerd": "E69F00",  # orange
    "vertraagd": "56B4E9",  # sky blue
    "niet gerealiseerd": "D55E00",  # vermillion
    "vervallen": "A6A6A6",  # grey
    "niet geëvalueerd": "FFFFFF",  # no light
}
C = f"{{{CHART_NS}}}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CHART_TITLE = "Afspraken 2025 per thema: afgesproken en gerealiseerd"


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


def test_status_chart_is_the_first_native_chart_with_alt_text_and_the_same_parts_every_build(
    sample_out: Path, tmp_path: Path
) -> None:
    assert run_build(SAMPLE, tmp_path, *ONLY).exit_code == 0
    parts = [chart_parts(out / "evaluatie-2025.docx") for out in (sample_out, tmp_path)]
    assert set(parts[0]) == {f"word/charts/chart{n}.xml" for n in range(1, 12)} and parts[0] == parts[1]
    with zipfile.ZipFile(sample_out / "evaluatie-2025.docx") as z:
        body = etree.fromstring(z.read("word/document.xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        types = etree.fromstring(z.read("[Content_Types].xml"))
        assert not [n for n in z.namelist() if n.startswith("word/media/")]
    drawings = list(body.iter(qn("w:drawing")))
    assert len(drawings) == 11  # the status chart, then per theme and unit target against realised
    doc_pr = drawings[0].find(f"{qn('wp:inline')}/{qn('wp:docPr')}")
    assert doc_pr is not None and doc_pr.get("name") == "Grafiek 1"
    alt = doc_pr.get("descr")
    assert alt == doc_pr.get("title")
    assert "Wonen met zorg: 8 afspraken, waarvan 4 gerealiseerd, 1 deels gerealiseerd, 2 vertraagd" in alt
    assert alt.endswith("Totaal: 24 afspraken, waarvan 11 gerealiseerd, 6 deels gerealiseerd, 5 vertraagd, "
                        "1 niet gerealiseerd en 1 vervallen.")  # fmt: skip
    graphic = drawings[0].find(f".//{A}graphicData")
    assert graphic is not None and graphic.get("uri") == CHART_NS
    rid = graphic[0].get(qn("r:id"))
    rel = next(r for r in rels if r.get("Id") == rid)
    assert rel.get("Type").endswith("/relationships/chart") and rel.get("Target") == "charts/chart1.xml"
    overrides = {o.get("PartName"): o.get("ContentType") for o in types if o.get("PartName")}
    assert overrides["/word/charts/chart1.xml"] == "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


def chart_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/charts/")}


def chart_series(chart_xml: bytes) -> list[tuple[str, str, list[str], list[float]]]:
    """Per series of a chart part: its name, its fill colour, its categories and its values."""
    root = etree.fromstring(chart_xml)
    assert root.tag == f"{C}chartSpace"
    found = []
    for ser in root.iter(f"{C}ser"):
        name = ser.findtext(f"{C}tx/{C}strRef/{C}strCache/{C}pt/{C}v")
        colour = ser.find(f"{C}spPr/{A}solidFill/{A}srgbClr")
        if colour is None:  # a pattern over the series' colour
            colour = ser.find(f"{C}spPr/{A}pattFill/{A}bgClr/{A}srgbClr")
        categories = [v.text for v in ser.iterfind(f"{C}cat/{C}strRef/{C}strCache/{C}pt/{C}v")]
        values = [float(v.text or "") for v in ser.iterfind(f"{C}val/{C}numRef/{C}numCache/{C}pt/{C}v")]
        assert name is not None and colour is not None
        found.append((name, str(colour.get("val")), categories, values))
    return found


def test_chart_shows_per_theme_the_count_of_each_status(sample_out: Path, sample_model: DossierModel) -> None:
    part = chart_parts(sample_out / "evaluatie-2025.docx")["word/charts/chart1.xml"]
    root = etree.fromstring(part)
    bar_chart = root.find(f"{C}chart/{C}plotArea/{C}barChart")
    assert bar_chart is not None
    assert [bar_chart.find(f"{C}{tag}").get("val") for tag in ("barDir", "grouping")] == ["bar", "stacked"]
    assert "".join(root.find(f"{C}chart/{C}title").itertext()) == CHART_TITLE
    series = chart_series(part)
    themes = [t.naam for t in sample_model.dossier.themas]
    occurring = ["gerealiseerd", "deels gerealiseerd", "vertraagd", "niet gerealiseerd", "vervallen"]
    assert [s[0] for s in series] == occurring  # not 'niet geëvalueerd': every agreement has an entry
    assert [s[1] for s in series] == [TRAFFIC_LIGHTS[s[0]] for s in series]
    assert all(s[2] == themes for s in series)
    per_theme = {theme: [s[3][i] for s in series] for i, theme in enumerate(themes)}
    assert per_theme["Wonen met zorg"] == [4, 1, 2, 0, 1]
    assert per_theme["Leefbaarheid"] == [0, 1, 0, 1, 0]
    assert [sum(column) for column in zip(*(s[3] for s in series), strict=True)] == [4, 2, 4, 8, 2, 2, 2]
    vertraagd = next(s for s in root.iter(f"{C}ser") if s.findtext(f".//{C}v") == "vertraagd")
    assert vertraagd.find(f"{C}spPr/{A}pattFill").get("prst") == "wdUpDiag"  # apart from 'deels', also orange


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
    path = dossier / "2025" / "evaluatie.yaml"
    path.write_text(path.read_text(encoding="utf-8").split("vastgesteld:")[0], encoding="utf-8")
    assert run_build(dossier, tmp_path / "out", *ONLY).exit_code == 0
    section = docx.Document(str(tmp_path / "out" / "evaluatie-2025.docx")).sections[0]
    header = " ".join(p.text for p in section.header.paragraphs)
    footer = " ".join(p.text for p in section.footer.paragraphs)
    assert "CONCEPT" in header
    assert footer.startswith("concept · 18 juni 2026 · ") and "Versie" not in footer  # the base has no versie


@pytest.mark.parametrize(
    ("target", "realised", "share"),
    [(40, 35, 0.875), (80, 84.1, 84.1 / 80), (0, 3, None), ("rapport", 1, None), (10, "n.t.b.", None), (5, None, None)],
)
def test_realisation_share_only_for_two_numbers(
    target: int | str, realised: float | str | None, share: float | None
) -> None:
    assert realisation_share(target, realised) == share


def test_status_bars_leave_out_the_statuses_that_do_not_occur() -> None:
    segments = [charts.Segment("gerealiseerd", "70AD47"), charts.Segment("vervallen", "A6A6A6"),
                charts.Segment("vertraagd", "ED7D31", "wdUpDiag")]  # fmt: skip
    bars = [charts.Bar("Wonen met zorg", (3, 0, 1)), charts.Bar("Leefbaarheid", (0, 0, 2))]
    chart = charts.status_bars("Afspraken", segments, bars, "Staafdiagram", "Aantal")
    assert chart.categories == ("Wonen met zorg", "Leefbaarheid") and chart.stacked
    assert chart.series == (Series("gerealiseerd", (3, 0), "70AD47"), Series("vertraagd", (1, 2), "ED7D31", "wdUpDiag"))


def test_chart_part_of_clustered_columns_is_well_formed_and_escapes_text() -> None:
    chart = Chart(
        "Woningen & wachttijd",
        ("Noord <oud>", "Zuid"),
        (Series("2024", (12, 84.1), "1F4E79"), Series("2025", (0, 3), "ED7D31")),
        "alt",
        stacked=False,
        horizontal=False,
    )
    xml = chart_space_xml(chart)
    assert xml == chart_space_xml(chart)
    root = etree.fromstring(xml)
    assert root.find(f"{C}chart/{C}plotArea/{C}barChart/{C}barDir").get("val") == "col"
    assert root.find(f"{C}chart/{C}plotArea/{C}barChart/{C}grouping").get("val") == "clustered"
    assert "".join(root.find(f"{C}chart/{C}title").itertext()) == "Woningen & wachttijd"
    assert root.find(f"{C}chart/{C}plotArea/{C}valAx/{C}title") is None
    assert chart_series(xml) == [
        ("2024", "1F4E79", ["Noord <oud>", "Zuid"], [12, 84.1]),
        ("2025", "ED7D31", ["Noord <oud>", "Zuid"], [0, 3]),
    ]
    assert root.find(f".//{C}ser/{C}val/{C}numRef/{C}f").text == "Blad1!$B$2:$B$3"


@pytest.fixture(scope="module")
def sample_pdf(sample_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return to_pdf(sample_out / "evaluatie-2025.docx", tmp_path_factory.mktemp("pdf"))


@needs_libreoffice
def test_libreoffice_reads_every_code_and_status(sample_pdf: Path, sample_2025: Cyclus) -> None:
    text = text_of(sample_pdf)
    assert sample_2025.prestatieafspraken is not None and sample_2025.evaluatie is not None
    assert [a.code for a in sample_2025.prestatieafspraken.afspraken if a.code not in text] == []
    statuses = {r.status for r in sample_2025.evaluatie.evaluaties}
    assert [s for s in sorted(statuses) if s not in text] == []
    assert "Input voor de afspraken van 2027" in text and "CONCEPT" not in text


@needs_libreoffice
def test_libreoffice_draws_the_chart_with_theme_names_and_traffic_lights(
    sample_pdf: Path, sample_model: DossierModel
) -> None:
    page = next(n for n in range(1, 30) if CHART_TITLE in text_of(sample_pdf, n))
    chart_text = text_of(sample_pdf, page).split(CHART_TITLE, 1)[1].split("Figuur 1.", 1)[0]
    themes = [t.naam for t in sample_model.dossier.themas]
    assert [chart_text.find(t) for t in themes] == sorted(chart_text.find(t) for t in themes)  # the first on top
    assert -1 not in [chart_text.find(t) for t in themes]
    assert "Aantal afspraken" in chart_text and "deels gerealiseerd" in chart_text
    words = words_of(sample_pdf, page)
    top = next(w.y_max for w in words if w.text == "afgesproken")
    bottom = next(w.y_min for w in words if w.text == "Figuur")
    colours = colours_in(sample_pdf, page, top, bottom)
    used = ["gerealiseerd", "deels gerealiseerd", "niet gerealiseerd", "vervallen"]
    assert [s for s in used if colours[TRAFFIC_LIGHTS[s]] < 100] == []


@pytest.mark.parametrize(
    ("richting", "eenheid", "target", "realised", "expected"),
    [
        ("maximaal", "huisuitzettingen", 2, 4, "niet gehaald: 2 boven het maximum"),
        ("maximaal", "huisuitzettingen", 2, 1, "gehaald"),
        ("exact", "fte", 3, 2, "niet gehaald: −1 ten opzichte van het doel"),
        ("exact", "fte", 3, 3, "gehaald"),
        (None, "procent", 80, 84.1, "gehaald (+4,1 procentpunt)"),
        ("maximaal", "procent", 40, 43, "niet gehaald (+3 procentpunt)"),
        (None, "woningen", 108, 96, "88,9%"),
        (None, "woningen", 108, "n.v.t.", "–"),
    ],
)
def test_realisation_is_set_against_the_target_as_its_richting_means_it(
    richting: str | None, eenheid: str, target: float, realised: float | str, expected: str
) -> None:
    from afsprakengen.documents.evaluatie.context import set_against
    from afsprakengen.model import Indicator

    indicator = Indicator(naam="x", eenheid=eenheid, streefwaarde=target, richting=richting)
    assert set_against(indicator, realised) == expected


def test_a_maximum_that_is_exceeded_never_reads_as_over_achievement(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_build(SAMPLE, out, "--only", "evaluatie").exit_code == 0
    dump = dump_docx(out / "evaluatie-2025.docx")
    row = next(line for line in dump.splitlines() if "| LEEF-02 |" in line)
    assert "ten hoogste 2 huisuitzettingen | 4 huisuitzettingen | niet gehaald: 2 boven het maximum" in row
    assert "%" not in row


def test_every_status_has_its_own_colour() -> None:
    lights = [colour for status, colour in TRAFFIC_LIGHTS.items() if status != "niet geëvalueerd"]
    assert len(set(lights)) == len(lights)
