"""`afsprakengen diff`: per change kind the exact text, Git revisions, the wijzigingsoverzicht and the redline."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from afsprakengen.cli import cli
from afsprakengen.documents.wijzigingsoverzicht.context import plain_text
from afsprakengen.rounds.worddiff import word_diff
from afsprakengen.views import value_sides
from tests.casefolders import BASE
from tests.docdump import dump_docx
from tests.goldenfile import GOLDEN, assert_golden
from tests.pdftext import needs_libreoffice, pdf_text
from tests.sampledossier import SAMPLE

AGREEMENTS = "2027/prestatieafspraken.yaml"
HAS_REDLINE = importlib.util.find_spec("afsprakengen.word.redline") is not None

NEW_AGREEMENT = """
  - code: WZ-02
    thema: WZ
    titel: Zorggeschikte woningen
    tekst: Thuis maakt **10** woningen zorggeschikt.
    soort: resultaat
    trekker: thuis
    betrokken: [gemeente-teststad, hv-thuis]
    doelen: [WZ-D1]
    termijn: 2027-06-30
    indicator: {naam: Zorggeschikte woningen, eenheid: woningen, streefwaarde: 10, bron: Jaarverslag Thuis}
    doorkijk: {2028: 10, 2029: 12, 2030: n.t.b.}
"""
DUUR_01 = """  - code: DUUR-01
    thema: DUUR
    titel: Labelsprongen
    tekst: Thuis verbetert woningen met label E, F of G.
    soort: inspanning
    trekker: thuis
    doelen: [DUUR-D1]
    termijn: 2027
"""
RECIPROCITY = """wederkerigheid:
  - partij: gemeente-teststad
    tekst: De gemeente verleent de vergunningen binnen acht weken.
voorbehouden:
  - Onder voorbehoud van de begroting 2027.
