"""Turn a case's incidents into findings (what was done, in which incidents) and the references each supports.

A reference supports a finding for an incident only when it was in force on a day the incident may have
happened, fits the incident's channel, suits the case (lender type, product, illegal debt) and may appear
in the document being written. Times are Beijing time.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from complaint.law.rules import Argument, Behaviour, Instrument, Narrowing, Reference, Rules
from complaint.model import Case, Incident

NIGHT_STARTS = "22:00"  # 22:00 is night, 21:59 is not
NIGHT_ENDS = "08:00"  # 07:59 is night, 08:00 is not
CALLS_A_DAY = 3  # more than this many calls to the user in one calendar day is excessive
# A post or a letter has a time, but reading it is not being contacted at night: no night label from the clock.
UNTIMED_CHANNELS = ("online_post", "letter")
RECENT_DAYS = 30  # conduct this recent, counted back from the letter's date, is written as still going on


@dataclass(frozen=True)
class Finding:
    """One behaviour, the numbers of the incidents that show it, and for excessive calls the days."""

    behaviour: Behaviour
    incidents: tuple[int, ...]
    days: tuple[tuple[dt.date, int], ...] = ()


@dataclass(frozen=True)
class Citation:
    """A reference that applies, and the findings (with their incidents) it rests on."""

    reference: Reference
    findings: tuple[Finding, ...]

    @property
    def incidents(self) -> tuple[int, ...]:
        return tuple(sorted({n for f in self.findings for n in f.incidents}))


@dataclass(frozen=True)
class Repetition:
    """多次: the incidents that together make conduct repeated, and which of them each cited version covers."""

    incidents: tuple[int, ...]
    by_reference: tuple[tuple[Reference, tuple[int, ...]], ...]

    @property
    def straddles(self) -> bool:
        """The incidents fall under more than one version of the law (before and from 2026-01-01)."""
        return len({r.instrument.key for r, _ in self.by_reference if not r.remedy}) > 1


@dataclass(frozen=True)
class Summary:
    incidents: int
    contacts: int  # incidents weighted by how many calls or messages each stands for
    first: Incident | None
    last: Incident | None
    night: tuple[int, ...]
    busy_days: tuple[tuple[dt.date, int], ...]  # days with more than CALLS_A_DAY calls, and how many
    third_party: tuple[int, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Analysis:
    findings: tuple[Finding, ...]
    citations: tuple[Citation, ...]
    supplements: tuple[Citation, ...]  # cited alongside others through `also` (e.g. which version applies)
    arguments: tuple[tuple[Argument, tuple[Reference, ...], tuple[int, ...]], ...]  # with the incidents it rests on
    request_references: tuple[Reference, ...]
    transitions: tuple[Instrument, ...]  # newer instruments cited beside the version they replace
    summary: Summary
    repetition: Repetition | None = None  # the incidents that make item (五) conduct 多次, when it is cited

    @property
    def police_matters(self) -> tuple[Finding, ...]:
        """Findings the police can act on (threats, violence, stalking, trespass, impersonation, forgery)."""
        return tuple(f for f in self.findings if f.behaviour.police)

    def provisions_for(self, finding: Finding) -> tuple[Citation, ...]:
        """The cited rules (not remedies) that rest on this finding's behaviour."""
        return tuple(c for c in self.citations if not c.reference.remedy
                     and any(f.behaviour.key == finding.behaviour.key for f in c.findings))


def is_night_time(clock: str) -> bool:
    """Whether an 'HH:MM' falls between NIGHT_STARTS and NIGHT_ENDS."""
    return clock >= NIGHT_STARTS or clock < NIGHT_ENDS


def is_night(incident: Incident) -> bool:
    return bool(incident.time) and is_night_time(incident.time)


def reaches_third_parties(incident: Incident) -> bool:
    return any(t != "self" for t in incident.targets) or incident.channel in ("third_party", "online_post")


def calls_per_day(case: Case) -> Counter:
    """Calls to the user on each calendar day, counting each incident's `times` (month-only ones have no day)."""
    calls = Counter()
    for incident in case.incidents:
        if incident.channel == "call" and "self" in incident.targets and not incident.month_only:
            calls[incident.first_day] += incident.times or 1
    return calls


