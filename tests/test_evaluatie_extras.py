"""The evaluation report's target-against-realised charts, investments, adoption ('vastgesteld') and version."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from afsprakengen.documents.evaluatie.comparison import numeric_pairs
from afsprakengen.documents.evaluatie.investments import row
from afsprakengen.model import Cyclus, DossierModel
from tests.casefolders import BASE
from tests.docdump import dump_docx
from tests.pdftext import needs_libreoffice, text_of, to_pdf
from tests.sampledossier import run_build
from tests.test_evaluatie import C, base_with, chart_parts, chart_series

ONLY = ["--only", "evaluatie"]
SAMPLE_BUILDS = [ONLY]
NBSP = "\u00a0"
BESCH = "Beschikbaarheid: afgesproken en gerealiseerd in 2025, in woningen"


@pytest.fixture(scope="module")
def sample_2025(sample_model: DossierModel) -> Cyclus:
    cyclus = sample_model.cyclus(2025)
    assert cyclus is not None and cyclus.evaluatie is not None and cyclus.prestatieafspraken is not None
    return cyclus


def footer_of(path: Path) -> str:
    return " ".join(p.text for p in docx.Document(str(path)).sections[0].footer.paragraphs)


def comparison_charts(path: Path) -> dict[str, list[tuple[str, str, list[str], list[float]]]]:
    """Every chart after the status chart by its title: its series (name, colour, categories, values)."""
    found = {}
    for name, part in chart_parts(path).items():
        if name != "word/charts/chart1.xml":
            title = "".join(etree.fromstring(part).find(f"{C}chart/{C}title").itertext())
            found[title] = chart_series(part)
    return found


def test_numeric_agreements_are_grouped_per_theme_and_unit(sample_2025: Cyclus) -> None:
    assert sample_2025.prestatieafspraken is not None and sample_2025.evaluatie is not None
    groups = numeric_pairs(sample_2025.prestatieafspraken, sample_2025.evaluatie)
    assert {key: [p.code for p in pairs] for key, pairs in groups.items()} == {
        ("BESCH", "woningen"): ["BESCH-01", "BESCH-02"],
        ("BESCH", "verhuizingen"): ["BESCH-03"],
        ("BETAAL", "procent"): ["BETAAL-01"],
        ("BETAAL", "huishoudens"): ["BETAAL-02"],
        ("DUUR", "woningen"): ["DUUR-01", "DUUR-04"],
        ("DUUR", "procent"): ["DUUR-03"],
        ("WZ", "woningen"): ["WZ-01", "WZ-02", "WZ-04", "WZ-06"],
        ("AG", "woningen"): ["AG-01"],
        ("LEEF", "huisuitzettingen"): ["LEEF-02"],
        ("SAMEN", "overleggen"): ["SAMEN-01"],
    }  # texts such as BESCH-04 ('twee locaties …') and WZ-07 (no target) have no chart


def test_each_comparison_chart_is_clustered_target_against_realised_in_one_unit(sample_out: Path) -> None:
    charts = comparison_charts(sample_out / "evaluatie-2025.docx")
    assert len(charts) == 10 and all(title.count(", in ") == 1 for title in charts)
    agreements = ["BESCH-01 Nieuwbouw sociale huurwoningen", "BESCH-02 Woningen voor jongeren en starters"]
    assert charts[BESCH] == [
        ("afgesproken", "D9D9D9", agreements, [108, 44]),
        ("gerealiseerd", "0072B2", agreements, [96, 8]),
    ]
    leef = charts["Leefbaarheid: afgesproken en gerealiseerd in 2025, in huisuitzettingen"]
    assert leef[0][2] == ["LEEF-02 Huisuitzettingen voorkomen door vroegsignalering (ten hoogste)"]
    assert [s[3] for s in leef] == [[2], [4]]
    with zipfile.ZipFile(sample_out / "evaluatie-2025.docx") as z:
        root = etree.fromstring(z.read("word/charts/chart2.xml"))
    assert root.find(f".//{C}barChart/{C}grouping").get("val") == "clustered"
    assert root.find(f".//{C}valAx/{C}title") is not None


def test_comparison_charts_have_the_numbers_in_their_alt_text_and_a_caption(sample_out: Path) -> None:
    path = sample_out / "evaluatie-2025.docx"
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    alts = [d.get("descr") for d in body.iter(qn("wp:docPr"))]
    assert alts[1] == (
        "Staafdiagram: Beschikbaarheid, per afspraak afgesproken en gerealiseerd in 2025, in woningen. "
        "BESCH-01 Nieuwbouw sociale huurwoningen: afgesproken 108, gerealiseerd 96. "
        "BESCH-02 Woningen voor jongeren en starters: afgesproken 44, gerealiseerd 8."
    )
    assert any("BETAAL-01 Betaalbare huren en passend toewijzen: afgesproken 80, gerealiseerd 84,1." in a for a in alts)
    assert any("afgesproken ten hoogste 2, gerealiseerd 4." in a for a in alts)
    dump = dump_docx(path)
    assert "Figuur 2. Beschikbaarheid: afgesproken en gerealiseerd per afspraak, in woningen." in dump
    assert "Figuur 11. Huurdersparticipatie en samenwerking:" in dump and "Figuur 12." not in dump
    assert "| 108 woningen | 96 woningen |" in dump  # the chart's numbers are also in the theme's table


def test_investments_planned_in_the_bod_against_realised(sample_out: Path) -> None:
    path = sample_out / "evaluatie-2025.docx"
    table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "Corporatie")
    rows = [[c.text.replace(NBSP, " ") for c in r.cells] for r in table.rows]
    assert rows == [
        ["Corporatie", "Gepland (bod 2025)", "Gerealiseerd", "Verschil", "Verschil in %"],
        ["Woonstad Voorbeeldstad", "€ 38.315.500", "€ 32.640.000", "−€ 5.675.500", "−14,8%"],
        ["Stichting Wonen & Welzijn", "€ 13.665.000", "€ 12.905.000", "−€ 760.000", "−5,6%"],
        ["Totaal", "€ 51.980.500", "€ 45.545.000", "−€ 6.435.500", "−12,4%"],
    ]
    assert table.rows[1].cells[1].text == f"€{NBSP}38.315.500"
    assert "[Heading 2] 2.3 Investeringen" in dump_docx(path)


def test_an_investment_without_a_planned_amount_shows_no_difference(tmp_path: Path) -> None:
    entry = "vastgesteld:"
    dossier = base_with(tmp_path, entry, "investeringen:\n  - corporatie: thuis\n    gerealiseerd: 1200000\n" + entry)
    assert run_build(dossier, tmp_path / "out", *ONLY).exit_code == 0
    dump = dump_docx(tmp_path / "out" / "evaluatie-2025.docx")
    assert f"| Woonstichting Thuis | – | €{NBSP}1.200.000 | – | – |" in dump  # the base has no bod for 2025
    assert "| Totaal |" not in dump


def test_a_difference_is_signed_and_a_plan_of_nothing_has_no_percentage() -> None:
    assert (row("X", 100.0, 150.0, None).verschil, row("X", 100.0, 150.0, None).verschil_procent) == (
        f"+€{NBSP}50",
        "+50%",
    )
    assert row("X", 0.0, 10.0, None).verschil_procent == "–"
    assert row("X", 10.0, 10.0, None).verschil == f"€{NBSP}0"


def test_title_page_and_footer_say_who_adopted_it_and_the_version(sample_out: Path) -> None:
    path = sample_out / "evaluatie-2025.docx"
    dump = dump_docx(path)
    assert "[Tussenkop] Versie 1.0 · status: definitief · 18 juni 2026" in dump
    assert (
        "Vastgesteld door het bestuurlijk overleg (Gemeente Voorbeeldstad, Woonstad Voorbeeldstad, Stichting Wonen & "
        'Welzijn, Huurdersvereniging "De Sleutel" en Huurdersbelangenvereniging Wonen & Welzijn) op 18 juni 2026.'
    ) in dump
    assert footer_of(path).startswith("Versie 1.0 · definitief, vastgesteld op 18 juni 2026 · pagina")


def test_without_versie_the_footer_pretends_no_version(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path / "d")  # its evaluation has vastgesteld but no versie
    assert run_build(tmp_path / "d", tmp_path / "out", *ONLY).exit_code == 0
    path = tmp_path / "out" / "evaluatie-2025.docx"
    assert footer_of(path).startswith("definitief, vastgesteld op 18 juni 2026 · pagina")
    assert "2026-06-18" not in footer_of(path)
    dump = dump_docx(path)
    assert "[Tussenkop] Status: definitief · 18 juni 2026" in dump and "Versie" not in dump
    assert "Vastgesteld door het bestuurlijk overleg op 18 juni 2026." in dump


@needs_libreoffice
def test_libreoffice_shows_the_comparison_chart_adoption_and_investments(sample_out: Path, tmp_path: Path) -> None:
    pdf = to_pdf(sample_out / "evaluatie-2025.docx", tmp_path)
    text = text_of(pdf)
    assert "Vastgesteld door het bestuurlijk overleg" in text and "Versie 1.0 · definitief, vastgesteld op" in text
    assert "€ 38.315.500" in text.replace(NBSP, " ")
    page = next(n for n in range(1, 30) if BESCH in text_of(pdf, n))
    chart = text_of(pdf, page).split(BESCH, 1)[1].split("Figuur 2.", 1)[0]
    for piece in ("BESCH-01 Nieuwbouw sociale huurwoningen", "108", "96", "44", "8", "afgesproken", "gerealiseerd"):
        assert piece in chart
