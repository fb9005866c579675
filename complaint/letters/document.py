"""Everything a letter template prints, built from a case: parties, requests, narrative, citations, tables."""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from complaint import answers
from complaint.evidence.chart import LETTER_FONT, Chart, harassment_chart
from complaint.law import rules as rules_data
from complaint.law.deadlines import POLICE_WINDOW_MONTHS, Deadline, add_months
from complaint.law.findings import RECENT_DAYS, Analysis, Citation, Finding, in_force_during, shown_behaviours
from complaint.law.plan import plan
from complaint.law.routing import NFRA_TYPES, Recipient, Route
from complaint.law.rules import Channel, Reference, Rules
from complaint.letters import narrative, wording
from complaint.letters.edits import typed_citations
from complaint.model import (
    DOCUMENTS,
    EVIDENCE,
    FOLLOW_UPS,
    LETTER_LANGUAGES,
    Case,
    EarlierComplaint,
    EvidenceItem,
    LetterEdits,
)

# Past this many incidents the narrative tells the first ones and points to the timeline for the rest.
NARRATED_INCIDENTS = 30
# Past this many incidents the timeline folds how, who from, to whom and what into one column: a six-column
# table costs WeasyPrint about twice as much per row, and hundreds of imported calls make hundreds of rows.
COMPACT_TIMELINE_OVER = 60
# The proof an uploaded picture can be, in the order its caption is read for words that say which (the first kind
# named wins; the words are in terms.toml).
PICTURE_KINDS = ("call_log", "messages", "document", "photo_video")
# What a kind of proof can show, where it is less than everything the incident shows: a call log records when
# and how often they called, not what was said (no threat, insult or false identity is proved by it).
PROOF_SHOWS = {"call_log": ("night_calls", "excessive_calls")}
# …and what it cannot: a letter or notice shows what it says, not when or how often they got in touch.
PROOF_MISSES = {"document": ("night_calls", "excessive_calls")}
# The proof a file kept on the phone stands for.
LISTED_COVERS = {"recording": "recording", "video": "photo_video", "other": "other"}
GROUPS = {"law": "laws", "regulation": "regulations", "standard": "standards", "self_regulation": "standards"}
INJUNCTION = "civil_code_997"  # the court order to stop ongoing infringement, reserved in every complaint
TIME_LIMITS = ("public_security_2012_22", "public_security_2025_25")  # six months, by the version of the conduct
# 12368 checks court papers and court staff: named for forged legal documents (summonses, case notices), and for
# impersonation when the person's own words mention a court.
COURT_WORDS = ("法院", "法官", "传票", "court", "judge", "summons")
# Crimes prosecuted only on the victim's own complaint (告诉的才处理): cited with that note, never among the matters
# the police are asked to deal with.
PRIVATE_PROSECUTION = ("criminal_246",)
# The days a reminder gives the lender to send its written decision: a short, reasonable period, not a legal one.
REMINDER_DAYS = 7


class IncompleteCase(ValueError):
    """The case lacks what every letter needs; `missing` names the sections."""

    def __init__(self, missing: list[str]):
        super().__init__("missing: " + ", ".join(missing))
        self.missing = missing


@dataclass(frozen=True)
class CitedRule:
    conduct: str  # the behaviours it rests on, in the letter's words ("" for procedure and request references)
    incidents: str  # "事件1、3" / "incidents 1 and 3"
    instrument: str
    article: str  # "" when the reference may only be named (PARTLY)
    quote: str  # "" when there is no checked verbatim text
    statement: str  # what it requires, in our words: never printed inside quotation marks
    kind: str  # law | regulation | standard | self_regulation
    version: str = ""  # 2012年修正; GB/T 45251—2025
    label: str = ""  # 推荐性国家标准 …: what a non-law instrument is
    listed_as: str = ""  # for a quoted list item: 应受治安管理处罚的行为
    note: str = ""  # a condition printed after the citation (情节严重, 告诉的才处理, the lighter new rule)
    # A daily limit on answered calls: we know how often they called, not how often they got through.
    call_limit: bool = False
    key: str = ""  # the reference's key in references.toml: what she switches off

    @property
    def title(self) -> str:
        """《instrument》（version） in Chinese; the instrument (version) in English."""
        if self.lang == "zh":
            return f"《{self.instrument}》" + (f"（{self.version}）" if self.version else "")
        return f"the {self.instrument}" + (f" ({self.version})" if self.version else "")

    @property
    def name(self) -> str:
        """The provision as a letter cites it: 《…》第…条 / Article … of the …."""
        if self.lang == "zh":
            return self.title + self.article
        return f"{self.article} of {self.title}" if self.article else self.title

    lang: str = "zh"


