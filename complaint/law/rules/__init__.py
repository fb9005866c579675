"""Load the legal, routing and letter-wording knowledge from the TOML files beside this module, validated once."""
from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema

from complaint.law.rules.schema import FILE_SCHEMAS

RULES_DIR = Path(__file__).parent
LANGUAGES = ("zh", "en")
# Wording files for what code says outside the letter templates: group → key → text in each language.
PHRASE_FILES = ("routing", "deadlines", "chart")
DEFAULT_DOCUMENTS = ("lender", "regulator")


class RulesError(ValueError):
    """The rules data is malformed or inconsistent; the message names the file and entry."""


@dataclass(frozen=True)
class Text:
    """The same text in each letter language."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)

    def format(self, **values: Text | str) -> Text:
        """The text with its {placeholders} filled, each language with its own value (a str fills both)."""
        return Text(*(getattr(self, lang).format(**{name: value(lang) if isinstance(value, Text) else value
                                                    for name, value in values.items()})
                      for lang in LANGUAGES))


@dataclass(frozen=True)
class Instrument:
    key: str
    name: Text
    short: Text
    kind: str  # law | regulation | standard | self_regulation
    effective_from: dt.date
    version: Text | None = None  # e.g. 2012年修正, printed after the title marks
    label: Text | None = None  # what a standard or self-regulation is (never "law")
    replaces: str | None = None
    transition_note: Text | None = None

    @property
    def is_law(self) -> bool:
        return self.kind == "law"


@dataclass(frozen=True)
class Conditions:
    """What must be true of the case for a reference to apply (beyond date and channel)."""

    illegal_debt: bool = False
    lender_types: tuple[str, ...] = ()
    product_mentions: tuple[str, ...] = ()
    public: bool = False  # the incident reached people other than the user
    repeated: bool = False  # 多次: the incidents fitting every `repeated` reference together are more than one contact
    calls_a_day_over: int = 0  # more than this many calls on the incident's day


@dataclass(frozen=True)
class Reference:
    key: str
    instrument: Instrument
    status: str  # VERIFIED | PARTLY
    effective_from: dt.date
    effective_to: dt.date | None
    statement: Text
    article: Text | None = None
    quote: Text | None = None
    channels: tuple[str, ...] = ()
    when: Conditions = field(default_factory=Conditions)
    documents: tuple[str, ...] = DEFAULT_DOCUMENTS
    also: tuple[str, ...] = ()
    listed_as: Text | None = None  # for a quoted list item: what the law makes of it
    remedy: bool = False  # something to ask for (an order), not a rule the conduct breaks
    note: Text | None = None  # a condition printed after the citation (情节严重, 告诉的才处理 …)
    lighter: bool = False  # a newer, lighter rule cited for earlier conduct (行政处罚法 第三十七条)
    checked: tuple[str, dt.date] | None = None  # the text it was checked against, and when


@dataclass(frozen=True)
class Narrowing:
    """What a behaviour must also show for one of its references (e.g. far more calls than the standard allows)."""

    channels: tuple[str, ...] = ()
    calls_a_day_over: int = 0
    mentions: tuple[str, ...] = ()  # the person's description names one of these (lower case): 法院, court …


@dataclass(frozen=True)
class Behaviour:
    key: str
    label: Text
    hint: Text
    term: Text
    short: Text
    police: bool
    references: tuple[Reference, ...]
    conditions: dict[str, Narrowing] = field(default_factory=dict, hash=False, compare=False)  # by reference key


@dataclass(frozen=True)
class Argument:
    key: str
    behaviours: tuple[str, ...]
    targets: tuple[str, ...]
    channels: tuple[str, ...]
    text: Text
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class Term:
    """A letter's wording for one answer code; `extra` holds named variants such as `act` or `source`."""

    key: str
    text: Text
    extra: dict[str, Text] = field(default_factory=dict)
    references: tuple[str, ...] = ()
    words: tuple[str, ...] = ()  # words in what the person wrote that name this code (a picture's caption)


@dataclass(frozen=True)
class Region:
    key: str
    name: Text
    nfra: str  # the NFRA office: 国家金融监督管理总局{nfra}监管局
    province: str  # the province (itself, or the one a 计划单列市 belongs to)


@dataclass(frozen=True)
class Channel:
    key: str
    name: Text
    body: Text
    purpose: Text
    needs: Text
    status: str
    last_checked: dt.date
    number: str = ""
    note: Text | None = None
    website: str = ""


@dataclass(frozen=True)
class Rules:
    instruments: dict[str, Instrument]
    references: dict[str, Reference]
    behaviours: dict[str, Behaviour]
    arguments: dict[str, Argument]
    terms: dict[str, dict[str, Term]]  # group (channels, targets …) → code → wording
    regions: dict[str, Region]
    channels: dict[str, Channel]
    phrases: dict[str, dict[str, dict[str, Text]]]  # file (routing …) → group → key → text
    imports: dict[str, dict[str, str]]  # group → key → how an imported log is described, in Chinese only

    def term(self, group: str, code: str) -> Term:
        return self.terms[group][code]


def _text(value: dict | None) -> Text | None:
    return Text(zh=value["zh"], en=value["en"]) if value else None


def _iso(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    return value


def _read(name: str) -> dict:
    path = RULES_DIR / f"{name}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{path.name}: {exc}") from exc
    try:
        # JSON Schema has no date type: check dates as ISO strings, keep the parsed values.
        jsonschema.validate(_iso(data), FILE_SCHEMAS[name])
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise RulesError(f"{path.name}: {where}: {exc.message}") from exc
    return data


def _known(file: str, key: str, what: str, names, known) -> None:
    unknown = [n for n in names if n not in known]
    if unknown:
        raise RulesError(f"{file}: {key}: unknown {what} {unknown}")


