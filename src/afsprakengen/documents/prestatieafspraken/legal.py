"""The legal framing of the agreements: the signing parties (comparitie), the recitals and the closing articles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from afsprakengen import model
from afsprakengen.documents.common import Md, OndertekenaarCtx, md
from afsprakengen.dutch import datum, opsomming
from afsprakengen.model.regio import bare_name
from afsprakengen.word.mdtext import bullet_item

ORGAAN = {
    "gemeente": "het college van burgemeester en wethouders",
    "woningcorporatie": "de raad van commissarissen",
    "huurdersorganisatie": "het bestuur",
}
"""The organ whose decision a party of each kind acts on when it signs, unless dossier.yaml names another."""
_HET = ("college", "bestuur", "algemeen", "dagelijks")
"""Organs that take 'het' (the others take 'de'), for an organ written without its article."""


@dataclass(frozen=True)
class BesluitCtx:
    """The decision a party acts on: the organ (with its article), the date and the reference."""

    orgaan: str
    datum: date
    kenmerk: str


@dataclass(frozen=True)
class OndergetekendeCtx:
    """One party in the comparitie: its name, who represents it, the decision it acts on, its short name."""

    naam: str
    vertegenwoordigd_door: str
    """'drs. M. van den Berg, wethouder Wonen', or two of them joined with 'en'; '' when no one is named yet."""
    besluit: BesluitCtx | None
    hierna: str
    """The name the document uses for the party after this ('de gemeente', 'Woonstad')."""


@dataclass(frozen=True)
class SlotbepalingCtx:
    """A closing article: its title and text."""

    titel: str
    tekst: Md


@dataclass(frozen=True)
class TekenrijCtx:
    """A row of the signature page: two signatories side by side (no right one in an odd last row)."""

    links: OndertekenaarCtx
    rechts: OndertekenaarCtx | None


def tekenrijen(signatories: tuple[OndertekenaarCtx, ...]) -> tuple[TekenrijCtx, ...]:
    """The signatories two by two, in their order."""
    pairs = zip(signatories[::2], (*signatories[1::2], None), strict=False)
    return tuple(TekenrijCtx(left, right) for left, right in pairs)


def tekenrijen_per_gemeente(
    signatories: tuple[OndertekenaarCtx, ...], gemeenten: tuple[str, ...]
) -> tuple[TekenrijCtx, ...]:
    """A region's signatories: per gemeente its own rows (its name in `gemeenten`), then the other parties'."""
    rows = [row for g in gemeenten for row in tekenrijen(tuple(o for o in signatories if o.partij == g))]
    return (*rows, *tekenrijen(tuple(o for o in signatories if o.partij not in gemeenten)))


def ondergetekenden(m: model.DossierModel, pa: model.Prestatieafspraken) -> tuple[OndergetekendeCtx, ...]:
    """The parties of the comparitie, unless the agreements replace it with their own text or leave it out."""
    if pa.comparitie is False or isinstance(pa.comparitie, str):
        return ()
    decisions = {b.partij: b for b in pa.besluiten}
    return tuple(_signing_party(p, decisions.get(p.id)) for pid in pa.partijen if (p := m.partij(pid)) is not None)


def own_comparitie(pa: model.Prestatieafspraken) -> Md | None:
    """The agreements' own text of the comparitie, if they have one."""
    return md(pa.comparitie, pa.src, "comparitie") if isinstance(pa.comparitie, str) else None


def _signing_party(p: model.Partij, besluit: model.Besluit | None) -> OndergetekendeCtx:
    people = opsomming([f"{o.naam}, {o.functie}" for o in p.ondertekenaars]) if p.ondertekenaars else ""
    decision = None
    if besluit is not None:
        organ = _with_article(besluit.orgaan or p.besluitorgaan or ORGAAN.get(p.soort, "het bestuur"))
        decision = BesluitCtx(organ, besluit.datum, besluit.kenmerk or "")
    short = (p.korte_naam or p.naam).replace('"', "").strip()  # quoted again in the house's quotes
    return OndergetekendeCtx(p.naam, people, decision, f"de {short}" if short[:1].islower() else short)


def _with_article(organ: str) -> str:
    if organ.startswith(("de ", "het ")):
        return organ
    return f"het {organ}" if organ.startswith(_HET) else f"de {organ}"


