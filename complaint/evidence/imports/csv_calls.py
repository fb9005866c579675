"""Read a call list saved as CSV (from a phone, an operator's bill, or typed in Excel), Chinese or English headers."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

from complaint.answers import clean, fold
from complaint.evidence.imports.records import DEFAULT_ZONE, MAX_ROWS, LogImportError, Record, zone

# Header words (folded, lower case, brackets and spaces removed) → what the column holds.
COLUMNS = {
    "datetime": ("通话时间", "日期时间", "呼叫时间", "开始时间", "通话开始时间", "起始时间", "来电时间", "datetime",
                 "date/time", "calltime", "starttime", "timestamp"),
    "date": ("日期", "通话日期", "date", "calldate"),
    "time": ("时间", "time"),
    "number": ("号码", "电话", "电话号码", "对方号码", "手机号", "手机号码", "联系号码", "来电号码", "通话号码",
               "number", "phone", "phonenumber", "caller", "callernumber", "from"),
    "duration": ("时长", "通话时长", "duration", "length", "seconds"),
    "direction": ("类型", "方向", "通话类型", "呼叫类型", "呼叫方向", "通话方向", "type", "direction", "calltype"),
}
DIRECTIONS = {
    "incoming": ("呼入", "来电", "已接", "已接来电", "接听", "被叫",
                 "incoming", "in", "received", "answered", "1", "7"),
    "outgoing": ("呼出", "去电", "拨出", "已拨", "已拨电话", "主叫", "outgoing", "out", "dialed", "dialled", "2"),
    "missed": ("未接", "未接来电", "未接听", "missed", "3"),
    "voicemail": ("语音信箱", "留言", "voicemail", "4"),
    "rejected": ("拒接", "已拒接", "拒绝", "挂断", "rejected", "declined", "5"),
    "blocked": ("拦截", "已拦截", "骚扰拦截", "blocked", "6"),
}
_DIRECTION_OF = {word: direction for direction, words in DIRECTIONS.items() for word in words}
_COLUMN_OF = {word: role for role, words in COLUMNS.items() for word in words}

_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_HALF = r"(上午|下午|晚上|凌晨|am|pm)?"
_TIME = r"(\d{1,2})\s*[:时点]\s*(\d{1,2})\s*分?(?::?\s*(\d{1,2})(?:\.\d+)?\s*秒?)?"
_DATETIME = re.compile(rf"^{_DATE}(?:\s*T?\s*{_HALF}\s*{_TIME}\s*{_HALF})?\s*(z|[+-]\d{{2}}:?\d{{2}})?$", re.IGNORECASE)
_TIME_ONLY = re.compile(rf"^{_HALF}\s*{_TIME}\s*{_HALF}$", re.IGNORECASE)
_AFTERNOON = ("下午", "晚上", "pm")
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})$")
_WORDS = re.compile(r"^(?:(\d+)\s*(?:小时|时|h))?\s*(?:(\d+)\s*(?:分钟|分|m|min))?\s*(?:(\d+)\s*(?:秒|s|sec))?$")


def header_roles(header: list[str]) -> dict[str, int]:
    """Which column holds what, e.g. {'datetime': 0, 'number': 1}; the first matching column wins."""
    roles: dict[str, int] = {}
    for index, name in enumerate(header):
        role = _COLUMN_OF.get(_header_word(name))
        if role and role not in roles:
            roles[role] = index
    return roles


def recognises(first_line: str) -> bool:
    """Whether a file's first line is a call list's header: a time column and a number column."""
    try:
        header = next(csv.reader([first_line], delimiter=_delimiter(first_line)), [])
    except csv.Error:
        return False
    return _usable(header_roles(header))


def parse(text: str, tz: str = DEFAULT_ZONE, max_records: int = MAX_ROWS) -> list[Record]:
    """Every call in the CSV, local times read in `tz`; raises LogImportError naming the row that is wrong."""
    local = zone(tz)
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(first))
    try:
        return _rows(rows, local, max_records)
    except csv.Error as exc:
        raise LogImportError("damaged", f"line {rows.line_num}: {exc}"[:200]) from exc


def _rows(rows, local, max_records: int) -> list[Record]:
    header = next((row for row in rows if any(cell.strip() for cell in row)), None)
    if header is None:
        raise LogImportError("empty")
    roles = header_roles(header)
    if not _usable(roles):
        found = ", ".join(cell.strip()[:20] for cell in header[:10])
        raise LogImportError("unknown_columns", f"found {found}; need a time column (时间/日期/date/time) "
                                                f"and a number column (号码/电话/number/phone)")
    records = []
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(records) >= max_records:
            raise LogImportError("too_many_rows", f"more than {max_records} rows")
        records.append(_row(row, roles, rows.line_num, local))
    return records


def _row(row: list[str], roles: dict[str, int], line: int, local) -> Record:
    def cell(role: str) -> str:
        index = roles.get(role)
        return clean(fold(row[index])) if index is not None and index < len(row) else ""

    if "datetime" in roles:
        stamp = cell("datetime")
    elif "date" in roles and "time" in roles and _TIME_ONLY.match(cell("time")):
        stamp = f"{cell('date')} {cell('time')}"
    else:
        stamp = cell("date") or cell("time")
    when = parse_local_time(stamp, local)
    if when is None:
        raise LogImportError("bad_record", f"line {line}: time {stamp[:40]!r} (needs date and time of day)")
    word = cell("direction").lower().replace(" ", "")
    direction = _DIRECTION_OF.get(word, "incoming" if not word else None)
    if direction is None:
        raise LogImportError("bad_record", f"line {line}: call type {word[:20]!r}")
    duration = cell("duration")
    seconds = parse_duration(duration)
    if duration and seconds is None:
        raise LogImportError("bad_record", f"line {line}: duration {duration[:20]!r}")
    return Record(when, "call", cell("number"), direction, duration_s=seconds)


def parse_local_time(text: str, local) -> dt.datetime | None:
    """'2026-02-10 23:15[:00]', '2026/2/10 23:15', '2026年2月10日 23时15分', ISO with offset, or epoch ms.

    A date without a time of day is refused: guessing midnight would invent night calls.
    """
    text = text.strip()
    if re.fullmatch(r"\d{13}", text):
        return dt.datetime.fromtimestamp(int(text) / 1000, tz=local)
    match = _DATETIME.match(text)
    if not match or match[5] is None:
        return None
    year, month, day, hour, minute = (int(match[i]) for i in (1, 2, 3, 5, 6))
    half = (match[4] or match[8] or "").lower()
    if half and hour > 12:
        return None
    if half:
        hour = hour % 12 + (12 if half in _AFTERNOON else 0)  # 下午11:15 is 23:15, 上午12:05 is 00:05
    try:
        when = dt.datetime(year, month, day, hour, minute, int(match[7] or 0))
    except ValueError:
        return None
    if match[9]:
        offset = "+00:00" if match[9].lower() == "z" else match[9]
        try:
            return dt.datetime.fromisoformat(when.isoformat() + offset).astimezone(local)
        except ValueError:  # an offset no clock has, like +99:99
            return None
    return when.replace(tzinfo=local)


def parse_duration(text: str) -> int | None:
    """Seconds from '83', '83秒', '1分23秒', '1m23s', '00:01:23' or '01:23'; None when unreadable or empty."""
    text = text.strip().lower().replace(" ", "")
    if text.isdigit():
        return int(text)
    if match := _CLOCK.match(text):
        return int(match[1] or 0) * 3600 + int(match[2]) * 60 + int(match[3])
    if text and (match := _WORDS.match(text)):
        return int(match[1] or 0) * 3600 + int(match[2] or 0) * 60 + int(match[3] or 0)
    return None


def _usable(roles: dict[str, int]) -> bool:
    return "number" in roles and bool({"datetime", "date", "time"} & set(roles))


def _header_word(name: str) -> str:
    word = fold(name).lstrip("\ufeff").lower()
    word = re.sub(r"[(\[（【].*?[)\]）】]", "", word)  # "通话时长(秒)", "Duration (s)"
    return re.sub(r"[\s_\-]", "", word)


def _delimiter(line: str) -> str:
    return max((",", "\t", ";"), key=line.count)
