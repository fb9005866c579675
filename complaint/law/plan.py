"""A case's analysis, the route it suggests and its deadlines, worked out once for a page or a letter."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from complaint.law.deadlines import Deadline, deadlines
from complaint.law.findings import Analysis, analyse
from complaint.law.routing import Route, route
from complaint.law.rules import Rules
from complaint.model import Case


@dataclass(frozen=True)
class Plan:
    analysis: Analysis
    route: Route
    deadlines: list[Deadline]


def plan(case: Case, rules: Rules, today: dt.date, document: str | None = None) -> Plan:
    """The findings and the references for `document` (all when None), the route, and the deadlines (each counted
    from the day its document was sent, or from `today` while it is not)."""
    analysis = analyse(case, rules, document)
    return Plan(analysis, route(case, rules, analysis), deadlines(case, rules, analysis, today))
