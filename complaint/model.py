"""The case a user builds, as plain dataclasses (no Flask), and its dictionary form used by drafts and case files."""
from __future__ import annotations

import datetime as dt
import functools
import secrets
import typing
from dataclasses import dataclass, field, fields
from decimal import Decimal

from complaint.dates import PartialDate

LENDER_TYPES = ("bank", "consumer_finance", "small_loan", "platform", "other")
ANSWERS = ("yes", "no", "unsure")
CHANNELS = ("call", "sms", "chat", "home_visit", "work_visit", "third_party", "online_post", "letter", "other")
TARGETS = ("self", "family", "work", "contacts", "others")
EVIDENCE = ("call_log", "recording", "messages", "photo_video", "witness", "document", "other")
REQUESTS = ("stop_unlawful", "name_agency", "stop_third_parties", "contact_limits", "correct_amount",
            "apologise", "investigate", "compensation")
DOCUMENTS = ("lender", "regulator", "hotline", "police")
# Documents that follow from what she recorded about the lender letter, never chosen up front (law/followups.py).
FOLLOW_UPS = ("reminder", "review")
OUTCOMES = ("no_reply", "refused", "unsatisfied", "pending")
SENT_BY = ("registered_post", "post", "email", "in_person", "online", "phone")  # phone: the hotline call
REPLIES = ("no_reply", "resolved", "partly", "refused")  # what answer came to a document sent
ANSWERED = ("resolved", "partly", "refused")  # replies that came on a day, as a decision she may disagree with
EVIDENCE_KINDS = ("image", "recording", "video", "other")  # an uploaded picture, or a file kept on the phone
LETTER_LANGUAGES = ("zh", "en")
# The parts of a letter she can reword (which ones each document has: letters/edits.py), and how long each may be.
LETTER_SECTIONS = ("opening", "requests", "background", "earlier", "facts", "further", "closing")
SECTION_LENGTH = 20000

FORMAT_NAME = "complaint-case"
# 2 added loan.province, earlier, documents.sent_on, evidence; 3 added documents.hidden; 4 replaced documents.sent_on
# with documents.sent, one record per document; 5 added documents.edits; 6 let documents.sent hold the follow-ups
# (FOLLOW_UPS) too. Older files still open (see upgrade).
FORMAT_VERSION = 6


def new_ref() -> str:
    """A short random id that keeps pointing at the same incident or evidence item when lists are re-sorted."""
    return secrets.token_hex(4)


@dataclass
class Person:
    name: str
    phone: str
    id_number: str = ""
    contact: str = ""  # postal address or e-mail for the reply


@dataclass
class Loan:
    lender: str
    lender_type: str
    disputed: str
    illegal: str
    product: str = ""
    account: str = ""
    borrowed: Decimal | None = None  # yuan, exact (written "12000.00" in case files); None when not given
    claimed: Decimal | None = None
    province: str = ""  # where the lender is based: a key of rules/regions.toml, "" when not known


@dataclass
class Collectors:
    agency: str = ""
    names: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)


def _date(value: PartialDate | str | None) -> PartialDate | None:
    """A date as given, or read from its ISO text (a case file's or a draft's); None when not given."""
    if value is None or isinstance(value, PartialDate):
        return value
    if not isinstance(value, str):
        raise TypeError(f"not a date: {value!r}")
    return PartialDate.parse(value) if value else None


@dataclass
class Incident:
    date: PartialDate  # a day, or only the month when the user doesn't remember the day
    channel: str
    description: str
    behaviours: list[str]
    time: str = ""  # "HH:MM" in Beijing time, or ""
    source: str = ""  # the number or account it came from
    targets: list[str] = field(default_factory=lambda: ["self"])
    times: int | None = None  # how many calls or messages this entry stands for, when more than one
    evidence: list[str] = field(default_factory=list)
    ref: str = field(default_factory=new_ref)

    def __post_init__(self):
        self.date = _date(self.date)

    @property
    def month_only(self) -> bool:
        return self.date.month_only

    @property
    def first_day(self) -> dt.date:
        """The earliest day the incident can have happened on."""
        return self.date.first_day

    @property
    def last_day(self) -> dt.date:
        """The latest day the incident can have happened on."""
        return self.date.last_day

    @property
    def sort_key(self) -> tuple:
        return (self.date, self.time or "99:99")


