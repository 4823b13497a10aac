"""Each cross-file rule and each piece of SMART advice, on the base dossier with one thing changed."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from afsprakengen.check import rules, smart
from afsprakengen.check.dossier import check_dossier
from afsprakengen.model import DossierModel
from afsprakengen.problems import Problem
from tests.casefolders import BASE

TODAY = date(2026, 11, 27)


def model_with(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> DossierModel:
    """The base dossier's model after replacing text in some files: {file: (old, new)}."""
    root = tmp_path / "d"
    shutil.copytree(BASE, root)
    for name, (old, new) in edits.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    result = check_dossier(root, "d", TODAY)
    assert result.model is not None, [p.format() for p in result.problems]
    return result.model


def lines(problems: Iterator[Problem]) -> list[str]:
    return [p.format() for p in problems]


PA27 = "2027/prestatieafspraken.yaml"
PA25 = "2025/prestatieafspraken.yaml"


def test_base_dossier_breaks_no_rule(tmp_path: Path) -> None:
    m = model_with(tmp_path, {})
    assert [lines(rule(m)) for rule in rules.RULES] == [[] for _ in rules.RULES]
    assert [lines(advice(m, TODAY)) for advice in smart.ADVICE] == [[] for _ in smart.ADVICE]


def test_unique_codes(tmp_path: Path) -> None:
    m = model_with(tmp_path, {PA27: ("code: DUUR-01", "code: WZ-01")})
    assert lines(rules.unique_codes(m)) == [
        "d/2027/prestatieafspraken.yaml:24:11: error: $.afspraken[1].code: agreement code 'WZ-01' is used twice "
        "(first at line 9); codes must be unique"
    ]


def test_unique_activity_codes_across_bods_of_a_cycle(tmp_path: Path) -> None:
    m = model_with(tmp_path, {"2027/bod-thuis.yaml": ("code: TH27-DUUR-01", "code: TH27-WZ-01")})
    assert lines(rules.unique_codes(m)) == [
        "d/2027/bod-thuis.yaml:14:11: error: $.activiteiten[1].code: activity code 'TH27-WZ-01' is used twice "
        "(first at line 7); codes must be unique"
    ]


def test_woonvisie_themes(tmp_path: Path) -> None:
    m = model_with(tmp_path, {"woonvisie.yaml": ("thema: DUUR", "thema: DUR")})
    assert lines(rules.woonvisie_themes(m)) == [
        "d/woonvisie.yaml:9:12: error: $.themas[1].thema: 'DUR' is not a theme in dossier.yaml (did you mean 'DUUR'?)"
    ]


def test_years_match_folders(tmp_path: Path) -> None:
    m = model_with(tmp_path, {PA27: ("jaar: 2027", "jaar: 2028")})
    assert lines(rules.years_match_folders(m)) == [
        "d/2027/prestatieafspraken.yaml:2:7: error: $.jaar: jaar is 2028, but the file is in the folder 2027/"
    ]


def test_bod_references(tmp_path: Path) -> None:
    m = model_with(tmp_path, {"2026/bod-thuis.yaml": ("corporatie: thuis", "corporatie: hv-thuis")})
    assert lines(rules.bod_references(m)) == [
        "d/2026/bod-thuis.yaml:2:13: error: $.corporatie: the corporatie is 'hv-thuis', so the file must be named "
        "bod-hv-thuis.yaml",
        "d/2026/bod-thuis.yaml:2:13: error: $.corporatie: 'hv-thuis' is a huurdersorganisatie; only a "
        "woningcorporatie makes a bod",
    ]


def test_agreement_references(tmp_path: Path) -> None:
    edits = {PA27: ("trekker: thuis\n    betrokken", "trekker: thuiss\n    betrokken")}
    m = model_with(tmp_path, edits)
    assert lines(rules.agreement_references(m)) == [
        "d/2027/prestatieafspraken.yaml:14:14: error: $.afspraken[0].trekker: 'thuiss' is not a party in "
        "dossier.yaml (did you mean 'thuis'?)"
    ]


def test_agreement_activity_must_be_in_the_bods_of_its_year(tmp_path: Path) -> None:
    m = model_with(tmp_path, {PA27: ("activiteiten: [TH27-WZ-01]", "activiteiten: [TH26-WZ-01]")})
    assert lines(rules.agreement_references(m)) == [
        "d/2027/prestatieafspraken.yaml:17:20: error: $.afspraken[0].activiteiten[0]: 'TH26-WZ-01' is not an "
        "activity in the bods of 2027 (did you mean 'TH27-WZ-01'?)"
    ]


def test_outlook_years(tmp_path: Path) -> None:
    m = model_with(tmp_path, {PA27: ("{2028: 25, 2029: 30, 2030: 30}", "{2027: 25, 2028: 30, 2029: 30}")})
    assert lines(rules.outlook_years(m)) == [
        "d/2027/prestatieafspraken.yaml:23:15: error: $.afspraken[0].doorkijk: the doorkijk of WZ-01 has the years "
        "2027, 2028, 2029; it must have exactly 2028, 2029, 2030"
    ]