def overwegingen(m: model.DossierModel, cyclus: model.Cyclus) -> Md | None:
    """The recitals as one bulleted list: the agreements' own, else the dossier's, else the standard ones."""
    pa = cyclus.prestatieafspraken
    assert pa is not None
    own, src, field = _chosen(pa.overwegingen, _standard_texts(m).overwegingen, pa, m.dossier.src)
    if own is False or own == ():
        return None
    items = own if isinstance(own, tuple) else _standard_recitals(m, cyclus)
    return Md("\n".join(bullet_item(item) for item in items), src.at(*field))


def _standard_recitals(m: model.DossierModel, cyclus: model.Cyclus) -> tuple[str, ...]:
    pa = cyclus.prestatieafspraken
    assert pa is not None
    region = m.dossier.regio is not None
    recitals = [
        f"de woningcorporaties op grond van {m.regime.grondslag} naar redelijkheid bijdragen aan "
        f"de uitvoering van het volkshuisvestingsbeleid van de {'gemeenten' if region else 'gemeente'}, en "
        f"{'gemeenten' if region else 'gemeente'}, woningcorporaties en "
        "huurdersorganisaties daarover samen prestatieafspraken maken;",
        _woonvisie_recital(m, pa),
    ]
    if cyclus.bods:
        recitals.append(_bod_recital(m, cyclus.bods, pa.jaar))
    recitals.append(
        f"partijen in het tripartiete overleg over de afspraken voor {pa.jaar} hebben onderhandeld en de uitkomst "
        "daarvan in deze prestatieafspraken vastleggen;"
    )
    return tuple(recitals)


def _woonvisie_recital(m: model.DossierModel, pa: model.Prestatieafspraken) -> str:
    if m.woonvisies:
        return _regional_recital(m, pa)
    wv, r = m.woonvisie, m.regime
    if wv.vastgesteld is not None and wv.vastgesteld <= pa.datum:
        return (
            f"{adopter(m)} van {m.dossier.gemeente.naam} op {datum(wv.vastgesteld)} {r.lidwoord} {wv.titel} heeft "
            "vastgesteld, waarin het volkshuisvestingsbeleid van de gemeente staat;"
        )
    return f"de gemeente haar volkshuisvestingsbeleid beschrijft in {r.lidwoord} {wv.titel};"


ADOPTERS = {"gemeenteraad": "de gemeenteraad", "college": "het college van burgemeester en wethouders"}
"""The organ a `vastgesteld_door` in woonvisie.yaml names, with its article."""


def adopter(m: model.DossierModel, wv: model.Woonvisie | None = None) -> str:
    """Who adopted the policy document: woonvisie.yaml's `vastgesteld_door`, else the regime's adopter."""
    door = (wv or m.woonvisie).vastgesteld_door
    return ADOPTERS.get(door or "", m.regime.vaststeller)


def _regional_recital(m: model.DossierModel, pa: model.Prestatieafspraken) -> str:
    """Per gemeente of a region: its council adopted its woonvisie on a date, or it describes its policy in it."""
    names = {p.id: bare_name(p) for p in m.dossier.gemeenten()}
    r = m.regime
    each = []
    for wv in m.woonvisies:
        name = names.get(wv.gemeente or "", wv.gemeente or "")
        if wv.vastgesteld is not None and wv.vastgesteld <= pa.datum:
            adopted = (
                f"{adopter(m, wv)} van {name} heeft op {datum(wv.vastgesteld)} {r.lidwoord} {wv.titel} vastgesteld"
            )
            each.append(adopted)
        else:
            each.append(f"de gemeente {name} beschrijft het in {r.lidwoord} {wv.titel}")
    return f"de gemeenten hun volkshuisvestingsbeleid elk in een eigen {r.naam} beschrijven: {opsomming(each)};"


def _bod_recital(m: model.DossierModel, bods: tuple[model.Bod, ...], jaar: int) -> str:
    names = {p.id: p.naam for p in m.dossier.partijen}
    who = [names.get(b.corporatie, b.corporatie) + (f" op {datum(b.ingediend)}" if b.ingediend else "") for b in bods]
    verb = "heeft" if len(bods) == 1 else "hebben"
    their = "haar" if len(bods) == 1 else "hun"
    return (
        f"{opsomming(who)} op grond van {m.regime.grondslag_bod} een overzicht van {their} voorgenomen "
        f"werkzaamheden voor {jaar} en de jaren daarna (het bod) {verb} uitgebracht, waarop deze afspraken "
        "voortbouwen;"
    )


