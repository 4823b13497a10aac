"""Dutch formatting: a number formatted before is what Babel gives for exactly that value, kept or not."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from afsprakengen import dutch


def test_a_number_formatted_before_gives_what_babel_gives_for_exactly_that_value() -> None:
    values: list[float | Decimal] = [0.0, -0.0, 0, 1, 1.0, 1.5, Decimal("1.50"), 1234567.891, -12.5, 1e-7]
    for _ in range(2):  # the second time from what was kept
        for value in values:
            assert dutch.getal(value) == format_decimal(value, locale="nl_NL"), value  # type: ignore[arg-type]
            pattern = "¤\u00a0#,##0" if float(value).is_integer() else "¤\u00a0#,##0.00"
            expected = format_currency(value, "EUR", format=pattern, locale="nl_NL", currency_digits=False)
            assert dutch.euro(value) == expected, value  # type: ignore[arg-type]
    assert (dutch.getal(-0.0), dutch.getal(0.0), dutch.euro(-0.0)) == ("-0", "0", "-€\u00a00")


def test_a_whole_number_is_what_babel_gives_for_it_without_asking_babel() -> None:
    wholes = [0, 5, -5, 999, 1000, -1000, 123456789, -987654321, 10**20, -(10**19) - 1, *range(-20_000, 20_000, 37)]
    for value in wholes:
        assert dutch.getal(value) == format_decimal(value, locale="nl_NL"), value
    assert dutch.getal(10**30) == "1" + ".000" * 10  # where Babel's decimal context gives up (InvalidOperation)


def test_a_date_formatted_before_gives_what_babel_gives_and_a_datetime_is_not_taken_for_its_date() -> None:
    dates = [date(2026, 12, 15), date(2027, 1, 1)]
    for _ in range(2):
        for value in dates:
            assert dutch.datum(value) == format_date(value, format="long", locale="nl_NL")
            assert dutch.dag(value) == format_date(value, format="d MMMM", locale="nl_NL")
    assert (dutch.datum(date(2026, 12, 15)), dutch.dag(date(2026, 12, 15))) == ("15 december 2026", "15 december")
    late = datetime(2026, 12, 15, 23, 30, tzinfo=UTC)
    assert dutch.datum(late) == format_date(late, format="long", locale="nl_NL")


def test_a_percentage_formatted_before_gives_what_babel_gives_for_exactly_that_value() -> None:
    values: list[float | Decimal] = [0.0, -0.0, 1, 1.0, 0.875, Decimal("0.8750"), 0.03]
    for _ in range(2):
        for value in values:
            assert dutch.procent(value) == format_percent(value, format="#,##0.#%", locale="nl_NL")  # type: ignore[arg-type]
            tenths = format_percent(value, format="#,##0.0%", locale="nl_NL")
            assert dutch.procent(value, tiende=True) == tenths  # type: ignore[arg-type]
    assert (dutch.procent(0.875), dutch.procent(0.03, tiende=True), dutch.procent(0.03)) == ("87,5%", "3,0%", "3%")


def test_a_list_formatted_before_gives_the_same_words() -> None:
    for _ in range(2):
        assert dutch.opsomming(["A", "B", "C"]) == "A, B en C"
        assert dutch.opsomming(iter(["Woonstad"])) == "Woonstad"
        assert dutch.opsomming([1, 2]) == "1 en 2"  # type: ignore[list-item]
        assert dutch.opsomming([]) == ""