@dataclass(frozen=True)
class TimelineRow:
    number: int
    when: str
    channel: str
    source: str
    targets: str
    behaviours: str
    times: int | None


@dataclass(frozen=True)
class Shows:
    """证明目的 worked out from the incidents, where the person gave none (the evidence list words it)."""

    incidents: str  # "事件1、3" / "incidents 1 and 3"
    behaviours: str  # what they show that this proof can show; "" for a call log: only when and how often


@dataclass(frozen=True)
class EvidenceRow:
    number: int
    name: str
    source: str
    purpose: str  # the person's own 证明目的, or ""
    sha256: str = ""
    exhibit: str = ""  # the exhibit's anchor when the picture is attached to this document
    attached: bool = False  # an uploaded picture, printed after the letter; otherwise kept by the person
    shows: Shows | None = None  # the purpose worked out from the incidents, when she gave none


@dataclass(frozen=True)
class Repetition:
    """Repeated conduct across 2026-01-01: which incidents fall under which version, making it 多次."""

    parts: list[tuple[str, str, int]]  # (provisions, incidents, how many) for each version
    incidents: str  # all of them


@dataclass(frozen=True)
class Exhibit:
    """An uploaded picture printed after the letter, one to a page."""

    number: int  # its row in the evidence list
    ref: str
    caption: str
    date: str
    sha256: str

    @property
    def anchor(self) -> str:
        return f"exhibit-{self.number}"


@dataclass(frozen=True)
class FollowUp:
    """What a reminder or an application for review says of the lender letter and its answer: only what she
    recorded, each "" when she did not."""

    sent_on: str  # the day the lender letter was sent, as written
    sent_by: str  # how, in the letter's words
    reference: str  # the complaint or ticket number
    reply: str  # one of model.REPLIES, as she recorded it
    reply_on: str  # the day the answer came, as written
    due: str  # the last day of the lender's 15 days, as written
    due_passed: bool  # those 15 days are over
    higher_level: str  # the branch's higher level, when she named it
    objection: str  # why she disagrees with the decision, in her words
    review_by: str  # the last day to apply for review, when counted from the recorded day of the decision
    reply_within: int = REMINDER_DAYS


