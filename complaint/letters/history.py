"""A case at a glance: its incidents, the documents sent and the answers, and the deadlines, in one date order."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from complaint.law.continuing import AfterLetter, after_letter
from complaint.law.deadlines import Deadline, escalation, follow_ups
from complaint.law.findings import Analysis
from complaint.law.plan import plan
from complaint.law.routing import Route
from complaint.law.rules import Rules
from complaint.letters import wording
from complaint.letters.document import TimelineRow, timeline
from complaint.model import FOLLOW_UPS, Case, Incident, Sending

# Of what happened on one day, what comes first: the incidents, then her letter, the answer, and what is due.
ORDER = ("incident", "sent", "reply", "deadline")


@dataclass(frozen=True)
class Event:
    """One line of the history: an incident, a document sent, an answer to one, or a deadline."""

    day: dt.date
    kind: str  # one of ORDER
    incident: Incident | None = None
    row: TimelineRow | None = None  # the incident as the letters' timeline lists it
    document: str = ""  # the document sent or answered, or the one a deadline counts from
    sending: Sending | None = None
    deadline: Deadline | None = None
    passed: bool = False  # a deadline gone by
    upcoming: bool = False  # the next deadline to come

    @property
    def sort_key(self) -> tuple:
        return self.day, ORDER.index(self.kind), self.row.when if self.row else ""


@dataclass(frozen=True)
class History:
    lang: str
    today: dt.date
    case: Case
    events: list[Event]
    analysis: Analysis
    route: Route
    escalate: str  # "refused" | "no_reply" | "": why the regulator is now the next step (see `escalation`)
    after: AfterLetter | None  # the conduct went on after a complaint letter: the police are the next step
    follow_ups: list[str]  # the reminder and the application for review, where her records call for them

    @property
    def next_follow_ups(self) -> list[str]:
        """The follow-ups called for and not yet recorded as sent: once sent, the timeline tells them."""
        return [kind for kind in self.follow_ups if kind not in self.case.documents.sent]

    @property
    def documents(self) -> list[tuple[str, Sending | None]]:
        """Each document chosen and each follow-up sent, with its record: those sent by the day they went, then
        those not sent yet in the order chosen."""
        sent = self.case.documents.sent
        kinds = [*self.case.documents.kinds, *(k for k in FOLLOW_UPS if k in sent)]
        return sorted(((kind, sent.get(kind)) for kind in kinds),
                      key=lambda row: (row[1] is None, row[1].day if row[1] else self.today))

    @property
    def incidents(self) -> list[Event]:
        return [e for e in self.events if e.kind == "incident"]

    @property
    def upcoming(self) -> list[Event]:
        """The deadlines still to come, soonest first."""
        return [e for e in self.events if e.kind == "deadline" and not e.passed]

    @property
    def passed(self) -> list[Event]:
        return [e for e in self.events if e.kind == "deadline" and e.passed]

    @property
    def behaviour_counts(self) -> list[tuple[str, int]]:
        """How many incidents show each behaviour, as the findings label them, in the taxonomy's order."""
        return [(f.behaviour.short(self.lang), len(f.incidents)) for f in self.analysis.findings]

    def date(self, day: dt.date, month_only: bool = False) -> str:
        return wording.date(day, self.lang, month_only)


def history(case: Case, rules: Rules, today: dt.date, lang: str) -> History:
    """Everything recorded about the case, in date order, with the next step where there is one."""
    the_plan = plan(case, rules, today)
    incidents = case.numbered_incidents()
    events = [Event(incident.first_day, "incident", incident=incident, row=row)
              for (_, incident), row in zip(incidents, timeline(case, rules, lang), strict=True)]
    for kind, sending in (case.documents.sent.items() if case.documents else ()):
        events.append(Event(sending.day, "sent", document=kind, sending=sending))
        if sending.reply and sending.reply_day:  # an answer on a day of its own; any other is told with the sending
            events.append(Event(sending.reply_day, "reply", document=kind, sending=sending))
    upcoming = next((d for d in the_plan.deadlines if d.date >= today), None)
    events += [Event(d.date, "deadline", document=d.counts_from, deadline=d, passed=d.date < today,
                     upcoming=d is upcoming) for d in the_plan.deadlines]
    return History(lang=lang, today=today, case=case, events=sorted(events, key=lambda e: e.sort_key),
                   analysis=the_plan.analysis, route=the_plan.route,
                   escalate=escalation(case, the_plan.deadlines, today),
                   after=after_letter(case, the_plan.analysis),
                   follow_ups=follow_ups(case, rules, the_plan.deadlines, today))
