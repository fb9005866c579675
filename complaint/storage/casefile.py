"""The case file: a whole case as versioned JSON, its JSON Schema, and reading one back safely."""
from __future__ import annotations

import datetime as dt
import functools
import json
import re

import jsonschema
import regress

from complaint import answers, clock
from complaint.dates import EARLIEST_YEAR, PartialDate
from complaint.law import rules
from complaint.model import (
    ANSWERS,
    CHANNELS,
    DOCUMENTS,
    EVIDENCE,
    EVIDENCE_KINDS,
    FOLLOW_UPS,
    FORMAT_NAME,
    FORMAT_VERSION,
    HIDDEN_WORD_LENGTH,
    HIDDEN_WORDS,
    LENDER_TYPES,
    LETTER_LANGUAGES,
    LETTER_SECTIONS,
    OUTCOMES,
    REPLIES,
    REQUESTS,
    SECTION_LENGTH,
    SENT_BY,
    TARGETS,
    Case,
    Incident,
    from_dict,
    upgrade,
)
from complaint.refusal import Refused
from complaint.storage import protected

MAX_FILE_BYTES = 2 * 1024 * 1024


class CaseFileError(Refused):
    """The file is not a case file we can open.

    `code`: not_json | not_case | newer | invalid | too_large | too_many_incidents | too_many_evidence, and for a
    password-protected file password_needed | wrong_password (invalid when it was altered).
    """


def _text(limit: str, required: bool = False) -> dict:
    return {"type": "string", "maxLength": answers.MAX_LENGTH[limit], **({"minLength": 1} if required else {})}


def _codes(values, min_items: int = 0) -> dict:
    return {"type": "array", "items": {"enum": list(values)}, "uniqueItems": True, "minItems": min_items}


def _object(properties: dict, required: list[str]) -> dict:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def schema() -> dict:
    """The JSON Schema of the current case-file version (published as docs/case-file.schema.json)."""
    amount = {"type": "string", "pattern": r"^[0-9]{1,12}(\.[0-9]{1,2})?$"}
    day_or_month = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"}
    day = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    ref = {"type": "string", "pattern": "^[0-9a-f]{8}$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "催收投诉助手 case file",
        "description": f"Version {FORMAT_VERSION}. See docs/case-file.md.",
        **_object({
            "format": {"const": FORMAT_NAME},
            "version": {"enum": list(range(1, FORMAT_VERSION + 1))},
            "person": _object({
                "name": _text("name", True),
                "phone": _text("phone", True),
                "id_number": {"type": "string", "pattern": answers.ID_PATTERN},
                "contact": _text("contact"),
            }, ["name", "phone"]),
            "loan": _object({
                "lender": _text("lender", True),
                "lender_type": {"enum": list(LENDER_TYPES)},
                "product": _text("product"),
                "account": _text("account"),
                "borrowed": amount,
                "claimed": amount,
                "disputed": {"enum": list(ANSWERS)},
                "illegal": {"enum": list(ANSWERS)},
                "province": {"enum": list(rules.load().regions)},
            }, ["lender", "lender_type", "disputed", "illegal"]),
            "collectors": _object({
                "agency": _text("agency"),
                "names": {"type": "array", "items": _text("alias", True), "maxItems": answers.MAX_ALIASES},
                "numbers": {"type": "array", "items": _text("number", True), "maxItems": answers.MAX_NUMBERS},
            }, []),
            "incidents": {"type": "array", "maxItems": answers.MAX_INCIDENTS, "items": _object({
                "date": day_or_month,
                "time": {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$"},
                "channel": {"enum": list(CHANNELS)},
                "source": _text("source"),
                "targets": _codes(TARGETS, 1),
                "times": {"type": "integer", "minimum": 1, "maximum": answers.MAX_TIMES},
                "description": _text("description", True),
                "behaviours": _codes(rules.load().behaviours, 1),
                "evidence": _codes(EVIDENCE),
                "ref": ref,
            }, ["date", "channel", "description", "behaviours"])},
            "evidence": {"type": "array", "maxItems": answers.MAX_EVIDENCE, "items": _object({
                "kind": {"enum": list(EVIDENCE_KINDS)},
                "caption": _text("caption"),
                "purpose": _text("purpose"),
                "incidents": {"type": "array", "items": ref, "uniqueItems": True},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "date": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                "mime": {"enum": ["image/jpeg", "image/png"]},
                "width": {"type": "integer", "minimum": 1},
                "height": {"type": "integer", "minimum": 1},
                "size": {"type": "integer", "minimum": 0},
                "ref": ref,
            }, ["kind"])},
            "earlier": _object({
                "made": {"enum": ["yes", "no"]},
                "date": day_or_month,
                "outcome": {"enum": list(OUTCOMES)},
                "reference": _text("reference"),
                "details": _text("other"),
            }, ["made"]),
            "wants": _object({"requests": _codes(REQUESTS), "other": _text("other")}, []),
            "documents": _object({"kinds": _codes(DOCUMENTS, 1), "letter_lang": {"enum": list(LETTER_LANGUAGES)},
                                  "sent": {"type": "object",
                                           "propertyNames": {"enum": [*DOCUMENTS, *FOLLOW_UPS]},
                                           "additionalProperties": _object({
                                               "on": day, "by": {"enum": list(SENT_BY)},
                                               "reply": {"enum": list(REPLIES)}, "reply_on": day,
                                               "reference": _text("reference"),
                                               "branch": {"enum": list(ANSWERS)},
                                               "higher_level": _text("lender"),
                                               "objection": _text("other")}, ["on"])},
                                  "edits": {"type": "object", "propertyNames": {"pattern": _letter_pattern()},
                                            "additionalProperties": _object({
                                                "sections": {"type": "object",
                                                             "propertyNames": {"enum": list(LETTER_SECTIONS)},
                                                             "additionalProperties": _object({
                                                                 "text": {"type": "string",
                                                                          "maxLength": SECTION_LENGTH},
                                                                 "based_on": {"type": "string",
                                                                              "pattern": "^[0-9a-f]{64}$"}},
                                                                 ["text"])},
                                                "off": {"type": "array", "uniqueItems": True,
                                                        "maxItems": len(rules.load().references),
                                                        "items": {"enum": list(rules.load().references)}}}, [])},
                                  "hidden": {"type": "array", "maxItems": HIDDEN_WORDS,
                                             "items": {"type": "string", "minLength": 1,
                                                       "maxLength": HIDDEN_WORD_LENGTH}}},
                                 ["kinds"]),
        }, ["format", "version"]),
    }


def _letter_pattern() -> str:
    """The keys of `documents.edits`: a document and a letter language ("lender.zh")."""
    return f"^({'|'.join((*DOCUMENTS, *FOLLOW_UPS))})\\.({'|'.join(LETTER_LANGUAGES)})$"


def dumps(case: Case) -> str:
    return json.dumps(case.to_dict(), ensure_ascii=False, indent=2) + "\n"


def loads(raw: bytes | str, today: dt.date | None = None, password: str | None = None) -> Case:
    """Read a case file, protected or not, checking its structure and the values a form would check.

    Raises CaseFileError.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise CaseFileError("too_large")
    data = _json(raw)
    if isinstance(data, dict) and data.get("format") == protected.FORMAT_NAME:
        try:
            data = _json(protected.unprotect(data, password))
        except protected.ProtectedFileError as error:
            raise CaseFileError(error.code, error.detail) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise CaseFileError("not_case")
    if isinstance(data.get("version"), int) and data["version"] > FORMAT_VERSION:
        raise CaseFileError("newer", str(data["version"]))
    data = upgrade(data)
    _check_counts(data)
    try:
        where = _bad_text(data)
    except RecursionError as exc:
        raise CaseFileError("invalid", "too deep") from exc
    if where:
        raise CaseFileError("invalid", where)
    try:
        jsonschema.validate(data, schema(), cls=_Validator)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise CaseFileError("invalid", f"{where}: {exc.message}"[:300]) from exc
    _check_values(data, today or clock.today())
    return Case.from_dict(data)


def valid_incidents(items: list, today: dt.date) -> tuple[list[Incident], int]:
    """The incidents among `items` (in their case-file form, as a draft keeps those read from a call log and
    awaiting confirmation) that a case file could hold, checked as a case file's are, and how many were dropped."""
    kept = []
    check = _Validator(schema()["properties"]["incidents"]["items"])
    for item in items:
        try:
            if _bad_text(item) or not check.is_valid(item):
                continue
            _check_values({"incidents": [item]}, today)
        except (TypeError, ValueError, CaseFileError, RecursionError):
            continue
        kept.append(from_dict(Incident, item))
    return kept, len(items) - len(kept)


def _check_counts(data: dict) -> None:
    """Refused before the schema is checked: a case over the limits costs that check alone seconds."""
    for key, limit in (("incidents", answers.MAX_INCIDENTS), ("evidence", answers.MAX_EVIDENCE)):
        items = data.get(key)
        if isinstance(items, list) and len(items) > limit:
            raise CaseFileError(f"too_many_{key}", f"{len(items)} {key}; a case holds at most {limit}")
def _ecma_pattern(validator, pattern, instance, schema):
    # JSON Schema patterns are ECMA 262 regular expressions, where $ is the very end; Python's re (jsonschema's
    # own choice) also lets $ match before a final line break and \d match any script's digits.
    if validator.is_type(instance, "string") and _ecma(pattern).find(instance) is None:
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _ecma(pattern: str) -> regress.Regex:
    return regress.Regex(pattern)


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecma_pattern})


