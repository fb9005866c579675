"""The deadlines as an iCalendar file (RFC 5545) with reminders, for importing into a phone calendar."""
from __future__ import annotations

import datetime as dt
import uuid

from complaint.law.deadlines import Deadline

PRODUCT_ID = "-//complaint//催收投诉助手//ZH"
NEUTRAL_PRODUCT_ID = "-//reminders//ZH"  # plain titles on: the file itself says nothing about debt either


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space, never inside a character."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def ics(deadlines: list[Deadline], lang: str, now: dt.datetime, title: str,
        neutral: tuple[str, str] | None = None) -> str:
    """All-day events, each with a reminder the morning before.

    With `neutral` (a summary and a description, when plain titles are on) every event says only those, so a
    calendar someone else sees says nothing about debt, a complaint or who it is against."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    product, host = (NEUTRAL_PRODUCT_ID, "reminders") if neutral else (PRODUCT_ID, "complaint")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{product}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for deadline in deadlines:
        what = deadline.what(lang)
        summary, description = neutral or (title + ("：" if lang == "zh" else ": ") + what, what)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uuid.uuid4()}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{deadline.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{deadline.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(description)}",
            "TRIGGER:-PT15H",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
