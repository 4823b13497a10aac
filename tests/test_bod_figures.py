"""A bod's own figures as the documents show them: key figures by soort, the stock computed, the rent policy, trends."""

from __future__ import annotations

from dataclasses import replace

import pytest

from afsprakengen import model
from afsprakengen.documents.activiteitenoverzicht.context import outlook
from afsprakengen.documents.activiteitenoverzicht.voorraad import rent_policy, stock
from afsprakengen.documents.common import figure_text
from afsprakengen.documents.evaluatie.trend import key_figure_trends
from afsprakengen.dutch import procent
from afsprakengen.load.yamlsource import SourceDoc

SRC = model.Src(SourceDoc("bod.yaml", {}, {}, {}, {}), ())
NBSP = "\u00a0"


def figure(waarde: model.Value, soort: str | None = None, eenheid: str | None = None) -> model.Kerncijfer:
    return model.Kerncijfer("Cijfer", waarde, SRC, soort=soort, eenheid=eenheid)


@pytest.mark.parametrize(
    ("k", "shown"),
    [
        (figure(648.2, "bedrag", "per maand"), f"€{NBSP}648,20{NBSP}per{NBSP}maand"),  # a short unit: one line
        (figure(12, "aantal", "woningen in geclusterde woonvormen"), f"12{NBSP}woningen in geclusterde woonvormen"),
        (figure(71_996_000, "bedrag"), f"€{NBSP}71.996.000"),
        (figure(8450, "aantal", "woningen"), f"8.450{NBSP}woningen"),
        (figure(84.1, "percentage"), "84,1%"),
        (figure(84, "percentage"), "84%"),
        (figure("in 2027 gereed", "tekst"), "in 2027 gereed"),
    ],
)
def test_a_key_figure_shows_by_its_soort(k: model.Kerncijfer, shown: str) -> None:
    assert figure_text(k) == shown


@pytest.mark.parametrize(
    ("k", "kind", "shown"),
    [
        (figure(648.2, eenheid="euro per maand"), "bedrag", f"€{NBSP}648,20{NBSP}per{NBSP}maand"),
        (figure(71_996_000, eenheid="euro"), "bedrag", f"€{NBSP}71.996.000"),
        (figure(84.1, eenheid="procent"), "percentage", "84,1%"),
        (
            figure(88, eenheid="procent van de sociale huurvoorraad"),
            "percentage",
            f"88%{NBSP}van de sociale huurvoorraad",
        ),
        (figure(5.6, eenheid="jaar"), "aantal", f"5,6{NBSP}jaar"),
        (figure("B"), "tekst", "B"),
    ],
)
def test_an_old_key_figure_without_soort_gets_one_from_its_eenheid(k: model.Kerncijfer, kind: str, shown: str) -> None:
    assert (k.kind(), figure_text(k)) == (kind, shown)


def development(**jaren: model.VoorraadJaar) -> model.Voorraadontwikkeling:
    return model.Voorraadontwikkeling(1000, {int(y[1:]): v for y, v in jaren.items()}, SRC)


def test_the_stock_is_computed_year_after_year() -> None:
    v = development(j2027=model.VoorraadJaar(nieuwbouw=50, sloop=20), j2028=model.VoorraadJaar(aankoop=5, verkoop=10))
    ctx = stock(v, (2027, 2028, 2029, 2030, 2031))
    assert ctx is not None
    assert ctx.begin == (1000, 1030, None, None, None)
    assert ctx.eind == (1030, 1025, None, None, None)
    assert [(r.teken, r.naam, r.waarden[:2]) for r in ctx.mutaties] == [
        ("+", "Nieuwbouw", (50, 0)),
        ("+", "Aankoop", (0, 5)),
        ("−", "Sloop", (20, 0)),
        ("−", "Verkoop", (0, 10)),
        ("−", "Liberalisatie", (0, 0)),
    ]
    assert (ctx.eindvoorraad, ctx.laatste_jaar, ctx.eenheid) == (1025, 2028, "woningen")


def test_the_rent_policy_shows_its_figures_in_words() -> None:
    policy = model.Huurbeleid("Wij volgen de inflatie.", SRC, {2028: 3, 2027: 3.3}, 72, False)
    ctx = rent_policy(policy)
    assert ctx is not None
    assert [(k.naam, k.waarde) for k in ctx.kenmerken] == [
        ("Gemiddelde huurverhoging 2027", "3,3%"),
        ("Gemiddelde huurverhoging 2028", "3,0%"),
        ("Streefhuur", "72% van de maximale huur"),
        ("Inkomensafhankelijke huurverhoging", "nee"),
    ]
    assert procent(0.03) == "3%" and procent(0.03, tiende=True) == "3,0%"


def test_the_doorkijk_is_the_years_the_activities_fill() -> None:
    activity = model.Activiteit("A-1", "WZ", "Woningen", ("WZ-D1",), SRC, aantallen={2027: 4, 2029: 2})
    bod = model.Bod("thuis", 2027, "definitief", (activity,), SRC)
    years = (2027, 2028, 2029, 2030, 2031)
    assert outlook(bod, years) == "2028–2029"
    only_j = replace(activity, aantallen={2027: 4})
    assert outlook(replace(bod, activiteiten=(only_j,)), years) == ""
    assert (
        outlook(replace(bod, activiteiten=(replace(activity, investeringen={2028: 1}, aantallen={}),)), years) == "2028"
    )


def test_the_trend_matches_key_figures_by_naam(sample_model: model.DossierModel) -> None:
    trends = {t.corporatie: t for t in key_figure_trends(sample_model)}
    woonstad = trends["Woonstad Voorbeeldstad"]
    assert woonstad.jaren == (2025, 2026, 2027)
    rows = {r.naam: r.waarden for r in woonstad.rijen}
    assert rows["Sociale huurwoningen"] == (f"5.986{NBSP}woningen", f"6.010{NBSP}woningen", f"6.090{NBSP}woningen")
    assert rows["Gemiddelde netto huur"][2] == f"€{NBSP}648,20{NBSP}per{NBSP}maand"
    assert rows["Middenhuurwoningen"] == ("–", "–", f"312{NBSP}woningen")
    assert rows["Gemiddeld energielabel"] == ("C", "C", "B")
