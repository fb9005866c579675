"""JSON Schemas that each rules file must satisfy (dates are checked as ISO strings)."""

_NONEMPTY = {"type": "string", "minLength": 1}
_TEXT = {
    "type": "object",
    "properties": {"zh": _NONEMPTY, "en": _NONEMPTY},
    "required": ["zh", "en"],
    "additionalProperties": False,
}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_KEY = r"^[a-z][a-z0-9_]*$"


def _table_of(entry: dict) -> dict:
    return {"type": "object", "propertyNames": {"pattern": _KEY}, "additionalProperties": entry, "minProperties": 1}


INSTRUMENT = {
    "type": "object",
    "properties": {
        "name": _TEXT,
        "short": _TEXT,
        "kind": {"enum": ["law", "regulation", "standard", "self_regulation"]},
        "effective_from": _DATE,
    },
    "required": ["name", "short", "kind", "effective_from"],
    "additionalProperties": False,
}

REFERENCE = {
    "type": "object",
    "properties": {
        "instrument": {"type": "string", "pattern": _KEY},
        "article": _TEXT,
        "status": {"enum": ["VERIFIED", "PARTLY"]},
        "effective_from": _DATE,
        "effective_to": _DATE,
        "statement": _TEXT,
        "quote": _TEXT,
        "channels": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
    },
    "required": ["instrument", "status", "effective_from", "statement"],
    "additionalProperties": False,
}

BEHAVIOUR = {
    "type": "object",
    "properties": {
        "label": _TEXT,
        "hint": _TEXT,
        "term": _TEXT,
        "short": _TEXT,
        "references": {"type": "array", "items": {"type": "string", "pattern": _KEY}, "uniqueItems": True},
    },
    "required": ["label", "hint", "term", "short", "references"],
    "additionalProperties": False,
}

TERM = {
    "type": "object",
    "properties": {"zh": _NONEMPTY, "en": _NONEMPTY},
    "required": ["zh", "en"],
    "additionalProperties": _TEXT,
}

FILE_SCHEMAS = {
    "instruments": _table_of(INSTRUMENT),
    "references": _table_of(REFERENCE),
    "behaviours": _table_of(BEHAVIOUR),
    "terms": {
        "type": "object",
        "properties": {group: _table_of(TERM) for group in
                       ("lender_types", "channels", "targets", "requests", "evidence")},
        "required": ["lender_types", "channels", "targets", "requests", "evidence"],
        "additionalProperties": False,
    },
}