"""

Edit = tuple[str, str, str]
"""(file in the dossier, text, replacement)."""

CASES: dict[str, tuple[Edit, ...]] = {
    "unchanged": (),
    "added": ((AGREEMENTS, DUUR_01, DUUR_01 + NEW_AGREEMENT.lstrip("\n")),),
    "removed": ((AGREEMENTS, DUUR_01, ""),),
    "text": (
        (AGREEMENTS, "titel: Nultredenwoningen", "titel: Nultredenwoningen in De Linde"),
        (AGREEMENTS, "Thuis levert **25** nultredenwoningen op.", "Thuis levert in De Linde **30** woningen op."),
    ),
    "soort-termijn": (
        (AGREEMENTS, "soort: inspanning", "soort: proces"),
        (AGREEMENTS, "termijn: 2027\n", "termijn: 2027-Q2\n"),
        (AGREEMENTS, "termijn: 2027-Q4", "termijn: 2027-11-30"),
    ),
    "parties": (
        (AGREEMENTS, "trekker: thuis\n    betrokken", "trekker: gemeente-teststad\n    betrokken"),
        (AGREEMENTS, "betrokken: [gemeente-teststad]", "betrokken: [thuis, hv-thuis]"),
        (AGREEMENTS, "trekker: thuis\n    doelen: [DUUR-D1]", "doelen: [DUUR-D1]"),
    ),
    "references": (
        (AGREEMENTS, "doelen: [DUUR-D1]", "doelen: [DUUR-D1, WZ-D1]\n    activiteiten: [TH27-DUUR-01]"),
        (AGREEMENTS, "    activiteiten: [TH27-WZ-01]\n", ""),
    ),
    "indicator": (
        (AGREEMENTS, "naam: Opgeleverde nultredenwoningen", "naam: Opgeleverde en gelabelde nultredenwoningen"),
        (AGREEMENTS, "eenheid: woningen\n      streefwaarde: 25", "eenheid: wooneenheden\n      streefwaarde: 30"),
        (AGREEMENTS, "    doorkijk:", "      bron: Jaarverslag Thuis\n    doorkijk:"),
    ),
    "doorkijk": ((AGREEMENTS, "{2028: 25, 2029: 30, 2030: 30}", "{2028: 25, 2029: 35, 2030: n.t.b.}"),),
    "moved": ((AGREEMENTS, "thema: DUUR", "thema: WZ"),),
    "theme-renamed": (("dossier.yaml", "naam: Wonen met zorg", "naam: Wonen, zorg en welzijn"),),
    "document": (
        (AGREEMENTS, 'versie: "0.2"', 'versie: "0.3"'),
        (AGREEMENTS, "datum: 2026-11-20", "datum: 2026-12-01"),
        (AGREEMENTS, "inleiding: De afspraken voor 2027.", "inleiding: De afspraken voor 2027, na de tweede ronde."),
        (AGREEMENTS, DUUR_01, DUUR_01 + RECIPROCITY),
    ),
}


def edited(source: Path, target: Path, edits: tuple[Edit, ...]) -> Path:
    """A copy of a dossier with texts replaced; every text must be there (so a case cannot silently do nothing)."""
    shutil.copytree(source, target)
    for name, old, new in edits:
        path = target / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def run_diff(*args: str) -> Result:
    return CliRunner().invoke(cli, ["diff", *args], catch_exceptions=False)


# --- word diff ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "marked"),
    [
        ("twee woorden", "drie nieuwe woorden", "[-twee-]{+drie nieuwe+} woorden"),
        ("levert **25** woningen op.", "levert **30** woningen op.", "levert **[-25-]{+30+}** woningen op."),
        ("a b", "a x y b", "a {+x y +}b"),
        ("Voor 2027.", "Voor 2027, na overleg.", "Voor 2027{+, na overleg+}."),
        ("", "nieuw", "{+nieuw+}"),
        ("weg", "", "[-weg-]"),
    ],
)
def test_word_diff_marks_words_like_git(old: str, new: str, marked: str) -> None:
    segments = word_diff(old, new)
    markers = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}
    assert "".join(markers[s.op][0] + s.text + markers[s.op][1] for s in segments) == marked
    assert "".join(s.text for s in segments if s.op != "insert") == old
    assert "".join(s.text for s in segments if s.op != "delete") == new


def test_plain_text_drops_markup_but_keeps_lists_and_paragraphs() -> None:
    text = "Thuis levert **25** woningen op:\n\n- fase 1;\n- fase *2*.\n\nZie [de site](https://example.org)."
    assert plain_text(text) == "Thuis levert 25 woningen op:\n\n– fase 1;\n\n– fase 2.\n\nZie de site."


# --- one case per kind of change ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(CASES))
def test_diff_case_matches_its_golden_text(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool
) -> None:
    edited(BASE, tmp_path / "ronde1", ())
    edited(BASE, tmp_path / "ronde2", CASES[case])
    monkeypatch.chdir(tmp_path)
    result = run_diff("ronde1/2027", "ronde2/2027/prestatieafspraken.yaml")
    assert result.exit_code == 0, result.output
    assert_golden(GOLDEN / f"diff-{case}.txt", result.stdout, update_golden)


def test_exit_code_flag_tells_whether_there_are_differences(tmp_path: Path) -> None:
    old = edited(BASE, tmp_path / "ronde1", ())
    new = edited(BASE, tmp_path / "ronde2", CASES["moved"])
    assert run_diff(str(old / "2027"), str(old / "2027"), "--exit-code").exit_code == 0
    assert run_diff(str(old / "2027"), str(new / "2027"), "--exit-code").exit_code == 1
    assert run_diff(str(old / "2027"), str(new / "2027")).exit_code == 0


LONG_NAME = (
    (
        "dossier.yaml",
        "naam: Woonstichting Thuis",
        "naam: Woonstichting Thuis voor Wonen, Zorg en Welzijn in Teststad en omstreken",
    ),
)


def test_a_long_value_shows_the_part_that_differs_on_both_sides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renamed = ("dossier.yaml", "naam: Huurdersvereniging Thuis", "naam: Huurdersvereniging Thuis Teststad")
    edited(BASE, tmp_path / "ronde1", LONG_NAME)
    edited(BASE, tmp_path / "ronde2", (*LONG_NAME, renamed))
    monkeypatch.chdir(tmp_path)
    result = run_diff("ronde1/2027", "ronde2/2027")
    assert result.exit_code == 0, result.output
    parties = next(line for line in result.stdout.splitlines() if line.startswith("  partijen: "))
    assert parties == (
        "  partijen: …omstreken en Huurdersvereniging Thuis -> …omstreken en Huurdersvereniging Thuis Teststad"
    )


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("kort", "ander", ("kort", "ander")),
        (None, "nieuw " * 30, ("(none)", ("nieuw " * 30).strip())),
        (
            "A " * 60 + "oud " + "Z " * 60,
            "A " * 60 + "nieuw " + "Z " * 60,
            ("…" + "A " * 15 + "oud" + " Z" * 15 + "…", "…" + "A " * 15 + "nieuw" + " Z" * 15 + "…"),
        ),
        ("begin " + "x" * 120, "anders " + "x" * 120, ("begin " + "x" * 120, "anders " + "x" * 120)),
    ],
)
def test_value_sides_keep_every_difference(old: str | None, new: str, shown: tuple[str, str]) -> None:
    assert value_sides(old, new) == shown


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("nergens/2027", "nergens/2027:1:1: error: no such file or folder"),
        ("d", "d:1:1: error: this folder holds no prestatieafspraken.yaml (it has the year folders 2025, 2026, 2027;"),
        ("d/2026", "d/2026:1:1: error: this folder holds no prestatieafspraken.yaml\n"),
        ("d/dossier.yaml", "d/dossier.yaml:1:1: error: not a prestatieafspraken.yaml file"),
    ],
)
def test_an_argument_that_is_no_version_is_a_located_error(
    argument: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited(BASE, tmp_path / "d", ())
    monkeypatch.chdir(tmp_path)
    result = run_diff(argument, "d/2027")
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_version_with_errors_is_refused_with_every_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edited(BASE, tmp_path / "d", ())
    edited(BASE, tmp_path / "kapot", ((AGREEMENTS, "trekker: thuis\n    doelen", "trekker: thuiz\n    doelen"),))
    monkeypatch.chdir(tmp_path)
    result = run_diff("d/2027", "kapot/2027")
    assert result.exit_code == 1
    assert "kapot/2027/prestatieafspraken.yaml:29:14: error: $.afspraken[1].trekker: 'thuiz'" in result.output
    assert "NEW cannot be compared: 1 error." in result.output
    assert result.stdout == ""


def test_one_file_for_both_documents_is_a_usage_error(tmp_path: Path) -> None:
    old = edited(BASE, tmp_path / "d", ())
    target = str(tmp_path / "x.docx")
    result = run_diff(str(old / "2027"), str(old / "2027"), "--docx", target, "--redline", target)
    assert result.exit_code == 2
    assert "--docx and --redline must be different files" in result.output


def test_help_explains_the_arguments() -> None:
    result = CliRunner().invoke(cli, ["diff", "--help"])
    assert result.exit_code == 0
    for text in ("REV:PATH", "--docx", "--redline", "--author", "--exit-code", "word diff"):
        assert text in result.output


# --- Git revisions ------------------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True)
    return done.stdout


def two_rounds(repo: Path, source: Path, name: str, edits: tuple[Edit, ...], tags: tuple[str, str]) -> Path:
    """A Git repository with the dossier at `name`: as `source` tagged tags[0], then edited and tagged tags[1]."""
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copytree(source, repo / name)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "ronde 1")
    git(repo, "tag", tags[0])
    for file, old, new in edits:
        path = repo / name / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "ronde 2")
    git(repo, "tag", tags[1])
    return repo


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def base_repo(tmp_path: Path) -> Path:
    edits = (*CASES["text"], *CASES["document"], *CASES["moved"])
    return two_rounds(tmp_path / "repo", BASE, "teststad", edits, ("v1", "v2"))


@needs_git
def test_git_revisions_from_inside_the_repository(base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (base_repo / "teststad" / AGREEMENTS).write_text("kapot: [", encoding="utf-8")  # the work tree is not read
    monkeypatch.chdir(base_repo / "teststad")
    result = run_diff("v1:2027", "HEAD:2027/prestatieafspraken.yaml")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Prestatieafspraken 2027, Teststad: v1 (versie 0.2, concept, 20 november 2026) -> "
        "HEAD (versie 0.3, concept, 1 december 2026)"
    )
    assert "  > DUUR-01 Labelsprongen (moved from DUUR Kwaliteit en duurzaamheid)" in lines
    assert lines[-1] == "0 added, 0 removed, 1 changed, 1 moved, 0 unchanged."


@needs_git
def test_git_revision_and_work_tree_folder_compare(base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(base_repo)
    assert run_diff("v2:teststad/2027", "teststad/2027", "--exit-code").exit_code == 0
    assert run_diff("v1:teststad/2027", "teststad/2027", "--exit-code").exit_code == 1


@needs_git
@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("v9:2027", "v9:2027:1:1: error: 'v9' is not a revision (commit, tag or branch) of the repository at "),
        ("v1:2031", "v1:2031:1:1: error: teststad/2031 does not exist in commit "),
        ("v1:2026", "v1:2026:1:1: error: this folder holds no prestatieafspraken.yaml"),
        ("v1:.", "v1:.:1:1: error: this folder holds no prestatieafspraken.yaml (it has the year folders 2025, 2026,"),
        ("v1:", "v1::1:1: error: write a Git revision as REV:PATH, e.g. v2027-ronde2:2027"),
    ],
)
def test_git_failures_are_located_errors(
    base_repo: Path, monkeypatch: pytest.MonkeyPatch, argument: str, message: str
) -> None:
    monkeypatch.chdir(base_repo / "teststad")
    result = run_diff(argument, "v2:2027")
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


@needs_git
@pytest.mark.parametrize("target", ["/etc/passwd", "../../../geheim"])
def test_a_committed_link_out_of_the_dossier_is_a_located_error(
    base_repo: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    (base_repo / "teststad" / "2027" / "notities.yaml").symlink_to(target)
    git(base_repo, "add", "-A")
    git(base_repo, "commit", "-q", "-m", "link")
    monkeypatch.chdir(base_repo / "teststad")
    result = run_diff("HEAD:2027", "v2:2027")
    assert result.exit_code == 1
    assert "HEAD:2027:1:1: error: 2027/notities.yaml in teststad at commit " in result.output, result.output
    assert "is a link or special file that reaches outside the dossier" in result.output
    assert target not in result.output and "internal error" not in result.output


@needs_git
def test_a_revision_outside_git_is_a_located_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edited(BASE, tmp_path / "d", ())
    monkeypatch.chdir(tmp_path / "d")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = run_diff("v1:2027", "2027")
    assert result.exit_code == 1
    assert f"v1:2027:1:1: error: {tmp_path / 'd' / '2027'} is not inside a Git work tree" in result.output


@needs_git
def test_a_revision_with_errors_names_the_file_at_that_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = ((AGREEMENTS, "trekker: thuis\n    doelen", "trekker: thuiz\n    doelen"),)
    repo = two_rounds(tmp_path / "repo", BASE, "teststad", broken, ("v1", "v2"))
    monkeypatch.chdir(repo)
    result = run_diff("v1:teststad/2027", "v2:teststad/2027")
    assert result.exit_code == 1
    assert "v2:teststad/2027/prestatieafspraken.yaml:29:14: error: $.afspraken[1].trekker: 'thuiz'" in result.output


# --- the sample's 2027 agreements in two rounds: text, wijzigingsoverzicht and redline ------------------------------

SAMPLE_AGREEMENTS = "2027/prestatieafspraken.yaml"
ROUND_TWO: tuple[Edit, ...] = (
    (SAMPLE_AGREEMENTS, 'versie: "0.3"', 'versie: "0.4"'),
    (SAMPLE_AGREEMENTS, "datum: 2026-11-20", "datum: 2026-12-03"),
    (
        SAMPLE_AGREEMENTS,
        "de derde\n  onderhandelingsronde van 12 november 2026",
        "de vierde\n  onderhandelingsronde van 1 december 2026",
    ),
    (
        SAMPLE_AGREEMENTS,
        "  In deze versie staan nog twee punten open:\n\n"
        "  - de hoogte van de huurverhoging per 1 juli 2027 (BETAAL-01), omdat het huurbeleid van het Rijk voor\n"
        "    2027 nog niet bekend is;\n"
        "  - de verkoop",
        "  In deze versie staat nog één punt open:\n\n  - de verkoop",
    ),
    (
        SAMPLE_AGREEMENTS,
        "      *Open punt:* het exacte percentage volgt zodra het Rijk de maximale huurverhoging voor 2027 bekend\n"
        "      heeft gemaakt.\n",
        "      De huurverhoging per 1 juli 2027 is gemiddeld **ten hoogste 4,1 procent**.\n",
    ),
    (SAMPLE_AGREEMENTS, "      streefwaarde: ten hoogste 10\n", "      streefwaarde: ten hoogste 8\n"),
    (SAMPLE_AGREEMENTS, "      2028: ten hoogste 10\n", "      2028: ten hoogste 8\n"),
    (
        SAMPLE_AGREEMENTS,
        "    termijn: 2027-Q3\n    indicator:\n      naam: Sociale huurwoningen op",
        "    termijn: 2027-Q4\n    indicator:\n      naam: Sociale huurwoningen op",
    ),
    (
        SAMPLE_AGREEMENTS,
        "    trekker: woonstad\n    betrokken: [wonen-en-welzijn, gemeente-voorbeeldstad]\n    doelen: [BETAAL-D1]",
        "    trekker: wonen-en-welzijn\n    betrokken: [woonstad, gemeente-voorbeeldstad]\n    doelen: [BETAAL-D1]",
    ),
    (SAMPLE_AGREEMENTS, "  - code: BETAAL-04\n    thema: BETAAL", "  - code: BETAAL-04\n    thema: DUUR"),
    (
        SAMPLE_AGREEMENTS,
        "\n  # ---------------------------------------------------------------- Aandachtsgroepen",
        """
  - code: WZ-18
    thema: WZ
    titel: Ontmoetingsruimte in elke seniorenflat
    tekst: |
      Woonstad en Wonen & Welzijn richten in 2027 in **vier seniorenflats** een ontmoetingsruimte in. Het
      welzijnswerk organiseert er wekelijks activiteiten; de gemeente betaalt de inrichting.
    soort: resultaat
    trekker: wonen-en-welzijn
    betrokken: [woonstad, gemeente-voorbeeldstad, zorggroep-de-linde]
    doelen: [WZ-D1]
    termijn: 2027-Q3
    indicator:
      naam: Seniorenflats met een ontmoetingsruimte
      eenheid: complexen
      streefwaarde: 4
      bron: Jaarverslagen van de corporaties
    doorkijk:
      2028: 6
      2029: 8
      2030: 8

  # ---------------------------------------------------------------- Aandachtsgroepen""",
    ),
    (
        SAMPLE_AGREEMENTS,
        "  - code: LEEF-05\n    thema: LEEF\n    titel: Groen en ontmoeten in Oosterveld\n",
        "  - code: LEEF-05\n    thema: LEEF\n    titel: Groen en ontmoeten in Oosterveld en Zuid\n",
    ),
    (
        SAMPLE_AGREEMENTS,
        "      2028: 2\n      2029: 2\n      2030: 2\n",
        "      2028: 3\n      2029: 2\n      2030: 2\n",
    ),
    ("dossier.yaml", "naam: Huurdersparticipatie en samenwerking", "naam: Samenwerking en huurdersparticipatie"),
)
"""The fourth negotiation round: the open point on the rent increase settled, targets and trekkers adjusted."""


