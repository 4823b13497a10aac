"""The prestatieafspraken as signed unchanged: targets that say what they mean, whole cards, the compact layout,
annexes numbered from what is there, a glossary in markdown."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from afsprakengen.documents.common import target_text
from afsprakengen.model import Indicator
from afsprakengen.word.environment import make_env
from tests.docdump import dump_docx
from tests.sampledossier import SAMPLE, run_build

SAMPLE_BUILDS = [["--only", "prestatieafspraken", "--year", "2027"]]


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        (Indicator("x", "woningen", streefwaarde=40), "ten minste 40 woningen"),
        (Indicator("x", "huisuitzettingen", "huisuitzetting", 1, "maximaal"), "ten hoogste 1 huisuitzetting"),
        (Indicator("x", "huisuitzettingen", "huisuitzetting", 2, "maximaal"), "ten hoogste 2 huisuitzettingen"),
        (Indicator("x", "woningen", streefwaarde=1), "ten minste 1 woningen"),
        (Indicator("x", "fte", streefwaarde=3, richting="exact"), "precies 3 fte"),
        (Indicator("x", "procent", streefwaarde=92.5), "ten minste 92,5 procent"),
        (Indicator("x", "besluit", streefwaarde="vóór 1 december 2027"), "vóór 1 december 2027"),
        (Indicator("x", "woningen"), ""),
    ],
)
def test_a_target_reads_as_meant(indicator: Indicator, expected: str) -> None:
    assert target_text(indicator) == expected


def test_the_sample_cards_say_minimum_maximum_and_exact(sample_out: Path) -> None:
    dump = dump_docx(sample_out / "prestatieafspraken-2027.docx")
    assert "**Streefwaarde 2027**⇥ten hoogste 1 huisuitzetting ⟨" in dump
    assert "**Streefwaarde 2027**⇥ten minste 40 woningen ⟨" in dump
    assert "**Streefwaarde 2027**⇥precies 3 fte ⟨" in dump
    assert "**Streefwaarde 2027**⇥vastgesteld vóór 1 december 2027 ⟨" in dump
    assert "huisuitzettingen ⟨" not in dump.split("[Heading 1] 6.")[0]
    assert "**Indicator**⇥– " not in dump and "**Streefwaarde 2027**⇥– " not in dump


def test_a_card_without_indicator_has_no_indicator_rows(sample_out: Path) -> None:
    dump = dump_docx(sample_out / "prestatieafspraken-2027.docx")
    card = dump.split("[Afspraakkop] BETAAL-04 ")[1].split("[Afspraakkop]")[0]
    assert "**Soort**" in card and "**Draagt bij aan**" in card
    assert "**Indicator**" not in card and "**Streefwaarde" not in card


def test_every_card_is_one_box_of_label_lines_on_one_page(sample_out: Path) -> None:
    """A card is label/value paragraphs (no table without a header row): bold label, tab, value, all boxed."""
    document = docx.Document(str(sample_out / "prestatieafspraken-2027.docx"))
    assert not [t for t in document.tables if t.rows[0].cells[0].text == "Soort"]
    paragraphs = document.paragraphs
    starts = [i for i, p in enumerate(paragraphs) if p.text.startswith("Soort\t")]
    assert len(starts) == 51
    for start in starts:
        end = next(i for i in range(start, len(paragraphs)) if paragraphs[i].text.startswith("Draagt bij aan\t"))
        card = paragraphs[start : end + 1]
        assert all(p.runs[0].bold and p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None for p in card)
        assert [p.paragraph_format.keep_with_next for p in card] == [True] * (len(card) - 1) + [False]
        assert all(p.paragraph_format.keep_together for p in card)


@pytest.fixture(scope="module")
def compact_out(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample with instellingen.afspraken_weergave compact and laag quotes, and 2027 without kerncijfers."""
    root = tmp_path_factory.mktemp("compact")
    dossier = root / "voorbeeldstad"
    shutil.copytree(SAMPLE, dossier)
    settings = dossier / "dossier.yaml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("instellingen:\n", "instellingen:\n  afspraken_weergave: compact\n  aanhalingstekens: laag\n")
    settings.write_text(text, encoding="utf-8")
    agreements = dossier / "2027" / "prestatieafspraken.yaml"
    text = agreements.read_text(encoding="utf-8")
    text = re.sub(r"\nkerncijfers:\n(?:  .*\n|\n)*?(?=begrippen:)", "\n", text)
    agreements.write_text(text, encoding="utf-8")
    result = run_build(dossier, root / "out", "--year", "2027", "--only", "prestatieafspraken")
    assert result.exit_code == 0, result.output
    return dump_docx(root / "out" / "prestatieafspraken-2027.docx")


