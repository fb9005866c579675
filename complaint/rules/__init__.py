"""Load the legal and letter-wording knowledge from the TOML files beside this module, validated once."""
from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema

from complaint.rules.schema import FILE_SCHEMAS

RULES_DIR = Path(__file__).parent
LANGUAGES = ("zh", "en")


class RulesError(ValueError):
    """The rules data is malformed or inconsistent; the message names the file and entry."""


@dataclass(frozen=True)
class Text:
    """The same text in each letter language."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True)
class Instrument:
    key: str
    name: Text
    short: Text
    kind: str  # law | regulation | standard | self_regulation
    effective_from: dt.date

    @property
    def is_law(self) -> bool:
        return self.kind == "law"


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

    def in_force_on(self, day: dt.date) -> bool:
        """Whether conduct on `day` falls under this version of the rule."""
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


@dataclass(frozen=True)
class Behaviour:
    key: str
    label: Text
    hint: Text
    term: Text
    short: Text
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class Term:
    """A letter's wording for one answer code; `extra` holds named variants such as `act` or `source`."""

    key: str
    text: Text
    extra: dict[str, Text] = field(default_factory=dict)


@dataclass(frozen=True)
class Rules:
    instruments: dict[str, Instrument]
    references: dict[str, Reference]
    behaviours: dict[str, Behaviour]
    terms: dict[str, dict[str, Term]]  # group (channels, targets …) → code → wording

    def term(self, group: str, code: str) -> Term:
        return self.terms[group][code]


def _text(value: dict) -> Text:
    return Text(zh=value["zh"], en=value["en"])


def _read(name: str) -> dict:
    path = RULES_DIR / f"{name}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"{path.name}: {exc}") from exc
    # JSON Schema has no date type: check dates as ISO strings, keep the parsed values.
    plain = {key: {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in entry.items()}
             if isinstance(entry, dict) else entry for key, entry in data.items()}
    try:
        jsonschema.validate(plain, FILE_SCHEMAS[name])
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise RulesError(f"{path.name}: {where}: {exc.message}") from exc
    return data


def _build_references(raw: dict, instruments: dict[str, Instrument]) -> dict[str, Reference]:
    references = {}
    for key, entry in raw.items():
        if entry["instrument"] not in instruments:
            raise RulesError(f"references.toml: {key}: unknown instrument {entry['instrument']!r}")
        verified = entry["status"] == "VERIFIED"
        if verified != ("article" in entry) or verified != ("quote" in entry):
            raise RulesError(f"references.toml: {key}: VERIFIED entries need article and quote; PARTLY ones may have neither")
        references[key] = Reference(
            key=key,
            instrument=instruments[entry["instrument"]],
            status=entry["status"],
            effective_from=entry["effective_from"],
            effective_to=entry.get("effective_to"),
            statement=_text(entry["statement"]),
            article=_text(entry["article"]) if verified else None,
            quote=_text(entry["quote"]) if verified else None,
            channels=tuple(entry.get("channels", ())),
        )
    return references


@functools.cache
def load() -> Rules:
    """Read and cross-check every rules file; raises RulesError naming the first problem."""
    instruments = {key: Instrument(key=key, name=_text(e["name"]), short=_text(e["short"]), kind=e["kind"],
                                   effective_from=e["effective_from"])
                   for key, e in _read("instruments").items()}
    references = _build_references(_read("references"), instruments)
    terms = {group: {code: Term(code, Text(e["zh"], e["en"]),
                                {k: _text(v) for k, v in e.items() if k not in LANGUAGES})
                     for code, e in entries.items()}
             for group, entries in _read("terms").items()}
    behaviours = {}
    for key, entry in _read("behaviours").items():
        unknown = [r for r in entry["references"] if r not in references]
        if unknown:
            raise RulesError(f"behaviours.toml: {key}: unknown references {unknown}")
        behaviours[key] = Behaviour(key=key, label=_text(entry["label"]), hint=_text(entry["hint"]),
                                    term=_text(entry["term"]), short=_text(entry["short"]),
                                    references=tuple(references[r] for r in entry["references"]))
    known_channels = set(terms["channels"])
    for ref in references.values():
        if not set(ref.channels) <= known_channels:
            raise RulesError(f"references.toml: {ref.key}: unknown channels {set(ref.channels) - known_channels}")
    return Rules(instruments=instruments, references=references, behaviours=behaviours, terms=terms)
