"""The dossier's traffic-light scale: its own `instellingen.stoplicht`, or the five standard statuses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from afsprakengen.model import DossierModel


@dataclass(frozen=True)
class Niveau:
    """One level of the scale: the code written in evaluatie.yaml, the label documents show, its colour."""

    code: str
    label: str
    kleur: str
    """A hex colour with '#', e.g. '#66BB6A'."""
    toelichting_verplicht: bool = False
    """Whether an evaluation (or progress report) with this level must explain it (`toelichting`)."""

    @property
    def hex(self) -> str:
        """The colour as Word and the charts write it: six hex digits, upper case, no '#'."""
        return self.kleur.lstrip("#").upper()


Level = Niveau

STANDAARD: tuple[Niveau, ...] = (
    Niveau("gerealiseerd", "gerealiseerd", "#009E73"),
    Niveau("deels gerealiseerd", "deels gerealiseerd", "#E69F00"),
    Niveau("vertraagd", "vertraagd", "#56B4E9"),
    Niveau("niet gerealiseerd", "niet gerealiseerd", "#D55E00"),
    Niveau("vervallen", "vervallen", "#A6A6A6"),
)
"""The scale of a dossier without its own, best first: Okabe and Ito's palette, distinguishable with the common
forms of colour blindness (every status is also written out, so the colour is never the only sign)."""


def scale(m: DossierModel) -> tuple[Niveau, ...]:
    """The dossier's scale in its order: its own `instellingen.stoplicht`, else the standard five."""
    return m.dossier.instellingen.stoplicht or STANDAARD


def level(m: DossierModel, code: str) -> Niveau | None:
    """The level of the dossier's scale with this code, if any."""
    return next((n for n in scale(m) if n.code == code), None)


def is_standard(m: DossierModel) -> bool:
    """Whether the dossier uses the standard scale (its documents then explain the standard colours in words)."""
    return scale(m) == STANDAARD


BLACK_TEXT_CONTRAST = 4.5
"""WCAG 2.1 AA (success criterion 1.4.3): normal text at least 4.5:1 against its background."""


def contrast_with_black(hex_colour: str) -> float:
    """The WCAG contrast ratio of black text on this colour (1 to 21)."""
    return (_luminance(hex_colour) + 0.05) / 0.05


def readable_tint(hex_colour: str) -> str:
    """The colour mixed with white in steps of 5% until black text on it reaches 4.5:1 ('#RRGGBB')."""
    rgb = [int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    for step in range(21):
        mixed = "".join(f"{round(c + (255 - c) * step / 20):02X}" for c in rgb)
        if contrast_with_black(mixed) >= BLACK_TEXT_CONTRAST:
            return "#" + mixed
    return "#FFFFFF"


def _luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