def contacts(incident: Incident) -> int:
    """How many calls or messages the incident stands for."""
    return incident.times or 1


def busy_days(case: Case) -> dict[dt.date, int]:
    """Calendar days with more than CALLS_A_DAY calls."""
    return {day: count for day, count in sorted(calls_per_day(case).items()) if count > CALLS_A_DAY}


def is_public(incident: Incident) -> bool:
    """It reached people other than the user: 公然, not a private message."""
    return reaches_third_parties(incident) or incident.channel in ("home_visit", "work_visit")


def shown_behaviours(case: Case) -> list[set[str]]:
    """What each incident shows: what the user ticked, plus night contact and excessive calls the times prove."""
    busy = busy_days(case)
    shown = []
    for incident in case.incidents:
        behaviours = set(incident.behaviours)
        if is_night(incident) and incident.channel not in UNTIMED_CHANNELS:
            behaviours.add("night_calls")
        if (incident.channel == "call" and "self" in incident.targets and not incident.month_only
                and incident.first_day in busy):
            behaviours.add("excessive_calls")
        shown.append(behaviours)
    return shown


def suits_case(reference: Reference, case: Case) -> bool:
    """The case-wide conditions: illegal debt, lender type, product."""
    when, loan = reference.when, case.loan
    if when.illegal_debt and (loan is None or loan.illegal != "yes"):
        return False
    if when.lender_types and (loan is None or loan.lender_type not in when.lender_types):
        return False
    if when.product_mentions:
        product = (loan.product if loan else "").lower()
        return any(word.lower() in product for word in when.product_mentions)
    return True


def in_force_during(reference: Reference, incident: Incident) -> bool:
    """In force on every day the incident may have happened: a month-only date must fall wholly inside."""
    starts_in_time = reference.effective_from <= incident.first_day
    not_yet_ended = reference.effective_to is None or incident.last_day <= reference.effective_to
    return starts_in_time and not_yet_ended


def applies(reference: Reference, incident: Incident, calls: Counter | None = None,
            narrowing: Narrowing | None = None) -> bool:
    """Whether a reference fits this incident: in force, right channel, and its own conditions met.

    `calls`: calls per day (for call limits); `narrowing`: what the behaviour must also show for this reference.
    Whether conduct is repeated (多次) depends on the other incidents: `analyse` checks it.
    """
    when, narrowing = reference.when, narrowing or Narrowing()
    if not in_force_during(reference, incident):
        return False
    for channels in (reference.channels, narrowing.channels):
        if channels and incident.channel not in channels:
            return False
    if when.public and not is_public(incident):
        return False
    if narrowing.mentions and not any(word in incident.description.lower() for word in narrowing.mentions):
        return False
    limit = max(when.calls_a_day_over, narrowing.calls_a_day_over)
    if limit:
        return (incident.channel == "call" and not incident.month_only
                and (calls or Counter()).get(incident.first_day, 0) > limit)
    return True


def _for_document(reference: Reference, document: str | None) -> bool:
    return document is None or document in reference.documents


def analyse(case: Case, rules: Rules, document: str | None = None) -> Analysis:
    """Findings in taxonomy order, the references that support them in `document` (all when None), and more."""
    numbered = case.numbered_incidents()
    shown = shown_behaviours(case)
    busy = busy_days(case)
    findings = []
    for behaviour in rules.behaviours.values():
        numbers = tuple(n for n, _ in numbered if behaviour.key in shown[n - 1])
        if numbers:
            days = tuple(busy.items()) if behaviour.key == "excessive_calls" else ()
            findings.append(Finding(behaviour, numbers, days))

    supported: dict[str, list[Finding]] = {}
    calls = calls_per_day(case)
    for finding in findings:
        for reference in finding.behaviour.references:
            if not (_for_document(reference, document) and suits_case(reference, case)):
                continue
            narrowing = finding.behaviour.conditions.get(reference.key)
            fitting = tuple(n for n in finding.incidents
                            if applies(reference, case.incidents[n - 1], calls, narrowing))
            if fitting:
                supported.setdefault(reference.key, []).append(Finding(finding.behaviour, fitting))
    repetition = _repetition(case, rules, supported)
    if repetition is None:  # a single call or message is never 多次
        supported = {k: v for k, v in supported.items() if not rules.references[k].when.repeated}
    alongside: dict[str, list[Finding]] = {}
    for key, found in supported.items():
        for also in rules.references[key].also:
            if _for_document(rules.references[also], document):
                alongside.setdefault(also, []).extend(found)
    citations, supplements = _citations(supported, rules), _citations(alongside, rules)

    # A lighter new rule cited for earlier conduct does not mean the conduct spans the two versions.
    cited_instruments = {c.reference.instrument.key for c in citations if not c.reference.lighter}
    transitions = tuple(i for i in rules.instruments.values()
                        if i.replaces and i.key in cited_instruments and i.replaces in cited_instruments)
    return Analysis(tuple(findings), citations, supplements, _arguments(case, rules, shown),
                    _request_references(case, rules), transitions, summarise(case), repetition)


