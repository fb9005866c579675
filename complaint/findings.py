"""Turn a case's incidents into findings (what was done, in which incidents) and the references each supports."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from complaint.model import Case, Incident
from complaint.rules import Behaviour, Reference, Rules

NIGHT_STARTS = "22:00"
NIGHT_ENDS = "08:00"


@dataclass(frozen=True)
class Finding:
    """One behaviour, and the numbers of the incidents that show it."""

    behaviour: Behaviour
    incidents: tuple[int, ...]


@dataclass(frozen=True)
class Citation:
    """A reference that applies, and the findings (with their incidents) it rests on."""

    reference: Reference
    findings: tuple[Finding, ...]

    @property
    def incidents(self) -> tuple[int, ...]:
        return tuple(sorted({n for f in self.findings for n in f.incidents}))


@dataclass(frozen=True)
class Summary:
    incidents: int
    contacts: int  # incidents weighted by how many calls or messages each stands for
    first: Incident | None
    last: Incident | None
    night: tuple[int, ...]
    third_party: tuple[int, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Analysis:
    findings: tuple[Finding, ...]
    citations: tuple[Citation, ...]
    summary: Summary


def is_night(incident: Incident) -> bool:
    return bool(incident.time) and (incident.time >= NIGHT_STARTS or incident.time < NIGHT_ENDS)


def reaches_third_parties(incident: Incident) -> bool:
    return any(t != "self" for t in incident.targets) or incident.channel in ("third_party", "online_post")


def applies(reference: Reference, incident: Incident) -> bool:
    """Whether a reference fits this incident: in force on some day it may have happened, right channel."""
    in_force = any(reference.in_force_on(day) for day in _days(incident.first_day, incident.last_day))
    return in_force and (not reference.channels or incident.channel in reference.channels)


def _days(first: dt.date, last: dt.date):
    # Only the two ends and any effective-date boundary matter, but a month is short enough to walk.
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def analyse(case: Case, rules: Rules, verified_only: bool = False) -> Analysis:
    """Findings in taxonomy order, then each reference with the findings it supports."""
    numbered = case.numbered_incidents()
    findings = []
    for behaviour in rules.behaviours.values():
        shown = tuple(n for n, incident in numbered if behaviour.key in incident.behaviours)
        if shown:
            findings.append(Finding(behaviour, shown))

    supported: dict[str, list[Finding]] = {}
    for finding in findings:
        for reference in finding.behaviour.references:
            if verified_only and reference.status != "VERIFIED":
                continue
            fitting = tuple(n for n in finding.incidents if applies(reference, case.incidents[n - 1]))
            if fitting:
                supported.setdefault(reference.key, []).append(Finding(finding.behaviour, fitting))
    order = list(rules.references)
    citations = tuple(Citation(rules.references[key], tuple(found))
                      for key, found in sorted(supported.items(), key=lambda item: order.index(item[0])))
    return Analysis(tuple(findings), citations, summarise(case))


def summarise(case: Case) -> Summary:
    numbered = case.numbered_incidents()
    return Summary(
        incidents=len(numbered),
        contacts=sum(incident.times or 1 for _, incident in numbered),
        first=numbered[0][1] if numbered else None,
        last=numbered[-1][1] if numbered else None,
        night=tuple(n for n, incident in numbered if is_night(incident) or "night_calls" in incident.behaviours),
        third_party=tuple(n for n, incident in numbered if reaches_third_parties(incident)),
        sources=tuple(dict.fromkeys(incident.source for _, incident in numbered if incident.source)),
    )
