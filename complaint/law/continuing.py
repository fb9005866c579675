"""Whether the collection went on after a complaint letter was sent: then the police statement is the next step."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from complaint.law.findings import Analysis, Finding
from complaint.model import Case

# The complaints whose sending should have stopped the conduct, in the order she would usually send them.
LETTERS = ("lender", "regulator")


@dataclass(frozen=True)
class AfterLetter:
    """The incidents dated after the first complaint letter she recorded sending, and the police matters among them."""

    document: str  # lender | regulator
    day: dt.date
    incidents: tuple[int, ...]
    police: tuple[Finding, ...]  # each police matter narrowed to the incidents after the letter

    def police_conduct(self, lang: str) -> list[str]:
        """The police matters after the letter, as the findings label them."""
        return [f.behaviour.short(lang) for f in self.police]


def after_letter(case: Case, analysis: Analysis) -> AfterLetter | None:
    """None while no complaint letter is recorded as sent, or when no incident dated after it shows a police matter.
    An incident on
    the day itself may have come before the letter, and a month-only one must fall wholly after it, to count."""
    sent = case.documents.sent if case.documents else {}
    recorded = sorted((sent[kind].day, kind) for kind in LETTERS if kind in sent)
    if not recorded:
        return None
    day, document = recorded[0]
    later = tuple(n for n, incident in case.numbered_incidents() if incident.first_day > day)
    if not later:
        return None
    police = tuple(Finding(f.behaviour, tuple(n for n in f.incidents if n in later))
                   for f in analysis.police_matters if set(f.incidents) & set(later))
    # Collection that goes on is not by itself a matter for the police: only conduct the statement can rest on is.
    return AfterLetter(document, day, later, police) if police else None
