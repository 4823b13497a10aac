"""The index of a dispute filing: a short Dutch text with the computed dates and every file of the set."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from afsprakengen.cycle.dispute import dispute_dates
from afsprakengen.dutch import datum
from afsprakengen.model import Cyclus, DossierModel, Overlegtraject


def index_text(m: DossierModel, c: Cyclus, files: Sequence[tuple[str, str]]) -> str:
    """overzicht.txt: what the set is for, the dates per corporation, and each file with what it is."""
    assert c.overleg is not None
    lines = [
        f"Geschil over de prestatieafspraken {c.jaar}, gemeente {m.dossier.gemeente.naam}",
        "",
        "Komen partijen niet binnen zes maanden na het begin van het overleg over het bod tot prestatieafspraken,",
        "dan kan elke partij het geschil binnen vier weken schriftelijk voorleggen aan de minister",
        "(Woningwet artikel 44 lid 4). Deze stukken zijn uit het dossier gemaakt met afsprakengen.",
        "",
        "Data per corporatie",
        *(line for t in c.overleg.corporaties for line in _dates(m, t)),
        "",
        "Stukken",
    ]
    width = max(len(name) for name, _ in (*files, ("overzicht.txt", "")))
    lines += [f"  {'overzicht.txt':<{width}}  dit overzicht"]
    lines += [f"  {name:<{width}}  {what}" for name, what in files]
    return "\n".join(lines) + "\n"


def _dates(m: DossierModel, t: Overlegtraject) -> Iterator[str]:
    party, asker = m.partij(t.corporatie), m.partij(t.verzoek.door)
    yield f"  {party.naam if party else t.corporatie}"
    yield f"    bod ontvangen:              {datum(t.bod_ontvangen)}"
    yield f"    verzoek tot overleg:        {datum(t.verzoek.datum)}, door {asker.naam if asker else t.verzoek.door}"
    dates = dispute_dates(t)
    if dates is None:
        yield "    overleg begonnen:           nog niet"
        return
    yield f"    overleg begonnen:           {datum(dates.overleg_gestart)}"
    yield f"    zes maanden verstreken:     {datum(dates.zes_maanden)}"
    yield f"    geschil indienen uiterlijk: {datum(dates.geschil_uiterlijk)}"