def test_evaluation_references(tmp_path: Path) -> None:
    edits = {"2025/evaluatie.yaml": ("afspraak: DUUR-01", "afspraak: DUUR-02"), PA27: ("code: WZ-01", "code: WZ-11")}
    m = model_with(tmp_path, edits)
    assert lines(rules.evaluation_references(m)) == [
        "d/2025/evaluatie.yaml:10:25: error: $.evaluaties[0].vervolg_afspraken[0]: 'WZ-01' is not an agreement "
        "of 2027 (did you mean 'WZ-11'?)",
        "d/2025/evaluatie.yaml:11:15: error: $.evaluaties[1].afspraak: 'DUUR-02' is not an agreement of 2025 "
        "(did you mean 'DUUR-01'?)",
    ]


def test_signable_needs_place_and_date(tmp_path: Path) -> None:
    m = model_with(tmp_path, {PA25: ("  datum: 2024-12-12\ninleiding", "inleiding")})
    assert lines(rules.signable(m)) == [
        "d/2025/prestatieafspraken.yaml:8:3: error: $.ondertekening: a definitief document needs "
        "ondertekening.datum for the signature page"
    ]


def test_signable_needs_a_signatory_per_party(tmp_path: Path) -> None:
    edits = {"dossier.yaml": ("    ondertekenaars:\n      - naam: C. Claes\n        functie: voorzitter\n", "")}
    m = model_with(tmp_path, edits)
    assert lines(rules.signable(m)) == [
        "d/2025/prestatieafspraken.yaml:6:38: error: $.partijen[2]: Huurdersvereniging Thuis ('hv-thuis') signs "
        "this definitief document but has no ondertekenaars in dossier.yaml"
    ]


def test_deadline_settings(tmp_path: Path) -> None:
    edits = {"dossier.yaml": ("themas:\n", 'instellingen:\n  termijnen:\n    bod: "02-30"\nthemas:\n')}
    m = model_with(tmp_path, edits)
    assert lines(rules.deadline_settings(m)) == [
        "d/dossier.yaml:25:10: error: $.instellingen.termijnen.bod: '02-30' is not a day of the year (MM-DD)"
    ]


def test_real_dates(tmp_path: Path) -> None:
    m = model_with(tmp_path, {PA27: ("termijn: 2027-Q4", "termijn: 2027-02-30")})
    assert lines(rules.real_dates(m)) == [
        "d/2027/prestatieafspraken.yaml:18:14: error: $.afspraken[0].termijn: '2027-02-30' is not a real date "
        "(JJJJ-MM-DD)"
    ]


def test_measurable(tmp_path: Path) -> None:
    m = model_with(tmp_path, {PA27: ("      eenheid: woningen\n      streefwaarde: 25\n", "")})
    assert lines(smart.measurable(m, TODAY)) == [
        "d/2027/prestatieafspraken.yaml:19:5: warning: $.afspraken[0].indicator: the indicator of "
        "resultaatafspraak WZ-01 has no streefwaarde and no eenheid, so it is not measurable"
    ]


def test_led_and_timed(tmp_path: Path) -> None:
    edits = {PA27: ("    trekker: thuis\n    doelen: [DUUR-D1]\n    termijn: 2027\n", "    doelen: [DUUR-D1]\n")}
    m = model_with(tmp_path, edits)
    assert lines(smart.led_and_timed(m, TODAY)) == [
        "d/2027/prestatieafspraken.yaml:24:11: warning: $.afspraken[1].code: agreement DUUR-01 has no trekker: "
        "name the party that leads it",
        "d/2027/prestatieafspraken.yaml:24:11: warning: $.afspraken[1].code: agreement DUUR-01 has no termijn: "
        "add a year, quarter or date",
    ]


def test_goals_addressed(tmp_path: Path) -> None:
    m = model_with(tmp_path, {"2026/bod-thuis.yaml": ("doelen: [DUUR-D1]", "doelen: [WZ-D1]")})
    assert lines(smart.goals_addressed(m, TODAY)) == [
        "d/woonvisie.yaml:12:15: warning: $.themas[1].doelen[0].code: goal DUUR-D1 is not addressed by any "
        "activity or agreement of 2026"
    ]


@pytest.mark.parametrize(("today", "expected"), [(date(2028, 6, 30), 0), (date(2028, 7, 1), 1)])
def test_evaluated_once_the_year_is_over(tmp_path: Path, today: date, expected: int) -> None:
    m = model_with(tmp_path, {})
    assert len(lines(smart.evaluated(m, today))) == expected


def test_evaluated_names_each_missing_entry(tmp_path: Path) -> None:
    edits = {"2025/evaluatie.yaml": ("  - afspraak: DUUR-01\n    status: gerealiseerd\n    vervolg: beëindigen\n", "")}
    m = model_with(tmp_path, edits)
    assert lines(smart.evaluated(m, TODAY)) == [
        "d/2025/prestatieafspraken.yaml:25:11: warning: $.afspraken[1].code: agreement DUUR-01 has no entry in "
        "2025/evaluatie.yaml (due on 2026-06-30)"
    ]