def _instruments() -> dict[str, Instrument]:
    instruments = {key: Instrument(key=key, name=_text(e["name"]), short=_text(e["short"]), kind=e["kind"],
                                   effective_from=e["effective_from"], version=_text(e.get("version")),
                                   label=_text(e.get("label")), replaces=e.get("replaces"),
                                   transition_note=_text(e.get("transition_note")))
                   for key, e in _read("instruments").items()}
    for instrument in instruments.values():
        if instrument.replaces:
            _known("instruments.toml", instrument.key, "instrument", [instrument.replaces], instruments)
    return instruments


def _references(instruments: dict[str, Instrument], channels: set[str]) -> dict[str, Reference]:
    raw = _read("references")
    references = {}
    for key, entry in raw.items():
        _known("references.toml", key, "instrument", [entry["instrument"]], instruments)
        _known("references.toml", key, "channels", entry.get("channels", ()), channels)
        _known("references.toml", key, "references in also", entry.get("also", ()), raw)
        verified = entry["status"] == "VERIFIED"
        if verified != ("article" in entry) or (not verified and "quote" in entry):
            raise RulesError(f"references.toml: {key}: VERIFIED entries need an article; "
                             "PARTLY ones may have neither article nor quote")
        when = entry.get("when", {})
        references[key] = Reference(
            key=key,
            instrument=instruments[entry["instrument"]],
            status=entry["status"],
            effective_from=entry["effective_from"],
            effective_to=entry.get("effective_to"),
            statement=_text(entry["statement"]),
            article=_text(entry.get("article")),
            quote=_text(entry.get("quote")),
            channels=tuple(entry.get("channels", ())),
            when=Conditions(illegal_debt=when.get("illegal_debt", False),
                            lender_types=tuple(when.get("lender_types", ())),
                            product_mentions=tuple(when.get("product_mentions", ())),
                            public=when.get("public", False), repeated=when.get("repeated", False),
                            calls_a_day_over=when.get("calls_a_day_over", 0)),
            documents=tuple(entry.get("documents", DEFAULT_DOCUMENTS)),
            also=tuple(entry.get("also", ())),
            listed_as=_text(entry.get("listed_as")),
            remedy=entry.get("remedy", False),
            note=_text(entry.get("note")),
            lighter=entry.get("lighter", False),
            checked=(entry["checked"]["source"], entry["checked"]["on"]),
        )
    return references


def _terms(references: dict[str, Reference]) -> dict[str, dict[str, Term]]:
    terms = {}
    for group, entries in _read("terms").items():
        terms[group] = {}
        for code, entry in entries.items():
            _known("terms.toml", f"{group}.{code}", "references", entry.get("references", ()), references)
            extra = {k: _text(v) for k, v in entry.items() if k not in (*LANGUAGES, "references", "words")}
            terms[group][code] = Term(code, Text(entry["zh"], entry["en"]), extra,
                                      tuple(entry.get("references", ())), tuple(entry.get("words", ())))
    return terms


@functools.cache
def load() -> Rules:
    """Read and cross-check every rules file; raises RulesError naming the first problem."""
    instruments = _instruments()
    terms_raw = _read("terms")
    references = _references(instruments, set(terms_raw["channels"]))
    terms = _terms(references)
    behaviours = {}
    for key, entry in _read("behaviours").items():
        _known("behaviours.toml", key, "references", entry["references"], references)
        conditions = entry.get("conditions", {})
        _known("behaviours.toml", key, "conditions", conditions, entry["references"])
        for narrowing in conditions.values():
            _known("behaviours.toml", key, "channels in conditions", narrowing.get("channels", ()), terms["channels"])
        behaviours[key] = Behaviour(key=key, label=_text(entry["label"]), hint=_text(entry["hint"]),
                                    term=_text(entry["term"]), short=_text(entry["short"]),
                                    police=entry.get("police", False),
                                    references=tuple(references[r] for r in entry["references"]),
                                    conditions={ref: Narrowing(tuple(n.get("channels", ())),
                                                               n.get("calls_a_day_over", 0),
                                                               tuple(w.lower() for w in n.get("mentions", ())))
                                                for ref, n in conditions.items()})
    arguments = {}
    for key, entry in _read("arguments").items():
        _known("arguments.toml", key, "behaviours", entry["behaviours"], behaviours)
        _known("arguments.toml", key, "references", entry["references"], references)
        _known("arguments.toml", key, "targets", entry.get("targets", ()), terms["targets"])
        arguments[key] = Argument(key=key, behaviours=tuple(entry["behaviours"]),
                                  targets=tuple(entry.get("targets", ())), channels=tuple(entry.get("channels", ())),
                                  text=_text(entry["text"]),
                                  references=tuple(references[r] for r in entry["references"]))
    regions_raw = _read("regions")
    regions = {}
    for key, entry in regions_raw.items():
        _known("regions.toml", key, "province", [entry.get("province", key)], regions_raw)
        regions[key] = Region(key=key, name=_text(entry["name"]), nfra=entry["nfra"],
                              province=entry.get("province", key))
    channels = {key: Channel(key=key, name=_text(e["name"]), body=_text(e["body"]), purpose=_text(e["purpose"]),
                             needs=_text(e["needs"]), status=e["status"], last_checked=e["last_checked"],
                             number=e.get("number", ""), note=_text(e.get("note")), website=e.get("website", ""))
                for key, e in _read("channels").items()}
    phrases = {name: {group: {key: _text(text) for key, text in entries.items()}
                      for group, entries in _read(name).items()} for name in PHRASE_FILES}
    return Rules(instruments=instruments, references=references, behaviours=behaviours, arguments=arguments,
                 terms=terms, regions=regions, channels=channels, phrases=phrases, imports=_read("imports"))
