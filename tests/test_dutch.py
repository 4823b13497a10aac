"""Dutch formatting: a number formatted before is what Babel gives for exactly that value, kept or not."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

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
