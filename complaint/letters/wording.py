"""How the letters write dates, lists, amounts and incident numbers in each letter language."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from complaint.answers import fold, normalise_phone
from complaint.model import Incident

_DATE_PATTERNS = {"zh": {"day": "y年M月d日", "month": "y年M月"},
                  "en": {"day": "d MMMM y", "month": "MMMM y"}}
_ZH_DIGITS = "零一二三四五六七八九"
_PHONE = re.compile(r"[\d\s+\-()]+")


def date(day: dt.date, lang: str, month_only: bool = False) -> str:
    return format_date(day, _DATE_PATTERNS[lang]["month" if month_only else "day"], locale=lang)


def phone(value: str) -> str:
    """A phone number written the one way every letter writes it (139 1234 5678, 0755-88886666); others as given."""
    if _PHONE.fullmatch(fold(value)) and sum(ch.isdigit() for ch in value) >= 7:
        return normalise_phone(value)
    return value


def short_when(incident: Incident) -> str:
    """Date and time for a table cell: 2026-03-02 22:40, or 2026-03 for a month."""
    return f"{incident.date} {incident.time}".strip()


def join(items: list[str], lang: str) -> str:
    items = [i for i in items if i]
    if lang == "zh":
        return "、".join(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# From this many consecutive incidents on, a list names the first and the last: “事件1至200” reads better than two
# hundred numbers, and each number was a word for WeasyPrint to lay out on every line of the evidence list.
RANGE_FROM = 5


def _ranges(numbers: list[int], lang: str) -> list[str]:
    """The numbers as words, with each run of RANGE_FROM or more consecutive ones as a range."""
    words, start = [], 0
    for end, number in enumerate(numbers):
        if end + 1 < len(numbers) and numbers[end + 1] == number + 1:
            continue
        run = numbers[start:end + 1]
        if len(run) >= RANGE_FROM:
            words.append(f"{run[0]}至{run[-1]}" if lang == "zh" else f"{run[0]} to {run[-1]}")
        else:
            words += [str(n) for n in run]
        start = end + 1
    return words


def incident_refs(numbers, lang: str) -> str:
    """“事件1、3”, “incidents 1 and 3”; a long run of consecutive incidents as a range: “事件1至12、15”."""
    numbers = list(numbers)
    words = _ranges(numbers, lang)
    if lang == "zh":
        return "事件" + "、".join(words)
    return ("incident " if len(numbers) == 1 else "incidents ") + join(words, "en")


def plural(count: int, one: str, other: str, lang: str = "en") -> str:
    """“1 item”, “4 items”: the count with the word in the form the language's plural rules (CLDR) choose.

    Letters are written in their own language, apart from the interface's gettext catalogue, so the
    plural form comes from Babel's rules for the letter language rather than from ngettext.
    """
    return f"{count} {one if Locale.parse(lang).plural_form(count) == 'one' else other}"


def amount(value: Decimal, lang: str) -> str:
    written = format_decimal(value, "#,##0.00", locale=lang)
    return f"{written}元" if lang == "zh" else f"CNY {written}"


def chinese_number(n: int) -> str:
    """A whole number (0 or more) in Chinese numerals, for numbering the parts of a Chinese letter: 十一,
    一百零一, 一百一十, 一千零五, 一万零一十."""
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        return chinese_number(high) + "万" + ("零" if 0 < low < 1000 else "") + _below_ten_thousand(low)
    if n == 0:
        return _ZH_DIGITS[0]
    written = _below_ten_thousand(n)
    return written[1:] if 10 <= n < 20 else written  # 十五, not 一十五, when it stands alone


def _below_ten_thousand(n: int) -> str:
    written, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            written += ("零" if gap else "") + _ZH_DIGITS[digit] + unit
            gap = False
        elif written:
            gap = True  # a missing place between two digits is read as one 零
    return written


def sentence(text: str) -> str:
    """End a user's text with a full stop in its own script (。 after Chinese, . after Latin) when it has none."""
    text = text.strip()
    if not text or text[-1] in "。！？!?.…”\"）)":
        return text
    return text + ("。" if "\u2e80" <= text[-1] <= "\uffef" else ".")
