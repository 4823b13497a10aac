"""Rules on a bod's own figures: key figures fit their soort, the stock stays positive, years are years of the bod."""

from __future__ import annotations

from collections.abc import Iterator

from afsprakengen.model import Bod, DossierModel, Kerncijfer, Voorraadontwikkeling
from afsprakengen.problems import Problem, error

BOD_YEARS = 5
"""A bod covers J and four years of doorkijk (Woningwet art. 43: the next five calendar years)."""


def _bods(m: DossierModel) -> Iterator[Bod]:
    for c in m.cycli:
        yield from c.bods


def key_figure_kinds(m: DossierModel) -> Iterator[Problem]:
    """A key figure of soort tekst has a text as its waarde; a bedrag, aantal or percentage has a number."""
    for bod in _bods(m):
        for k in bod.kerncijfers:
            yield from _kind_fits(k)
    for c in m.cycli:
        for k in c.prestatieafspraken.kerncijfers if c.prestatieafspraken else ():
            yield from _kind_fits(k)


def _kind_fits(k: Kerncijfer) -> Iterator[Problem]:
    kind = k.kind()
    if kind == "tekst" and not isinstance(k.waarde, str):
        message = f"key figure '{k.naam}' has soort tekst, but its waarde is a number: quote it or pick another soort"
        yield error(k.src.at("waarde"), message)
    elif kind != "tekst" and isinstance(k.waarde, str):
        message = (
            f"key figure '{k.naam}' has soort {kind}, so its waarde must be a number, not '{k.waarde}'; "
            "write the number without € or %, or use soort: tekst"
        )
        yield error(k.src.at("waarde"), message)


def stock_development(m: DossierModel) -> Iterator[Problem]:
    """The stock development gives the years J .. J+4 from J on without gaps, and the stock never drops below 0."""
    for bod in _bods(m):
        v = bod.voorraadontwikkeling
        if v is not None:
            yield from _stock_years(v, bod.jaar)
            yield from _stock_positive(v)


def _stock_years(v: Voorraadontwikkeling, year: int) -> Iterator[Problem]:
    allowed = range(year, year + BOD_YEARS)
    for y in sorted(v.jaren):
        if y not in allowed:
            message = f"{y} is not a year of this bod: the stock development covers {year} to {year + BOD_YEARS - 1}"
            yield error(v.src.at("jaren", str(y), key=True), message)
    inside = sorted(y for y in v.jaren if y in allowed)
    missing = [y for y in range(year, inside[-1]) if y not in v.jaren] if inside else []
    if missing:
        listed = ", ".join(str(y) for y in missing)
        message = f"the stock development skips {listed}: give every year from {year} on (write 0 for no change)"
        yield error(v.src.at("jaren", key=True), message)


def _stock_positive(v: Voorraadontwikkeling) -> Iterator[Problem]:
    stock = v.startvoorraad
    for y in sorted(v.jaren):
        stock += v.jaren[y].saldo()
        if stock < 0:
            message = f"the stock at the end of {y} would be {stock}: more homes leave than the stock has"
            yield error(v.src.at("jaren", str(y), key=True), message)
            return


def rent_years(m: DossierModel) -> Iterator[Problem]:
    """The rent increases of the huurbeleid are for years of the bod."""
    for bod in _bods(m):
        policy = bod.huurbeleid
        if policy is None:
            continue
        last = bod.jaar + BOD_YEARS - 1
        for y in sorted(policy.huurverhoging):
            if not bod.jaar <= y <= last:
                message = f"{y} is not a year of this bod: give the huurverhoging for {bod.jaar} to {last}"
                yield error(policy.src.at("huurverhoging", str(y), key=True), message)


def activity_years(m: DossierModel) -> Iterator[Problem]:
    """The aantallen and investeringen of an activity are for years of the bod."""
    for bod in _bods(m):
        last = bod.jaar + BOD_YEARS - 1
        for a in bod.activiteiten:
            for field, per_year in (("aantallen", a.aantallen), ("investeringen", a.investeringen)):
                for y in sorted(per_year):
                    if not bod.jaar <= y <= last:
                        message = f"{y} is not a year of this bod: give the {field} for {bod.jaar} to {last}"
                        yield error(a.src.at(field, str(y), key=True), message)


BOD_RULES = (key_figure_kinds, stock_development, rent_years, activity_years)
