"""Import calls and messages from a phone: tell the kind of file from its content, read it, filter, combine."""
from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterable
from pathlib import Path

from complaint.evidence.imports import android_xml, csv_calls, filenames
from complaint.evidence.imports.records import (
    DEFAULT_ZONE,
    MAX_FILE_BYTES,
    LogImportError,
    Record,
    number_key,
    sort_key,
    to_json,
)

__all__ = ["LogImportError", "Record", "deduplicate", "read_log", "select", "to_json"]

MAX_TEXT_BYTES = 16 * 1024 * 1024  # a CSV of MAX_ROWS calls is 3-8 MB; text is read whole, XML is streamed
_SNIFF_BYTES = 64 * 1024
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def read_log(source: bytes | str | os.PathLike, filename: str = "", tz: str = DEFAULT_ZONE) -> list[Record]:
    """Every call or message in a backup XML, a CSV call list or a list of recording names, sorted by time.

    `source` is the file's content or its path; `filename` is only used for a single recording's own name.
    Raises LogImportError when nothing usable can be read; never returns part of a file.
    """
    if isinstance(source, (bytes, bytearray)):
        size, head = len(source), bytes(source[:_SNIFF_BYTES])
    else:
        path = Path(source)
        filename = filename or path.name
        try:
            size = path.stat().st_size
            with path.open("rb") as stream:
                head = stream.read(_SNIFF_BYTES)
        except OSError as exc:
            raise LogImportError("unreadable", exc.strerror or type(exc).__name__) from exc
    if size > MAX_FILE_BYTES:
        raise LogImportError("too_large", f"{size} bytes")
    if not head.strip():
        raise LogImportError("empty")
    if _looks_like_xml(head):
        with _open(source) as stream:
            records = android_xml.parse(stream, tz)
    else:
        records = _read_text(source, head, size, filename, tz)
    return sorted(records, key=sort_key)


def select(records: Iterable[Record], numbers: Iterable[str] = (), since: dt.date | None = None,
           until: dt.date | None = None) -> list[Record]:
    """Records from or to any of `numbers` (all when none given), dated from `since` to `until` inclusive."""
    wanted = {key for key in map(number_key, numbers) if key}
    return sorted((r for r in records
                   if (not wanted or number_key(r.number) in wanted)
                   and (since is None or r.when.date() >= since)
                   and (until is None or r.when.date() <= until)), key=sort_key)


def deduplicate(records: Iterable[Record]) -> list[Record]:
    """Records from overlapping backups combined: a call once per time and number, a message once per time,
    number and direction. The first copy seen is kept."""
    unique: dict[tuple, Record] = {}
    for record in records:
        key = (record.channel, record.when, number_key(record.number))
        if record.channel == "sms":
            key += (record.direction,)
        unique.setdefault(key, record)
    return sorted(unique.values(), key=sort_key)


def _looks_like_xml(head: bytes) -> bool:
    return head.removeprefix(_BOMS[0]).lstrip().startswith(b"<")


def _open(source):
    if isinstance(source, (bytes, bytearray)):
        return io.BytesIO(source)
    return Path(source).open("rb")


def _read_text(source, head: bytes, size: int, filename: str, tz: str) -> list[Record]:
    """A CSV call list or a list of recording names; or, for a file that is not text, a recording's own name."""
    if b"\x00" in head and not head.startswith(_BOMS[1:]):
        record = filenames.parse_name(filename, tz) if filename else None
        if record is None:
            raise LogImportError("unknown_kind", "not a call log, message backup, CSV or recording")
        return [record]
    if size > MAX_TEXT_BYTES:
        raise LogImportError("too_large", f"{size} bytes of text")
    data = bytes(source) if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    text = _decode(data)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first:
        raise LogImportError("empty")
    if csv_calls.recognises(first):
        return csv_calls.parse(text, tz)
    if filenames.parse_name(first, tz):
        return filenames.parse_names(text, tz)
    raise LogImportError("unknown_kind", f"first line {first[:60]!r}")


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 — what Chinese phones and Excel write."""
    if data.startswith(_BOMS[1:]):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LogImportError("unknown_kind", "text in an unknown encoding")