@pytest.fixture(scope="module")
def sample_rounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    work = tmp_path_factory.mktemp("sample-diff")
    repo = two_rounds(work / "repo", SAMPLE, "voorbeeldstad", ROUND_TWO, ("v2027-ronde1", "v2027-ronde2"))
    result = run_diff(
        f"v2027-ronde1:{repo}/voorbeeldstad/2027",
        f"v2027-ronde2:{repo}/voorbeeldstad/2027",
        "--docx",
        str(work / "wijzigingsoverzicht.docx"),
        "--redline",
        str(work / "prestatieafspraken-2027-redline.docx"),
    )
    return work, result


def test_sample_rounds_diff_text(sample_rounds: tuple[Path, Result], update_golden: bool) -> None:
    _, result = sample_rounds
    assert result.exit_code == 0, result.output
    assert_golden(GOLDEN / "diff-sample-rounds.txt", result.stdout, update_golden)


def test_wijzigingsoverzicht_matches_its_golden_dump(sample_rounds: tuple[Path, Result], update_golden: bool) -> None:
    work, result = sample_rounds
    assert f"wrote {work / 'wijzigingsoverzicht.docx'}" in result.output
    assert_golden(GOLDEN / "wijzigingsoverzicht.txt", dump_docx(work / "wijzigingsoverzicht.docx"), update_golden)


