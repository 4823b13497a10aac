"""Milestones as an iCalendar file (RFC 5545) with a reminder two weeks ahead and stable UIDs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

from afsprakengen.cycle.milestones import Milestone

REMINDER = timedelta(days=-14)


def milestone_uid(m: Milestone, gemeente: str) -> str:
    """A UID that stays the same for the same step, so importing again updates instead of duplicating."""
    party = f"-{m.partij}" if m.partij else ""
    slug = re.sub(r"[^a-z0-9]+", "-", gemeente.lower()).strip("-") or "gemeente"
    return f"{m.key}-{m.jaar}{party}@{slug}.afsprakengen"


def calendar_ics(milestones: Iterable[Milestone], gemeente: str, stamp: datetime) -> bytes:
    """An iCalendar file with one all-day event per milestone, each with a display alarm 14 days before."""
    cal = Calendar()
    cal.add("prodid", "-//afsprakengen//prestatieafspraken//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Prestatieafspraken {gemeente}")
    for m in milestones:
        cal.add_component(_event(m, gemeente, stamp))
    return bytes(cal.to_ical())


def _event(m: Milestone, gemeente: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", milestone_uid(m, gemeente))
    event.add("dtstamp", stamp)
    event.add("summary", _summary(m))
    event.add("dtstart", m.start)
    event.add("dtend", m.end + timedelta(days=1))
    event.add("description", f"Jaarschijf {m.jaar}. Verantwoordelijk: {m.verantwoordelijk}.")
    event.add("categories", ["Prestatieafspraken"])
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Over twee weken: {_summary(m)}")
    alarm.add("trigger", REMINDER)
    event.add_component(alarm)
    return event


def _summary(m: Milestone) -> str:
    who = f" ({m.verantwoordelijk})" if m.partij else ""
    return f"{m.titel}{who}"