@dataclass
class Document:
    kind: str
    lang: str
    date: str
    case: Case
    route: Route
    recipient: str  # "" for the police: the statement leaves the station to be filled in
    lender_type: str
    region: str
    id_number: str
    requests: list[str]
    request_basis: list[CitedRule]
    card: bool  # the debt is a credit card's, not a loan's
    earlier: EarlierComplaint | None  # the complaint to the lender: her answer, or the lender letter's record
    earlier_on: str  # the day (or month) of the complaint to the lender, as written, or ""
    earlier_outcome: str  # what came of it, in the letter's words, or ""
    overview: narrative.Overview | None
    incidents: list[narrative.Told]
    untold: int  # incidents left to the timeline
    laws: list[CitedRule]
    regulations: list[CitedRule]
    standards: list[CitedRule]
    supplements: list[CitedRule]  # provisions that say which version applies (行政处罚法 第三十七条)
    arguments: list[tuple[str, str, str]]  # (argument, the provisions it rests on, the incidents it rests on)
    transitions: list[str]
    procedure: dict[str, CitedRule]  # complaint-handling articles by key, when they govern this lender
    deadlines: list[tuple[str, str, Deadline]]  # (date as written, what, deadline)
    busy_days: list[tuple[str, int]]  # (day as written, calls) for days over the standard's three
    timeline: list[TimelineRow]
    compact_timeline: bool
    evidence: list[EvidenceRow]  # attached first (numbered as the exhibits), then what she keeps
    exhibits: list[Exhibit]
    witnessed: str  # "事件1、3": incidents someone saw or heard, or ""
    chart: Chart | None
    analysis: Analysis
    behaviour_counts: list[tuple[str, int]]
    police_conduct: list[tuple[str, str, str]]  # (conduct, incidents, provisions) the police can act on
    no_contact_order: str  # the incidents for which 治安管理处罚法 第五十条第二款 is asked, "" when it does not apply
    repetition: Repetition | None  # which incidents make item (五) conduct 多次 and which version covers each
    third_parties: bool  # the collectors contacted people other than the user
    continuing: bool  # the last incident is recent enough to call the conduct continuing
    injunction: CitedRule | None  # 民法典 第九百九十七条, when it was in force for the conduct
    time_limit: tuple[str, CitedRule] | None  # (newest police matter, written) when it is over six months old
    court_check: Channel | None  # 12368, when court papers or court staff may have been faked
    edits: LetterEdits  # her wording of some sections, and the citations she switched off
    switchable: list[CitedRule]  # every citation this letter would make, switched off or not, each once
    follow_up: FollowUp | None = None  # for a reminder or an application for review (model.FOLLOW_UPS)

    def edited(self, key: str) -> bool:
        """She reworded this section (for "further": she wrote one the letter prints)."""
        edit = self.edits.sections.get(key)
        # "further" has no generated text: any citation in hers keeps it out of the letter (see edits.edited).
        return edit is not None and not (key == "further" and typed_citations(edit.text, ""))

    @property
    def attached(self) -> list[EvidenceRow]:
        return [row for row in self.evidence if row.attached]

    @property
    def kept(self) -> list[EvidenceRow]:
        return [row for row in self.evidence if not row.attached]

    @property
    def numbers(self) -> list[str]:
        """Every number or account the collectors used: those she listed, then those her incidents came from
        (a sender she gave as one of the names they called themselves is among the names, not here)."""
        listed = self.case.collectors.numbers if self.case.collectors else []
        return list(dict.fromkeys([*listed, *self.other_sources]))

    @property
    def other_sources(self) -> list[str]:
        """Numbers or accounts her incidents came from that her lists of the collectors' numbers and names lack."""
        collectors = self.case.collectors
        named = set(collectors.numbers) | set(collectors.names) if collectors else set()
        return [source for source in self.analysis.summary.sources if source not in named]

    @property
    def asks_agency(self) -> bool:
        """The requests already ask who collects and on whose authority (the closing need not ask again)."""
        return bool(self.case.wants) and "name_agency" in self.case.wants.requests

    @property
    def citations(self) -> list[CitedRule]:
        return self.laws + self.regulations + self.standards

    @property
    def sent_on(self) -> str:
        """The day this letter was sent, as written (today's while it is not): its deadlines count from it."""
        sending = self.case.documents.sent.get(self.kind) if self.case.documents else None
        return wording.date(sending.day, self.lang) if sending else self.date

    def due(self, key: str) -> str:
        """The written date of one deadline, or "" when it does not apply."""
        return next((written for written, _, d in self.deadlines if d.key == key), "")

    def articles(self, *keys: str) -> str:
        """《Complaint Handling Measures》第十八条、第十九条 — the procedure articles named by key, joined."""
        cited = [self.procedure[k] for k in keys if k in self.procedure]
        if not cited:
            return ""
        joined = wording.join([c.article for c in cited], self.lang)
        return f"《{cited[0].instrument}》{joined}" if self.lang == "zh" else f"{joined} of the {cited[0].instrument}"


