"""`geschil export`: the stukken of a dispute as one set, and the refusals when there is no dispute."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

from click.testing import CliRunner, Result

from afsprakengen.cli import cli
from tests.casefolders import CASES
from tests.docdump import dump_docx
from tests.sampledossier import SAMPLE

SET_2027 = [
    "activiteitenoverzicht-wonen-en-welzijn-2027.docx",
    "activiteitenoverzicht-woonstad-2027.docx",
    "overzicht.txt",
    "prestatieafspraken-2027.docx",
    "standpunten-2027.docx",
    "woonvisie-uittreksel-2027.docx",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def export(dossier: Path, out: Path, *extra: str, year: str = "2027") -> Result:
    return run("geschil", "export", str(dossier), "--year", year, "--out", str(out), "--today", "2026-11-27", *extra)


def base_with_overleg(tmp_path: Path) -> Path:
    root = tmp_path / "d"
    shutil.copytree(CASES / "base", root)
    shutil.copy(CASES / "valid" / "overleg-with-geschilpunten" / "2027" / "overleg.yaml", root / "2027")
    return root


def test_the_sample_exports_every_stuk_with_the_dates_and_positions(tmp_path: Path) -> None:
    sample = tmp_path / "voorbeeldstad"  # a copy outside Git: no previous round to find
    shutil.copytree(SAMPLE, sample)
    result = export(sample, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == SET_2027
    assert "6 files written." in result.output
    index = (tmp_path / "out" / "overzicht.txt").read_text(encoding="utf-8")
    assert "    overleg begonnen:           8 juli 2026\n" in index
    assert "    zes maanden verstreken:     8 januari 2027\n" in index
    assert "    geschil indienen uiterlijk: 5 februari 2027\n" in index
    assert "het bod van Woonstad Voorbeeldstad, ontvangen op 24 juni 2026" in index
    assert "het laatste concept van de prestatieafspraken (versie 0.3 van 20 november 2026)" in index
    text = dump_docx(tmp_path / "out" / "standpunten-2027.docx")
    assert "Geschilpunt 1: BESCH-01 Nieuwbouw sociale huurwoningen" in text
    assert "Standpunt van Woonstad Voorbeeldstad" in text
    assert "Standpunt van Huurdersvereniging" in text
    assert "Woonstad daarom **140** sociale huurwoningen" in text  # bold marked in the dump
    assert "| Woonstad Voorbeeldstad | 24 juni 2026 | 8 juli 2026 | 8 januari 2027 | 5 februari 2027 |" in text
    assert "Het dossier legt voor deze corporatie geen geschilpunten vast." in text  # Wonen & Welzijn
    assert "| prestatieafspraken-2027.docx |" in text


def test_the_request_file_goes_into_the_set(tmp_path: Path) -> None:
    dossier = base_with_overleg(tmp_path)
    (dossier / "stukken").mkdir()
    (dossier / "stukken" / "verzoek.PDF").write_bytes(b"%PDF-1.4 verzoek")
    path = dossier / "2027" / "overleg.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("      door: thuis\n", "      door: thuis\n      bestand: stukken/verzoek.PDF\n"), "utf-8"
    )
    result = export(dossier, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "verzoek-thuis.pdf").read_bytes() == b"%PDF-1.4 verzoek"
    assert "Het verzoek zelf is bijgevoegd als verzoek-thuis.pdf." in dump_docx(
        tmp_path / "out" / "standpunten-2027.docx"
    )


def test_vorige_adds_the_draft_with_tracked_changes(tmp_path: Path) -> None:
    dossier = base_with_overleg(tmp_path)
    old = tmp_path / "vorige"
    shutil.copytree(dossier, old)
    pa = old / "2027" / "prestatieafspraken.yaml"
    pa.write_text(pa.read_text(encoding="utf-8").replace("levert **25**", "levert **20**"), encoding="utf-8")
    result = export(dossier, tmp_path / "out", "--vorige", str(old / "2027"))
    assert result.exit_code == 0, result.output
    redline = tmp_path / "out" / "prestatieafspraken-2027-wijzigingen.docx"
    body = zipfile.ZipFile(redline).read("word/document.xml").decode("utf-8")
    assert "<w:del " in body and "<w:ins " in body
    index = (tmp_path / "out" / "overzicht.txt").read_text(encoding="utf-8")
    assert "prestatieafspraken-2027-wijzigingen.docx" in index and "als bijgehouden wijzigingen" in index


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _committed(dossier: Path, message: str) -> None:
    _git(dossier, "add", "-A")
    _git(dossier, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", message)


def test_without_vorige_the_previous_round_comes_from_git(tmp_path: Path) -> None:
    dossier = base_with_overleg(tmp_path)
    _git(dossier, "init", "-q")
    _committed(dossier, "ronde 1")
    assert export(dossier, tmp_path / "out-first").exit_code == 0  # one round only: nothing to compare with
    assert not (tmp_path / "out-first" / "prestatieafspraken-2027-wijzigingen.docx").exists()
    pa = dossier / "2027" / "prestatieafspraken.yaml"
    pa.write_text(pa.read_text(encoding="utf-8").replace("levert **25**", "levert **20**"), encoding="utf-8")
    for committed in (False, True):  # the new draft still on disk only, then committed as round 2
        if committed:
            _committed(dossier, "ronde 2")
        out = tmp_path / f"out-{committed}"
        result = export(dossier, out)
        assert result.exit_code == 0, result.output
        body = zipfile.ZipFile(out / "prestatieafspraken-2027-wijzigingen.docx").read("word/document.xml")
        assert b"<w:del " in body and b"<w:ins " in body


def test_a_bad_vorige_is_a_located_error_and_nothing_is_written(tmp_path: Path) -> None:
    dossier = base_with_overleg(tmp_path)
    result = export(dossier, tmp_path / "out", "--vorige", str(tmp_path / "nergens"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'nergens'}:1:1: error: no such file or folder" in result.output
    assert not (tmp_path / "out").exists()


def test_no_overleg_yaml_is_refused_in_plain_words(tmp_path: Path) -> None:
    result = export(CASES / "base", tmp_path / "out")
    assert result.exit_code == 1
    assert "error: there is no 2027/overleg.yaml, so no overleg about the bods for 2027 is recorded" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_definitief_agreements_are_refused_there_is_no_dispute(tmp_path: Path) -> None:
    dossier = base_with_overleg(tmp_path)
    pa = dossier / "2027" / "prestatieafspraken.yaml"
    signed = "status: definitief\nondertekening:\n  plaats: Teststad\n  datum: 2026-12-10"
    pa.write_text(pa.read_text(encoding="utf-8").replace("status: concept", signed), encoding="utf-8")
    result = export(dossier, tmp_path / "out")
    assert result.exit_code == 1
    assert "error: the prestatieafspraken 2027 are definitief: the parties agreed, so there is no dispute" in (
        result.output
    )
    assert not (tmp_path / "out").exists()


def test_a_dossier_with_errors_writes_nothing(tmp_path: Path) -> None:
    dossier = base_with_overleg(tmp_path)
    path = dossier / "2027" / "overleg.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("door: thuis", "door: thuiss"), encoding="utf-8")
    result = export(dossier, tmp_path / "out")
    assert result.exit_code == 1
    assert "error: $.corporaties[0].verzoek.door: 'thuiss' is not a party in dossier.yaml" in result.output
    assert "Nothing was written." in result.output
    assert not (tmp_path / "out").exists()
