"""The voortgangsrapportage: golden dumps, at risk first, traffic lights in words, what changed since the last one."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

from tests.docdump import dump_docx
from tests.goldenfile import GOLDEN, assert_golden

ONLY = ["--only", "voortgangsrapportage"]
SAMPLE_BUILDS = [ONLY]
MARCH, JUNE = "voortgangsrapportage-2026-03-31.docx", "voortgangsrapportage-2026-06-30.docx"


def _tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(path)).tables]


def _fills(path: Path, header: str) -> dict[str, tuple[str, str]]:
    """Per code in the tables whose header has `header`: the status cell's text and background colour."""
    found = {}
    for table in docx.Document(str(path)).tables:
        heads = [c.text for c in table.rows[0].cells]
        if header not in heads:
            continue
        at = heads.index("Status")
        for row in table.rows[1:]:
            shd = row.cells[at]._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
            found[row.cells[0].text] = (row.cells[at].text, shd.get(qn("w:fill")) if shd is not None else "")
    return found


def test_one_document_per_progress_file(sample_out: Path) -> None:
    assert sorted(p.name for p in sample_out.iterdir()) == [MARCH, JUNE]


def test_the_documents_match_their_golden_dumps(sample_out: Path, update_golden: bool) -> None:
    for name in (MARCH, JUNE):
        assert_golden(GOLDEN / name.replace(".docx", ".txt"), dump_docx(sample_out / name), update_golden)


def test_the_agreements_at_risk_come_first(sample_out: Path) -> None:
    text = [p.text for p in docx.Document(str(sample_out / JUNE)).paragraphs]
    headings = [t for t in text if t[:2] in {f"{n}." for n in range(1, 10)} or t[:3] == "10."]
    assert headings[:4] == [
        "1. Samenvatting",
        "2. Afspraken die aandacht vragen",
        "3. Wat is veranderd",
        "4. Beschikbaarheid",
    ]
    at_risk = _tables(sample_out / JUNE)[1]
    assert at_risk[0] == ["Code", "Afspraak", "Trekker", "Realisatie tot nu toe", "Status", "Toelichting"]
    assert [(r[0], r[4]) for r in at_risk[1:]] == [
        ("BESCH-03", "deels gerealiseerd"),
        ("BESCH-05", "niet gerealiseerd"),
        ("WZ-05", "vertraagd"),
    ]
    assert "3 aandacht" in " ".join(text)


def test_every_status_is_a_coloured_cell_with_its_word(sample_out: Path) -> None:
    cells = _fills(sample_out / JUNE, "Streefwaarde")
    assert len(cells) == 32
    assert cells["BESCH-01"] == ("gerealiseerd", "009E73")
    assert cells["BESCH-05"] == ("niet gerealiseerd", "D55E00")
    assert cells["WZ-05"] == ("vertraagd", "56B4E9")
    assert cells["BESCH-04"] == ("niet gemeld", "FFFFFF")


def test_what_changed_since_the_previous_peildatum(sample_out: Path) -> None:
    changed = next(t for t in _tables(sample_out / JUNE) if t[0] == ["Code", "Afspraak", "Wijziging"])
    rows = {r[0]: r[2] for r in changed[1:]}
    assert rows["BESCH-01"] == "realisatie: 18 → 41"
    assert rows["BESCH-03"] == "nieuw gemeld"
    assert rows["BESCH-05"] == "status: vertraagd → niet gerealiseerd"
    assert (
        rows["WZ-05"]
        == "status: deels gerealiseerd → vertraagd; realisatie: vergunning aangevraagd → vergunning verleend"
    )
    assert "BETAAL-03" not in rows and "SAMEN-01" in rows
    first = " ".join(p.text for p in docx.Document(str(sample_out / MARCH)).paragraphs)
    assert "Dit is de eerste voortgangsrapportage over 2026" in first
    assert "Peildatum: 31 maart 2026" in first
