"""Values at and beyond the contract's bounds: check refuses each at its place, or build renders it.

Every target is a place in a copy of the test base (a number, a year key, a text, a termijn); every value is one at
or just beyond a bound, or one no document can show (NaN, infinity, a control character). For each pair: `check`
reports an error at file:line:col, or it accepts the dossier and `build` writes every document.
"""

from __future__ import annotations

import random
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from afsprakengen.cli import cli
from tests.casefolders import BASE
from tests.sampledossier import TODAY, run_build

_KERNCIJFER = "kerncijfers:\n  - naam: Sociale huurwoningen\n    soort: {soort}\n    waarde: {v}\n"
_VOORRAAD = "voorraadontwikkeling:\n  startvoorraad: {v}\n  jaren:\n    2027: {{nieuwbouw: {v}, sloop: 1}}\n"
_HUUR = "huurbeleid:\n  huurverhoging: {{2027: {v}}}\n  streefhuur: {v}\n"
_GEREALISEERD = "investeringen:\n  - corporatie: thuis\n    gerealiseerd: {v}\n"


@dataclass(frozen=True)
class Target:
    """A place for a value: the file, the text there in the base, and that text with {v} for the value."""

    name: str
    file: str
    old: str
    new: str


def _append(name: str, file: str, block: str) -> Target:
    return Target(name, file, "", block)


_BOD, _PA, _EV = "2027/bod-thuis.yaml", "2027/prestatieafspraken.yaml", "2025/evaluatie.yaml"
NUMBER_TARGETS = (
    Target("aantal", _BOD, "aantallen: {2027: 25,", "aantallen: {{2027: {v},"),
    Target("investering", _BOD, "investeringen: {2027: 6250000}", "investeringen: {{2027: {v}}}"),
    Target("streefwaarde", _PA, "streefwaarde: 25", "streefwaarde: {v}"),
    Target("doorkijk", _PA, "doorkijk: {2028: 25,", "doorkijk: {{2028: {v},"),
    Target("realisatie", _EV, "realisatie: 16", "realisatie: {v}"),
    _append("kerncijfer-aantal", _BOD, _KERNCIJFER.replace("{soort}", "aantal")),
    _append("kerncijfer-bedrag", _BOD, _KERNCIJFER.replace("{soort}", "bedrag")),
    _append("kerncijfer-percentage", _BOD, _KERNCIJFER.replace("{soort}", "percentage")),
    _append("voorraad", _BOD, _VOORRAAD),
    _append("huurbeleid", _BOD, _HUUR),
    _append("gerealiseerd", _EV, _GEREALISEERD),
)
NUMBERS = (
    "0",
    "-1",
    "0.000001",
    "1e-300",
    "100",
    "101",
    "-101",
    "10000000",
    "10000001",
    "-10000001",
    "100000000000",
    "100000000001",
    "-100000000001",
    "99999999999.995",
    "1e308",
    "-1e308",
    "99999999999999999999999999999",
    ".nan",
    ".inf",
    "-.inf",
)
YEAR_TARGETS = (
    Target("aantallen-jaar", _BOD, "aantallen: {2027: 25,", "aantallen: {{{v}: 25,"),
    Target("investeringen-jaar", _BOD, "investeringen: {2027: 6250000}", "investeringen: {{{v}: 6250000}}"),
    Target("termijn-jaar", _PA, "termijn: 2027-Q4", "termijn: {v}"),
)
YEARS = ("1899", "1900", "2026", "2027", "2031", "2032", "2200", "2201", "9999", "10000", "-2027")
TEXT_TARGETS = (
    Target("titel", _BOD, "titel: Nultredenwoningen De Linde", 'titel: "{v}"'),
    Target("inleiding", _PA, "inleiding: De afspraken voor 2027.", 'inleiding: "{v}"'),
    Target("termijn", _PA, "termijn: 2027-Q4", 'termijn: "{v}"'),
)
TEXTS = (
    "x" * 200,
    "x" * 201,
    "woord " * 3333,
    "x" * 20001,
    "a\\x01b",
    "a\\x0bb",
    "a\\x1fb",
    "a\\ufffeb",
    "a\\uffffb",
    "a\\ud800b",
    "a\\tb",
    "€ & < > ' {{ x }} {% if %}",
    "2027-13-45",
    "2027-02-30",
    "2027-00-10",
    "2027-Q5",
    "2201",
)
CASES = [
    *((t, v) for t in NUMBER_TARGETS for v in NUMBERS),
    *((t, v) for t in YEAR_TARGETS for v in YEARS),
    *((t, v) for t in TEXT_TARGETS for v in TEXTS),
]
BUILT = 60
"""Cases built when check accepts them, besides every text case (a seeded choice: a build takes about 0.3 s)."""
_BUILD = set(random.Random(15).sample(range(len(CASES)), BUILT))
_UNSHOWN = re.compile(r"NaN|∞|\binf\b")
"""What a number no document can show prints as."""
_LOCATED = re.compile(r"^\S+\.yaml(?::\d+:\d+)?: error: ", re.MULTILINE)


