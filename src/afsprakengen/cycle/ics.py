"""Milestones as an iCalendar file (RFC 5545): published, reproducible, a reminder two weeks ahead, stable UIDs."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from afsprakengen.cycle.milestones import Milestone, YearCalendar
from afsprakengen.dutch import dag
from afsprakengen.load.provenance import commit_time, git_provenance, source_date_epoch
from afsprakengen.model import Overleg

REMINDER = timedelta(days=-14)
BEFORE = frozenset({"bod", "ondertekening"})
"""Steps the law wants done before their date ("vóór 1 juli"): the event is on the last day allowed."""
SEQUENCE_START = datetime(2020, 1, 1, tzinfo=UTC)
"""SEQUENCE counts the minutes of the stamp since then, so a newer calendar has a higher one."""


def milestone_uid(m: Milestone, gemeente: str) -> str:
    """A UID that stays the same for the same step, so a subscribed calendar updates instead of duplicating."""
    party = f"-{m.partij}" if m.partij else ""
    return f"{m.key}-{m.jaar}{party}@{_slug(gemeente)}.afsprakengen"


def overleg_uid(o: Overleg, gemeente: str) -> str:
    """A UID for a planned meeting: its date, which the dossier gives once per meeting."""
    return f"overleg-{o.datum.isoformat()}@{_slug(gemeente)}.afsprakengen"


def _slug(gemeente: str) -> str:
    """'Súdwest-Fryslân' -> 'sudwest-fryslan': accents dropped by Unicode decomposition, not the letters."""
    plain = unicodedata.normalize("NFKD", gemeente).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "gemeente"


def calendar_stamp(year: int, root: Path | None) -> datetime:
    """When the calendar was last changed, the same on every run: SOURCE_DATE_EPOCH when set; else the time of the
    last Git commit that changed the dossier's folder (without uncommitted changes), else the newest file time of its
    YAML files; without a dossier 1 January of the year."""
    stamp = source_date_epoch()
    if stamp is not None:
        return stamp
    if root is None:
        return datetime(year, 1, 1, tzinfo=UTC)
    committed = commit_time(root)
    if committed is not None and not git_provenance(root).dirty:
        return committed
    times = [p.stat().st_mtime for p in root.rglob("*.yaml")]
    return datetime.fromtimestamp(int(max(times, default=0)), UTC)


def calendar_ics(year_cal: YearCalendar, stamp: datetime) -> bytes:
    """An iCalendar file to publish: an all-day event per milestone and per planned meeting, each still to come with
    a reminder 14 days before; DTSTAMP and LAST-MODIFIED are the stamp, so the same dossier gives the same bytes.

    A milestone the dossier shows done keeps its event (so a calendar that has it stays right) without a reminder.
    """
    cal = Calendar()
    cal.add("prodid", "-//afsprakengen//prestatieafspraken//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Prestatieafspraken {year_cal.gemeente}")
    for m in year_cal.milestones:
        done = m in year_cal.done
        summary = f"{_summary(m)} (gedaan)" if done else _summary(m)
        description = f"Jaarschijf {m.jaar}. Verantwoordelijk: {m.verantwoordelijk}."
        event = _event(milestone_uid(m, year_cal.gemeente), summary, _span(m), description, stamp)
        cal.add_component(event if done else _reminded(event, summary))
    for o in year_cal.overleggen:
        summary = f"Tripartiet overleg: {o.onderwerp}"
        description = "Gepland overleg van de gemeente, de corporaties en de huurdersorganisaties."
        event = _event(overleg_uid(o, year_cal.gemeente), summary, (o.datum, o.datum), description, stamp)
        cal.add_component(_reminded(event, summary))
    return bytes(cal.to_ical())


def _span(m: Milestone) -> tuple[date, date]:
    """The days of a milestone's event: a step due before a date ends the day before; so does the negotiation."""
    day = timedelta(days=1)
    if m.key in BEFORE:
        return m.start - day, m.end - day
    if m.key == "onderhandeling":
        return m.start, m.end - day
    return m.start, m.end


def _event(uid: str, summary: str, span: tuple[date, date], description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", max(0, int((stamp - SEQUENCE_START).total_seconds() // 60)))
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
    """The step, its party, and for a deadline the law's word: 'vóór 1 juli' or 'uiterlijk 30 juni'."""
    who = f" ({m.verantwoordelijk})" if m.partij else ""
    if m.is_period:
        return f"{m.titel}{who}"
    when = f"vóór {dag(m.end)}" if m.key in BEFORE else f"uiterlijk {dag(m.end)}"
    return f"{m.titel}{who}, {when}"