@dataclass
class EarlierComplaint:
    """Whether the user already complained to the lender, and what came of it."""

    made: str  # "yes" | "no"
    date: PartialDate | None = None  # a day or a month
    outcome: str = ""  # one of OUTCOMES
    reference: str = ""  # ticket or complaint number
    details: str = ""

    def __post_init__(self):
        self.date = _date(self.date)


@dataclass
class EvidenceItem:
    """A screenshot or photo uploaded (kind "image"), or a recording, video or other file kept on the phone."""

    kind: str
    caption: str = ""
    purpose: str = ""  # 证明目的, in the user's words; derived from the incidents when empty
    incidents: list[str] = field(default_factory=list)  # refs of the incidents it shows
    sha256: str = ""  # of the original file, before anything was changed
    date: PartialDate | None = None  # a day, when the user knows it
    mime: str = ""  # images only: what is stored after re-encoding
    width: int | None = None
    height: int | None = None
    size: int | None = None  # bytes stored
    ref: str = field(default_factory=new_ref)

    def __post_init__(self):
        self.date = _date(self.date)


@dataclass
class Wants:
    requests: list[str] = field(default_factory=list)
    other: str = ""


@dataclass
class Sending:
    """When and how she sent one document (for the hotline sheet: the day she called), and the answer to it."""

    on: PartialDate  # a day: the deadlines that follow from this document count from it
    by: str = ""  # one of SENT_BY; "" when an older file did not say
    reply: str = ""  # one of REPLIES; "" when she has recorded none
    reply_on: PartialDate | None = None  # the day of the answer, when she gave it
    reference: str = ""  # the complaint or ticket number she was given
    # For the lender letter, about its answer: whether a branch (分支机构) decided (one of ANSWERS, "" unanswered),
    # the name of that branch's higher level if she knows it, and why she disagrees, in her words.
    branch: str = ""
    higher_level: str = ""
    objection: str = ""

    def __post_init__(self):
        self.on, self.reply_on = _date(self.on), _date(self.reply_on)

    @property
    def day(self) -> dt.date:
        return self.on.first_day

    @property
    def reply_day(self) -> dt.date | None:
        return self.reply_on.first_day if self.reply_on else None


@dataclass
class SectionEdit:
    """Her own wording of one section of a letter, in place of the generated one."""

    text: str  # plain text, one paragraph per line
    # The fingerprint of the generated text she replaced: when the answers change it, she is asked which to keep.
    based_on: str = ""


@dataclass
class LetterEdits:
    """What she changed in one document in one language: sections reworded, citations switched off."""

    sections: dict[str, SectionEdit] = field(default_factory=dict)  # by section key (letters.edits.SECTIONS)
    off: list[str] = field(default_factory=list)  # keys of the references she switched off


@dataclass
class Documents:
    kinds: list[str]
    letter_lang: str = "zh"
    # By document kind (DOCUMENTS and FOLLOW_UPS), for the documents she has sent.
    sent: dict[str, Sending] = field(default_factory=dict)
    edits: dict[str, LetterEdits] = field(default_factory=dict)  # by "kind.lang" ("lender.zh")
    # Names and words the user wants starred in the text for public complaint sites (family, colleagues, workplace).
    hidden: list[str] = field(default_factory=list)


HIDDEN_WORDS, HIDDEN_WORD_LENGTH = 20, 50


