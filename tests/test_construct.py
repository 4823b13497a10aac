"""Building the model: YAML values into the dataclasses by their type hints, each item with its origin."""

from __future__ import annotations

from datetime import date

from afsprakengen.load.yamlsource import SourceDoc, load_yaml_text
from afsprakengen.model import Afspraak, Indicator, Partij, Standaardteksten, Voortgang
from afsprakengen.model.construct import convert

AGREEMENT = """\
code: WZ-01
thema: WZ
titel: Nultredenwoningen
tekst: Thuis levert **40** woningen op.
soort: resultaat
doelen: [WZ-D1, WZ-D2]
termijn: 2027
indicator: {naam: Opgeleverd, streefwaarde: 40, bron: null}
doorkijk: {2028: 10, '2029': n.t.b.}
"""


def _doc(text: str) -> SourceDoc:
    loaded = load_yaml_text(text, "f.yaml")
    assert loaded.doc is not None, [p.format() for p in loaded.problems]
    return loaded.doc


def test_an_agreement_gets_every_field_in_its_type() -> None:
    doc = _doc(AGREEMENT)
    built = convert(Afspraak, doc.data, doc, ("afspraken", 0))
    assert built == Afspraak(
        code="WZ-01",
        thema="WZ",
        titel="Nultredenwoningen",
        tekst="Thuis levert **40** woningen op.",
        soort="resultaat",
        doelen=("WZ-D1", "WZ-D2"),
        src=built.src,
        termijn="2027",
        indicator=Indicator(naam="Opgeleverd", streefwaarde=40),
        doorkijk={2028: 10, 2029: "n.t.b."},
    )


def test_a_year_read_as_a_number_becomes_text_and_absent_fields_keep_their_defaults() -> None:
    doc = _doc(AGREEMENT)
    built = convert(Afspraak, doc.data, doc, ())
    assert isinstance(built.termijn, str)
    assert (built.trekker, built.betrokken, built.kaders) == (None, (), ())
    assert built.indicator is not None and built.indicator.bron is None


def test_each_item_knows_its_origin() -> None:
    doc = _doc(AGREEMENT)
    built = convert(Afspraak, doc.data, doc, ())
    assert built.src.doc is doc
    assert built.indicator is not None
    termijn, streefwaarde = built.src.at("termijn"), built.src.at("indicator", "streefwaarde")
    assert (termijn.line, termijn.column, termijn.pointer) == (7, 10, "$.termijn")
    assert (streefwaarde.line, streefwaarde.column) == (8, 45)


def test_items_of_a_list_get_their_index_in_the_path() -> None:
    text = "jaar: 2027\npeildatum: 2027-06-30\nstatus: concept\nafspraken:\n  - {afspraak: A-1, status: op-koers}\n"
    doc = _doc(text + "  - {afspraak: A-2, status: risico, realisatie: 12.5}\n")
    built = convert(Voortgang, doc.data, doc, ())
    assert (built.jaar, built.peildatum, built.src.path) == (2027, date(2027, 6, 30), ())
    assert [(a.afspraak, a.status, a.realisatie, a.src.path) for a in built.afspraken] == [
        ("A-1", "op-koers", None, ("afspraken", 0)),
        ("A-2", "risico", 12.5, ("afspraken", 1)),
    ]


def test_false_leaves_a_standard_text_out_and_a_text_is_kept() -> None:
    doc = _doc("looptijd: false\ngeschillen: Eigen tekst.\n")
    built = convert(Standaardteksten, doc.data, doc, ())
    assert built == Standaardteksten(looptijd=False, geschillen="Eigen tekst.")


def test_a_number_in_a_text_field_becomes_its_text() -> None:
    doc = _doc("id: 12\nnaam: 2027\nsoort: gemeente\n")
    built = convert(Partij, doc.data, doc, ())
    assert (built.id, built.naam) == ("12", "2027")
