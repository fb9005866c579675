"""Turn imported calls and messages into draft incidents: one per day, number and channel, described in Chinese.

The description holds only what the incident's own fields do not (how the calls ended, the span of the day, what
the messages said): the letters already say when, how often and from which number. Its words are in
rules/imports.toml.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from complaint.answers import MAX_LENGTH, MAX_TIMES, normalise_phone
from complaint.dates import PartialDate
from complaint.evidence.imports.records import DEFAULT_ZONE, Record, number_key, sort_key, zone
from complaint.law import rules
from complaint.law.findings import CALLS_A_DAY, is_night_time
from complaint.model import Incident

RECEIVED = ("incoming", "missed", "rejected", "blocked", "voicemail", "received")
CALL_KINDS = ("missed", "rejected", "blocked", "voicemail", "incoming")  # how a received call ended, in this order


def group_into_incidents(records: Iterable[Record], tz: str = DEFAULT_ZONE) -> list[Incident]:
    """Draft incidents, in date order, from the calls and messages received; the user's own calls are left out."""
    return grouped(records, tz)[0]


def grouped(records: Iterable[Record], tz: str = DEFAULT_ZONE, room: int | None = None) -> tuple[list[Incident], dict]:
    """The first `room` (default all) draft incidents in date order, and what the others held: {incidents,
    contacts, first, last}, or {} for none. Only the incidents kept are written out: a log can hold 200,000 calls."""
    local = zone(tz)
    groups: dict[tuple, list[tuple[dt.datetime, Record]]] = {}
    for record in sorted(records, key=sort_key):
        if record.direction not in RECEIVED:
            continue
        when = record.when.astimezone(local)
        groups.setdefault((when.date(), number_key(record.number), record.channel), []).append((when, record))
    # The order of the incidents' own sort key, then their number, as the letters list them.
    ordered = sorted(groups.items(), key=lambda group: (group[0][0], group[1][0][0].strftime("%H:%M"),
                                                        _source(group[1][0][1].number)))
    cut = len(ordered) if room is None else max(room, 0)
    kept, rest = ordered[:cut], ordered[cut:]
    incidents = [_incident(day, channel, items) for (day, _, channel), items in kept]
    if not rest:
        return incidents, {}
    return incidents, {"incidents": len(rest), "contacts": sum(len(items) for _, items in rest),
                       "first": min(day for (day, _, _), _ in rest).isoformat(),
                       "last": max(day for (day, _, _), _ in rest).isoformat()}


def _source(number: str) -> str:
    return normalise_phone(number)[:MAX_LENGTH["source"]] if number else ""


def _incident(day: dt.date, channel: str, items: list[tuple[dt.datetime, Record]]) -> Incident:
    clock = [when.strftime("%H:%M") for when, _ in items]
    behaviours = [b for b, shown in (("night_calls", any(is_night_time(t) for t in clock)),
                                     ("excessive_calls", len(items) > CALLS_A_DAY)) if shown]
    describe = _describe_calls if channel == "call" else _describe_messages
    number = items[0][1].number
    return Incident(
        date=PartialDate.of(day),
        time=clock[0],
        channel=channel,
        source=_source(number),
        description=describe(number, clock, [record for _, record in items])[:MAX_LENGTH["description"]],
        # The case-file schema needs one behaviour; a single daytime contact is the user's to explain.
        behaviours=behaviours or ["other"],
        targets=["self"],
        times=min(len(items), MAX_TIMES),
        evidence=["call_log"] if channel == "call" else ["messages"],
    )


def _words() -> dict[str, str]:
    return rules.load().imports["describe"]


def _span(clock: list[str]) -> str:
    return _words()["span"].format(first=clock[0], last=clock[-1]) if len(clock) > 1 else ""


def _describe_calls(number: str, clock: list[str], records: list[Record]) -> str:
    words, ended = _words(), rules.load().imports["calls"]
    counts = {kind: sum(r.direction == kind for r in records) for kind in CALL_KINDS}
    kinds = [(ended[kind], n) for kind, n in counts.items() if n]
    if len(kinds) == 1:
        detail = words["all_ended"].format(kind=kinds[0][0]) if len(records) > 1 else kinds[0][0]
    else:
        detail = words["ended"].format(counts="、".join(words["ended_count"].format(kind=label, n=n)
                                                        for label, n in kinds))
    talked = sum(r.duration_s or 0 for r in records if r.direction == "incoming")
    if talked:
        detail += words["talked"].format(duration=_duration(talked))
    return ("" if number else words["hidden_caller"]) + f"{detail}{_span(clock)}。"


def _describe_messages(number: str, clock: list[str], records: list[Record]) -> str:
    words = _words()
    text = ("" if number else words["hidden_sender"]) + (f"{_span(clock)[1:]}。" if len(clock) > 1 else "")
    quotes = [f"“{_shortened(r.text)}”" for r in records if r.text]
    room = MAX_LENGTH["description"] - len(text) - 40  # leave room for the note of what was left out
    shown = []
    for quote in quotes:
        room -= len(quote) + 1
        if room < 0:
            break
        shown.append(quote)
    if not shown:
        return text or words["no_content"]
    left_out = len(quotes) - len(shown)
    return text + words["content"] + "；".join(shown) + (words["left_out"].format(n=left_out) if left_out else "。")


def _shortened(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())  # one line per quote, however the message was laid out
    return text if len(text) <= limit else text[:limit] + "……"


def _duration(seconds: int) -> str:
    words = _words()
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return ((words["hours"].format(n=hours) if hours else "") + (words["minutes"].format(n=minutes) if hours or minutes
            else "") + words["seconds"].format(n=secs))
