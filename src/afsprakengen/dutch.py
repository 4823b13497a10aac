"""Dutch (nl-NL) formatting of dates, money, numbers, percentages and lists, through Babel.

Babel is imported by the function that formats (it takes a while to load), so `check` without a number
to warn about, `status` and `--help` never load it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

LOCALE = "nl_NL"


@cache
def _nl() -> Locale:
    """Babel's nl_NL locale, parsed once (Babel parses a locale name on every call otherwise)."""
    from babel import Locale

    return Locale.parse(LOCALE)


def datum(value: date) -> str:
    """15 december 2026."""
    return _dated("long", value)


def dag(value: date) -> str:
    """15 december (the day and month, no year)."""
    return _dated("d MMMM", value)


def _dated(pattern: str, value: date) -> str:
    """A date formatted; a plain date remembered by its value (a datetime, with its time zone, is not)."""
    return _kept_date(pattern, value) if type(value) is date else _format_date(pattern, value)


@lru_cache(maxsize=1024)
def _kept_date(pattern: str, value: date) -> str:
    """A plain date formatted, remembered: the same dates recur in every document of a dossier."""
    return _format_date(pattern, value)


def _format_date(pattern: str, value: date) -> str:
    from babel.dates import format_date

    return format_date(value, format=pattern, locale=_nl())


def euro(value: float) -> str:
    """€ 1.234.567 (whole euros) or € 1.234,50; a non-breaking space keeps sign and amount together."""
    return _kept(_euro, repr(value), value)


def _euro(value: float) -> str:
    from babel.numbers import format_currency

    whole = float(value).is_integer()
    pattern = "¤\u00a0#,##0" if whole else "¤\u00a0#,##0.00"
    return format_currency(value, "EUR", format=pattern, locale=_nl(), currency_digits=False)


def getal(value: float | str) -> str:
    """1.234,5 for numbers; text (such as 'n.t.b.') as it is."""
    if isinstance(value, str):
        return value
    if type(value) is int:
        return _whole(value)
    return _kept(_decimal, repr(value), value)


def _whole(value: int) -> str:
    """A whole number as Babel's nl-NL decimal format writes it (groups of three after a dot, a hyphen before a
    negative one; tested against Babel), without Babel's ~20 µs: a long cycle has thousands of distinct figures,
    more than `_kept` keeps."""
    return f"{value:,}".replace(",", ".")


def _decimal(value: float) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_nl())


@lru_cache(maxsize=4096)
def _kept(format_: Callable[[float], str], text: str, value: float) -> str:
    """A number formatted, remembered by its exact text (repr: -0.0 is not 0.0, 1 is not 1.0): the same figures
    recur in every document of a dossier and in every dossier of a batch, and Babel takes a while for each."""
    return format_(value)


def procent(value: float, *, tiende: bool = False) -> str:
    """87,5% for 0.875; with `tiende` always one decimal (3,0%), for a column of percentages."""
    return _kept(_TENTHS if tiende else _PERCENT, repr(value), value)


def _percent(pattern: str, value: float) -> str:
    from babel.numbers import format_percent

    return format_percent(value, format=pattern, locale=_nl())


_PERCENT, _TENTHS = partial(_percent, "#,##0.#%"), partial(_percent, "#,##0.0%")


def opsomming(items: Iterable[str]) -> str:
    """A, B en C."""
    listed = tuple(str(i) for i in items)
    return _listed(listed) if listed else ""


@lru_cache(maxsize=1024)
def _listed(items: tuple[str, ...]) -> str:
    """Texts listed, remembered by the texts: the same parties and codes are listed in many places."""
    from babel.lists import format_list

    return format_list(list(items), locale=_nl())


def termijn(value: str) -> str:
    """'2027' -> 2027, '2027-Q2' -> 2e kwartaal 2027, '2027-06-30' -> 30 juni 2027."""
    if len(value) == 7 and value[5] == "Q":
        return f"{value[6]}e kwartaal {value[:4]}"
    if len(value) == 10:
        return datum(date.fromisoformat(value))
    return value


QUOTES = {"hoog": ("“", "”"), "laag": ("„", "”")}
"""The quotes of instellingen.aanhalingstekens: hoog “…” (the default) or laag „…”."""


def aanhalen(text: str, stijl: str = "hoog") -> str:
    """“Woonstad” (hoog) or „Woonstad” (laag)."""
    opening, closing = QUOTES.get(stijl, QUOTES["hoog"])
    return f"{opening}{text}{closing}"


def vast(text: str) -> str:
    """The text with non-breaking spaces, so it never breaks over two lines: `{{ d|datum|vast }}` (31 december 2025)."""
    return str(text).replace(" ", "\u00a0")


FILTERS: dict[str, Callable[..., str]] = {
    "datum": datum,
    "euro": euro,
    "getal": getal,
    "procent": procent,
    "opsomming": opsomming,
    "termijn": termijn,
    "vast": vast,
}
"""The Jinja filters every template can use."""
