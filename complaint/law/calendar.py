"""The deadlines as an iCalendar file (RFC 5545) with reminders, for importing into a phone calendar."""
from __future__ import annotations

import datetime as dt
import uuid

from icalendar import Alarm, Calendar, Event

from complaint.law.deadlines import Deadline

PRODUCT_ID = "-//complaint//催收投诉助手//ZH"
NEUTRAL_PRODUCT_ID = "-//reminders//ZH"  # plain titles on: the file itself says nothing about debt either
REMINDER = dt.timedelta(hours=-15)  # 9:00 the morning before an all-day event


def ics(deadlines: list[Deadline], lang: str, now: dt.datetime, title: str,
        neutral: tuple[str, str] | None = None) -> str:
    """All-day events, each with a reminder the morning before.

    With `neutral` (a summary and a description, when plain titles are on) every event says only those, so a
    calendar someone else sees says nothing about debt, a complaint or who it is against."""
    product, host = (NEUTRAL_PRODUCT_ID, "reminders") if neutral else (PRODUCT_ID, "complaint")
    calendar = Calendar()
    for name, value in (("version", "2.0"), ("prodid", product), ("calscale", "GREGORIAN"), ("method", "PUBLISH")):
        calendar.add(name, value)
    for deadline in deadlines:
        what = deadline.what(lang)
        summary, description = neutral or (title + ("：" if lang == "zh" else ": ") + what, what)
        event = Event()
        event.add("uid", f"{uuid.uuid4()}@{host}")
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", description)
        alarm.add("trigger", REMINDER)
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical().decode()
