"""The context of the Standpunten of a dispute: the dates, the request for overleg, each party's position per point."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from afsprakengen import model
from afsprakengen.cycle.dispute import dispute_dates
from afsprakengen.documents.common import Md
from afsprakengen.dutch import datum


@dataclass(frozen=True)
class StandpuntCtx:
    """One party's position on a point."""

    partij: str
    """The party's name."""
    standpunt: Md


@dataclass(frozen=True)
class GeschilpuntCtx:
    """A disputed point: what it is about (an agreement of the draft, or not), and the positions."""

    nummer: int
    afspraak: str
    """'BESCH-01 Nieuwbouw sociale huurwoningen', or '' for a point about no agreement."""
    omschrijving: Md
    standpunten: tuple[StandpuntCtx, ...]


@dataclass(frozen=True)
class BijeenkomstCtx:
    """A meeting of the overleg."""

    datum: str
    onderwerp: str


@dataclass(frozen=True)
class TrajectCtx:
    """The overleg about one corporation's bod, its dates written out ('' where it has none)."""

    corporatie: str
    bod_ontvangen: str
    verzoek_datum: str
    verzoek_door: str
    verzoek_tekst: Md | None
    verzoek_bestand: str
    """The file name of the request in this set ('' when the dossier names no file)."""
    overleg_gestart: str
    zes_maanden: str
    geschil_uiterlijk: str
    bijeenkomsten: tuple[BijeenkomstCtx, ...]
    geschilpunten: tuple[GeschilpuntCtx, ...]


@dataclass(frozen=True)
class StukCtx:
    """A file of the set, with what it is."""

    bestand: str
    omschrijving: str


@dataclass(frozen=True)
class GeschilpuntenCtx:
    """Everything the geschilpunten template can use."""

    titel: str
    gemeente: str
    jaar: int
    versie: str
    status: str
    concept: bool
    datum: date
    beleidsdocument: str
    trajecten: tuple[TrajectCtx, ...]
    stukken: tuple[StukCtx, ...]

    def promised(self) -> tuple[str, ...]:
        """The texts the document must show: every corporation and every agreement in dispute."""
        points = (g.afspraak.split(" ")[0] for t in self.trajecten for g in t.geschilpunten if g.afspraak)
        return (*(t.corporatie for t in self.trajecten), *points)


def request_file_name(traject: model.Overlegtraject) -> str:
    """The name the request's file gets in the set: verzoek-<corporatie> with the file's own extension."""
    name = traject.verzoek.bestand
    if name is None:
        return ""
    suffix = name.rsplit(".", 1)[1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    return f"verzoek-{traject.corporatie}{'.' + suffix if suffix else ''}"


def build_geschilpunten(m: model.DossierModel, c: model.Cyclus, stukken: tuple[StukCtx, ...]) -> GeschilpuntenCtx:
    """The Standpunten of the dispute about the bods for J: the overleg per corporation and the set's files."""
    assert c.overleg is not None, "a dispute is exported only for a cycle with an overleg.yaml"
    pa = c.prestatieafspraken
    titles = {a.code: a.titel for a in pa.afspraken} if pa else {}
    trajecten = tuple(_traject(m, t, titles) for t in c.overleg.corporaties)
    return GeschilpuntenCtx(
        titel=f"Geschil over de prestatieafspraken {c.jaar}: standpunten",
        gemeente=m.dossier.gemeente.naam,
        jaar=c.jaar,
        versie=pa.versie if pa else "—",
        status="concept",
        concept=True,
        datum=_stand(c.overleg),
        beleidsdocument=m.regime.naam,
        trajecten=trajecten,
        stukken=stukken,
    )


def _naam(m: model.DossierModel, party_id: str) -> str:
    party = m.partij(party_id)
    return party.naam if party else party_id


def _traject(m: model.DossierModel, t: model.Overlegtraject, titles: dict[str, str]) -> TrajectCtx:
    dates = dispute_dates(t)
    v = t.verzoek
    return TrajectCtx(
        corporatie=_naam(m, t.corporatie),
        bod_ontvangen=datum(t.bod_ontvangen),
        verzoek_datum=datum(v.datum),
        verzoek_door=_naam(m, v.door),
        verzoek_tekst=Md(v.tekst, v.src.at("tekst")) if v.tekst else None,
        verzoek_bestand=request_file_name(t),
        overleg_gestart=datum(dates.overleg_gestart) if dates else "",
        zes_maanden=datum(dates.zes_maanden) if dates else "",
        geschil_uiterlijk=datum(dates.geschil_uiterlijk) if dates else "",
        bijeenkomsten=tuple(BijeenkomstCtx(datum(b.datum), b.onderwerp) for b in t.bijeenkomsten),
        geschilpunten=tuple(_point(m, i, g, titles) for i, g in enumerate(t.geschilpunten, start=1)),
    )


def _point(m: model.DossierModel, nummer: int, g: model.Geschilpunt, titles: dict[str, str]) -> GeschilpuntCtx:
    afspraak = f"{g.afspraak} {titles.get(g.afspraak, '')}".strip() if g.afspraak else ""
    standpunten = tuple(StandpuntCtx(_naam(m, s.partij), Md(s.standpunt, s.src.at("standpunt"))) for s in g.standpunten)
    return GeschilpuntCtx(nummer, afspraak, Md(g.omschrijving, g.src.at("omschrijving")), standpunten)


def _stand(ov: model.Overlegtrajecten) -> date:
    """The newest date the overleg records: the document's date."""
    days = [d for t in ov.corporaties for d in (t.bod_ontvangen, t.verzoek.datum, t.overleg_gestart) if d]
    days += [b.datum for t in ov.corporaties for b in t.bijeenkomsten]
    return max(days)