def slotbepalingen(m: model.DossierModel, pa: model.Prestatieafspraken) -> tuple[SlotbepalingCtx, ...]:
    """The closing articles the agreements keep, each the agreements' own text, the dossier's or the standard."""
    texts = _standard_texts(m)
    articles = []
    for name, title, standard in _ARTICLES:
        own, src, field = _chosen(getattr(pa, name), getattr(texts, name), pa, m.dossier.src, name)
        if own is False:
            continue
        text = (
            own
            if isinstance(own, str)
            else standard.format(j=pa.jaar, j1=pa.jaar + 1, j3=pa.jaar + 3, wet=m.regime.grondslag_geschil)
        )
        articles.append(SlotbepalingCtx(title, Md(text, src.at(*field))))
    return tuple(articles)


def _standard_texts(m: model.DossierModel) -> model.Standaardteksten:
    return m.dossier.instellingen.standaardteksten or model.Standaardteksten()


_Choice = str | tuple[str, ...] | bool | None


def _chosen(
    own: _Choice, dossier: _Choice, pa: model.Prestatieafspraken, dossier_src: model.Src, name: str = "overwegingen"
) -> tuple[_Choice, model.Src, tuple[str, ...]]:
    """The agreements' own value (text, list or False) if set, else the dossier's; with where it stands."""
    if own is not None and own is not True:
        return own, pa.src, (name,)
    if dossier is not None and dossier is not True and own is None:
        return dossier, dossier_src, ("instellingen", "standaardteksten", name)
    return None, pa.src, ()


_ARTICLES = (
    (
        "looptijd",
        "Looptijd en tussentijdse wijziging",
        "Deze afspraken gelden voor jaarschijf {j}: van 1 januari {j} tot en met 31 december {j}. De doorkijk naar "
        "{j1} tot en met {j3} is indicatief en bindt partijen niet; de afspraken voor die jaren maken partijen "
        "jaarlijks, op basis van het bod van de corporaties en de evaluatie.\n\n"
        "Partijen kunnen deze afspraken tussentijds alleen wijzigen of aanvullen als alle partijen daarmee "
        "schriftelijk instemmen. Een wijziging wordt als aanvulling bij deze afspraken gevoegd.",
    ),
    (
        "bijzondere_omstandigheden",
        "Bijzondere omstandigheden",
        "Doen zich omstandigheden voor die partijen bij het maken van deze afspraken niet hebben voorzien en die zo "
        "ingrijpend zijn dat een partij naar maatstaven van redelijkheid en billijkheid niet aan (een deel van) de "
        "afspraken kan worden gehouden, dan meldt zij dat zo snel mogelijk aan de andere partijen. Partijen "
        "overleggen dan over een oplossing die recht doet aan de doelen van deze afspraken en leggen een "
        "aanpassing schriftelijk vast.",
    ),
    (
        "rechtsopvolging",
        "Rechtsopvolging",
        "Deze afspraken binden ook de rechtsopvolgers van partijen. Een partij die fuseert, zich splitst of bezit "
        "overdraagt, zorgt ervoor dat haar rechtsopvolger deze afspraken overneemt, en meldt dat tijdig aan de "
        "andere partijen.",
    ),
    (
        "geschillen",
        "Geschillen",
        "Een verschil van mening over het maken of uitvoeren van deze afspraken bespreken partijen eerst in het "
        "tripartiete overleg; zij zoeken daar samen naar een oplossing.\n\n"
        "Komen partijen binnen zes maanden na het begin van het overleg over de prestatieafspraken niet tot "
        "overeenstemming, dan kan elk van hen op grond van {wet} binnen vier "
        "weken daarna de minister vragen een beslissing te nemen. De Commissie Geschilbeslechting "
        "Prestatieafspraken adviseert de minister daarover.",
    ),
)
"""Per closing article: its field, its title and its standard text ({j} is the jaarschijf, {wet} the legal basis)."""
