"""One call or message read from a phone's log, its JSON form, and the error an unusable file raises."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from complaint.answers import fold
from complaint.config import DEFAULTS
from complaint.refusal import Refused

DEFAULT_ZONE = DEFAULTS["TIMEZONE"]  # the app's TIMEZONE when unset: Beijing
CALL_DIRECTIONS = ("incoming", "outgoing", "missed", "rejected", "blocked", "voicemail")
MESSAGE_DIRECTIONS = ("received", "sent")
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_RECORDS = 200_000  # in a backup (XML): years of messages
MAX_ROWS = 50_000  # in a call list (CSV) or a list of recording names: a year of 100 calls a day is 36,500


class LogImportError(Refused):
    """The file cannot be imported; nothing from it is kept.

    `code`: unreadable | empty | too_large | too_many | too_many_rows | too_complex | not_xml | unsafe_xml
    | not_backup | damaged | bad_record | unknown_columns | unknown_kind | unknown_zone.
    """


@dataclass(frozen=True)
class Record:
    """A call or text message: when (timezone-aware), from or to which number ("" when hidden), which way."""

    when: dt.datetime
    channel: str  # "call" | "sms"
    number: str
    direction: str  # CALL_DIRECTIONS for calls, MESSAGE_DIRECTIONS for messages
    duration_s: int | None = None
    text: str = ""

    def __post_init__(self):
        if self.when.tzinfo is None:
            raise ValueError("a record's time must carry its timezone")
        allowed = CALL_DIRECTIONS if self.channel == "call" else MESSAGE_DIRECTIONS if self.channel == "sms" else ()
        if self.direction not in allowed:
            raise ValueError(f"{self.channel!r} record cannot be {self.direction!r}")


def to_json(record: Record) -> dict:
    """The record as a JSON-ready dict: ISO 8601 time with offset; duration for calls, text for messages."""
    data = {"datetime": record.when.isoformat(timespec="seconds"), "channel": record.channel,
            "number": record.number, "direction": record.direction}
    if record.channel == "call":
        data["duration_s"] = record.duration_s
    else:
        data["text"] = record.text
    return data


def zone(name: str) -> ZoneInfo:
    """The IANA timezone called `name`, or LogImportError('unknown_zone')."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise LogImportError("unknown_zone", str(name)[:60]) from exc


_NOT_DIGITS = re.compile(r"\D")
_MOBILE_WITH_86 = re.compile(r"861[3-9]\d{9}")
_DIALLED_AS_IS = re.compile(r"0|1[3-9]\d{9}$|[48]00\d{7}$")


@functools.lru_cache(maxsize=4096)  # a log repeats a few numbers thousands of times
def number_key(number: str) -> str:
    """Digits that identify a number whatever way it was written: '+86 170-0000-1234' → '17000001234'."""
    text = fold(number)
    digits = _NOT_DIGITS.sub("", text)
    international = text.startswith("+86") or digits.startswith("0086")
    if international:
        digits = digits[4:] if digits.startswith("0086") else digits[2:]
    elif len(digits) == 13 and _MOBILE_WITH_86.fullmatch(digits):
        digits = digits[2:]
    if international and len(digits) >= 9 and not _DIALLED_AS_IS.match(digits):
        digits = "0" + digits  # +86 10 1234 5678 is dialled at home as 010-1234 5678
    return digits


def sort_key(record: Record) -> tuple:
    return (record.when, record.channel, record.number, record.direction, record.text)
