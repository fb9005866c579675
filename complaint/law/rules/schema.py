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
_KEYS = {"type": "array", "items": {"type": "string", "pattern": _KEY}, "uniqueItems": True}
_STRINGS = {"type": "array", "items": _NONEMPTY, "uniqueItems": True, "minItems": 1}
DOCUMENT_KINDS = ["lender", "regulator", "hotline", "police"]


def _table_of(entry: dict) -> dict:
    return {"type": "object", "propertyNames": {"pattern": _KEY}, "additionalProperties": entry, "minProperties": 1}


def _record(properties: dict, required: list[str]) -> dict:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


INSTRUMENT = _record({
    "name": _TEXT,
    "short": _TEXT,
    "kind": {"enum": ["law", "regulation", "standard", "self_regulation"]},
    "effective_from": _DATE,
    "version": _TEXT,
    "label": _TEXT,
    "replaces": {"type": "string", "pattern": _KEY},
    "transition_note": _TEXT,
}, ["name", "short", "kind", "effective_from"])

REFERENCE = _record({
    "instrument": {"type": "string", "pattern": _KEY},
    "article": _TEXT,
    "status": {"enum": ["VERIFIED", "PARTLY"]},
    "effective_from": _DATE,
    "effective_to": _DATE,
    "statement": _TEXT,
    "quote": _TEXT,
    "channels": _KEYS,
    "when": _record({
        "illegal_debt": {"const": True},
        "lender_types": _KEYS,
        "product_mentions": _STRINGS,
        "public": {"const": True},
        "repeated": {"const": True},
        "calls_a_day_over": {"type": "integer", "minimum": 1},
    }, []),
    "listed_as": _TEXT,
    "documents": {"type": "array", "items": {"enum": DOCUMENT_KINDS}, "uniqueItems": True, "minItems": 1},
    "also": _KEYS,
    "remedy": {"type": "boolean"},
    "note": _TEXT,
    "lighter": {"const": True},
    # Where the text was checked (repository@commit and file, or the research note) and when.
    "checked": _record({"source": _NONEMPTY, "on": _DATE}, ["source", "on"]),
}, ["instrument", "status", "effective_from", "statement", "checked"])

BEHAVIOUR = _record({
    "label": _TEXT,
    "hint": _TEXT,
    "term": _TEXT,
    "short": _TEXT,
    "police": {"type": "boolean"},
    "references": _KEYS,
    # Narrower conditions for one of the behaviour's references, on top of the reference's own.
    "conditions": _table_of(_record({
        "channels": _KEYS,
        "calls_a_day_over": {"type": "integer", "minimum": 1},
        "mentions": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    }, [])),
}, ["label", "hint", "term", "short", "references"])

ARGUMENT = _record({
    "behaviours": _KEYS,
    "targets": _KEYS,
    "channels": _KEYS,
    "text": _TEXT,
    "references": _KEYS,
}, ["behaviours", "text", "references"])

TERM = {
    "type": "object",
    "properties": {"zh": _NONEMPTY, "en": _NONEMPTY, "references": _KEYS, "words": _STRINGS},
    "required": ["zh", "en"],
    "additionalProperties": _TEXT,
}

REGION = _record({
    "name": _TEXT,
    "nfra": _NONEMPTY,
    "province": {"type": "string", "pattern": _KEY},
}, ["name", "nfra"])

CHANNEL = _record({
    "name": _TEXT,
    "number": {"type": "string", "pattern": r"^\d{3,5}$"},
    "body": _TEXT,
    "purpose": _TEXT,
    "needs": _TEXT,
    "note": _TEXT,
    # Only a regulator's home page, never a deep link into a portal that may move.
    "website": {"type": "string", "pattern": r"^www\.[a-z0-9.-]+\.gov\.cn$"},
    "status": {"enum": ["VERIFIED", "PARTLY"]},
    "last_checked": _DATE,
}, ["name", "body", "purpose", "needs", "status", "last_checked"])

# A wording file: groups of texts, each by key.
PHRASES = _table_of(_table_of(_TEXT))

# Chinese-only wording (import descriptions): groups of texts, each by key.
CHINESE = _table_of(_table_of(_NONEMPTY))

FILE_SCHEMAS = {
    "imports": CHINESE,
    "routing": PHRASES,
    "deadlines": PHRASES,
    "chart": PHRASES,
    "instruments": _table_of(INSTRUMENT),
    "references": _table_of(REFERENCE),
    "behaviours": _table_of(BEHAVIOUR),
    "arguments": _table_of(ARGUMENT),
    "regions": _table_of(REGION),
    "channels": _table_of(CHANNEL),
    "terms": {
        "type": "object",
        "properties": {group: _table_of(TERM) for group in
                       ("lender_types", "channels", "targets", "requests", "evidence", "uploads", "outcomes",
                        "sent_by")},
        "required": ["lender_types", "channels", "targets", "requests", "evidence", "uploads", "outcomes", "sent_by"],
        "additionalProperties": False,
    },
}