def cite(reference: Reference, lang: str, conduct: str = "", incidents: str = "") -> CitedRule:
    """A reference as a letter may use it: article and quotation only where legal-basis.md allows."""
    verified = reference.status == "VERIFIED"
    instrument = reference.instrument
    return CitedRule(
        conduct=conduct, incidents=incidents, instrument=instrument.name(lang),
        article=reference.article(lang) if verified else "",
        quote=reference.quote(lang) if verified and reference.quote else "",
        statement=reference.statement(lang), kind=instrument.kind,
        version=instrument.version(lang) if instrument.version else "",
        label=instrument.label(lang) if instrument.label else "",
        listed_as=reference.listed_as(lang) if reference.listed_as else "",
        note=reference.note(lang) if reference.note else "",
        call_limit=bool(reference.when.calls_a_day_over),
        key=reference.key,
        lang=lang,
    )


def provisions(references, lang: str) -> str:
    """Several provisions named the way a lawyer lists them: 《A》第六条、第十三条，《B》第一千零三十五条."""
    by_instrument: dict[str, dict[str, None]] = {}
    for reference in references:
        cited = cite(reference, lang)
        # A lighter new paragraph cited for earlier conduct is the same paragraph as for later conduct: name it once.
        by_instrument.setdefault(cited.title, {})[cited.article] = None
    if lang == "zh":
        return "，".join(f"{title}{'、'.join(articles)}" for title, articles in by_instrument.items())
    return "; ".join(f"{wording.join(list(articles), lang)} of {title}" for title, articles in by_instrument.items())


def _cited(citation: Citation, lang: str) -> CitedRule:
    return cite(citation.reference, lang,
                conduct=wording.join([f.behaviour.short(lang) for f in citation.findings], lang),
                incidents=wording.incident_refs(citation.incidents, lang))


def _shows(case: Case, rules: Rules, numbers: list[int], lang: str, kind: str | None = None) -> Shows | None:
    """证明目的 from the incidents: what they show (as the timeline labels them) that this kind of proof can show."""
    shown = shown_behaviours(case)
    can_show = PROOF_SHOWS.get(kind)
    behaviours = [b.short(lang) for key, b in rules.behaviours.items()
                  if any(key in shown[n - 1] for n in numbers) and (can_show is None or key in can_show)
                  and key not in PROOF_MISSES.get(kind, ())]
    refs = wording.incident_refs(numbers, lang)
    if not behaviours:
        return Shows(refs, "") if kind == "call_log" and numbers else None
    return Shows(refs, wording.join(behaviours, lang))


def _picture_kind(item: EvidenceItem, ticked: set[str], rules: Rules) -> str | None:
    """Which ticked proof an uploaded picture is: named in its caption, or the only picture-kind ticked."""
    words = item.caption.lower()
    named = [kind for kind in PICTURE_KINDS if any(key in words for key in rules.term("evidence", kind).words)]
    if named:
        return named[0]
    candidates = [kind for kind in PICTURE_KINDS if kind in ticked]
    return candidates[0] if len(candidates) == 1 else None