def _bad_text(value, where: str = "") -> str:
    """Where a string holds what no form would keep (a lone surrogate, a control character); "" when nowhere."""
    if isinstance(value, str):
        return (where or "/") if _UNSAFE_TEXT.search(value) else ""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if found := _bad_text(key, where) or _bad_text(item, f"{where}/{key}"):
            return found
    return ""


_UNSAFE_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def _json(raw: bytes | str):
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise CaseFileError("not_json", str(exc)[:200]) from exc


def _check_values(data: dict, today: dt.date) -> None:
    """The checks a schema cannot express: ID check digit, real and past dates, amounts."""
    id_number = data.get("person", {}).get("id_number")
    if id_number and answers.id_number_problem(id_number):
        raise CaseFileError("invalid", "person/id_number")
    for key in ("borrowed", "claimed"):
        value = data.get("loan", {}).get(key)
        if value and answers.parse_amount(value) is None:
            raise CaseFileError("invalid", f"loan/{key}")
    dates = {f"incidents/{n}/date": incident["date"] for n, incident in enumerate(data.get("incidents", []))}
    if data.get("earlier", {}).get("date"):
        dates["earlier/date"] = data["earlier"]["date"]
    days = {f"evidence/{n}/date": item["date"] for n, item in enumerate(data.get("evidence", [])) if item.get("date")}
    for kind, sending in data.get("documents", {}).get("sent", {}).items():
        days |= {f"documents/sent/{kind}/{key}": sending[key] for key in ("on", "reply_on") if sending.get(key)}
    for where, value in {**dates, **days}.items():
        try:
            when = PartialDate.parse(value)
        except ValueError as exc:
            raise CaseFileError("invalid", where) from exc
        # What happened, as a form would take it: from EARLIEST_YEAR, not after today.
        if where in dates and (when.year < EARLIEST_YEAR or when.first_day > today):
            raise CaseFileError("invalid", where)
