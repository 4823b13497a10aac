"""`status` and `calendar`: what is due and late per cycle, the month-by-month calendar, and the .ics file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from icalendar import Calendar
from jsonschema import Draft202012Validator

from afsprakengen.cli import cli
from afsprakengen.cycle.ics import calendar_ics, calendar_stamp
from afsprakengen.cycle.milestones import YearCalendar
from afsprakengen.model import Overleg
from afsprakengen.resources import schema_path
from tests.casefolders import BASE
from tests.docdump import dump_document, dump_docx
from tests.goldenfile import GOLDEN, assert_golden
from tests.sampledossier import SAMPLE


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def base_with(tmp_path: Path, delete: tuple[str, ...] = (), edits: dict[str, tuple[str, str]] | None = None) -> Path:
    """The base dossier with files deleted and text replaced: {file: (old, new)}."""
    root = tmp_path / "d"
    shutil.copytree(BASE, root)
    _add_signed_2026_agreements(root)
    for name in delete:
        (root / name).unlink()
    for name, (old, new) in (edits or {}).items():
        text = (root / name).read_text(encoding="utf-8")
        assert old in text
        (root / name).write_text(text.replace(old, new), encoding="utf-8")
    return root


def _add_signed_2026_agreements(root: Path) -> None:
    """The base dossier has no agreements for 2026; the running year needs them, signed, to be on time."""
    text = (root / "2027" / "prestatieafspraken.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("jaar: 2027", "jaar: 2026"),
        ("status: concept", "status: definitief"),
        ("datum: 2026-11-20", "datum: 2025-12-11\nondertekening:\n  plaats: Teststad\n  datum: 2025-12-11"),
        ("TH27-WZ-01", "TH26-WZ-01"),
        ("{2028: 25, 2029: 30, 2030: 30}", "{2027: 25, 2028: 25, 2029: 30}"),
    ):
        text = text.replace(old, new)
    (root / "2026" / "prestatieafspraken.yaml").write_text(text, encoding="utf-8")


NO_ACTIVITY_REFERENCE = {"2027/prestatieafspraken.yaml": ("    activiteiten: [TH27-WZ-01]\n", "")}


def late_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip().startswith("✗")]


def test_sample_status_on_2026_11_27_matches_golden(update_golden: bool) -> None:
    result = run("status", str(SAMPLE), "--today", "2026-11-27")
    assert_golden(GOLDEN / "status-voorbeeldstad-2026-11-27.txt", result.output, update_golden)
    assert result.exit_code == 0


def test_missing_bod_after_its_deadline_is_late(tmp_path: Path) -> None:
    dossier = base_with(tmp_path, delete=("2027/bod-thuis.yaml",), edits=NO_ACTIVITY_REFERENCE)
    before = run("status", str(dossier), "--today", "2026-06-30")
    assert "open      bod 2027 of Woonstichting Thuis is due; due 2026-07-01, 1 days left" in before.output
    after = run("status", str(dossier), "--today", "2026-07-02", "--fail-late")
    assert late_lines(after.output) == [
        "✗ late      bod 2027 of Woonstichting Thuis is missing; was due 2026-07-01, 1 days ago"
    ]
    assert after.exit_code == 1


@pytest.mark.parametrize(
    ("old", "new", "state"),
    [
        ("status: definitief\ningediend: 2026-06-25\n", "status: concept\n", "is still concept"),
        ("ingediend: 2026-06-25\n", "", "is definitief but has no submission date (ingediend)"),
    ],
)
def test_a_bod_not_submitted_after_its_deadline_is_late_not_done(
    tmp_path: Path, old: str, new: str, state: str
) -> None:
    dossier = base_with(tmp_path, edits={"2027/bod-thuis.yaml": (old, new)})
    before = run("status", str(dossier), "--today", "2026-06-30")
    assert f"open      bod 2027 of Woonstichting Thuis {state}; due 2026-07-01, 1 days left" in before.output
    after = run("status", str(dossier), "--today", "2026-12-14", "--fail-late")
    assert "✓ done      bod 2027" not in after.output
    assert late_lines(after.output) == [
        f"✗ late      bod 2027 of Woonstichting Thuis {state}; was due 2026-07-01, 166 days ago"
    ]
    assert after.exit_code == 1


def test_nothing_before_the_year_the_dossier_is_kept_from_is_late(tmp_path: Path) -> None:
    dossier = tmp_path / "d"
    shutil.copytree(BASE, dossier)
    for name in ("2025/evaluatie.yaml", "2025/prestatieafspraken.yaml", "2026/bod-thuis.yaml"):
        (dossier / name).unlink()
    assert len(late_lines(run("status", str(dossier), "--today", "2026-11-27").output)) == 4
    text = (dossier / "dossier.yaml").read_text(encoding="utf-8")
    (dossier / "dossier.yaml").write_text(text.replace("themas:\n", "instellingen:\n  sinds: 2026\nthemas:\n"))
    kept = run("status", str(dossier), "--today", "2026-11-27", "--fail-late")
    assert late_lines(kept.output) == [] and kept.exit_code == 0
    missing = run("status", str(dossier), "--today", "2026-12-16", "--fail-late")
    assert late_lines(missing.output) == [
        "✗ late      prestatieafspraken 2027 are still concept (versie 0.2); was due 2026-12-15, 1 days ago"
    ]


def test_the_dossiers_own_deadline_settings_count(tmp_path: Path) -> None:
    settings = 'instellingen:\n  termijnen:\n    bod: "06-01"\nthemas:\n'
    edits = {"dossier.yaml": ("themas:\n", settings), **NO_ACTIVITY_REFERENCE}
    dossier = base_with(tmp_path, delete=("2027/bod-thuis.yaml",), edits=edits)
    result = run("status", str(dossier), "--today", "2026-06-15")
    assert late_lines(result.output) == [
        "✗ late      bod 2027 of Woonstichting Thuis is missing; was due 2026-06-01, 14 days ago"
    ]


def test_concept_agreements_in_december_need_attention_then_are_late(tmp_path: Path) -> None:
    dossier = base_with(tmp_path)
    december = run("status", str(dossier), "--today", "2026-12-05")
    assert (
        "! attention prestatieafspraken 2027 are still concept (versie 0.2) in December; sign them by the "
        "deadline; due 2026-12-15, 10 days left" in december.output
    )
    late = run("status", str(dossier), "--today", "2026-12-16", "--fail-late")
    assert (
        "✗ late      prestatieafspraken 2027 are still concept (versie 0.2); was due 2026-12-15, 1 days ago"
        in late.output
    )
    assert late.exit_code == 1


def test_definitief_agreements_not_evaluated_after_june_are_late(tmp_path: Path) -> None:
    dossier = base_with(tmp_path, delete=("2025/evaluatie.yaml",))
    assert late_lines(run("status", str(dossier), "--today", "2026-06-30").output) == []
    assert late_lines(run("status", str(dossier), "--today", "2026-07-01").output) == [
        "✗ late      the definitief prestatieafspraken 2025 have not been evaluated; was due 2026-06-30, 1 days ago"
    ]


def test_follow_up_without_an_agreement_in_j_plus_2_is_late(tmp_path: Path) -> None:
    edits = {"2025/evaluatie.yaml": ("    vervolg_afspraken: [WZ-01]\n", "")}
    dossier = base_with(tmp_path, edits=edits)
    assert late_lines(run("status", str(dossier), "--today", "2026-11-27").output) == [
        "✗ late      the follow-up of WZ-01 (doorzetten) names no agreement in 2027"
    ]


def test_status_of_a_broken_dossier_says_so_without_traceback(tmp_path: Path) -> None:
    dossier = base_with(tmp_path, edits={"dossier.yaml": ("soort: gemeente", "soort: gemeent")})
    result = CliRunner().invoke(cli, ["status", str(dossier)])
    assert result.exit_code == 1
    assert "Fix the errors first." in result.output and "Traceback" not in result.output


def test_json_status_validates_against_its_schema() -> None:
    result = run("status", str(SAMPLE), "--today", "2026-11-27", "--json")
    data = json.loads(result.output)
    schema = json.loads(schema_path("status").read_text(encoding="utf-8"))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(data)
    assert [c["jaar"] for c in data["cycles"]] == [2025, 2026, 2027]
    assert [c["peildatum"] for c in data["cycles"]] == [None, "2026-06-30", None]
    assert data["late"] == 0


def test_status_shows_the_last_peildatum_up_to_the_day() -> None:
    may = json.loads(run("status", str(SAMPLE), "--today", "2026-05-01", "--json").output)
    assert [c["peildatum"] for c in may["cycles"]] == [None, "2026-03-31", None]
    march = run("status", str(SAMPLE), "--today", "2026-03-30").output
    assert "last progress report" not in march
    assert (
        "  last progress report: peildatum 2026-03-31\n" in run("status", str(SAMPLE), "--today", "2026-04-01").output
    )


def test_calendar_crosses_the_year_boundary() -> None:
    result = run("calendar", "2027", str(SAMPLE))
    lines = result.output.splitlines()
    assert lines[0] == "Kalender prestatieafspraken 2027: Voorbeeldstad"
    assert "juni 2027" in lines
    assert (
        "  30 juni                Gezamenlijke evaluatie van 2026 · jaarschijf 2026 · gemeente, corporaties en "
        "huurdersorganisaties" in lines
    )
    assert (
        "  1 juli                 Bod (activiteitenoverzicht) voor 2028 uitbrengen · jaarschijf 2028 · Woonstad "
        "Voorbeeldstad" in lines
    )


def test_calendar_marks_what_is_done_and_lists_the_planned_meetings() -> None:
    lines = run("calendar", "2026", str(SAMPLE)).output.splitlines()
    done = [line for line in lines if line.endswith(" · ✓ done")]
    assert [line.split(" · ")[0].split(maxsplit=2)[2] for line in done] == [
        "Woonvisie / woonagenda als basis voor 2027",  # adopted in the dossier
        "Verantwoording over 2025",  # the evaluation of 2025 is definitief
        "Verantwoording over 2025",
        "Gezamenlijke evaluatie van 2025",
        "Bod (activiteitenoverzicht) voor 2027 uitbrengen",  # both bods definitief and submitted
        "Bod (activiteitenoverzicht) voor 2027 uitbrengen",
    ]
    assert not any("ondertekenen" in line and "done" in line for line in lines)  # 2027 is still concept
    september = lines.index("september 2026")
    assert lines[september + 1] == "  15 september           Tripartiet overleg: Bespreking van de biedingen 2027"


def test_ics_gives_done_milestones_no_reminder_and_meetings_one(tmp_path: Path) -> None:
    path = tmp_path / "2026.ics"
    assert run("calendar", "2026", str(SAMPLE), "--ics", str(path)).exit_code == 0
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    assert not events["Gezamenlijke evaluatie van 2025, uiterlijk 30 juni (gedaan)"].walk("VALARM")
    signing = events["Prestatieafspraken 2027 ondertekenen, vóór 15 december"]
    assert len(signing.walk("VALARM")) == 1
    assert signing.decoded("DTSTART").isoformat() == "2026-12-14"  # the last day before 15 December
    meeting = events["Tripartiet overleg: Bespreking van de biedingen 2027"]
    assert str(meeting["UID"]) == "overleg-2026-09-15@voorbeeldstad.afsprakengen"
    assert meeting.decoded("DTSTART").isoformat() == "2026-09-15"
    assert len(meeting.walk("VALARM")) == 1


def test_calendar_without_dossier_uses_the_legal_defaults() -> None:
    output = run("calendar", "2027").output
    assert "  15 december            Prestatieafspraken 2028 ondertekenen" in output
    assert "elke woningcorporatie" in output


def test_ics_parses_back_with_alarms_and_stable_uids(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run("calendar", "2027", str(SAMPLE), "--ics", str(first)).exit_code == 0
    run("calendar", "2027", str(SAMPLE), "--ics", str(second))
    events = [c for c in Calendar.from_ical(first.read_bytes()).walk("VEVENT")]
    assert len(events) == 13  # 9 milestones and the 4 meetings dossier.yaml plans in 2027
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 13
    assert uids == [str(e["UID"]) for e in Calendar.from_ical(second.read_bytes()).walk("VEVENT")]
    assert "bod-2028-woonstad@voorbeeldstad.afsprakengen" in uids
    for event in (e for e in events if not str(e["SUMMARY"]).endswith("(gedaan)")):
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == timedelta(days=-14)
        assert str(alarm["ACTION"]) == "DISPLAY"
    evaluation = next(e for e in events if str(e["UID"]).startswith("evaluatie-2026"))
    assert evaluation.decoded("DTSTART").isoformat() == "2027-06-30"
    bod = next(e for e in events if str(e["UID"]) == "bod-2028-woonstad@voorbeeldstad.afsprakengen")
    title = "Bod (activiteitenoverzicht) voor 2028 uitbrengen (Woonstad Voorbeeldstad), vóór 1 juli"
    assert str(bod["SUMMARY"]) == title
    assert (bod.decoded("DTSTART").isoformat(), bod.decoded("DTEND").isoformat()) == ("2027-06-30", "2027-07-01")
    talks = next(e for e in events if str(e["UID"]) == "onderhandeling-2028@voorbeeldstad.afsprakengen")
    assert (talks.decoded("DTSTART").isoformat(), talks.decoded("DTEND").isoformat()) == ("2027-07-01", "2027-12-15")


def test_two_ics_runs_give_the_same_bytes_stamped_from_the_dossier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    dossier = tmp_path / "d"
    shutil.copytree(SAMPLE, dossier)
    for path in dossier.rglob("*.yaml"):
        os.utime(path, (1_780_000_000, 1_780_000_000))
    os.utime(dossier / "dossier.yaml", (1_790_000_000, 1_790_000_000))  # 2026-09-21 14:13:20 UTC, the newest file
    for name in ("a.ics", "b.ics"):
        assert run("calendar", "2027", str(dossier), "--ics", str(tmp_path / name)).exit_code == 0
    data = (tmp_path / "a.ics").read_bytes()
    assert data == (tmp_path / "b.ics").read_bytes()
    cal = Calendar.from_ical(data)
    assert str(cal["METHOD"]) == "PUBLISH"
    event = cal.walk("VEVENT")[0]
    assert event.decoded("DTSTAMP") == datetime(2026, 9, 21, 14, 13, 20, tzinfo=UTC)
    assert event.decoded("LAST-MODIFIED") == event.decoded("DTSTAMP")
    assert event.decoded("SEQUENCE") == 3_536_053  # minutes since 2020-01-01, higher for every newer calendar


def test_ics_stamp_is_source_date_epoch_when_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert run("calendar", "2027", "--ics", str(tmp_path / "c.ics")).exit_code == 0
    event = Calendar.from_ical((tmp_path / "c.ics").read_bytes()).walk("VEVENT")[0]
    assert event.decoded("DTSTAMP") == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert b"DTSTAMP:20231114T221320Z" in (tmp_path / "c.ics").read_bytes()


def test_ics_stamp_is_the_git_commit_time_of_a_committed_dossier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    dossier = tmp_path / "d"
    shutil.copytree(SAMPLE, dossier)
    when = {"GIT_COMMITTER_DATE": "2026-03-04T05:06:07Z", "GIT_AUTHOR_DATE": "2026-03-04T05:06:07Z"}
    git = ["git", "-C", str(dossier), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "dossier"], check=True, env={**os.environ, **when})
    assert calendar_stamp(2027, dossier) == datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    (dossier / "notities").mkdir()
    (dossier / "notities" / "later.md").write_text("later\n", encoding="utf-8")
    later = {"GIT_COMMITTER_DATE": "2026-05-06T07:08:09Z", "GIT_AUTHOR_DATE": "2026-05-06T07:08:09Z"}
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "notes"], check=True, env={**os.environ, **later})
    assert calendar_stamp(2027, dossier) == datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC)
    # a folder of a repository with several dossiers: the last commit that changed that folder, not HEAD's time
    assert calendar_stamp(2027, dossier / "2027") == datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


def test_uids_keep_letters_with_accents() -> None:
    cal = YearCalendar(2027, "Súdwest-Fryslân", (), overleggen=(Overleg(date(2027, 3, 1), "Start"),))
    data = calendar_ics(cal, datetime(2027, 1, 1, tzinfo=UTC))
    assert b"UID:overleg-2027-03-01@sudwest-fryslan.afsprakengen" in data


def test_kalender_document_on_request(tmp_path: Path) -> None:
    result = run(
        "build", str(SAMPLE), "--out", str(tmp_path), "--only", "kalender", "--year", "2027", "--today", "2026-11-27"
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kalender-2027.docx"]
    dump = dump_docx(tmp_path / "kalender-2027.docx")
    assert "| 30\u00a0juni\u00a02027 | Gezamenlijke evaluatie van 2026 | 2026 |" in dump
    negotiation = "| 1\u00a0juli\u00a02027 – 15\u00a0december\u00a02027 | Onderhandelen over de prestatieafspraken"
    assert negotiation in dump
    assert "de agenda van het tripartiete overleg" in dump


def _kalender(tmp_path: Path, dossier: Path, year: str = "2027") -> tuple[str, str]:
    """The dump of a built kalender and its footer text."""
    result = run("build", str(dossier), "--out", str(tmp_path / "out"), "--only", "kalender", "--year", year)
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "out" / f"kalender-{year}.docx"))
    footer = "".join(p.text for p in document.sections[0].footer.paragraphs)
    return dump_document(document), footer


def test_kalender_dates_never_break(tmp_path: Path) -> None:
    dump, footer = _kalender(tmp_path, SAMPLE)
    table = [line for line in dump.splitlines() if line.startswith("  | ") and "2027" in line]
    for month in ("januari", "mei", "juni", "juli", "december"):
        assert not [line for line in table if f" {month}" in line or f"{month} " in line], month
    assert "Overzicht, stand 20\u00a0november\u00a02026 · pagina" in footer


def test_kalender_lists_only_what_is_still_to_come(tmp_path: Path) -> None:
    dump, _ = _kalender(tmp_path, SAMPLE)
    assert "Woonvisie" not in dump  # the woonvisie 2025-2030 was adopted on 28 January 2025
    assert "Wat volgens het dossier al is afgerond" in dump
    adopted = base_with(tmp_path, edits={"woonvisie.yaml": ("themas:\n", "vastgesteld: 2025-01-28\nthemas:\n")})
    open_dump, _ = _kalender(tmp_path / "base", base_with(tmp_path / "open"))
    assert "| Woonvisie / woonagenda als basis voor 2028 |" in open_dump
    assert "Woonvisie" not in _kalender(tmp_path / "adopted", adopted)[0]


def test_kalender_shows_the_planned_meetings_and_no_made_up_version(tmp_path: Path) -> None:
    dump, footer = _kalender(tmp_path, SAMPLE)
    assert "[Heading 1] Geplande tripartiete overleggen" in dump
    assert "  | 16\u00a0maart\u00a02027 | Voortgang van de afspraken 2027 en jaarplanning |" in dump
    assert "Bespreking van de biedingen 2027" not in dump  # a meeting of 2026
    assert "Versie" not in footer and "· overzicht" not in footer
    base_dump, _ = _kalender(tmp_path / "base", base_with(tmp_path / "d"))
    assert "overleggen" not in base_dump


@pytest.mark.parametrize("args", [("--only", "prestatieafspraken"), ()])
def test_kalender_is_not_built_unless_asked(tmp_path: Path, args: tuple[str, ...]) -> None:
    run("build", str(BASE), "--out", str(tmp_path), "--today", "2026-11-27", "--no-layout", *args)
    assert not list(tmp_path.glob("kalender-*.docx"))