def _evidence(case: Case, rules: Rules, lang: str) -> tuple[list[EvidenceRow], list[Exhibit], list[int]]:
    """The evidence list, each thing once: the pictures attached, then what she keeps, and who saw it.

    A picture covers the proof ticked on its incidents that it is (a call-log screenshot is the call-log
    proof); one whose kind cannot be told covers every picture-kind ticked there. What is left of the ticks is
    kept by her. "Someone saw or heard it" is no document: it comes back as the incidents someone witnessed.
    """
    numbered = case.numbered_incidents()
    covered: set[tuple[int, str]] = set()  # (incident number, proof kind) already in the list
    pictures, listed, exhibits = [], [], []
    for item in case.evidence:
        incidents = case.incident_numbers(item.incidents)
        ticked = {kind for n in incidents for kind in case.incidents[n - 1].evidence}
        refs = wording.incident_refs(incidents, lang) if incidents else ""
        kind = _picture_kind(item, ticked, rules) if item.kind == "image" else LISTED_COVERS[item.kind]
        purpose = wording.sentence(item.purpose)
        shows = None if item.purpose else _shows(case, rules, incidents, lang, kind)
        if item.kind == "image":
            covers = {kind} if kind else set(PICTURE_KINDS)
            generated = (rules.term("evidence", kind).extra["picture"] if kind else rules.term("uploads", "image").text)
            caption = item.caption or generated(lang)
            pictures.append((item, caption, refs, purpose, shows))
        else:
            covers = {LISTED_COVERS[item.kind]}
            term = rules.term("evidence", LISTED_COVERS[item.kind])
            listed.append(EvidenceRow(0, _named(item.caption or term.text(lang), refs, lang),
                                      term.extra["source"](lang), purpose, item.sha256, shows=shows))
        covered |= {(n, kind) for n in incidents for kind in covers}
    rows = []
    source = rules.term("uploads", "image").extra["source"](lang)
    for number, (item, caption, refs, purpose, shows) in enumerate(pictures, start=1):
        day = wording.date(item.date.first_day, lang) if item.date else ""
        exhibit = Exhibit(number, item.ref, _named(caption, refs, lang), day, item.sha256)
        exhibits.append(exhibit)
        rows.append(EvidenceRow(number, exhibit.caption, source, purpose, item.sha256, exhibit.anchor, attached=True,
                                shows=shows))
    for row in listed:
        rows.append(dataclasses.replace(row, number=len(rows) + 1))
    for kind in EVIDENCE:
        numbers = [n for n, i in numbered if kind in i.evidence and (n, kind) not in covered]
        if not numbers or kind == "witness":
            continue
        term = rules.term("evidence", kind)
        rows.append(EvidenceRow(len(rows) + 1, _named(term.text(lang), wording.incident_refs(numbers, lang), lang),
                                term.extra["source"](lang), "", shows=_shows(case, rules, numbers, lang, kind)))
    witnessed = [n for n, i in numbered if "witness" in i.evidence]
    return rows, exhibits, witnessed


def _named(name: str, refs: str, lang: str) -> str:
    """An evidence name with the incidents it belongs to: 通话记录截图（事件2）."""
    if not refs:
        return name
    return f"{name}（{refs}）" if lang == "zh" else f"{name} ({refs})"


def labels(case: Case, rules: Rules, lang: str) -> list[str]:
    """What each incident shows, in taxonomy order: what was ticked and what the times prove (night, too many calls)."""
    return [wording.join([b.short(lang) for key, b in rules.behaviours.items() if key in shown], lang)
            for shown in shown_behaviours(case)]


def timeline(case: Case, rules: Rules, lang: str) -> list[TimelineRow]:
    """The incidents as the letters' timeline table lists them, in the letter's words."""
    shown = labels(case, rules, lang)
    return [TimelineRow(
        number=n,
        when=wording.short_when(i),
        channel=rules.term("channels", i.channel).text(lang),
        source=i.source,
        targets=wording.join([rules.term("targets", t).text(lang) for t in i.targets], lang),
        behaviours=shown[n - 1],
        times=i.times,
    ) for n, i in case.numbered_incidents()]


def _reported(analysis: Analysis, off: frozenset[str]) -> list[tuple[Finding, tuple[Citation, ...]]]:
    """What the police statement asks the police to deal with: every finding a provision in it rests on (a public
    insult is one, though insults alone do not make a case for the police), each with those provisions, leaving
    out the provisions she switched off."""
    reported = []
    for finding in analysis.findings:
        cited = tuple(c for c in analysis.provisions_for(finding)
                      if c.reference.key not in PRIVATE_PROSECUTION and c.reference.key not in off)
        # Only the incidents a provision fits: a single call ticked as "too many calls" is not 滋扰.
        fitting = sorted({n for c in cited for f in c.findings if f.behaviour.key == finding.behaviour.key
                          for n in f.incidents})
        if cited:
            reported.append((Finding(finding.behaviour, tuple(fitting)), cited))
    return reported


