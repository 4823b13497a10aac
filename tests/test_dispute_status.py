"""The dispute route in `status`: six calendar months after the overleg started, then four weeks to submit it."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from afsprakengen.cli import cli
from afsprakengen.cycle.dispute import add_months
from tests.casefolders import CASES

OVERLEG = CASES / "valid" / "overleg-with-geschilpunten"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def dossier_with_overleg(tmp_path: Path, start: str = "2026-08-31", status: str = "concept") -> Path:
    """The base dossier with the valid case's overleg.yaml (overleg started on `start`)."""
    root = tmp_path / "d"
    shutil.copytree(CASES / "base", root)
    text = (OVERLEG / "2027" / "overleg.yaml").read_text(encoding="utf-8")
    (root / "2027" / "overleg.yaml").write_text(text.replace("2026-08-31", start), encoding="utf-8")
    pa = root / "2027" / "prestatieafspraken.yaml"
    signed = "status: definitief\nondertekening:\n  plaats: Teststad\n  datum: 2026-12-10"
    new = signed if status == "definitief" else "status: concept"
    pa.write_text(pa.read_text(encoding="utf-8").replace("status: concept", new), encoding="utf-8")
    return root


def dispute_line(output: str) -> str:
    found = [line.strip() for line in output.splitlines() if "Thuis" in line and "overleg" in line]
    assert len(found) == 1, output
    return found[0]


@pytest.mark.parametrize(
    ("start", "six_months"),
    [
        (date(2026, 8, 31), date(2027, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),
        (date(2026, 8, 30), date(2027, 2, 28)),
        (date(2026, 7, 8), date(2027, 1, 8)),
        (date(2026, 12, 31), date(2027, 6, 30)),
        (date(2026, 3, 31), date(2026, 9, 30)),
    ],
)
def test_six_calendar_months_end_on_the_last_day_of_a_shorter_month(start: date, six_months: date) -> None:
    assert add_months(start, 6) == six_months


def test_status_counts_six_months_from_31_august_to_28_february_then_four_weeks(tmp_path: Path) -> None:
    dossier = dossier_with_overleg(tmp_path)
    before = dispute_line(run("status", str(dossier), "--today", "2026-11-27").output)
    assert before == (
        "· open      overleg with Woonstichting Thuis on bod 2027 since 2026-08-31: agreements within six "
        "months, else geschil indienen uiterlijk 2027-03-28; due 2027-02-28, 93 days left"
    )
    soon = dispute_line(run("status", str(dossier), "--today", "2027-02-10").output)
    assert soon.startswith("! attention overleg with") and soon.endswith("due 2027-02-28, 18 days left")
    after = dispute_line(run("status", str(dossier), "--today", "2027-03-01").output)
    assert after == (
        "! attention no agreements with Woonstichting Thuis six months after the overleg started (2026-08-31): "
        "geschil indienen uiterlijk 2027-03-28; due 2027-03-28, 27 days left"
    )
    late = run("status", str(dossier), "--today", "2027-03-29", "--fail-late")
    assert dispute_line(late.output) == (
        "✗ late      the four weeks to submit a dispute about bod 2027 of Woonstichting Thuis have passed "
        "(overleg since 2026-08-31); was due 2027-03-28, 1 days ago"
    )
    assert late.exit_code == 1


def test_a_leap_year_gives_29_february(tmp_path: Path) -> None:
    dossier = dossier_with_overleg(tmp_path, start="2027-08-31")
    data = json.loads(run("status", str(dossier), "--today", "2027-01-10", "--json").output)
    cycle = next(c for c in data["cycles"] if c["jaar"] == 2027)
    assert cycle["geschil"] == [
        {
            "corporatie": "thuis",
            "overleg_gestart": "2027-08-31",
            "zes_maanden": "2028-02-29",
            "geschil_uiterlijk": "2028-03-28",
        }
    ]


def test_no_dispute_route_once_the_agreements_are_definitief(tmp_path: Path) -> None:
    dossier = dossier_with_overleg(tmp_path, status="definitief")
    result = run("status", str(dossier), "--today", "2026-12-20", "--json")
    cycle = next(c for c in json.loads(result.output)["cycles"] if c["jaar"] == 2027)
    assert cycle["geschil"] == []
    assert not any("overleg" in item["what"] for item in cycle["items"])


def test_no_dispute_route_before_the_overleg_started(tmp_path: Path) -> None:
    dossier = dossier_with_overleg(tmp_path)
    path = dossier / "2027" / "overleg.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    overleg_gestart: 2026-08-31\n", ""), "utf-8")
    result = run("status", str(dossier), "--today", "2026-11-27")
    assert "overleg" not in result.output
