"""Read call logs and messages saved by Android's "SMS Backup & Restore" (calls-*.xml, sms-*.xml), streaming."""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

import defusedxml
from defusedxml.ElementTree import iterparse

from complaint.answers import clean
from complaint.evidence.imports.records import DEFAULT_ZONE, MAX_RECORDS, LogImportError, Record, zone

ROOTS = ("calls", "smses")
CALL_TYPES = {"1": "incoming", "2": "outgoing", "3": "missed", "4": "voicemail", "5": "rejected", "6": "blocked",
              "7": "incoming"}  # 7: answered on another device
MESSAGE_BOXES = {"1": "received", "2": "sent"}  # 3-6 (draft, outbox, failed, queued) were never exchanged
HIDDEN_NUMBERS = ("", "-1", "-2", "-3")
HIDDEN_PRESENTATIONS = ("2", "3")
MMS_FROM, MMS_TO = "137", "151"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_ELEMENTS_PER_RECORD = 20  # an MMS is a handful of elements (parts, addresses); room for long ones
# Elements still open are all kept until they close, so a file of nested or endless records is refused early:
# a backup nests three deep (smses > mms > parts > part) and an MMS holds a few dozen parts and addresses.
MAX_DEPTH = 8
MAX_RECORD_ELEMENTS = 1000
_MAX_TEXT_PART_BYTES = 100_000


def parse(stream: BinaryIO, tz: str = DEFAULT_ZONE, max_records: int = MAX_RECORDS) -> list[Record]:
    """Every call or exchanged message in the backup, in file order; raises LogImportError, never half a file."""
    local = zone(tz)
    records: list[Record] = []
    depth = seen = elements = inside = 0
    root: Element | None = None
    try:
        for event, elem in iterparse(stream, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                if root is None:
                    if elem.tag not in ROOTS:
                        raise LogImportError("not_backup", f"<{str(elem.tag)[:40]}>")
                    root = elem
                depth += 1
                inside += depth > 2
                if depth > MAX_DEPTH or inside > MAX_RECORD_ELEMENTS:
                    raise LogImportError("too_complex", f"depth {depth}, {inside} elements in one record")
                continue
            depth -= 1
            elements += 1
            if elements > max_records * _ELEMENTS_PER_RECORD:
                raise LogImportError("too_many", f"more than {max_records} records")
            if depth != 1:
                continue
            inside = 0
            seen += 1
            if seen > max_records:
                raise LogImportError("too_many", f"more than {max_records} records")
            records.extend(_record(elem, seen, local))
            root.clear()  # keep memory flat however long the file is
    except LogImportError:
        raise
    except ParseError as exc:
        broken = root is not None or _starts_like_backup(stream)
        raise LogImportError("damaged" if broken else "not_xml", str(exc)[:200]) from exc
    except defusedxml.DefusedXmlException as exc:
        raise LogImportError("unsafe_xml", type(exc).__name__) from exc
    except (LookupError, ValueError) as exc:  # an encoding declared that Python or expat cannot read
        raise LogImportError("not_xml", str(exc)[:100]) from exc
    if root is None:
        raise LogImportError("not_xml")
    return records


def _starts_like_backup(stream: BinaryIO) -> bool:
    """Whether a file that broke before its first element was complete opened like a backup (cut off early)."""
    if not stream.seekable():
        return False
    stream.seek(0)
    return re.search(rb"<(calls|smses)[\s>]", stream.read(4096)) is not None


def _record(elem: Element, n: int, local) -> list[Record]:
    if elem.tag == "call":
        return _call(elem, n, local)
    if elem.tag == "sms":
        return _sms(elem, n, local)
    if elem.tag == "mms":
        return _mms(elem, n, local)
    return []


def _call(elem: Element, n: int, local) -> list[Record]:
    direction = CALL_TYPES.get(_value(elem, "type"))
    if direction is None:
        return []  # vendor-specific kinds of entry that are not calls
    hidden = _value(elem, "presentation") in HIDDEN_PRESENTATIONS
    number = "" if hidden else _number(_value(elem, "number"))
    duration = _value(elem, "duration")
    return [Record(_when(elem, n, local), "call", number, direction,
                   duration_s=int(duration) if duration.isdigit() else None)]


def _sms(elem: Element, n: int, local) -> list[Record]:
    direction = MESSAGE_BOXES.get(_value(elem, "type"))
    if direction is None:
        return []
    number = _number(_value(elem, "address").split("~")[0])
    return [Record(_when(elem, n, local), "sms", number, direction, text=clean(_value(elem, "body")))]


def _mms(elem: Element, n: int, local) -> list[Record]:
    direction = MESSAGE_BOXES.get(_value(elem, "msg_box"))
    if direction is None:
        return []
    when = _when(elem, n, local)
    wanted = MMS_FROM if direction == "received" else MMS_TO
    numbers = [_value(a, "address") for a in elem.iter("addr") if _value(a, "type") == wanted]
    if not numbers:
        numbers = _value(elem, "address").split("~")
    if direction == "received":
        numbers = numbers[:1]
    text = _mms_text(elem)
    return [Record(when, "sms", _number(number), direction, text=text) for number in dict.fromkeys(numbers)]


def _mms_text(elem: Element) -> str:
    """The message's words, then a note of each attachment's kind, e.g. '[image/jpeg]'."""
    words = [_value(elem, "sub")] if _value(elem, "sub") else []
    attachments = []
    for part in elem.iter("part"):
        kind = _value(part, "ct").lower()
        if _value(part, "seq") == "-1" or kind == "application/smil":
            continue  # the slide layout, not content
        if kind.startswith("text/plain"):
            words.append(_value(part, "text") or _decoded(_value(part, "data")))
        else:
            attachments.append(f"[{kind or 'attachment'}]")
    return clean("\n".join(w for w in words + attachments if w))


def _decoded(data: str) -> str:
    if not data or len(data) > _MAX_TEXT_PART_BYTES:
        return ""
    try:
        return base64.b64decode(data, validate=False).decode("utf-8", errors="replace")
    except (binascii.Error, ValueError):
        return ""


def _value(elem: Element, name: str) -> str:
    """An attribute, with the backup's literal "null" read as empty."""
    value = (elem.get(name) or "").strip()
    return "" if value == "null" else value


def _number(value: str) -> str:
    value = clean(value)
    return "" if value in HIDDEN_NUMBERS or value == "null" else value


def _when(elem: Element, n: int, local) -> dt.datetime:
    raw = _value(elem, "date")
    if not raw.isdigit():
        raise LogImportError("bad_record", f"{elem.tag} {n}: date {raw[:30]!r}")
    stamp = int(raw)
    if stamp < 10**11:
        stamp *= 1000  # some MMS backups count seconds, not milliseconds
    try:
        return (_EPOCH + dt.timedelta(milliseconds=stamp)).astimezone(local)
    except OverflowError as exc:
        raise LogImportError("bad_record", f"{elem.tag} {n}: date {raw[:30]!r}") from exc