def _police_conduct(analysis: Analysis, lang: str, off: frozenset[str]) -> list[tuple[str, str, str]]:
    """The police matters that have a provision in this document, each with its incidents and provisions; matters
    resting on the same provisions are named together, so no provision is listed twice over."""
    grouped: dict[str, list[Finding]] = {}
    for finding, cited in _reported(analysis, off):
        grouped.setdefault(provisions([c.reference for c in cited], lang), []).append(finding)
    return [(findings[0].behaviour.term(lang) if len(findings) == 1
             else wording.join([f.behaviour.short(lang) for f in findings], lang),
             wording.incident_refs(sorted({n for f in findings for n in f.incidents}), lang), written)
            for written, findings in grouped.items()]


def _repetition(analysis: Analysis, lang: str, off: frozenset[str]) -> Repetition | None:
    """When the repeated conduct crosses 2026-01-01: which incidents fall under each version, making it 多次.

    The case gives one debt, not that the same people or one unbroken course of conduct (连续状态) were behind it:
    the letter argues 多次 from that, and says no more; nor when she switched off a provision it adds up."""
    repetition = analysis.repetition
    if repetition is None or not repetition.straddles or any(r.key in off for r, _ in repetition.by_reference):
        return None
    return Repetition([(provisions([reference], lang), wording.incident_refs(numbers, lang), len(numbers))
                       for reference, numbers in repetition.by_reference if not reference.remedy],
                      wording.incident_refs(repetition.incidents, lang))


def _recipient(case: Case, kind: str, regulator: Recipient, lang: str) -> str:
    if kind in ("lender", "reminder"):
        return case.loan.lender
    if kind == "review":  # the branch's higher level: a line to fill in unless she named it
        return case.documents.sent["lender"].higher_level
    if kind == "police":
        return ""
    return regulator.name(lang)


def _earlier(case: Case) -> EarlierComplaint | None:
    """The complaint to the lender the regulator letter names: her answer on the "earlier" page, or where that
    says none, what she recorded about sending the lender letter (only what she recorded)."""
    earlier = case.earlier
    sending = case.documents.sent.get("lender") if case.documents else None
    if (earlier is None or earlier.made != "yes") and sending:
        return EarlierComplaint(made="yes", date=sending.on, reference=sending.reference,
                                outcome=sending.reply if sending.reply in ("no_reply", "refused") else "")
    return earlier


def _earlier_on(earlier: EarlierComplaint | None, lang: str) -> str:
    """The day (or month) she complained to the lender, as written, or ""."""
    if earlier is None or earlier.made != "yes" or not earlier.date:
        return ""
    return wording.date(earlier.date.first_day, lang, month_only=earlier.date.month_only)


def _time_limit(case: Case, rules: Rules, analysis: Analysis, today: dt.date, lang: str, off: frozenset[str]):
    """When the newest matter for the police is over six months old: its date and the six-month rule for it."""
    matters = [case.incidents[n - 1] for f, _ in _reported(analysis, off) for n in f.incidents]
    if not matters:
        return None
    newest = max(matters, key=lambda i: i.last_day)
    if add_months(newest.last_day, POLICE_WINDOW_MONTHS) >= today:
        return None
    rule = next(rules.references[k] for k in TIME_LIMITS if in_force_during(rules.references[k], newest))
    written = wording.date(newest.first_day, lang, newest.month_only)
    if lang == "en":
        written = f"{'in' if newest.month_only else 'on'} {written}"
    return written, cite(rule, lang)


def _punishable(case: Case, numbers: tuple[int, ...], today: dt.date) -> bool:
    """The newest of these incidents is within the six months in which the police may still punish it: the
    no-contact order is given "besides the penalty" (第五十条第二款), so past that it is not asked for."""
    newest = max(case.incidents[n - 1].last_day for n in numbers)
    return add_months(newest, POLICE_WINDOW_MONTHS) >= today


