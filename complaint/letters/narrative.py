"""What the 事实与理由 tells, as values: the loan, an overview of the collection, and each incident.

The sentences are written by templates/letters/parts/narrative.{zh,en}.html.
"""
from __future__ import annotations

from dataclasses import dataclass

from complaint.law.findings import Summary
from complaint.law.rules import Rules
from complaint.letters import wording
from complaint.model import Case, Incident, Loan

# A product named with one of these is a credit card: the debt is what was spent on it, not a loan taken out.
CARD_WORDS = ("信用卡", "credit card")


@dataclass(frozen=True)
class Overview:
    start: str  # the first and last day (or month), as written
    end: str
    channels: list[str]  # how the collectors got in touch, in the letter's words, each once
    incidents: int
    contacts: int
    night: int  # incidents at night
    third_party: int  # incidents that reached people other than the user


@dataclass(frozen=True)
class Told:
    """One incident as the narrative tells it."""

    number: int
    incident: Incident
    day: str  # the day (or month), as written
    act: str  # what the collectors did, to whom, in the letter's words
    acts: str  # the act with its count in it ("sent me 3 text messages"), or "" when the channel has none
    by_number: bool  # the source is a phone number, not an account or a name


def is_card(loan: Loan) -> bool:
    return any(word in loan.product.lower() for word in CARD_WORDS)


def overview(case: Case, summary: Summary, rules: Rules, lang: str) -> Overview | None:
    """The period, how many incidents and contacts, how many at night or reaching others."""
    if not summary.incidents:
        return None
    start = wording.date(summary.first.first_day, lang, summary.first.month_only)
    end = wording.date(summary.last.last_day if not summary.last.month_only else summary.last.first_day,
                       lang, summary.last.month_only)
    channels = list(dict.fromkeys(rules.term("channels", i.channel).extra["by"](lang) for i in case.incidents))
    return Overview(start, end, channels, summary.incidents, summary.contacts, len(summary.night),
                    len(summary.third_party))


def incident(number: int, item: Incident, rules: Rules, lang: str) -> Told:
    """One incident, ready to be told as a sentence followed by the user's own account."""
    whom = wording.join([rules.term("targets", t).text(lang) for t in item.targets], lang)
    channel = rules.term("channels", item.channel)
    acts = channel.extra.get("acts")
    return Told(number, item, wording.date(item.first_day, lang, item.month_only),
                channel.extra["act"](lang).format(whom=whom),
                acts(lang).format(whom=whom, n=item.times) if acts else "",
                sum(ch.isdigit() for ch in item.source) >= 7)
