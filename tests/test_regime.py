"""`regime: wvrv`: the sample built under the Wvrv names the volkshuisvestingsprogramma and the college everywhere."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from afsprakengen.cycle.milestones import GENERIC, Parties, cycle_milestones
from afsprakengen.model import Termijnen
from afsprakengen.model.regime import WVRV
from tests.docdump import dump_docx as _dump
from tests.sampledossier import SAMPLE, run_build

WORD = re.compile(r"(?<![\w$=./])([Ww])oonvisie(?![\w-]*\.(?:yaml|json))")
"""The word in a dossier's texts, not in a file name, a schema path or a key (`woonvisie:`)."""


def _to_wvrv(text: str) -> str:
    """A dossier file's texts with the programme in place of the woonvisie (keys and file names kept)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith(("#", "woonvisie:")):
            lines.append(line)
        else:
            lines.append(
                WORD.sub(lambda m: "Volkshuisvestingsprogramma" if m[1] == "W" else "volkshuisvestingsprogramma", line)
            )
    return "".join(lines)


@pytest.fixture(scope="module")
def wvrv_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample under `regime: wvrv`, its own texts saying volkshuisvestingsprogramma, built with the kalender."""
    root = tmp_path_factory.mktemp("wvrv")
    dossier = root / "voorbeeldstad"
    shutil.copytree(SAMPLE, dossier)
    for path in dossier.rglob("*.yaml"):
        path.write_text(_to_wvrv(path.read_text(encoding="utf-8")), encoding="utf-8")
    main = dossier / "dossier.yaml"
    main.write_text(main.read_text(encoding="utf-8").replace("\ngemeente:", "\nregime: wvrv\ngemeente:", 1), "utf-8")
    out = root / "out"
    assert run_build(dossier, out).exit_code == 0
    assert run_build(dossier, out, "--only", "kalender", "--year", "2027").exit_code == 0
    return out


def dump_docx(path: Path) -> str:
    """The body's dump with plain spaces (dates and amounts have non-breaking ones)."""
    return _dump(path).replace("\u00a0", " ")


def _all_text(path: Path) -> str:
    """The text of every part of a .docx: body, headers, footers and document properties."""
    with zipfile.ZipFile(path) as z:
        xml = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return re.sub(r"<[^>]+>", "", xml).replace("\u00a0", " ")


def test_no_document_says_woonvisie(wvrv_build: Path) -> None:
    documents = sorted(wvrv_build.rglob("*.docx"))
    kinds = {re.sub(r"-.*", "", p.name) for p in documents}
    assert kinds >= {"woonvisie", "activiteitenoverzicht", "prestatieafspraken", "evaluatie", "kalender"}
    for path in documents:
        found = re.findall(r".{0,40}woonvisie.{0,40}", _all_text(path), re.IGNORECASE)
        assert found == [], (path.name, found)


def test_excerpt_names_the_programme(wvrv_build: Path) -> None:
    path = next(wvrv_build.rglob("woonvisie-uittreksel-2027.docx"))
    dump = dump_docx(path)
    assert "[Title] Uittreksel volkshuisvestingsprogramma 2027" in dump
    assert "De ambities en doelen uit het Volkshuisvestingsprogramma Voorbeeldstad 2025-2030" in dump
    assert "Bijlage 1. Van volkshuisvestingsprogramma naar concrete afspraken" in dump
    assert "Doel uit het volkshuisvestingsprogramma" in dump
    assert "Volkshuisvestingsprogramma vastgesteld op 28 januari 2025" in _all_text(path)


def test_agreements_cite_the_college_and_the_amended_law(wvrv_build: Path) -> None:
    path = next(wvrv_build.rglob("prestatieafspraken-2027.docx"))
    dump = dump_docx(path)
    law = "de Woningwet zoals gewijzigd door de Wet versterking regie volkshuisvesting"
    assert f"de woningcorporaties op grond van {law} naar redelijkheid bijdragen" in dump
    assert (
        "het college van burgemeester en wethouders van Voorbeeldstad op 28 januari 2025 het "
        "Volkshuisvestingsprogramma Voorbeeldstad 2025-2030 heeft vastgesteld" in dump
    )
    assert f"op grond van {law} een overzicht van hun voorgenomen werkzaamheden" in dump
    assert f"kan elk van hen op grond van {law} binnen vier weken" in dump
    assert "de gemeenteraad van Voorbeeldstad" not in dump  # the sample's own texts still name the raad
    assert "artikel 4" not in dump  # no article number of the Woningwet 2015 under the Wvrv


def test_overview_and_calendar_name_the_programme(wvrv_build: Path) -> None:
    overview = dump_docx(next(wvrv_build.rglob("activiteitenoverzicht-woonstad-2027.docx")))
    assert "Doelen uit het volkshuisvestingsprogramma" in overview
    kalender = dump_docx(next(wvrv_build.rglob("kalender-2027.docx")))
    assert "al is afgerond (een vastgesteld volkshuisvestingsprogramma, een uitgebracht bod" in kalender


def test_milestone_by_regime() -> None:
    wvrv = Parties(GENERIC.gemeente, (), WVRV)
    assert cycle_milestones(2028, Termijnen(), GENERIC)[0].titel == "Woonvisie / woonagenda als basis voor 2028"
    assert cycle_milestones(2028, Termijnen(), wvrv)[0].titel == "Volkshuisvestingsprogramma als basis voor 2028"
