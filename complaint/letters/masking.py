"""Mask a document's text for public complaint platforms: every personal detail the case holds, and long numbers."""
from __future__ import annotations

import re

from complaint.answers import normalise_id_number
from complaint.model import Case

# A date is matched first so that "2026-02-10 23:15" is never read as a phone number.
_NUMBER_RUN = re.compile(r"(?P<date>(?<!\d)\d{4}-\d{2}(?:-\d{2})?(?!\d))|(?<![\d])\+?\d[\d \-]{5,}\d(?![\d])")
_ID = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
# The city at the start of a Chinese address (广东省深圳市, 上海市): all of an address the masked text keeps.
_CITY = re.compile(r"^\s*((?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?[\u4e00-\u9fff]{2,7}?(?:市|自治州|地区|盟))")
# What the masked text page lists as hidden, in this order (templates/text.html words each).
KINDS = ("name", "phone", "id_number", "address", "email", "account", "reference", "collector_names",
         "collector_numbers", "listed", "numbers")


def _keep_ends(value: str, head: int, tail: int) -> str:
    """Keep `head` and `tail` characters, star the rest (at least three stars)."""
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * max(3, len(value) - head - tail) + value[-tail:]


def _mask_name(name: str) -> str:
    name = name.strip()
    return name[:1] + "*" * max(1, min(len(name) - 1, 3)) if name else name


def _mask_contact(contact: str) -> str:
    """An address keeps only its city; an e-mail address nothing."""
    city = _CITY.match(contact) if "@" not in contact else None
    return (city.group(1) if city else "") + "***"


def _is_number(value: str) -> bool:
    """A phone number, masked wherever it appears and however it is spaced, by the number rule."""
    return sum(ch.isdigit() for ch in value) >= 7 and not re.search(r"[^\d\s+\-()#*]", value)


def _name_parts(name: str) -> list[str]:
    """A name and its words ("Wang Fang 王芳" → also 王芳, Wang, Fang): a letter may quote any of them alone."""
    parts = name.split()
    return [name] + ([p for p in parts if len(p) >= 2] if len(parts) > 1 else [])


def _replacements(case: Case) -> dict[str, str]:
    """Each personal value the case holds and what the masked text shows instead."""
    found: dict[str, str] = {}
    if case.person:
        for part in _name_parts(case.person.name):
            found[part] = _mask_name(part)
        if case.person.id_number:  # as the letters print it, and as typed
            for id_number in (normalise_id_number(case.person.id_number), case.person.id_number):
                found[id_number] = _keep_ends(id_number, 3, 4)
        if case.person.contact:
            found[case.person.contact] = _mask_contact(case.person.contact)
    if case.loan and case.loan.account:
        found[case.loan.account] = _keep_ends(case.loan.account, 0, 4)
    for reference in _references(case):
        found[reference] = _keep_ends(reference, 2, 2)
    collectors = case.collectors
    for name in (collectors.names if collectors else []) + (case.documents.hidden if case.documents else []):
        found[name] = _mask_name(name)
    handles = (collectors.numbers if collectors else []) + [i.source for i in case.incidents]
    for handle in handles:  # two letters ("QQ") would star the same word in the letter's own sentences
        if len(handle.strip()) >= 3 and not _is_number(handle):
            found[handle] = _mask_name(handle)
    return {value: masked for value, masked in found.items() if value.strip()}


def _references(case: Case) -> list[str]:
    """The complaint and ticket numbers she gave: on the "earlier" page and for each document she sent (a regulator
    letter, a reminder or an application for review names the lender letter's)."""
    sent = case.documents.sent.values() if case.documents else []
    return [r for r in [case.earlier.reference if case.earlier else "", *(s.reference for s in sent)] if r]


def _mask_number(match: re.Match) -> str:
    run = match.group(0)
    digits = re.sub(r"\D", "", run)
    if match.group("date") or len(digits) < 7:
        return run
    return _keep_ends(digits, 3, 4) if len(digits) >= 10 else _keep_ends(digits, 2, 2)


def mask(text: str, case: Case) -> str:
    """The text with every personal detail the case holds starred, and any other long number.

    Other people's names inside free text cannot be found; the user lists them (Documents.hidden).
    """
    for value, masked in sorted(_replacements(case).items(), key=lambda pair: len(pair[0]), reverse=True):
        text = text.replace(value, masked)
    text = _ID.sub(lambda m: _keep_ends(m.group(0), 3, 4), text)
    return _NUMBER_RUN.sub(_mask_number, text)


def hidden_kinds(case: Case) -> list[str]:
    """What the masked text hides for this case, as KINDS codes: the page lists them in words."""
    person, loan, collectors = case.person, case.loan, case.collectors
    contact = person.contact if person else ""
    present = {
        "name": bool(person and person.name),
        "phone": bool(person and person.phone),
        "id_number": bool(person and person.id_number),
        "address": bool(contact) and "@" not in contact,
        "email": "@" in contact,
        "account": bool(loan and loan.account),
        "reference": bool(_references(case)),
        "collector_names": bool(collectors and collectors.names),
        "collector_numbers": bool((collectors and collectors.numbers) or any(i.source for i in case.incidents)),
        "listed": bool(case.documents and case.documents.hidden),
        "numbers": True,
    }
    return [kind for kind in KINDS if present[kind]]
