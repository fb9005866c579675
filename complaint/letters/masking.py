"""Mask a document's text for public complaint platforms: ID numbers, account numbers, names and phone numbers."""
from __future__ import annotations

import re

from complaint.model import Case

# A date is matched first so that "2026-02-10 23:15" is never read as a phone number.
_NUMBER_RUN = re.compile(r"(?P<date>(?<!\d)\d{4}-\d{2}(?:-\d{2})?(?!\d))|(?<![\d])\+?\d[\d \-]{5,}\d(?![\d])")
_ID = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")


def _keep_ends(value: str, head: int, tail: int) -> str:
    """Keep `head` and `tail` characters, star the rest (at least three stars)."""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * max(3, len(value) - head - tail) + value[-tail:]


def _mask_name(name: str) -> str:
    name = name.strip()
    return name[:1] + "*" * max(1, min(len(name) - 1, 3)) if name else name


def _mask_number(match: re.Match) -> str:
    run = match.group(0)
    digits = re.sub(r"\D", "", run)
    if match.group("date") or len(digits) < 7:
        return run
    return _keep_ends(digits, 3, 4) if len(digits) >= 10 else _keep_ends(digits, 2, 2)


def mask(text: str, case: Case) -> str:
    """The text with identifying details starred: the names the case knows and the words the user listed to hide.

    Other people's names inside free text cannot be found; the user lists them (Documents.hidden).
    """
    people = []
    if case.person:
        people.append(case.person.name)
    if case.collectors:
        people += case.collectors.names
    if case.documents:
        people += case.documents.hidden
    for name in sorted({n for n in people if n}, key=len, reverse=True):
        text = text.replace(name, _mask_name(name))
    if case.loan and case.loan.account:
        text = text.replace(case.loan.account, _keep_ends(case.loan.account, 0, 4))
    text = _ID.sub(lambda m: _keep_ends(m.group(0), 3, 4), text)
    return _NUMBER_RUN.sub(_mask_number, text)