def _court_faked(case: Case) -> bool:
    """Court papers or court staff may have been faked (12368 can check them)."""
    return any("fake_legal_documents" in i.behaviours
               or ("impersonation" in i.behaviours and any(w in i.description.lower() for w in COURT_WORDS))
               for i in case.incidents)


def _follow_up(case: Case, rules: Rules, found: list[Deadline], today: dt.date, lang: str) -> FollowUp:
    """The lender letter's record as a follow-up names it."""
    sending = case.documents.sent["lender"]
    due = next(d.date for d in found if d.key == "lender_reply")
    review_by = next((d.date for d in found if d.key == "review" and not d.counts_from), None)
    return FollowUp(
        sent_on=wording.date(sending.day, lang),
        sent_by=rules.term("sent_by", sending.by).text(lang) if sending.by else "",
        reference=sending.reference, reply=sending.reply,
        reply_on=wording.date(sending.reply_day, lang) if sending.reply_day else "",
        due=wording.date(due, lang), due_passed=due < today,
        higher_level=sending.higher_level, objection=wording.sentence(sending.objection) if sending.objection else "",
        review_by=wording.date(review_by, lang) if review_by else "")


def _phones_written_alike(case: Case) -> Case:
    """A copy of the case with every phone number in one spelling, so a number typed twice reads (and counts) once."""
    person = dataclasses.replace(case.person, phone=wording.phone(case.person.phone))
    collectors = (dataclasses.replace(case.collectors, numbers=list(dict.fromkeys(
        wording.phone(n) for n in case.collectors.numbers))) if case.collectors else None)
    incidents = [dataclasses.replace(i, source=wording.phone(i.source)) for i in case.incidents]
    return dataclasses.replace(case, person=person, collectors=collectors, incidents=incidents)