def test_compact_gives_one_row_per_agreement_and_keeps_the_texts(compact_out: str) -> None:
    assert "  |h| Code | Afspraak | Trekker | Termijn | Streefwaarde 2027 |" in compact_out
    row = "  | LEEF-02 | Huisuitzettingen voorkomen door vroegsignalering | Gemeente Voorbeeldstad | 2027 |"
    assert row + " ten hoogste 1 huisuitzetting |" in compact_out
    assert "[Afspraakkop] LEEF-02 Huisuitzettingen voorkomen door vroegsignalering" in compact_out
    assert "het team neemt binnen vijf werkdagen contact op" in compact_out
    assert "| **Soort** |" not in compact_out


def test_annexes_are_numbered_from_what_is_there(compact_out: str, sample_out: Path) -> None:
    assert "[Heading 1] Bijlage 2. Bijdrage aan landelijke en regionale kaders" in compact_out
    assert "[Heading 1] Bijlage 3. Begrippen en afkortingen" in compact_out
    assert "Kerncijfers" not in compact_out
    full = dump_docx(sample_out / "prestatieafspraken-2027.docx")
    assert "[Heading 1] Bijlage 3. Kerncijfers" in full
    assert "[Heading 1] Bijlage 4. Begrippen en afkortingen" in full


def test_annex_1_lists_per_theme_and_goal_the_activities_per_corporation(sample_out: Path) -> None:
    dump = dump_docx(sample_out / "prestatieafspraken-2027.docx")
    annex = dump.split("Bijlage 1. Van woonvisie naar concrete afspraken")[-1].split("Bijlage 2.")[0]
    assert "[Tussenkop] Beschikbaarheid" in annex
    assert "  |h| Doel uit de woonvisie | Activiteiten (bod) | Afspraken 2027 |" in annex
    assert "**Woonstad:** WS27-BESCH-01, WS27-BESCH-04" in annex
    assert "; " not in annex.split("[Tussenkop] Beschikbaarheid")[1].split("\n")[3]


def test_glossary_entries_are_markdown(sample_out: Path) -> None:
    dump = dump_docx(sample_out / "prestatieafspraken-2027.docx")
    glossary = dump.split("Bijlage 3. Begrippen en afkortingen")[-1]
    assert "| HBV | Huurdersbelangenvereniging: de huurdersorganisatie van de huurders van een corporatie," in glossary
    assert "| Wmo | Wet maatschappelijke ondersteuning 2015" in glossary
    assert "\n" not in glossary.split("| aftoppingsgrens |")[1].split("|")[0]


@pytest.mark.parametrize(("setting", "expected"), [("laag", "„Woonstad”"), ("hoog", "“Woonstad”")])
def test_quotes_follow_the_dossier_setting(setting: str, expected: str) -> None:
    template = make_env().from_string("hierna te noemen: {{ naam|aanhalen }}")
    assert template.render(naam="Woonstad", aanhalingstekens=setting) == f"hierna te noemen: {expected}"


def test_quotes_are_high_without_a_setting() -> None:
    assert make_env().from_string("{{ 'x'|aanhalen }}").render() == "“x”"


def test_the_standard_monitoring_text_uses_the_dossiers_own_deadlines(tmp_path: Path) -> None:
    from tests.casefolders import BASE

    dossier = tmp_path / "d"
    shutil.copytree(BASE, dossier)
    settings = dossier / "dossier.yaml"
    deadlines = '\n  termijnen:\n    verantwoording: "04-30"\n    evaluatie: "09-30"\n'
    settings.write_text(settings.read_text(encoding="utf-8") + "instellingen:" + deadlines, encoding="utf-8")
    assert run_build(dossier, tmp_path / "out", "--only", "prestatieafspraken", "--year", "2027").exit_code == 0
    dump = dump_docx(tmp_path / "out" / "prestatieafspraken-2027.docx").replace("\u00a0", " ")
    assert "uiterlijk 30 april 2028 verantwoording af over 2027; uiterlijk 30 september 2028 evalueren" in dump
    assert "mei" not in dump.split("Monitoring en evaluatie")[-1].split("[Heading 1]")[0]


def test_theme_descriptions_and_the_roles_of_parties_that_do_not_sign_are_shown(sample_out: Path) -> None:
    dump = dump_docx(sample_out / "prestatieafspraken-2027.docx")
    parties = dump.split("[Heading 1] 2. Partijen en hun rol")[1].split("[Heading 1] 3.")[0]
    assert "zonder deze afspraken te ondertekenen:\n[Tussenkop] Zorggroep De Linde (zorgpartij)" in parties
    assert "Aanbieder van wijkverpleging" in parties
    theme = dump.split("[Heading 2] 4.4 Wonen met zorg")[1].split("[Heading 2]")[0]
    assert theme.startswith("\n[Body Text] Ouderen en mensen met een zorgvraag wonen zo lang mogelijk zelfstandig")
