"""Parse and check the values people type: ID numbers, phone numbers, amounts and times (dates: dates.py)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from complaint import clock

# Longest accepted answers, shared by the forms and the case-file schema.
MAX_LENGTH = {
    "name": 100, "phone": 40, "contact": 300, "lender": 200, "product": 200, "account": 100,
    "agency": 200, "alias": 100, "number": 60, "source": 100, "description": 2000, "other": 1000,
    "reference": 100, "caption": 200, "purpose": 300,
}
MAX_ALIASES = 20
MAX_NUMBERS = 50
# Limits no real case meets, that keep one case's pages and letters to seconds (README: Limits). A case file
# over them is refused on open; the schema says the same (docs/case-file.schema.json).
MAX_INCIDENTS = 500
MAX_EVIDENCE = 200
MAX_TIMES = 10000
MAX_AMOUNT = Decimal("999999999999.99")
FEN = Decimal("0.01")  # amounts are kept to the fen, as written on a contract

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")
ID_PATTERN = _ID_SHAPE.pattern


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    """Free text as typed: trimmed, with Windows line ends and invisible control characters removed."""
    return _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()


def fold(text: str) -> str:
    """Numbers and codes: fold full-width digits and letters (common with Chinese keyboards), then trim."""
    return unicodedata.normalize("NFKC", text or "").strip()


def normalise_id_number(text: str) -> str:
    return fold(text).replace(" ", "").upper()


def id_number_problem(text: str) -> str | None:
    """Why an 18-character resident ID number (GB 11643) is wrong: 'shape', 'date', 'check' — or None."""
    number = normalise_id_number(text)
    if not _ID_SHAPE.fullmatch(number):
        return "shape"
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "date"
    if born.year < 1900 or born > clock.today():
        return "date"
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _ID_WEIGHTS, strict=True))
    return None if _ID_CHECK[total % 11] == number[17] else "check"


_PHONE_ALLOWED = re.compile(r"^[+\d][\d\s\-()#*]*$")


def normalise_phone(text: str) -> str:
    """Tidy a phone number for display without rejecting real-world forms (+86, landlines, 95xxx, 400)."""
    number = re.sub(r"[\s\-()]", "", fold(text))
    if number.startswith("+86") and len(number) == 14:
        number = number[3:]
    elif number.startswith("0086") and len(number) == 15:
        number = number[4:]
    if re.fullmatch(r"1[3-9]\d{9}", number):  # mobile
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    if re.fullmatch(r"[48]00\d{7}", number):  # 400 / 800 service numbers
        return f"{number[:3]} {number[3:6]} {number[6:]}"
    if re.fullmatch(r"0\d{9,11}", number):  # landline: 010 and 02x have 3-digit area codes, the rest 4
        area = 3 if number[1] in "12" else 4
        return f"{number[:area]}-{number[area:]}"
    return number or fold(text)


def phone_looks_real(text: str) -> bool:
    """Accept anything a phone could show: digits with +, spaces, dashes, brackets; at least 3 digits."""
    value = fold(text)
    return bool(_PHONE_ALLOWED.match(value)) and sum(ch.isdigit() for ch in value) >= 3


def whole_number(text: str, digits: int) -> int | None:
    """A whole number of 1 to `digits` plain digits 0–9 (full-width ones folded); None otherwise."""
    value = fold(text)
    return int(value) if re.fullmatch(f"[0-9]{{1,{digits}}}", value) else None


def parse_amount(text: str) -> Decimal | None:
    """Read an amount in yuan ('12,000', '¥3500.5', '8000元') to the fen (12000.00); None when it is not a plain
    amount."""
    value = fold(text).replace(",", "").replace("，", "").replace("¥", "").replace("￥", "")
    value = value.removesuffix("元").removeprefix("RMB").strip()
    if not re.fullmatch(r"[0-9]{1,12}(\.[0-9]{1,2})?", value):
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern already rules this out
        return None
    return amount.quantize(FEN) if amount <= MAX_AMOUNT else None


_TIME_FORMS = (
    re.compile(r"([0-9]{1,2})[:：.]([0-9]{2})"),
    re.compile(r"([0-9]{2})([0-9]{2})"),
    re.compile(r"([0-9]{1,2})[点時时](?:([0-9]{1,2})分?)?"),
)


def parse_time(text: str) -> str | None:
    """Read a 24-hour clock time ('22:40', '2240', '22点40分') as 'HH:MM'; None when it isn't one."""
    value = fold(text).replace(" ", "")
    for form in _TIME_FORMS:
        if match := form.fullmatch(value):
            hour, minute = int(match[1]), int(match[2] or 0)
            if hour < 24 and minute < 60:
                return f"{hour:02d}:{minute:02d}"
    return None