def _repetition(case: Case, rules: Rules, supported: dict[str, list[Finding]]) -> Repetition | None:
    """The incidents behind every `repeated` reference, taken together (one course of conduct may cross
    2026-01-01): None unless they stand for more than one call, message, visit or act."""
    by_reference = tuple((rules.references[key], tuple(sorted({n for f in found for n in f.incidents})))
                         for key, found in supported.items() if rules.references[key].when.repeated)
    pooled = tuple(sorted({n for _, numbers in by_reference for n in numbers}))
    if sum(contacts(case.incidents[n - 1]) for n in pooled) < 2:
        return None
    return Repetition(pooled, by_reference)


def _citations(supported: dict[str, list[Finding]], rules: Rules) -> tuple[Citation, ...]:
    """Each reference once, in the order of references.toml, with its findings merged."""
    order = list(rules.references)
    return tuple(Citation(rules.references[key], tuple(_merge(found)))
                 for key, found in sorted(supported.items(), key=lambda item: order.index(item[0])))


def _merge(findings: list[Finding]) -> list[Finding]:
    """One entry per behaviour (a reference reached through several others repeats it)."""
    merged: dict[str, Finding] = {}
    for finding in findings:
        if finding.behaviour.key in merged:
            old = merged[finding.behaviour.key]
            finding = Finding(finding.behaviour, tuple(sorted(set(old.incidents) | set(finding.incidents))))
        merged[finding.behaviour.key] = finding
    return list(merged.values())


def _arguments(case: Case, rules: Rules, shown: list[set[str]]) -> tuple:
    found = []
    for argument in rules.arguments.values():
        numbers = tuple(n for (n, i), behaviours in zip(case.numbered_incidents(), shown, strict=True)
                        if set(argument.behaviours) & behaviours
                        and (set(argument.targets) & set(i.targets) or i.channel in argument.channels)
                        and any(in_force_during(r, i) for r in argument.references))
        # The argument names its incidents together, so it rests only on provisions in force for all of them.
        references = tuple(r for r in argument.references
                           if all(in_force_during(r, case.incidents[n - 1]) for n in numbers))
        if numbers and references:
            found.append((argument, references, numbers))
    return tuple(found)


def _request_references(case: Case, rules: Rules) -> tuple[Reference, ...]:
    if not case.wants or not case.incidents:
        return ()
    keys = dict.fromkeys(key for request in case.wants.requests for key in rules.term("requests", request).references)
    return tuple(rules.references[key] for key in keys
                 if suits_case(rules.references[key], case)
                 and any(in_force_during(rules.references[key], i) for i in case.incidents))


def summarise(case: Case) -> Summary:
    numbered = case.numbered_incidents()
    return Summary(
        incidents=len(numbered),
        contacts=sum(incident.times or 1 for _, incident in numbered),
        first=numbered[0][1] if numbered else None,
        last=max((i for _, i in numbered), key=lambda i: i.last_day, default=None),
        night=tuple(n for n, incident in numbered if is_night(incident) or "night_calls" in incident.behaviours),
        busy_days=tuple(busy_days(case).items()),
        third_party=tuple(n for n, incident in numbered if reaches_third_parties(incident)),
        sources=tuple(dict.fromkeys(incident.source for _, incident in numbered if incident.source)),
    )
