"""A dossier cannot make the tool read outside it or write outside --out; a revision cannot be a git option."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from afsprakengen.check.dossier import check_dossier
from afsprakengen.check.fastschema import schema_of
from afsprakengen.check.schema import validator_for
from tests.casefolders import BASE
from tests.sampledossier import SAMPLE, run_build

HOSTILE_IDS = ("../x", "..", "a/b", "a\\b", "/etc", "x/../y", "a..b", ".x", "x.", "C:", "a b", "x\n")


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BASE, tmp_path / "d"))


def _lines(dossier: Path) -> list[str]:
    return [p.format() for p in check_dossier(dossier, "d", date(2026, 11, 27)).problems]


def test_a_file_linked_from_outside_the_dossier_is_refused_unread(tmp_path: Path) -> None:
    dossier = _copy(tmp_path)
    outside = tmp_path / "geheim.yaml"
    shutil.move(dossier / "2027" / "bod-thuis.yaml", outside)
    (dossier / "2027" / "bod-thuis.yaml").symlink_to(outside)
    lines = _lines(dossier)
    message = "this file is a link to outside the dossier; a dossier reads only its own files (copy it in)"
    assert f"d/2027/bod-thuis.yaml:1:1: error: {message}" in lines
    assert not [line for line in lines if "geheim" in line or str(tmp_path) in line]  # where it points: never shown
    result = run_build(dossier, tmp_path / "out")
    assert result.exit_code == 1 and "Nothing was built." in result.output
    assert not (tmp_path / "out").exists()


def test_a_year_folder_linked_from_outside_is_refused(tmp_path: Path) -> None:
    dossier = _copy(tmp_path)
    shutil.move(dossier / "2027", tmp_path / "elders")
    (dossier / "2027").symlink_to(tmp_path / "elders")
    refused = [line for line in _lines(dossier) if "outside the dossier" in line]
    assert [line.split(":")[0] for line in refused] == ["d/2027/bod-thuis.yaml", "d/2027/prestatieafspraken.yaml"]


def test_a_link_inside_the_dossier_is_fine(tmp_path: Path) -> None:
    dossier = _copy(tmp_path)
    (dossier / ".bron").mkdir()
    shutil.move(dossier / "woonvisie.yaml", dossier / ".bron" / "woonvisie.yaml")
    (dossier / "woonvisie.yaml").symlink_to(Path(".bron") / "woonvisie.yaml")
    assert not [line for line in _lines(dossier) if ": error: " in line]


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


@pytest.mark.parametrize("kind", ["dossier", "woonvisie", "bod", "prestatieafspraken", "evaluatie"])
def test_no_id_or_code_pattern_admits_a_path(kind: str) -> None:
    patterns = [p for p in _patterns(schema_of(kind)) if p != "^\\S+$"]  # an abbreviation: text, never a name
    assert patterns
    validator = validator_for(kind)  # the pattern semantics check uses (ECMA 262: no newline before `$`)
    for pattern in patterns:
        admitted = [bad for bad in HOSTILE_IDS if validator.evolve(schema={"pattern": pattern}).is_valid(bad)]
        # A traffic-light code is a value in evaluatie.yaml and a workbook cell, never part of a name, and has
        # spaces ('deels gerealiseerd'); every other path stays out.
        assert admitted == (["a b"] if pattern == TRAFFIC_LIGHT_CODE else []), (pattern, admitted)


TRAFFIC_LIGHT_CODE = "^[a-zà-ÿ][a-zà-ÿ0-9 -]*$"


def test_every_output_name_is_a_plain_file_name(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_build(SAMPLE, out).exit_code == 0
    written = [p.relative_to(out).as_posix() for p in out.rglob("*")]
    assert written and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.docx", name) for name in written), written


def test_an_id_with_a_final_newline_is_refused_on_one_line(tmp_path: Path) -> None:
    dossier = _copy(tmp_path)
    path = dossier / "dossier.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - id: thuis\n", '  - id: "thuis\\n"\n'))
    words = "is not valid here: a party id uses lower-case letters, digits and '-', e.g. 'woonstad'"
    assert _lines(dossier) == [f"d/dossier.yaml:11:9: error: $.partijen[1].id: 'thuis\\n' {words}"]
