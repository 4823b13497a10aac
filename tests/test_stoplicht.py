"""The dossier's own traffic-light scale: the model's scale, the evaluation document's lights, labels and counts."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from afsprakengen.model import DossierModel, stoplicht
from tests.casefolders import CASES, make_case_dossier
from tests.docdump import dump_docx
from tests.sampledossier import run_build
from tests.test_evaluatie import chart_parts, chart_series, status_cells

LEIDEN = CASES / "valid" / "own-traffic-light-scale"
"""A three-level scale: groen 'op schema', oranje 'aandacht nodig' and rood 'niet gehaald' (explanation required)."""


@pytest.fixture(scope="module")
def leiden_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("leiden")
    dossier = make_case_dossier(LEIDEN, root / "d")
    assert run_build(dossier, root / "out", "--only", "evaluatie").exit_code == 0
    return root / "out" / "evaluatie-2025.docx"


def test_without_its_own_scale_a_dossier_has_the_five_standard_statuses(sample_model: DossierModel) -> None:
    codes = [n.code for n in stoplicht.scale(sample_model)]
    assert codes == ["gerealiseerd", "deels gerealiseerd", "vertraagd", "niet gerealiseerd", "vervallen"]
    found = stoplicht.level(sample_model, "vertraagd")
    assert found is not None and found.hex == "56B4E9" and not found.toelichting_verplicht
    assert stoplicht.level(sample_model, "groen") is None


def test_the_status_cells_show_the_label_in_the_colour_of_the_scale(leiden_out: Path) -> None:
    assert status_cells(leiden_out) == {"WZ-01": ("aandacht nodig", "EF6C00"), "DUUR-01": ("op schema", "2E7D32")}


def test_the_summary_counts_per_level_of_the_scale(leiden_out: Path) -> None:
    tables = docx.Document(str(leiden_out)).tables
    per_status = next(t for t in tables if t.rows[0].cells[0].text == "Status")
    rows = [[c.text for c in r.cells] for r in per_status.rows]
    assert rows == [["Status", "Aantal", "Aandeel"], ["op schema", "1", "50%"], ["aandacht nodig", "1", "50%"],
                    ["Totaal", "2", "100%"]]  # fmt: skip
    per_theme = next(t for t in tables if t.rows[0].cells[0].text == "Thema")
    assert [c.text for c in per_theme.rows[0].cells] == [
        "Thema",
        "Aantal",
        "Op schema",
        "Aandacht nodig",
        "Niet gehaald",
    ]
    assert [c.text for c in per_theme.rows[-1].cells] == ["Totaal", "2", "1", "1", "–"]


def test_the_text_and_the_chart_name_the_levels_of_the_scale(leiden_out: Path) -> None:
    dump = dump_docx(leiden_out)
    assert "Op schema: 1 van de 2 afspraken voor 2025." in dump
    assert "heeft 3 niveaus, elk met een eigen kleur: op schema, aandacht nodig en niet gehaald." in dump
    assert "groen is gerealiseerd" not in dump and "deels gerealiseerd" not in dump
    series = chart_series(chart_parts(leiden_out)["word/charts/chart1.xml"])
    assert [(name, colour) for name, colour, _, _ in series] == [("op schema", "2E7D32"), ("aandacht nodig", "EF6C00")]