@dataclass
class Case:
    """Everything the user has told us. A section is None until its page has been answered."""

    person: Person | None = None
    loan: Loan | None = None
    collectors: Collectors | None = None
    incidents: list[Incident] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)
    earlier: EarlierComplaint | None = None
    wants: Wants | None = None
    documents: Documents | None = None

    def sort_incidents(self) -> None:
        """Keep incidents in date order, so an incident's number is the same on every page and letter."""
        self.incidents.sort(key=lambda incident: incident.sort_key)

    def numbered_incidents(self) -> list[tuple[int, Incident]]:
        """Incidents with their 1-based numbers, in date order."""
        return list(enumerate(self.incidents, start=1))

    def to_dict(self) -> dict:
        data: dict = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("incidents", "evidence"):
                data[f.name] = [to_dict(i) for i in value]
            elif value is not None:
                data[f.name] = to_dict(value)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Case:
        """Build a case from its dictionary form; the caller validates against the case-file schema first."""
        data = upgrade(data)
        sections = {"person": Person, "loan": Loan, "collectors": Collectors, "earlier": EarlierComplaint,
                    "wants": Wants, "documents": Documents}
        case = cls(**{name: from_dict(kind, data[name]) for name, kind in sections.items()
                      if data.get(name) is not None})
        case.incidents = [from_dict(Incident, item) for item in data.get("incidents", [])]
        case.evidence = [from_dict(EvidenceItem, item) for item in data.get("evidence", [])]
        if case.documents:
            case.documents.sent = {kind: from_dict(Sending, s) for kind, s in data["documents"].get("sent", {}).items()}
            case.documents.edits = {letter: _letter_edits(edits)
                                    for letter, edits in data["documents"].get("edits", {}).items()}
        case.sort_incidents()
        return case

    def sent_on(self, kind: str, today: dt.date) -> dt.date:
        """The day this document was sent, or today for one not sent yet: its deadlines count from it."""
        sending = self.documents.sent.get(kind) if self.documents else None
        return sending.day if sending else today

    def edits(self, kind: str, lang: str) -> LetterEdits:
        """Her changes to one document in one language (none yet: an empty set of changes)."""
        if self.documents is None:
            return LetterEdits()
        return self.documents.edits.get(edit_key(kind, lang)) or LetterEdits()

    def incident_numbers(self, refs: list[str]) -> list[int]:
        """The current numbers of the incidents with these refs (numbers follow date order)."""
        return [n for n, incident in self.numbered_incidents() if incident.ref in refs]

    def evidence_item(self, ref: str) -> EvidenceItem | None:
        return next((item for item in self.evidence if item.ref == ref), None)


def edit_key(kind: str, lang: str) -> str:
    """Where one document's edits in one language are kept in `Documents.edits`."""
    return f"{kind}.{lang}"


def _letter_edits(values: dict) -> LetterEdits:
    return LetterEdits(sections={key: from_dict(SectionEdit, s) for key, s in values.get("sections", {}).items()},
                       off=list(values.get("off", [])))


def upgrade(data: dict) -> dict:
    """An older case file or draft in the current shape: a version 3 `documents.sent_on`, the one day every
    document went out, becomes that day for each document. Anything unexpected is left for the schema to refuse."""
    documents = data.get("documents")
    version = data.get("version")
    if isinstance(version, int) and version < 4 and isinstance(documents, dict) and "sent_on" in documents \
            and isinstance(documents.get("kinds"), list):
        documents = {key: value for key, value in documents.items() if key != "sent_on"}
        documents["sent"] = {kind: {"on": data["documents"]["sent_on"]} for kind in documents["kinds"]
                             if isinstance(kind, str)}
        data = {**data, "documents": documents}
    return data


def to_dict(section) -> dict:
    """One section or list item (a case's, or an import's awaiting confirmation) in its dictionary form: dates as
    ISO text, amounts as text, unanswered optional values left out so case files stay readable; lists kept, even
    empty. A dict holds sections by key (a document's sending record, by kind; its edits, by letter)."""
    values = {f.name: getattr(section, f.name) for f in fields(section)}
    return {k: v.iso() if isinstance(v, PartialDate) else format(v, "f") if isinstance(v, Decimal)
            else list(v) if isinstance(v, list) else {key: to_dict(item) for key, item in v.items()}
            if isinstance(v, dict) else v
            for k, v in values.items() if isinstance(v, (list, dict)) or v not in ("", None)}


def from_dict(kind, values: dict):
    """A section or list item of type `kind` from its dictionary form, once checked against the case-file schema
    (dates are read from their ISO text by the sections themselves)."""
    names, amounts = {f.name for f in fields(kind)}, _amounts(kind)
    return kind(**{k: Decimal(v) if k in amounts else list(v) if isinstance(v, list) else v
                   for k, v in values.items() if k in names})


@functools.cache
def _amounts(kind) -> frozenset[str]:
    """The fields of `kind` that hold amounts (Decimal), written as text in the dictionary form."""
    return frozenset(name for name, hint in typing.get_type_hints(kind).items() if hint == Decimal | None)
