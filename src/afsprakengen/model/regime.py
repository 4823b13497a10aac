"""The two legal regimes of the cycle (Woningwet 2015, Wvrv): every word and rule that differs between them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Regime:
    """One legal regime: the policy document's name and adopter, and the legal basis the agreements cite."""

    code: str
    """The value of `regime` in dossier.yaml."""
    naam: str
    """The policy document in lower case: 'woonvisie' or 'volkshuisvestingsprogramma'."""
    lidwoord: str
    """Its article: 'de' or 'het'."""
    vaststeller: str
    """Who adopts it, with article: 'de gemeenteraad' or 'het college van burgemeester en wethouders'."""
    vaststeller_kort: str
    """The `vastgesteld_door` value of that adopter in woonvisie.yaml: 'gemeenteraad' or 'college'."""
    een_vastgestelde: str
    """'een vastgestelde woonvisie', 'een vastgesteld volkshuisvestingsprogramma' (the adjective agrees)."""
    uittreksel: str
    """The title of the excerpt document: 'Woonvisie-uittreksel' or 'Uittreksel volkshuisvestingsprogramma'."""
    mijlpaal: str
    """The calendar's step for the policy document, before ' als basis voor J'."""
    grondslag: str
    """The legal basis of the agreements in the first recital, after 'op grond van'."""
    grondslag_bod: str
    """The legal basis of the bod in its recital, after 'op grond van'."""
    grondslag_geschil: str
    """The legal basis of the dispute route in the closing article, after 'op grond van'."""
    wet: str
    """The law as the documents name it."""

    @property
    def met_lidwoord(self) -> str:
        """'de woonvisie', 'het volkshuisvestingsprogramma'."""
        return f"{self.lidwoord} {self.naam}"

    @property
    def hoofdletter(self) -> str:
        """'Woonvisie', 'Volkshuisvestingsprogramma'."""
        return self.naam[:1].upper() + self.naam[1:]


_WVRV_LAW = "de Woningwet zoals gewijzigd door de Wet versterking regie volkshuisvesting"

WONINGWET_2015 = Regime(
    code="woningwet-2015",
    naam="woonvisie",
    lidwoord="de",
    vaststeller="de gemeenteraad",
    vaststeller_kort="gemeenteraad",
    een_vastgestelde="een vastgestelde woonvisie",
    uittreksel="Woonvisie-uittreksel",
    mijlpaal="Woonvisie / woonagenda",
    grondslag="de Woningwet (artikelen 42 tot en met 44)",
    grondslag_bod="artikel 43 van de Woningwet",
    grondslag_geschil="artikel 44, vierde lid, van de Woningwet",
    wet="de Woningwet",
)
"""The cycle of the Woningwet 2015 (art. 42-44a) and BTIV 2015 (art. 38-39): the default."""

WVRV = Regime(
    code="wvrv",
    naam="volkshuisvestingsprogramma",
    lidwoord="het",
    vaststeller="het college van burgemeester en wethouders",
    vaststeller_kort="college",
    een_vastgestelde="een vastgesteld volkshuisvestingsprogramma",
    uittreksel="Uittreksel volkshuisvestingsprogramma",
    mijlpaal="Volkshuisvestingsprogramma",
    grondslag=_WVRV_LAW,
    grondslag_bod=_WVRV_LAW,
    grondslag_geschil=_WVRV_LAW,
    wet=_WVRV_LAW,
)
"""The cycle of the Wet versterking regie volkshuisvesting (Kamerstuk 36512, novelle 36881)."""

REGIMES = {r.code: r for r in (WONINGWET_2015, WVRV)}
"""Every regime by its code in dossier.yaml."""


def regime(code: str | None) -> Regime:
    """The regime a dossier names; the Woningwet 2015 when it names none."""
    return REGIMES.get(code or WONINGWET_2015.code, WONINGWET_2015)
