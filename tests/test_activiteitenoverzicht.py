"""The activiteitenoverzicht (het bod): golden dumps, totals, what LibreOffice reads, narrowing and determinism."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import docx
import pytest

from afsprakengen.documents.activiteitenoverzicht.context import build_activiteitenoverzicht, year_totals
from afsprakengen.dutch import euro
from afsprakengen.model import Bod, DossierModel
from tests.docdump import dump_docx
from tests.goldenfile import GOLDEN, assert_golden
from tests.pdftext import needs_libreoffice, pdf_text
from tests.sampledossier import SAMPLE, run_build

ONLY = ["--only", "activiteitenoverzicht"]
SAMPLE_BUILDS = [ONLY]
BODS = [(corporatie, year) for year in (2025, 2026, 2027) for corporatie in ("wonen-en-welzijn", "woonstad")]
NAMES = [f"activiteitenoverzicht-{corporatie}-{year}" for corporatie, year in BODS]


def bod_of(m: DossierModel, corporatie: str, year: int) -> Bod:
    cyclus = m.cyclus(year)
    assert cyclus is not None
    return next(b for b in cyclus.bods if b.corporatie == corporatie)


def test_one_overview_per_bod(sample_out: Path) -> None:
    assert sorted(p.name for p in sample_out.iterdir()) == sorted(f"{name}.docx" for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_overview_matches_its_golden_dump(sample_out: Path, name: str, update_golden: bool) -> None:
    assert_golden(GOLDEN / f"{name}.txt", dump_docx(sample_out / f"{name}.docx"), update_golden)


def test_theme_totals_add_up_the_activities(sample_model: DossierModel) -> None:
    bod = bod_of(sample_model, "woonstad", 2027)
    ctx = build_activiteitenoverzicht(sample_model, bod)
    for theme in ctx.themas:
        amounts = [a.investeringen for a in bod.activiteiten if a.thema == theme.code]
        assert theme.investeringen.totaal == sum(sum(i.values()) for i in amounts)
        assert theme.investeringen.jaar == sum(i.get(2027, 0) for i in amounts)
        assert theme.investeringen.doorkijk == theme.investeringen.totaal - theme.investeringen.jaar
    assert [t.code for t in ctx.themas] == ["BESCH", "BETAAL", "DUUR", "WZ", "AG", "LEEF", "SAMEN"]
    assert ctx.themas[0].investeringen.totaal == 111_645_000
    assert ctx.investeringen.totaal == 208_984_500
    assert ctx.investeringen.per_jaar == (47_434_500, 44_136_500, 44_158_500, 38_127_500, 35_127_500)
    assert (ctx.periode, ctx.doorkijk) == ("2027–2031", "2028–2031")


def test_year_totals_sum_columns() -> None:
    assert year_totals([(1, 2, 0, 0, 5), (10, 0, 0, 0, 5)]) == (11, 2, 0, 0, 10)
    assert year_totals([]) == (0, 0, 0, 0, 0)


def test_activity_without_investments_has_none(sample_model: DossierModel) -> None:
    ctx = build_activiteitenoverzicht(sample_model, bod_of(sample_model, "woonstad", 2027))
    sale = next(a for t in ctx.themas for a in t.activiteiten if a.code == "WS27-BESCH-05")
    assert sale.investering is None and sale.aantallen == (10, 10, 10, 10, 10)


def test_chapters_skip_what_the_bod_leaves_out(sample_model: DossierModel) -> None:
    bod = bod_of(sample_model, "woonstad", 2027)
    full = build_activiteitenoverzicht(sample_model, bod).hoofdstukken
    assert (full.investeringen, full.voorraad, full.huurbeleid, full.kerncijfers, full.reactie) == (9, 10, 11, 12, 13)
    bare = dataclasses.replace(bod, kerncijfers=(), reactie_huurders=(), voorraadontwikkeling=None, huurbeleid=None)
    chapters = build_activiteitenoverzicht(sample_model, bare).hoofdstukken
    assert (chapters.voorraad, chapters.huurbeleid, chapters.kerncijfers, chapters.reactie) == (0, 0, 0, 0)
    no_stock = dataclasses.replace(bod, voorraadontwikkeling=None, kerncijfers=())
    assert build_activiteitenoverzicht(sample_model, no_stock).hoofdstukken.huurbeleid == 10
    assert build_activiteitenoverzicht(sample_model, no_stock).hoofdstukken.reactie == 11


def test_year_narrows_the_output(tmp_path: Path) -> None:
    assert run_build(SAMPLE, tmp_path, *ONLY, "--year", "2027").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "activiteitenoverzicht-wonen-en-welzijn-2027.docx",
        "activiteitenoverzicht-woonstad-2027.docx",
    ]


def test_building_twice_gives_identical_bytes(sample_out: Path, tmp_path: Path) -> None:
    assert run_build(SAMPLE, tmp_path, *ONLY, "--year", "2026").exit_code == 0
    for corporatie in ("wonen-en-welzijn", "woonstad"):
        name = f"activiteitenoverzicht-{corporatie}-2026.docx"
        assert (tmp_path / name).read_bytes() == (sample_out / name).read_bytes()


def _header_footer_text(path: Path) -> str:
    section = docx.Document(str(path)).sections[0]
    return "\n".join(p.text for part in (section.header, section.footer) for p in part.paragraphs)


def test_concept_bod_is_marked_and_not_yet_submitted(tmp_path: Path) -> None:
    dossier = tmp_path / "d"
    shutil.copytree(SAMPLE, dossier)
    path = dossier / "2027" / "bod-woonstad.yaml"
    text = path.read_text(encoding="utf-8").replace("status: definitief", "status: concept")
    path.write_text(text.replace("ingediend: 2026-06-24\n", ""), encoding="utf-8")
    assert run_build(dossier, tmp_path / "out", *ONLY, "--year", "2027").exit_code == 0
    concept = tmp_path / "out" / "activiteitenoverzicht-woonstad-2027.docx"
    final = tmp_path / "out" / "activiteitenoverzicht-wonen-en-welzijn-2027.docx"
    assert "CONCEPT" in _header_footer_text(concept) and "CONCEPT" not in _header_footer_text(final)
    assert "Versie 1.1 · concept · nog niet ingediend · pagina" in _header_footer_text(concept)
    assert "Versie" not in _header_footer_text(final)
    assert "definitief · ingediend op 26 juni 2026 · pagina" in _header_footer_text(final)
    assert "[Tussenkop] Nog niet ingediend (uiterlijk 1 juli 2026) · status: concept" in dump_docx(concept)


def test_properties_come_from_the_bod(sample_out: Path) -> None:
    props = docx.Document(str(sample_out / "activiteitenoverzicht-woonstad-2027.docx")).core_properties
    assert props.title == "Activiteitenoverzicht 2027"
    assert props.subject == "Activiteitenoverzicht Woonstad Voorbeeldstad aan gemeente Voorbeeldstad 2027"
    assert props.created is not None and props.created.date() == date(2026, 6, 24)


@needs_libreoffice
@pytest.mark.parametrize(("corporatie", "year"), BODS)
def test_libreoffice_reads_every_activity_and_the_total(
    sample_out: Path, sample_model: DossierModel, corporatie: str, year: int, tmp_path: Path
) -> None:
    text = pdf_text(sample_out / f"activiteitenoverzicht-{corporatie}-{year}.docx", tmp_path)
    bod = bod_of(sample_model, corporatie, year)
    assert [a.code for a in bod.activiteiten if a.code not in text] == []
    total = build_activiteitenoverzicht(sample_model, bod).investeringen.totaal
    assert " ".join(euro(total).split()) in text
    assert "CONCEPT" not in text
