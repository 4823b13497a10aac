"""Context pieces every document kind shares: markdown with its origin, parties, goals, key figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from afsprakengen import model
from afsprakengen.dutch import euro, getal, procent
from afsprakengen.load.images import ImageError, read_image
from afsprakengen.problems import Location
from afsprakengen.word.mdtext import bullet_item

SOORT_LABELS = {
    "gemeente": "Gemeente",
    "woningcorporatie": "Woningcorporatie",
    "huurdersorganisatie": "Huurdersorganisatie",
    "zorgpartij": "Zorgpartij",
    "overig": "Overige partij",
}


@dataclass(frozen=True)
class Md:
    """Markdown text from the dossier and where it stands; the render stage turns it into Word paragraphs."""

    text: str
    where: Location
    style: str = "BodyText"
    """The paragraph style of its paragraphs: 'BodyText', or 'KleineTekst' for a text in a table cell."""


@dataclass(frozen=True)
class Series:
    """One series of a bar chart: its name in the legend, a value per category, its fill (hex, no '#')."""

    name: str
    values: tuple[float, ...]
    colour: str
    pattern: str = ""
    """A DrawingML preset pattern over the colour (e.g. 'wdUpDiag') that sets apart series of one colour."""


@dataclass(frozen=True)
class Chart:
    """A bar chart as data, with its alt text; the render stage embeds it as a native Word chart."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt: str
    stacked: bool = False
    """Stacked bars (one bar per category, a segment per series) instead of clustered bars side by side."""
    horizontal: bool = True
    """Bars from the left, the first category on top; False for columns from the bottom."""
    value_axis: str = ""
    """The title of the value axis ('' for none)."""
    width_cm: float = 16.0
    height_cm: float = 9.0


@dataclass(frozen=True)
class Picture:
    """An image (PNG or JPEG bytes) with its alt text and size; the render stage embeds it as an inline picture."""

    data: bytes
    kind: str
    """'png' or 'jpeg'."""
    alt: str
    width_cm: float
    height_cm: float


LOGO_HEIGHT_CM = 1.6
LOGO_MAX_WIDTH_CM = 4.5


@dataclass(frozen=True)
class OndertekenaarCtx:
    """A signatory with the party it signs for."""

    naam: str
    functie: str
    partij: str


@dataclass(frozen=True)
class PartijCtx:
    """A party as shown in a document."""

    id: str
    naam: str
    korte_naam: str
    soort: str
    rol: Md | None
    ondertekenaars: tuple[OndertekenaarCtx, ...]


@dataclass(frozen=True)
class BeleidCtx:
    """The policy document in the words of the dossier's regime: 'de woonvisie' or 'het volkshuisvestingsprogramma'."""

    naam: str
    """'woonvisie' or 'volkshuisvestingsprogramma'."""
    hoofdletter: str
    """The name with a capital: 'Woonvisie', 'Volkshuisvestingsprogramma'."""
    lidwoord: str
    """'de' or 'het'."""
    met_lidwoord: str
    """'de woonvisie', 'het volkshuisvestingsprogramma'."""
    begin: str
    """The same at the start of a sentence: 'De woonvisie', 'Het volkshuisvestingsprogramma'."""
    vastgesteld_door: str
    """Who adopts it: 'de gemeenteraad' or 'het college van burgemeester en wethouders'."""
    een_vastgestelde: str
    """'een vastgestelde woonvisie', 'een vastgesteld volkshuisvestingsprogramma'."""


def beleid(m: model.DossierModel) -> BeleidCtx:
    """The policy document's words under the dossier's regime."""
    r = m.regime
    begin = r.met_lidwoord[:1].upper() + r.met_lidwoord[1:]
    return BeleidCtx(r.naam, r.hoofdletter, r.lidwoord, r.met_lidwoord, begin, r.vaststeller, r.een_vastgestelde)


@dataclass(frozen=True)
class DoelCtx:
    """A woonvisie goal."""

    code: str
    titel: str
    thema: str


@dataclass(frozen=True)
class KerncijferCtx:
    """A key figure."""

    naam: str
    waarde: model.Value
    eenheid: str
    peildatum: date | None
    bron: str
    soort: str = "aantal"
    """bedrag, aantal, percentage or tekst (given, or inferred for a file without one)."""
    tekst: str = ""
    """The value as the document shows it, by its soort: '€ 648,20 per maand', '8.450 woningen', '84,1%'."""


def md(text: str | None, src: model.Src, *field: str | int, style: str = "BodyText") -> Md | None:
    """Markdown of a field, located at that field (in a table cell: style 'KleineTekst'); None stays None."""
    return None if text is None else Md(text, src.at(*field), style)


