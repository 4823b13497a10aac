"""`new` (a starter dossier in the user's names), `schema export`, and why `build` built nothing."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from afsprakengen.check.dossier import check_dossier
from afsprakengen.cli import cli
from afsprakengen.starter.new import NewRequest, new_dossier
from afsprakengen.starter.slugs import initials, party_id
from tests.sampledossier import SAMPLE

TODAY = date(2026, 11, 27)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def make(target: Path, *corporaties: str, huurders: tuple[str, ...] = ()) -> tuple[Path, ...]:
    result = new_dossier(NewRequest(target, "Súdwest-Fryslân", 2027, corporaties, huurders, TODAY))
    assert result.problems == ()
    return result.written


def test_new_dossier_passes_check_without_warnings_in_the_users_names(tmp_path: Path) -> None:
    target = tmp_path / "sudwest"
    make(target, "Woonstichting Súdwest", "Elkien", huurders=("Huurdersvereniging De Brêge",))
    result = check_dossier(target, "sudwest", TODAY)
    assert [p.format() for p in result.problems] == []
    assert result.model is not None
    ids = [p.id for p in result.model.dossier.partijen]
    assert ids == ["gemeente-sudwest-fryslan", "woonstichting-sudwest", "elkien", "huurdersvereniging-de-brege"]
    assert result.model.dossier.partijen[0].naam == "Gemeente Súdwest-Fryslân"
    assert sorted(b.corporatie for b in result.model.cycli[0].bods) == ["elkien", "woonstichting-sudwest"]
    agreements = yaml.safe_load((target / "2027" / "prestatieafspraken.yaml").read_text(encoding="utf-8"))
    assert agreements["partijen"] == ids
    assert agreements["afspraken"][0]["activiteiten"] == ["WS-BESCH-01", "E-BESCH-01"]


def test_every_file_points_at_its_copied_schema_relative_to_itself(tmp_path: Path) -> None:
    written = make(tmp_path / "d", "Woonstad")
    first_lines = {
        p.relative_to(tmp_path / "d").as_posix(): p.read_text(encoding="utf-8").splitlines()[0]
        for p in written
        if p.suffix == ".yaml"
    }
    assert first_lines == {
        "dossier.yaml": "# yaml-language-server: $schema=.schemas/dossier.schema.json",
        "woonvisie.yaml": "# yaml-language-server: $schema=.schemas/woonvisie.schema.json",
        "2027/bod-woonstad.yaml": "# yaml-language-server: $schema=../.schemas/bod.schema.json",
        "2027/prestatieafspraken.yaml": "# yaml-language-server: $schema=../.schemas/prestatieafspraken.schema.json",
    }
    shipped = sorted(p.name for p in (Path(__file__).parents[1] / "schemas").glob("*.schema.json"))
    assert sorted(p.name for p in (tmp_path / "d" / ".schemas").iterdir()) == shipped
    assert (tmp_path / "d" / ".schemas" / "status.schema.json").read_bytes() == (
        Path(__file__).parents[1] / "schemas" / "status.schema.json"
    ).read_bytes()
    bod = json.loads((tmp_path / "d" / ".schemas" / "bod.schema.json").read_text(encoding="utf-8"))
    assert bod["$defs"]["thema_code"]["enum"] == ["BESCH"]  # the new dossier's own codes, for completion


def test_every_field_has_a_dutch_comment(tmp_path: Path) -> None:
    written = make(tmp_path / "d", "Woonstad", huurders=("De Sleutel",))
    keys = 0
    for path in (p for p in written if p.suffix == ".yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"\s*(- )?[a-z_]+:", line):
                keys += 1
                assert re.search(r"  # [a-z].{6,}", line), f"{path.name}: {line}"
    assert keys > 40
    text = (tmp_path / "d" / "2027" / "prestatieafspraken.yaml").read_text(encoding="utf-8")
    assert "status: concept  # verplicht: concept | definitief" in text


def test_without_corporations_the_gemeente_leads_and_there_is_no_bod(tmp_path: Path) -> None:
    make(tmp_path / "d")
    assert not list((tmp_path / "d" / "2027").glob("bod-*.yaml"))
    result = check_dossier(tmp_path / "d", "d", TODAY)
    assert [p.format() for p in result.problems] == []
    assert result.model is not None
    assert result.model.cycli[0].prestatieafspraken is not None
    assert result.model.cycli[0].prestatieafspraken.afspraken[0].trekker == "gemeente-sudwest-fryslan"


def test_new_refuses_a_folder_that_is_not_empty_and_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "notities.txt").write_text("mijn werk", encoding="utf-8")
    result = run("new", str(tmp_path / "d"), "--gemeente", "Mijnstad")
    assert result.exit_code == 1
    assert f"{tmp_path / 'd'}:1:1: error: this folder is not empty" in result.output
    assert [p.name for p in (tmp_path / "d").iterdir()] == ["notities.txt"]
    assert (tmp_path / "d" / "notities.txt").read_text(encoding="utf-8") == "mijn werk"


def test_new_refuses_names_that_give_the_same_id(tmp_path: Path) -> None:
    result = run(
        "new", str(tmp_path / "d"), "--gemeente", "Mijnstad", "--corporatie", "Woonstad", "--corporatie", "WoonStad!"
    )
    assert result.exit_code == 1
    assert "two parties get the id 'woonstad' from their names" in result.output
    assert not (tmp_path / "d").exists()


def test_ids_and_codes_from_names() -> None:
    assert party_id('Huurdersvereniging "De Sleutel"') == "huurdersvereniging-de-sleutel"
    assert party_id("Stichting Wonen & Welzijn") == "stichting-wonen-welzijn"
    assert party_id("3B Wonen") == "partij-3b-wonen"
    assert party_id("!!!") == ""
    assert initials("Woonstichting Mijnstad") == "WM"
    assert initials("3B Wonen") == "C3W"


def test_schema_export_rewrites_stale_modelines_once(tmp_path: Path) -> None:
    dossier = tmp_path / "voorbeeldstad"
    shutil.copytree(SAMPLE, dossier)
    first = run("schema", "export", str(dossier))
    assert first.exit_code == 0, first.output
    assert (dossier / "2027" / "bod-woonstad.yaml").read_text(encoding="utf-8").splitlines()[0] == (
        "# yaml-language-server: $schema=../.schemas/bod.schema.json"
    )
    assert (dossier / "dossier.yaml").read_text(encoding="utf-8").splitlines()[:2] == [
        "# yaml-language-server: $schema=.schemas/dossier.schema.json",
        "gemeente:",
    ]
    schemas = len(list((Path(__file__).parents[1] / "schemas").glob("*.schema.json")))
    assert first.output.strip().endswith(f"{15 + schemas} files written.")  # the 15 dossier files and every schema
    again = run("schema", "export", str(dossier))
    assert again.output.strip() == "0 files written."
    assert check_dossier(dossier, "voorbeeldstad", TODAY).errors == 0


def test_schema_export_gives_the_editor_the_dossiers_own_ids_and_codes(tmp_path: Path) -> None:
    dossier = tmp_path / "voorbeeldstad"
    shutil.copytree(SAMPLE, dossier)
    assert run("schema", "export", str(dossier)).exit_code == 0
    schema = json.loads((dossier / ".schemas" / "prestatieafspraken.schema.json").read_text(encoding="utf-8"))
    assert "woonstad" in schema["$defs"]["partij_id"]["enum"]
    assert "zorggroep-de-linde" in schema["$defs"]["partij_id"]["enum"]
    assert schema["$defs"]["thema_code"]["enum"][:2] == ["BESCH", "BETAAL"]
    (dossier / "2027" / "prestatieafspraken.yaml").write_text("jaar: [\n", encoding="utf-8")
    broken = run("schema", "export", str(dossier))
    assert broken.output.splitlines()[0] == (
        "note: the dossier has errors, so the schemas do not list its ids and codes (run check)"
    )
    shipped = json.loads((dossier / ".schemas" / "prestatieafspraken.schema.json").read_text(encoding="utf-8"))
    assert "enum" not in shipped["$defs"]["partij_id"]


def test_schema_export_adds_a_missing_modeline(tmp_path: Path) -> None:
    make(tmp_path / "d")
    path = tmp_path / "d" / "woonvisie.yaml"
    path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[1:]) + "\n", encoding="utf-8")
    assert run("schema", "export", str(tmp_path / "d")).output.splitlines() == [f"wrote {path}", "1 file written."]
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=.schemas/woonvisie.schema.json\n# De woonvisie"
    )


def test_build_says_why_nothing_was_written(tmp_path: Path) -> None:
    make(tmp_path / "d", "Woonstad")
    shutil.rmtree(tmp_path / "d" / "2027")
    result = run("build", str(tmp_path / "d"), "--out", str(tmp_path / "out"), "--no-layout", "--no-cache")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:5] == [
        "note: no woonvisie-uittreksel document: no year folder has a bod-<corporatie>.yaml or prestatieafspraken.yaml",
        "note: no activiteitenoverzicht document: no year folder has a bod-<corporatie>.yaml",
        "note: no prestatieafspraken document: no year folder has a prestatieafspraken.yaml",
        "note: no evaluatie document: no year folder has an evaluatie.yaml"
        " (and the prestatieafspraken.yaml it evaluates)",
        "note: no voortgangsrapportage document: no year folder has a voortgang-<peildatum>.yaml"
        " (and the prestatieafspraken.yaml it reports on)",
    ]
    assert lines[5].startswith("0 documents written: nothing to build. A year folder J/ needs a bod-<corporatie>.yaml")
    assert "`afsprakengen new DIR --gemeente NAAM`" in lines[5]


def test_build_of_a_year_without_the_input_names_the_year(tmp_path: Path) -> None:
    make(tmp_path / "d", "Woonstad")
    result = run(
        "build",
        str(tmp_path / "d"),
        "--out",
        str(tmp_path / "out"),
        "--no-layout",
        "--no-cache",
        "--year",
        "2030",
        "--only",
        "prestatieafspraken",
    )
    assert (
        result.output.splitlines()[0]
        == "note: no prestatieafspraken document: year folder 2030 does not have a prestatieafspraken.yaml"
    )
