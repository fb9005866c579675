"""The documents the routing suggests for a case, each with a one-line reason: pre-chosen and explained on the
documents question."""
from __future__ import annotations

from complaint.law import findings, routing, rules


def for_case(case) -> tuple[routing.Suggestion, ...]:
    loaded = rules.load()
    return routing.route(case, loaded, findings.analyse(case, loaded)).suggestions