def test_wijzigingsoverzicht_marks_words_in_colour(sample_rounds: tuple[Path, Result]) -> None:
    work, _ = sample_rounds
    with zipfile.ZipFile(work / "wijzigingsoverzicht.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
    deleted = '<w:rPr><w:strike/><w:color w:val="C00000"/></w:rPr><w:t xml:space="preserve">ten hoogste 10</w:t>'
    inserted = (
        '<w:rPr><w:b/><w:color w:val="007030"/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">ten hoogste 8<'
    )
    assert deleted in body and inserted in body


def test_wijzigingsoverzicht_is_deterministic(sample_rounds: tuple[Path, Result], tmp_path: Path) -> None:
    work, _ = sample_rounds
    repo = work / "repo"
    again = tmp_path / "again.docx"
    args = (f"v2027-ronde1:{repo}/voorbeeldstad/2027", f"v2027-ronde2:{repo}/voorbeeldstad/2027")
    assert run_diff(*args, "--docx", str(again)).exit_code == 0
    assert again.read_bytes() == (work / "wijzigingsoverzicht.docx").read_bytes()


@pytest.mark.skipif(not HAS_REDLINE, reason="afsprakengen.word.redline is not there yet")
def test_redline_has_tracked_changes_by_the_round(sample_rounds: tuple[Path, Result]) -> None:
    work, result = sample_rounds
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(work / "prestatieafspraken-2027-redline.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert '<w:ins w:id="' in body and '<w:del w:id="' in body
    assert 'w:author="Ronde 0.4" w:date="2026-12-03T00:00:00Z"' in body


@pytest.mark.skipif(not HAS_REDLINE, reason="afsprakengen.word.redline is not there yet")
def test_redline_author_option(base_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(base_repo / "teststad")
    target = tmp_path / "redline.docx"
    result = run_diff("v1:2027", "v2:2027", "--redline", str(target), "--author", "Tripartiet overleg")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as z:
        assert 'w:author="Tripartiet overleg"' in z.read("word/document.xml").decode("utf-8")


def test_an_unwritable_document_is_a_located_error(tmp_path: Path) -> None:
    old = edited(BASE, tmp_path / "d", ())
    target = tmp_path / "nergens" / "overzicht.docx"
    result = run_diff(str(old / "2027"), str(old / "2027"), "--docx", str(target))
    assert result.exit_code == 1
    assert f"{target}:1:1: error: cannot write it: the folder {target.parent} does not exist" in result.output


@needs_libreoffice
def test_libreoffice_reads_the_wijzigingsoverzicht(sample_rounds: tuple[Path, Result], tmp_path: Path) -> None:
    work, _ = sample_rounds
    text = pdf_text(work / "wijzigingsoverzicht.docx", tmp_path)
    for expected in (
        "Wijzigingsoverzicht prestatieafspraken 2027",
        "WZ-18",
        "BETAAL-04",
        "Samenwerking en huurdersparticipatie",
    ):
        assert expected in text


@needs_git
@pytest.mark.parametrize("rev", ["--output=/tmp/x", "-h", "-"])
def test_a_revision_that_starts_with_a_dash_is_refused(
    rev: str, base_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(base_repo / "teststad")
    result = run_diff("--", f"{rev}:2027", "v1:2027")
    assert result.exit_code == 1
    assert f"{rev}:2027:1:1: error: '{rev}' is not a revision: a revision cannot start with '-'" in result.output