def build(case: Case, kind: str, lang: str, today: dt.date, rules: Rules | None = None) -> Document:
    """Assemble one document (lender, regulator, hotline or police, or a follow-up to the lender letter: reminder or
    review) in one letter language."""
    if kind not in (*DOCUMENTS, *FOLLOW_UPS) or lang not in LETTER_LANGUAGES:
        raise ValueError(f"unknown document {kind!r} or language {lang!r}")
    follows = kind in FOLLOW_UPS
    missing = [name for name in ("person", "loan") if getattr(case, name) is None]
    if not case.incidents:
        missing.append("incidents")
    if follows and not (case.documents and "lender" in case.documents.sent):
        missing.append("documents.sent.lender")
    if missing:
        raise IncompleteCase(missing)
    rules = rules or rules_data.load()
    case = _phones_written_alike(case)
    # The hotline sheet speaks the lender letter's findings; the police statement has its own references.
    the_plan = plan(case, rules, today, document="lender" if kind == "hotline" or follows else kind)
    analysis, the_route = the_plan.analysis, the_plan.route
    numbered = case.numbered_incidents()
    wants = case.wants
    requests = [rules.term("requests", r).text(lang) for r in (wants.requests if wants else [])]
    if wants and wants.other:
        requests.append(wording.sentence(wants.other))
    edits = case.edits(kind, lang)
    off = frozenset(edits.off)
    grouped = {"laws": [], "regulations": [], "standards": []}
    for citation in analysis.citations:
        if not citation.reference.remedy:
            grouped[GROUPS[citation.reference.instrument.kind]].append(_cited(citation, lang))
    supplements = [_cited(c, lang) for c in analysis.supplements]
    request_basis = [cite(r, lang) for r in analysis.request_references]
    injunction = (cite(rules.references[INJUNCTION], lang)
                  if any(in_force_during(rules.references[INJUNCTION], i) for i in case.incidents) else None)
    no_contact = next((c for c in analysis.citations if c.reference.remedy), None)
    every = [*grouped["laws"], *grouped["regulations"], *grouped["standards"], *supplements, *request_basis,
             *([injunction] if injunction else []), *([_cited(no_contact, lang)] if no_contact else []),
             *(cite(r, lang) for _, refs, _ in analysis.arguments for r in refs)]
    switchable = list({c.key: c for c in every}.values())
    grouped = {group: [c for c in cited if c.key not in off] for group, cited in grouped.items()}
    supervised = case.loan.lender_type in NFRA_TYPES
    procedure = {key: cite(ref, lang) for key, ref in rules.references.items()
                 if ref.instrument.key == "complaint_handling" and supervised}
    region = rules.regions.get(case.loan.province)
    evidence, exhibits, witnessed = _evidence(case, rules, lang)
    last = analysis.summary.last.last_day
    continuing = (today - last).days <= RECENT_DAYS
    earlier = _earlier(case)
    return Document(
        kind=kind, lang=lang, date=wording.date(today, lang), case=case, route=the_route,
        recipient=_recipient(case, kind, the_route.regulator, lang),
        lender_type=rules.term("lender_types", case.loan.lender_type).text(lang),
        region=region.name(lang) if region else "",
        id_number=answers.normalise_id_number(case.person.id_number),
        requests=requests,
        request_basis=[c for c in request_basis if c.key not in off],
        card=narrative.is_card(case.loan),
        earlier=earlier,
        earlier_on=_earlier_on(earlier, lang),
        earlier_outcome=(rules.term("outcomes", earlier.outcome).text(lang)
                         if earlier and earlier.made == "yes" and earlier.outcome else ""),
        overview=narrative.overview(case, analysis.summary, rules, lang),
        incidents=[narrative.incident(n, i, rules, lang) for n, i in numbered[:NARRATED_INCIDENTS]],
        untold=max(0, len(numbered) - NARRATED_INCIDENTS),
        laws=grouped["laws"], regulations=grouped["regulations"], standards=grouped["standards"],
        supplements=[c for c in supplements if c.key not in off],
        # An argument reasons from all its provisions together: with one switched off, it is left out.
        arguments=[(argument.text(lang), provisions(refs, lang), wording.incident_refs(numbers, lang))
                   for argument, refs, numbers in analysis.arguments if not any(r.key in off for r in refs)],
        transitions=[i.transition_note(lang) for i in analysis.transitions],
        procedure=procedure,
        deadlines=[(wording.date(d.date, lang), d.what(lang), d) for d in the_plan.deadlines],
        busy_days=[(wording.date(day, lang), count) for day, count in analysis.summary.busy_days],
        timeline=timeline(case, rules, lang),
        compact_timeline=len(case.incidents) > COMPACT_TIMELINE_OVER,
        evidence=evidence,
        exhibits=exhibits if kind != "hotline" and not follows else [],
        witnessed=wording.incident_refs(witnessed, lang) if witnessed else "",
        chart=(harassment_chart(case.incidents, lang, font=LETTER_FONT, heading_weight="normal", merged=True)
               if kind != "hotline" and not follows else None),
        analysis=analysis,
        behaviour_counts=[(f.behaviour.short(lang), len(f.incidents)) for f in analysis.findings],
        police_conduct=_police_conduct(analysis, lang, off),
        no_contact_order=(wording.incident_refs(no_contact.incidents, lang)
                          if no_contact and no_contact.reference.key not in off
                          and _punishable(case, no_contact.incidents, today) else ""),
        repetition=_repetition(analysis, lang, off),
        third_parties=bool(analysis.summary.third_party),
        continuing=continuing,
        injunction=injunction if injunction and injunction.key not in off else None,
        time_limit=_time_limit(case, rules, analysis, today, lang, off),
        court_check=rules.channels["court_12368"] if _court_faked(case) else None,
        edits=edits,
        switchable=switchable,
        follow_up=_follow_up(case, rules, the_plan.deadlines, today, lang) if follows else None,
    )
