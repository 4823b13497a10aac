"""The dossier as typed, frozen data; field names are the YAML keys, so the schema documents each one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from afsprakengen.load.yamlsource import Path_, SourceDoc
from afsprakengen.model.regime import Regime, regime
from afsprakengen.model.stoplicht import Niveau
from afsprakengen.problems import Location

Number = int | float
Value = int | float | str
"""A target, realised or outlook value: a number, or a text such as 'n.t.b.'."""


@dataclass(frozen=True)
class Src:
    """Where a piece of data came from, to point at it in a message."""

    doc: SourceDoc
    path: Path_

    def at(self, *sub: str | int, key: bool = False) -> Location:
        """The location of this item or of a field below it."""
        return self.doc.at((*self.path, *sub), key=key)


@dataclass(frozen=True)
class Ondertekenaar:
    """A person who signs for a party."""

    naam: str
    functie: str


@dataclass(frozen=True)
class Partij:
    """A party of the local triangle (gemeente, corporation, tenants' organisation) or an involved party."""

    id: str
    naam: str
    soort: str
    src: Src
    korte_naam: str | None = None
    rol: str | None = None
    ondertekenaars: tuple[Ondertekenaar, ...] = ()
    besluitorgaan: str | None = None
    """The organ whose decision the party acts on when it signs, e.g. 'het college van burgemeester en wethouders'."""
    logo: str | None = None
    """The path of the party's logo (PNG or JPEG), relative to the dossier folder."""


@dataclass(frozen=True)
class Thema:
    """A theme of the agreements, e.g. WZ Wonen met zorg."""

    code: str
    naam: str
    src: Src
    omschrijving: str | None = None
    btiv: tuple[str, ...] = ()
    """The subjects of BTIV art. 39 the theme's activities fall under, as letters (a-f) or names."""


@dataclass(frozen=True)
class Termijnen:
    """Deadlines as (month, day); bod and prestatieafspraken fall in J-1, verantwoording and evaluatie in J+1."""

    woonvisie: str = "01-31"
    bod: str = "07-01"
    prestatieafspraken: str = "12-15"
    verantwoording: str = "05-31"
    evaluatie: str = "06-30"


@dataclass(frozen=True)
class Instellingen:
    """Settings of the dossier."""

    termijnen: Termijnen = field(default_factory=Termijnen)
    afspraken_weergave: str = "kaarten"
    """kaarten (a card per agreement) or compact (one table row per agreement, the texts below the table)."""
    aanhalingstekens: str = "hoog"
    """hoog (“…”) or laag („…”): the quotes of the text the documents generate."""
    afkortingen: tuple[str, ...] = ()
    """Abbreviations check looks for besides words of two or more capitals, e.g. Wmo, azc."""
    standaard_voorbehouden: bool = True
    """Whether the standard provisos appear in agreements that state none of their own."""
    herkomst_in_voettekst: bool = False
    """Whether definitief documents show the Git commit in the footer too (concepts always do)."""
    standaardteksten: Standaardteksten | None = None
    """Dossier-wide texts of the legal framing, in place of the tool's standard ones."""
    sinds: int | None = None
    """The calendar year from which the dossier is kept: nothing due before it is reported late."""
    stoplicht: tuple[Niveau, ...] = ()
    """The dossier's own traffic-light scale (3 to 5 levels); empty for the standard one (`stoplicht.scale`)."""


@dataclass(frozen=True)
class Standaardteksten:
    """The legal framing of the agreements: per text markdown in place of the standard, False to leave it out."""

    overwegingen: tuple[str, ...] | bool | None = None
    looptijd: str | bool | None = None
    bijzondere_omstandigheden: str | bool | None = None
    rechtsopvolging: str | bool | None = None
    geschillen: str | bool | None = None


@dataclass(frozen=True)
class Gemeente:
    """The municipality (in a regional dossier: the region, from `regio`)."""

    naam: str
    provincie: str | None = None


@dataclass(frozen=True)
class Regio:
    """A regional dossier: several gemeenten make one set of agreements; the region's name is the documents' title."""

    naam: str
    provincie: str | None = None


@dataclass(frozen=True)
class Overleg:
    """A planned tripartite meeting of the parties."""

    datum: date
    onderwerp: str


@dataclass(frozen=True)
class KaderRegel:
    """One line of a kader: a target in a unit over a span of years, e.g. 170,000 nultredenwoningen in 2022-2030."""

    code: str
    omschrijving: str
    streefwaarde: Number
    eenheid: str
    periode: Periode
    src: Src


@dataclass(frozen=True)
class Kader:
    """A national or regional set of targets (national prestatieafspraken, a regional woondeal)."""

    code: str
    bron: str
    soort: str
    """nationaal or regionaal."""
    regels: tuple[KaderRegel, ...]
    src: Src
    url: str | None = None

    def ref(self, regel: KaderRegel) -> str:
        """How an agreement names one of its lines: KADER.REGEL."""
        return f"{self.code}.{regel.code}"


@dataclass(frozen=True)
class Dossier:
    """dossier.yaml: the municipality (or the region), its parties and themes, the planned meetings, the settings."""

    partijen: tuple[Partij, ...]
    themas: tuple[Thema, ...]
    src: Src
    gemeente: Gemeente = Gemeente("")
    """The municipality; in a regional dossier the region (its name and provincie from `regio`)."""
    regio: Regio | None = None
    instellingen: Instellingen = field(default_factory=Instellingen)
    overleggen: tuple[Overleg, ...] = ()
    regime: str = "woningwet-2015"
    """The legal regime of the cycle: woningwet-2015 or wvrv (see model/regime.py)."""

    kaders: tuple[Kader, ...] = ()
    """National and regional targets (kaders) the local agreements serve."""

    def __post_init__(self) -> None:
        """A regional dossier names no gemeente: the region stands in its place wherever one name is shown."""
        if self.regio is not None and not self.gemeente.naam:
            object.__setattr__(self, "gemeente", Gemeente(self.regio.naam, self.regio.provincie))

    def gemeenten(self) -> tuple[Partij, ...]:
        """The parties of soort gemeente, in their order."""
        return tuple(p for p in self.partijen if p.soort == "gemeente")


@dataclass(frozen=True)
class Doel:
    """A goal of the woonvisie."""

    code: str
    titel: str
    src: Src
    toelichting: str | None = None


@dataclass(frozen=True)
class WoonvisieThema:
    """The woonvisie's ambition and goals for one theme."""

    thema: str
    ambitie: str
    doelen: tuple[Doel, ...]
    src: Src


@dataclass(frozen=True)
class Periode:
    """A span of years."""

    van: int
    tot: int


@dataclass(frozen=True)
class Woonvisie:
    """woonvisie.yaml: the municipal housing vision the agreements build on."""

    titel: str
    themas: tuple[WoonvisieThema, ...]
    src: Src
    gemeente: str | None = None
    """In a regional dossier (woonvisie-<id>.yaml): the party id of the gemeente whose woonvisie this is."""
    vastgesteld: date | None = None
    periode: Periode | None = None
    bron: str | None = None
    inleiding: str | None = None
    vastgesteld_door: str | None = None
    """gemeenteraad or college: who adopted it; None is the regime's adopter."""


@dataclass(frozen=True)
class Activiteit:
    """An activity a corporation offers in its bod."""

    code: str
    thema: str
    titel: str
    doelen: tuple[str, ...]
    src: Src
    omschrijving: str | None = None
    eenheid: str | None = None
    aantallen: dict[int, Number] = field(default_factory=dict)
    investeringen: dict[int, Number] = field(default_factory=dict)
    btiv: tuple[str, ...] = ()
    """The subjects of BTIV art. 39 of this activity, in place of its theme's."""


KERNCIJFER_SOORTEN = ("bedrag", "aantal", "percentage", "tekst")
"""The kinds of key figure: euros, a count or quantity, a percentage (84.1 is 84,1%), or a text."""


@dataclass(frozen=True)
class Kerncijfer:
    """A key figure of the housing stock."""

    naam: str
    waarde: Value
    src: Src
    soort: str | None = None
    """bedrag, aantal, percentage or tekst; None: inferred by `kind()`."""
    eenheid: str | None = None
    peildatum: date | None = None
    bron: str | None = None

    def kind(self) -> str:
        """The soort; without one: tekst for a text, else by the eenheid (euro, procent), else aantal."""
        if self.soort is not None:
            return self.soort
        if isinstance(self.waarde, str):
            return "tekst"
        unit = (self.eenheid or "").lower()
        if unit.startswith(("euro", "€")):
            return "bedrag"
        if unit.startswith(("procent", "%")):
            return "percentage"
        return "aantal"


@dataclass(frozen=True)
class VoorraadJaar:
    """The changes to a corporation's stock in one year; the tool computes the stock at the end of the year."""

    nieuwbouw: int = 0
    aankoop: int = 0
    sloop: int = 0
    verkoop: int = 0
    liberalisatie: int = 0

    def saldo(self) -> int:
        """The net change: additions minus removals."""
        return self.nieuwbouw + self.aankoop - self.sloop - self.verkoop - self.liberalisatie


@dataclass(frozen=True)
class Voorraadontwikkeling:
    """The development of the stock: the stock on 1 January of J and the changes per year J .. J+4."""

    startvoorraad: int
    jaren: dict[int, VoorraadJaar]
    src: Src
    eenheid: str | None = None
    """What the stock counts, e.g. 'sociale huurwoningen'; None reads as woningen."""
    toelichting: str | None = None


@dataclass(frozen=True)
class Huurbeleid:
    """The corporation's rent policy: a text and a few figures."""

    tekst: str
    src: Src
    huurverhoging: dict[int, Number] = field(default_factory=dict)
    """The average rent increase per year as a percentage, e.g. 4.5 for 4,5%."""
    streefhuur: Number | None = None
    """The target rent as a percentage of the maximum rent under the points system."""
    inkomensafhankelijk: bool | None = None
    """Whether the corporation applies the income-related rent increase."""


@dataclass(frozen=True)
class ReactieHuurders:
    """The reaction of a tenants' organisation to a bod."""

    partij: str
    tekst: str
    src: Src
    datum: date | None = None


@dataclass(frozen=True)
class Bod:
    """<J>/bod-<corporatie>.yaml: a corporation's activity overview for J."""

    corporatie: str
    jaar: int
    status: str
    activiteiten: tuple[Activiteit, ...]
    src: Src
    ingediend: date | None = None
    versie: str | None = None
    inleiding: str | None = None
    voorraadontwikkeling: Voorraadontwikkeling | None = None
    huurbeleid: Huurbeleid | None = None
    kerncijfers: tuple[Kerncijfer, ...] = ()
    reactie_huurders: tuple[ReactieHuurders, ...] = ()


@dataclass(frozen=True)
class Indicator:
    """How an agreement is measured."""

    naam: str
    eenheid: str | None = None
    eenheid_enkelvoud: str | None = None
    streefwaarde: Value | None = None
    richting: str | None = None
    """minimaal, maximaal or exact; None reads a number as minimaal."""
    bron: str | None = None


@dataclass(frozen=True)
class Afspraak:
    """One agreement; its code is stable across negotiation rounds."""

    code: str
    thema: str
    titel: str
    tekst: str
    soort: str
    doelen: tuple[str, ...]
    src: Src
    trekker: str | None = None
    betrokken: tuple[str, ...] = ()
    gemeenten: tuple[str, ...] = ()
    """In a regional dossier: the gemeenten (party ids) the agreement applies to; empty: all of them."""
    activiteiten: tuple[str, ...] = ()
    termijn: str | None = None
    indicator: Indicator | None = None
    doorkijk: dict[int, Value] = field(default_factory=dict)
    kaders: tuple[str, ...] = ()
    """The kader lines (KADER.REGEL) the agreement serves."""


@dataclass(frozen=True)
class Wederkerigheid:
    """What one party commits to in return."""

    partij: str
    tekst: str
    src: Src


@dataclass(frozen=True)
class NietAfgesproken:
    """A subject deliberately left out of the agreements."""

    onderwerp: str
    toelichting: str | None = None


@dataclass(frozen=True)
class Begrip:
    """A glossary entry."""

    term: str
    uitleg: str


@dataclass(frozen=True)
class Ondertekening:
    """Where and when the agreements are signed."""

    plaats: str | None = None
    datum: date | None = None


@dataclass(frozen=True)
class Besluit:
    """The decision a party acts on when it signs: which organ took it, when, and its reference."""

    partij: str
    datum: date
    src: Src
    orgaan: str | None = None
    kenmerk: str | None = None


@dataclass(frozen=True)
class Prestatieafspraken:
    """<J>/prestatieafspraken.yaml: the agreements for J with the outlook J+1..J+3."""

    jaar: int
    versie: str
    status: str
    datum: date
    partijen: tuple[str, ...]
    inleiding: str
    afspraken: tuple[Afspraak, ...]
    src: Src
    ondertekening: Ondertekening | None = None
    grondslag: str | None = None
    wederkerigheid: tuple[Wederkerigheid, ...] = ()
    monitoring: str | None = None
    voorbehouden: tuple[str, ...] = ()
    niet_afgesproken: tuple[NietAfgesproken, ...] = ()
    kerncijfers: tuple[Kerncijfer, ...] = ()
    begrippen: tuple[Begrip, ...] = ()
    besluiten: tuple[Besluit, ...] = ()
    comparitie: str | bool | None = None
    overwegingen: tuple[str, ...] | bool | None = None
    looptijd: str | bool | None = None
    bijzondere_omstandigheden: str | bool | None = None
    rechtsopvolging: str | bool | None = None
    geschillen: str | bool | None = None


@dataclass(frozen=True)
class EvaluatieRegel:
    """The evaluation of one agreement."""

    afspraak: str
    status: str
    vervolg: str
    src: Src
    realisatie: Value | None = None
    toelichting: str | None = None
    vervolg_toelichting: str | None = None
    vervolg_afspraken: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vaststelling:
    """Who adopted the evaluation (a body, optionally with the parties in it) and on which day."""

    door: str
    datum: date
    partijen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Investering:
    """What a corporation really invested in J, set against its bod."""

    corporatie: str
    gerealiseerd: Number
    src: Src
    toelichting: str | None = None


@dataclass(frozen=True)
class ActiviteitRealisatie:
    """What one activity of a bod of J really achieved in J."""

    activiteit: str
    gerealiseerd: Number
    src: Src
    toelichting: str | None = None


@dataclass(frozen=True)
class Evaluatie:
    """<J>/evaluatie.yaml: the joint evaluation of J, written in J+1."""

    jaar: int
    status: str
    datum: date
    evaluaties: tuple[EvaluatieRegel, ...]
    src: Src
    versie: str | None = None
    vastgesteld: Vaststelling | None = None
    samenvatting: str | None = None
    conclusies: str | None = None
    input_volgende_cyclus: tuple[str, ...] = ()
    investeringen: tuple[Investering, ...] = ()
    activiteiten: tuple[ActiviteitRealisatie, ...] = ()


@dataclass(frozen=True)
class Verzoek:
    """The request for overleg about a bod (Woningwet art. 44 lid 1): when, by whom, its text or file."""

    datum: date
    door: str
    src: Src
    tekst: str | None = None
    bestand: str | None = None
    """The request as a file, relative to the dossier folder."""


@dataclass(frozen=True)
class Bijeenkomst:
    """A meeting of the overleg about a bod."""

    datum: date
    onderwerp: str
    src: Src


@dataclass(frozen=True)
class Standpunt:
    """One party's position on a disputed point (markdown)."""

    partij: str
    standpunt: str
    src: Src


@dataclass(frozen=True)
class Geschilpunt:
    """A point the parties disagree on, optionally about an agreement, with each party's position."""

    omschrijving: str
    standpunten: tuple[Standpunt, ...]
    src: Src
    afspraak: str | None = None


@dataclass(frozen=True)
class Overlegtraject:
    """The overleg about one corporation's bod: received, requested, started, the meetings and disputed points."""

    corporatie: str
    bod_ontvangen: date
    verzoek: Verzoek
    src: Src
    overleg_gestart: date | None = None
    """The start of the overleg; the six months of Woningwet art. 44 lid 4 run from this day."""
    bijeenkomsten: tuple[Bijeenkomst, ...] = ()
    geschilpunten: tuple[Geschilpunt, ...] = ()


@dataclass(frozen=True)
class Overlegtrajecten:
    """<J>/overleg.yaml: the overleg about the bods for J, per corporation (the dispute route)."""

    jaar: int
    corporaties: tuple[Overlegtraject, ...]
    src: Src


@dataclass(frozen=True)
class VoortgangRegel:
    """The state of one agreement on a peildatum during the year."""

    afspraak: str
    status: str
    src: Src
    realisatie: Value | None = None
    toelichting: str | None = None


@dataclass(frozen=True)
class Voortgang:
    """<J>/voortgang-<peildatum>.yaml: the progress of the agreements of J on a day during the year."""

    jaar: int
    peildatum: date
    status: str
    afspraken: tuple[VoortgangRegel, ...]
    src: Src
    samenvatting: str | None = None


@dataclass(frozen=True)
class Cyclus:
    """Everything of one jaarschijf J."""

    jaar: int
    bods: tuple[Bod, ...] = ()
    prestatieafspraken: Prestatieafspraken | None = None
    evaluatie: Evaluatie | None = None
    overleg: Overlegtrajecten | None = None
    voortgang: tuple[Voortgang, ...] = ()
    """The progress reports of the year, by peildatum (the earliest first)."""


@dataclass(frozen=True)
class DossierModel:
    """The whole dossier, after every file passed its schema."""

    dossier: Dossier
    woonvisie: Woonvisie
    cycli: tuple[Cyclus, ...]
    map: Path | None = None
    """The dossier folder, for the files dossier.yaml names (logos); None when it is not on disk."""
    woonvisies: tuple[Woonvisie, ...] = ()
    """A regional dossier's woonvisie per gemeente (woonvisie-<id>.yaml); `woonvisie` is then all of them in one."""

    def alle_woonvisies(self) -> tuple[Woonvisie, ...]:
        """Each woonvisie file: the one of a single-gemeente dossier, or a regional dossier's per gemeente."""
        return self.woonvisies or (self.woonvisie,)

    @property
    def regime(self) -> Regime:
        """The legal regime the dossier's cycle follows."""
        return regime(self.dossier.regime)

    def partij(self, party_id: str) -> Partij | None:
        """The party with this id, if any."""
        return next((p for p in self.dossier.partijen if p.id == party_id), None)

    def cyclus(self, jaar: int) -> Cyclus | None:
        """The cycle of year J, if the dossier has one."""
        return next((c for c in self.cycli if c.jaar == jaar), None)

    def kaderregels(self) -> dict[str, tuple[Kader, KaderRegel]]:
        """Every kader line by its reference KADER.REGEL, in order (the first of a code used twice)."""
        lines: dict[str, tuple[Kader, KaderRegel]] = {}
        for k in self.dossier.kaders:
            for r in k.regels:
                lines.setdefault(k.ref(r), (k, r))
        return lines

    def doelen(self) -> tuple[Doel, ...]:
        """All woonvisie goals in order."""
        return tuple(d for t in self.woonvisie.themas for d in t.doelen)