def md_list(items: tuple[str, ...], src: model.Src, field: str) -> Md | None:
    """A list of markdown items as one markdown bullet list."""
    if not items:
        return None
    return Md("\n".join(bullet_item(item) for item in items), src.at(field))


def partij_ctx(p: model.Partij) -> PartijCtx:
    """The document view of a party."""
    signers = tuple(OndertekenaarCtx(o.naam, o.functie, p.naam) for o in p.ondertekenaars)
    rol = md(p.rol, p.src, "rol")
    return PartijCtx(p.id, p.naam, p.korte_naam or p.naam, SOORT_LABELS[p.soort], rol, signers)


def doel_index(m: model.DossierModel) -> dict[str, DoelCtx]:
    """Every woonvisie goal by code, with its theme's name."""
    names = {t.code: t.naam for t in m.dossier.themas}
    return {d.code: DoelCtx(d.code, d.titel, names.get(t.thema, t.thema)) for t in m.woonvisie.themas for d in t.doelen}


def party_names(m: model.DossierModel) -> dict[str, str]:
    """Party names by id."""
    return {p.id: p.naam for p in m.dossier.partijen}


def kerncijfers(items: tuple[model.Kerncijfer, ...]) -> tuple[KerncijferCtx, ...]:
    """Key figures for a table."""
    return tuple(
        KerncijferCtx(k.naam, k.waarde, k.eenheid or "", k.peildatum, k.bron or "", k.kind(), figure_text(k))
        for k in items
    )


NBSP = "\u00a0"

UNIT_WORDS = {"bedrag": ("euro", "€"), "percentage": ("procent", "%")}
"""The words an old file's eenheid starts with that the formatted amount itself already says."""


def figure_text(k: model.Kerncijfer) -> str:
    """The value of a key figure by its soort: € 648,20 per maand, € 71.996.000, 8.450 woningen, 84,1%, a text."""
    kind = k.kind()
    unit = _rest_of_unit(k.eenheid or "", UNIT_WORDS.get(kind, ()))
    if isinstance(k.waarde, str):
        number = k.waarde
    elif kind == "bedrag":
        number = euro(k.waarde)
    elif kind == "percentage":
        number = procent(k.waarde / 100)
    else:
        number = getal(k.waarde)
    if unit and kind != "tekst":
        short = len(unit) <= SHORT_UNIT  # 'per maand', 'woningen': the whole value stays on one line
        return f"{number}\u00a0{unit.replace(' ', NBSP) if short else unit}"
    return f"{number} {unit}".strip()


SHORT_UNIT = 12
"""A unit up to this many characters is kept on one line with its number."""


def _rest_of_unit(unit: str, said: tuple[str, ...]) -> str:
    """The unit without a leading word the amount already says ('euro per maand' after € 648,20 is 'per maand')."""
    for word in said:
        if unit.lower().startswith(word):
            return unit[len(word) :].strip()
    return unit


RICHTING = {"minimaal": "ten minste", "maximaal": "ten hoogste", "exact": "precies"}
"""How a numeric target reads; a number without a richting is a minimum."""


def richting(indicator: model.Indicator) -> str:
    """'ten minste', 'ten hoogste' or 'precies' for a numeric target; '' for a text target or none."""
    if not isinstance(indicator.streefwaarde, int | float):
        return ""
    return RICHTING[indicator.richting or "minimaal"]


def unit_for(indicator: model.Indicator, value: model.Value | None) -> str:
    """The unit after a number: singular for exactly 1 (when the dossier gives it); none after a text."""
    if not isinstance(value, int | float):
        return ""
    if value == 1 and indicator.eenheid_enkelvoud:
        return indicator.eenheid_enkelvoud
    return indicator.eenheid or ""


def target_text(indicator: model.Indicator) -> str:
    """The target as a reader reads it: 'ten minste 40 woningen', 'ten hoogste 1 huisuitzetting', a text as is."""
    value = indicator.streefwaarde
    if value is None:
        return ""
    words = (richting(indicator), getal(value), unit_for(indicator, value))
    return " ".join(w for w in words if w)


def party_logos(m: model.DossierModel, parties: tuple[model.Partij, ...]) -> tuple[Picture, ...]:
    """The logos of these parties that have one, each 1.6 cm high (narrower if it is very wide), alt 'Logo <party>'."""
    if m.map is None:
        return ()
    logos = []
    for p in parties:
        if p.logo is None:
            continue
        try:
            image = read_image(m.map, p.logo)
        except ImageError:
            continue  # check reports it; a version read from Git may not have the file
        scale = min(LOGO_HEIGHT_CM / image.height, LOGO_MAX_WIDTH_CM / image.width)
        size = (round(image.width * scale, 3), round(image.height * scale, 3))
        logos.append(Picture(image.data, image.kind, f"Logo {p.naam}", *size))
    return tuple(logos)
