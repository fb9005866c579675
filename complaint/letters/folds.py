"""A long history made light: the newest incidents in full, older ones of a month folded together."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from complaint.letters.history import Event

NEWEST = 20  # incidents always shown in full, the most recent ones
FOLD_OVER = 30  # only a case with more incidents than this is folded: a short history reads best whole


@dataclass(frozen=True)
class Fold:
    """Older incidents of one month, next to each other in the history, shown as one entry to unfold."""

    events: tuple[Event, ...]
    kind: str = "fold"

    @property
    def day(self) -> dt.date:
        return self.events[0].day

    @property
    def first(self) -> int:
        return self.events[0].row.number

    @property
    def last(self) -> int:
        return self.events[-1].row.number


def fold(events: list[Event], newest: int = NEWEST, over: int = FOLD_OVER) -> list[Event | Fold]:
    """The history's events with each run of older incidents in one month folded; documents sent, answers and
    deadlines always stay, and break a run, so the date order holds."""
    incidents = [event for event in events if event.kind == "incident"]
    if len(incidents) <= over:
        return list(events)
    older = {id(event) for event in incidents[:-newest]}
    folded: list[Event | Fold] = []
    run: list[Event] = []

    def close_run() -> None:
        folded.extend([Fold(tuple(run))] if len(run) > 1 else run)
        run.clear()

    for event in events:
        if run and (id(event) not in older or _month(event) != _month(run[0])):
            close_run()
        (run if id(event) in older else folded).append(event)
    close_run()
    return folded


def _month(event: Event) -> tuple[int, int]:
    return event.day.year, event.day.month
