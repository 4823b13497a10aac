"""The targeted edit of evaluatie.yaml: only the changed values rewritten, the rest kept; else the round trip."""

from __future__ import annotations

import difflib
from datetime import date

from afsprakengen.load.yamlsource import load_yaml_text
from afsprakengen.monitor.validate import Filled, Realised
from afsprakengen.monitor.yamledit import ListEdit, edited
from afsprakengen.monitor.yamlupdate import AGREEMENT_KEYS, updated_evaluatie

DAY = date(2026, 6, 1)
BASE = """\
# De evaluatie van 2026 (commentaar bovenaan)
jaar: 2026
status: concept
datum: 2027-06-01
evaluaties:
  # eerste thema
  - afspraak: WZ-01
    realisatie: 12   # telling van mei
    status: gerealiseerd
    toelichting: |
      Twee regels
      toelichting.

    vervolg: doorzetten
  - afspraak: WZ-02
    status: vertraagd  # let op
    vervolg: bijstellen
# na de lijst
conclusies: Goed op weg.
"""


def _diff(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _update(text: str, *filled: Filled, acts: tuple[Realised, ...] = ()) -> str:
    return updated_evaluatie(text, 2026, DAY, list(filled), list(acts)).text


def test_a_changed_value_changes_only_its_own_text() -> None:
    new = _update(BASE, Filled("WZ-01", "gerealiseerd", 14, "Twee regels\ntoelichting.", "doorzetten"))
    assert _diff(BASE, new) == ["-    realisatie: 12   # telling van mei", "+    realisatie: 14   # telling van mei"]


def test_a_new_key_goes_after_the_keys_before_it_and_a_removed_key_takes_its_line_along() -> None:
    new = _update(BASE, Filled("WZ-02", "deels gerealiseerd", "de helft", None, None))
    entry = "  - afspraak: WZ-02\n    realisatie: de helft\n    status: deels gerealiseerd  # let op\n# na de lijst\n"
    assert new == BASE.replace(
        "  - afspraak: WZ-02\n    status: vertraagd  # let op\n    vervolg: bijstellen\n# na de lijst\n", entry
    )


def test_a_block_value_is_replaced_by_a_block_or_a_plain_value() -> None:
    block = _update(BASE, Filled("WZ-01", "gerealiseerd", 12, "Een andere\ntekst: met dubbele punt.", "doorzetten"))
    assert "    toelichting: |\n      Een andere\n      tekst: met dubbele punt.\n\n    vervolg: doorzetten" in block
    plain = _update(BASE, Filled("WZ-01", "gerealiseerd", 12, "Kort.", "doorzetten"))
    assert "    toelichting: Kort.\n\n    vervolg: doorzetten\n" in plain


def test_new_entries_and_a_new_list_keep_the_layout() -> None:
    new = _update(BASE, Filled("WZ-03", "vervallen", None, "Niet meer nodig", "beëindigen"), acts=(Realised("A-1", 3),))
    assert _diff(BASE, new) == [
        "+  - afspraak: WZ-03",
        "+    status: vervallen",
        "+    toelichting: Niet meer nodig",
        "+    vervolg: beëindigen",
        "+activiteiten:",
        "+  - activiteit: A-1",
        "+    gerealiseerd: 3",
    ]
    assert new.index("# na de lijst") < new.index("activiteiten:") < new.index("conclusies:")


def test_texts_that_yaml_would_misread_are_quoted() -> None:
    for text in ("ja", "12", "a: b", "# geen commentaar", "- lijst", '"aanhalingstekens"'):
        new = _update(BASE, Filled("WZ-02", "vertraagd", None, text, "bijstellen"))
        doc = load_yaml_text(new, "e.yaml").doc
        assert doc is not None and doc.data["evaluaties"][1]["toelichting"] == text


def test_a_layout_it_cannot_edit_goes_through_the_round_trip() -> None:
    flow = "jaar: 2026\nstatus: concept\ndatum: 2027-06-01\nevaluaties: [{afspraak: WZ-01, status: vertraagd}]\n"
    edit = ListEdit("evaluaties", "afspraak", AGREEMENT_KEYS, (("WZ-01", (("status", "gerealiseerd"),)),))
    assert edited(flow, [edit]) is None
    new = _update(flow, Filled("WZ-01", "gerealiseerd", None, None, None))
    doc = load_yaml_text(new, "e.yaml").doc
    assert doc is not None and doc.data["evaluaties"] == [{"afspraak": "WZ-01", "status": "gerealiseerd"}]


def test_an_alias_is_not_edited_in_place() -> None:
    aliased = BASE.replace("status: concept", "status: &s concept").replace("vervolg: bijstellen", "vervolg: *s")
    edit = ListEdit("evaluaties", "afspraak", AGREEMENT_KEYS, (("WZ-02", (("vervolg", "doorzetten"),)),))
    assert edited(aliased, [edit]) is None
    new = _update(aliased, Filled("WZ-02", "vertraagd", None, None, "doorzetten"))
    doc = load_yaml_text(new, "e.yaml").doc
    assert doc is not None and doc.data["status"] == "concept" and doc.data["evaluaties"][1]["vervolg"] == "doorzetten"


def test_a_targeted_update_hands_on_its_read_back_as_the_file_named_but_not_for_a_bom() -> None:
    one = Filled("WZ-01", "gerealiseerd", 14, "Twee regels\ntoelichting.", "doorzetten")
    updated = updated_evaluatie(BASE, 2026, DAY, [one], [], "d/2026/evaluatie.yaml")
    assert updated.loaded is not None and updated.loaded.doc is not None
    assert updated.loaded.doc.display == "d/2026/evaluatie.yaml"
    assert updated.loaded.doc.data == load_yaml_text(updated.text, "x").doc.data  # type: ignore[union-attr]
    assert updated.loaded.doc.data["evaluaties"][0]["realisatie"] == 14
    assert updated_evaluatie("\ufeff" + BASE, 2026, DAY, [one], []).loaded is None
