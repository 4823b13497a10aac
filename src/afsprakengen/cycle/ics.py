"""Milestones as an iCalendar file (RFC 5545) with a reminder two weeks ahead and stable UIDs."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from afsprakengen.cycle.milestones import Milestone, YearCalendar
from afsprakengen.model import Overleg

REMINDER = timedelta(days=-14)


def milestone_uid(m: Milestone, gemeente: str) -> str:
    """A UID that stays the same for the same step, so importing again updates instead of duplicating."""
    party = f"-{m.partij}" if m.partij else ""
    return f"{m.key}-{m.jaar}{party}@{_slug(gemeente)}.afsprakengen"


def overleg_uid(o: Overleg, gemeente: str) -> str:
    """A UID for a planned meeting: its date, which the dossier gives once per meeting."""
    return f"overleg-{o.datum.isoformat()}@{_slug(gemeente)}.afsprakengen"


def _slug(gemeente: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", gemeente.lower()).strip("-") or "gemeente"


def calendar_ics(year_cal: YearCalendar, stamp: datetime) -> bytes:
    """An iCalendar file: an all-day event per milestone and per planned meeting, a reminder 14 days before each.

    A milestone the dossier shows done keeps its event (so a calendar that has it stays right) without a reminder.
    """
    cal = Calendar()
    cal.add("prodid", "-//afsprakengen//prestatieafspraken//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Prestatieafspraken {year_cal.gemeente}")
    for m in year_cal.milestones:
        done = m in year_cal.done
        summary = f"{_summary(m)} (gedaan)" if done else _summary(m)
        description = f"Jaarschijf {m.jaar}. Verantwoordelijk: {m.verantwoordelijk}."
        event = _event(milestone_uid(m, year_cal.gemeente), summary, (m.start, m.end), description, stamp)
        cal.add_component(event if done else _reminded(event, summary))
    for o in year_cal.overleggen:
        summary = f"Tripartiet overleg: {o.onderwerp}"
        description = "Gepland overleg van de gemeente, de corporaties en de huurdersorganisaties."
        event = _event(overleg_uid(o, year_cal.gemeente), summary, (o.datum, o.datum), description, stamp)
        cal.add_component(_reminded(event, summary))
    return bytes(cal.to_ical())


def _event(uid: str, summary: str, span: tuple[date, date], description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", span[0])
    event.add("dtend", span[1] + timedelta(days=1))
    event.add("description", description)
    event.add("categories", ["Prestatieafspraken"])
    event.add("transp", "TRANSPARENT")
    return event


def _reminded(event: Event, summary: str) -> Event:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Over twee weken: {summary}")
    alarm.add("trigger", REMINDER)
    event.add_component(alarm)
    return event


def _summary(m: Milestone) -> str:
    who = f" ({m.verantwoordelijk})" if m.partij else ""
    return f"{m.titel}{who}"
