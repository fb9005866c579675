"""Everything a letter template prints, built from a case: parties, requests, narrative, citations, tables."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from complaint import answers, rules as rules_data
from complaint.findings import Analysis, Citation, analyse
from complaint.letters import narrative, wording
from complaint.model import DOCUMENTS, EVIDENCE, LETTER_LANGUAGES, Case
from complaint.rules import Rules

# Past this many incidents the narrative tells the first ones and points to the timeline for the rest.
NARRATED_INCIDENTS = 30


class IncompleteCase(ValueError):
    """The case lacks what every letter needs; `missing` names the sections."""

    def __init__(self, missing: list[str]):
        super().__init__("missing: " + ", ".join(missing))
        self.missing = missing


@dataclass(frozen=True)
class CitedRule:
    conduct: str  # the behaviours it rests on, in the letter's words
    incidents: str  # "事件1、3" / "incidents 1 and 3"
    instrument: str
    article: str  # "" when the reference may only be named
    quote: str  # "" when the reference may not be quoted
    is_law: bool


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
class EvidenceRow:
    number: int
    name: str
    source: str
    purpose: str


@dataclass
class Document:
    kind: str
    lang: str
    date: str
    case: Case
    recipient: str
    lender_type: str
    id_number: str
    requests: list[str]
    background: str
    overview: str
    incidents: list[tuple[int, str]]  # (number, sentence)
    untold: int  # incidents left to the timeline
    citations: list[CitedRule]
    timeline: list[TimelineRow]
    evidence: list[EvidenceRow]
    analysis: Analysis
    behaviour_counts: list[tuple[str, int]] = field(default_factory=list)


def _cited(citation: Citation, rules: Rules, lang: str) -> CitedRule:
    ref = citation.reference
    verified = ref.status == "VERIFIED"
    return CitedRule(
        conduct=wording.join([f.behaviour.short(lang) for f in citation.findings], lang),
        incidents=wording.incident_refs(citation.incidents, lang),
        instrument=ref.instrument.name(lang),
        article=ref.article(lang) if verified else "",
        quote=ref.quote(lang) if verified else "",
        is_law=ref.instrument.is_law,
    )


def _evidence(case: Case, rules: Rules, lang: str) -> list[EvidenceRow]:
    rows = []
    for kind in EVIDENCE:
        numbers = [n for n, i in case.numbered_incidents() if kind in i.evidence]
        if not numbers:
            continue
        term = rules.term("evidence", kind)
        behaviours = list(dict.fromkeys(rules.behaviours[b].short(lang) for n in numbers
                                        for b in case.incidents[n - 1].behaviours))
        refs = wording.incident_refs(numbers, lang)
        if lang == "zh":
            name = f"{term.text.zh}（{refs}）"
            purpose = f"证明{refs}中催收方{wording.join(behaviours, lang)}的事实"
        else:
            name = f"{term.text.en} ({refs})"
            purpose = f"Shows the {wording.join(behaviours, lang)} in {refs}"
        rows.append(EvidenceRow(len(rows) + 1, name, term.extra["source"](lang), purpose))
    return rows


def _timeline(case: Case, rules: Rules, lang: str) -> list[TimelineRow]:
    return [TimelineRow(
        number=n,
        when=wording.short_when(i),
        channel=rules.term("channels", i.channel).text(lang),
        source=i.source,
        targets=wording.join([rules.term("targets", t).text(lang) for t in i.targets], lang),
        behaviours=wording.join([rules.behaviours[b].short(lang) for b in i.behaviours], lang),
        times=i.times,
    ) for n, i in case.numbered_incidents()]


def _recipient(case: Case, kind: str, lang: str) -> str:
    if kind == "lender":
        return case.loan.lender
    return "金融监督管理部门" if lang == "zh" else "the financial regulator"


def build(case: Case, kind: str, lang: str, today: dt.date, rules: Rules | None = None) -> Document:
    """Assemble one document (lender, regulator or hotline) in one letter language."""
    if kind not in DOCUMENTS or lang not in LETTER_LANGUAGES:
        raise ValueError(f"unknown document {kind!r} or language {lang!r}")
    missing = [name for name in ("person", "loan") if getattr(case, name) is None]
    if not case.incidents:
        missing.append("incidents")
    if missing:
        raise IncompleteCase(missing)
    rules = rules or rules_data.load()
    # Until routing lands, letters cite only VERIFIED articles (the foundation's rule for the regulator letter).
    analysis = analyse(case, rules, verified_only=True)
    numbered = case.numbered_incidents()
    requests = [rules.term("requests", r).text(lang) for r in (case.wants.requests if case.wants else [])]
    if case.wants and case.wants.other:
        requests.append(wording.sentence(case.wants.other))
    return Document(
        kind=kind, lang=lang, date=wording.date(today, lang), case=case,
        recipient=_recipient(case, kind, lang),
        lender_type=rules.term("lender_types", case.loan.lender_type).text(lang),
        id_number=answers.normalise_id_number(case.person.id_number),
        requests=requests,
        background=narrative.background(case, rules, lang),
        overview=narrative.overview(case, analysis.summary, rules, lang),
        incidents=[(n, narrative.incident(i, rules, lang)) for n, i in numbered[:NARRATED_INCIDENTS]],
        untold=max(0, len(numbered) - NARRATED_INCIDENTS),
        citations=[_cited(c, rules, lang) for c in analysis.citations],
        timeline=_timeline(case, rules, lang),
        evidence=_evidence(case, rules, lang),
        analysis=analysis,
        behaviour_counts=[(f.behaviour.short(lang), len(f.incidents)) for f in analysis.findings],
    )
