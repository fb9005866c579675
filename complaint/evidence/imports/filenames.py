"""Read when a call was recorded (and with whom) from a call-recording's file name: MIUI, Samsung, generic."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

from complaint.answers import fold
from complaint.evidence.imports.records import DEFAULT_ZONE, MAX_ROWS, LogImportError, Record, zone

# Tried in this order; each refuses digits running on, so a phone number is never read as a date.
_SAMSUNG = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?!\d)")
_GENERIC = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})[ _T](\d{2})[-.:](\d{2})[-.:](\d{2})(?!\d)")
_MIUI = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?!\d)")
_SAMSUNG_SHORT = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?!\d)")  # One UI: 260210_231500
_NUMBER = re.compile(r"\+?\d[\d \-]{1,22}\d")
_OUTGOING = re.compile(r"(?:^|[^a-z])(?:outgoing|out)(?:[^a-z]|$)|呼出|去电|拨出", re.IGNORECASE)


def parse_name(name: str, tz: str = DEFAULT_ZONE) -> Record | None:
    """The call a recording's file name describes, in local time `tz`; None when the name carries no time."""
    local = zone(tz)
    stem = PurePath(fold(name).replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    for pattern in (_SAMSUNG, _GENERIC, _MIUI, _SAMSUNG_SHORT):
        for match in pattern.finditer(stem):
            parts = [int(part) for part in match.groups()]
            if pattern is _SAMSUNG_SHORT:
                parts[0] += 2000
            try:
                when = dt.datetime(*parts, tzinfo=local)
            except ValueError:
                continue
            if not 2000 <= when.year <= 2099:
                continue
            rest = stem[:match.start()] + " _ " + stem[match.end():]
            return Record(when, "call", _number(rest), _direction(rest))
    return None


def parse_names(text: str, tz: str = DEFAULT_ZONE, max_records: int = MAX_ROWS) -> list[Record]:
    """One call per line of a list of recording file names; a line without a time is an error, not skipped."""
    records = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if len(records) >= max_records:
            raise LogImportError("too_many_rows", f"more than {max_records} names")
        record = parse_name(line.strip(), tz)
        if record is None:
            raise LogImportError("bad_record", f"line {line_number}: no date and time in {line.strip()[:60]!r}")
        records.append(record)
    return records


def _number(rest: str) -> str:
    """The longest run of digits (spaces and dashes allowed inside) with at least 5 digits, as digits."""
    runs = [re.sub(r"[ \-]", "", m.group()) for m in _NUMBER.finditer(rest)]
    runs = [run for run in runs if sum(ch.isdigit() for ch in run) >= 5]
    return max(runs, key=len, default="")


def _direction(rest: str) -> str:
    return "outgoing" if _OUTGOING.search(rest) else "incoming"  # recorded calls are mostly received
