"""The dates of the cycle's MM-DD deadline settings in a given year."""

from __future__ import annotations

from calendar import monthrange
from datetime import date


def deadline(month_day: str, year: int) -> date:
    """The date of an MM-DD setting in a year; an impossible day (02-30, an error elsewhere) becomes the last."""
    month, day = (int(x) for x in month_day.split("-"))
    return date(year, month, min(day, monthrange(year, month)[1]))
