"""The annex 'Bijdrage aan landelijke en regionale kaders': per kader line the local targets summed against it."""

from __future__ import annotations

from dataclasses import dataclass

from afsprakengen import model
from afsprakengen.check.kaders import same_unit
from afsprakengen.dutch import aanhalen, opsomming

SOORT_KADER = {"nationaal": "landelijk kader", "regionaal": "regionaal kader"}


@dataclass(frozen=True)
class KaderRegelCtx:
    """One kader line with the agreements of J that serve it and the sum of their targets."""

    code: str
    """The reference agreements use: KADER.REGEL."""
    omschrijving: str
    eenheid: str
    periode: str
    """'2022–2030'."""
    streefwaarde: model.Number
    afspraken: tuple[str, ...]
    """The codes of the agreements of J that serve the line."""
    som: model.Number | None
    """The sum of their numeric targets in the years counted (J and the doorkijk years inside the period)."""
    jaren: str
    """The years counted: '2027–2030', '2027', or '' when none of J..J+3 is inside the period."""
    noten: tuple[str, ...]
    """Why a value does not count (not a number, another unit, a maximum), or that no agreement serves the line."""


@dataclass(frozen=True)
class KaderCtx:
    """A national or regional kader with its lines."""

    code: str
    bron: str
    soort: str
    """'landelijk kader' or 'regionaal kader'."""
    url: str
    regels: tuple[KaderRegelCtx, ...]


def build_kaders(m: model.DossierModel, pa: model.Prestatieafspraken) -> tuple[KaderCtx, ...]:
    """Every kader of dossier.yaml with, per line, the agreements of J serving it; none without kaders."""
    quotes = m.dossier.instellingen.aanhalingstekens
    return tuple(
        KaderCtx(k.code, k.bron, SOORT_KADER[k.soort], k.url or "", tuple(_line(k, r, pa, quotes) for r in k.regels))
        for k in m.dossier.kaders
    )


def _line(k: model.Kader, r: model.KaderRegel, pa: model.Prestatieafspraken, quotes: str) -> KaderRegelCtx:
    ref = k.ref(r)
    serving = tuple(a for a in pa.afspraken if ref in a.kaders)
    years = [y for y in range(pa.jaar, pa.jaar + 4) if r.periode.van <= y <= r.periode.tot]
    values: list[model.Number] = []
    notes: list[str] = []
    for a in serving:
        counted, why = _contribution(a, r, pa.jaar, years, quotes)
        values.extend(counted)
        notes.extend(why)
    if not serving:
        notes.append(f"geen afspraak voor {pa.jaar} draagt bij aan deze kaderregel.")
    return KaderRegelCtx(
        code=ref,
        omschrijving=r.omschrijving,
        eenheid=r.eenheid,
        periode=f"{r.periode.van}–{r.periode.tot}",
        streefwaarde=r.streefwaarde,
        afspraken=tuple(a.code for a in serving),
        som=sum(values) if values else None,
        jaren=_span(years),
        noten=tuple(notes),
    )


def _contribution(
    a: model.Afspraak, r: model.KaderRegel, jaar: int, years: list[int], quotes: str
) -> tuple[list[model.Number], list[str]]:
    """The numbers an agreement adds to a kader line, and a note for each value it cannot add."""
    i = a.indicator
    if i is None or i.eenheid is None:
        return [], [f"{a.code} heeft geen indicator met een eenheid en telt niet mee."]
    if not same_unit(i.eenheid, r.eenheid):
        return [], [f"{a.code} telt in {i.eenheid}, de kaderregel in {r.eenheid}: de bijdrage telt niet mee."]
    if i.richting == "maximaal":
        return [], [f"de streefwaarde van {a.code} is een maximum (ten hoogste) en telt niet mee."]
    if not years:
        return [], [f"{a.code} valt met {jaar}–{jaar + 3} buiten de periode van de kaderregel en telt niet mee."]
    by_year = {jaar: i.streefwaarde, **a.doorkijk}
    counted = [v for y in years if isinstance(v := by_year.get(y), int | float)]
    return counted, _text_notes(a.code, by_year, years, jaar, quotes)


def _text_notes(
    code: str, by_year: dict[int, model.Value | None], years: list[int], jaar: int, quotes: str
) -> list[str]:
    notes = []
    target = by_year.get(jaar)
    if jaar in years and not isinstance(target, int | float):
        shown = f" ({aanhalen(target, quotes)})" if isinstance(target, str) else ""
        notes.append(f"de streefwaarde van {code} voor {jaar} is geen getal{shown} en telt niet mee.")
    later = [str(y) for y in years if y != jaar and not isinstance(by_year.get(y), int | float)]
    if later:
        what = ("waarde", "is geen getal", "telt") if len(later) == 1 else ("waarden", "zijn geen getallen", "tellen")
        notes.append(f"de {what[0]} in de doorkijk van {code} voor {opsomming(later)} {what[1]} en {what[2]} niet mee.")
    return notes


def _span(years: list[int]) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