def _dossier(target: Target, value: str, tmp_path: Path) -> Path:
    dossier = tmp_path / "dossier"
    shutil.copytree(BASE, dossier)
    path = dossier / target.file
    text = path.read_text(encoding="utf-8")
    if target.old:
        assert target.old in text, f"{target.old!r} is not in the base's {target.file}"
        text = text.replace(target.old, target.new.format(v=value), 1)
    else:
        text += target.new.format(v=value)
    path.write_text(text, encoding="utf-8")
    return dossier


@pytest.mark.parametrize(("index", "target", "value"), [(i, t, v) for i, (t, v) in enumerate(CASES)])
def test_check_refuses_at_a_place_or_build_renders(index: int, target: Target, value: str, tmp_path: Path) -> None:
    dossier = _dossier(target, value, tmp_path)
    checked = CliRunner().invoke(cli, ["check", str(dossier), *TODAY], catch_exceptions=False)
    assert "internal error" not in checked.output
    if checked.exit_code != 0:
        assert _LOCATED.search(checked.output), checked.output
        return
    if index in _BUILD or target in TEXT_TARGETS:
        built = run_build(dossier, tmp_path / "out")
        assert built.exit_code == 0, built.output
        assert "documents written" in built.output
        for document in sorted((tmp_path / "out").glob("*.docx")):
            with zipfile.ZipFile(document) as package:
                body = package.read("word/document.xml").decode("utf-8")
            assert not _UNSHOWN.search(body), f"{document.name}: {_UNSHOWN.search(body)}"


@pytest.mark.parametrize(
    ("target", "value"),
    [
        (NUMBER_TARGETS[1], "100000000001"),
        (NUMBER_TARGETS[0], "10000001"),
        (NUMBER_TARGETS[0], ".nan"),
        (NUMBER_TARGETS[2], "-.inf"),
        (YEAR_TARGETS[0], "2201"),
        (YEAR_TARGETS[1], "2032"),
        (TEXT_TARGETS[0], "x" * 201),
        (TEXT_TARGETS[1], "x" * 20001),
        (TEXT_TARGETS[0], "a\\ud800b"),
        (TEXT_TARGETS[2], "2027-13-45"),
    ],
)
def test_values_beyond_the_bounds_are_errors_at_their_line(target: Target, value: str, tmp_path: Path) -> None:
    dossier = _dossier(target, value, tmp_path)
    text = (dossier / target.file).read_text(encoding="utf-8")
    line = 1 + text[: text.index(target.new.format(v=value))].count("\n")
    checked = CliRunner().invoke(cli, ["check", str(dossier), *TODAY], catch_exceptions=False)
    assert checked.exit_code == 1
    assert re.search(rf"{re.escape(target.file)}:{line}:\d+: error: ", checked.output), checked.output


_NAN = "is not a number a document can show; write a finite number"
_CHAR = "which a Word document cannot hold; remove it"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n  - b: [1, 2, {c: .nan}]\n", [f"x.yaml:2:19: error: $.a[0].b[2].c: .nan {_NAN}"]),
        ("a:\n  - {b: -.inf}\n", [f"x.yaml:2:9: error: $.a[0].b: -.inf {_NAN}"]),
        (
            'a: [ok, {b: [x, "y\\x07"]}]\n',
            [f"x.yaml:1:17: error: $.a[1].b[1]: this text has the character U+0007, {_CHAR}"],
        ),
        ('"k\\x0b": 1\n', [f"x.yaml:1:1: error: $['k\\x0b']: this key has the character U+000B, {_CHAR}"]),
        ("a: [1.5, ok, {b: 2026-01-01}]\n", []),
    ],
)
def test_unshowable_values_are_found_wherever_they_are_nested(text: str, expected: list[str]) -> None:
    from afsprakengen.check.values import unshowable_values
    from afsprakengen.load.yamlsource import load_yaml_bytes

    doc = load_yaml_bytes(text.encode(), "x.yaml").doc
    assert doc is not None
    assert [p.format() for p in unshowable_values(doc)] == expected
