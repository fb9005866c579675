"""Who should receive each document: the regulator for this lender and place, the hotline, and what to suggest."""
from __future__ import annotations

from dataclasses import dataclass

from complaint.law.findings import Analysis
from complaint.law.rules import Channel, Region, Rules, Text
from complaint.model import Case

NFRA_TYPES = ("bank", "consumer_finance")  # supervised by the NFRA and its local offices
LOCAL_TYPES = ("small_loan",)  # supervised by the provincial local financial regulator


@dataclass(frozen=True)
class Recipient:
    name: Text  # as addressed in the letter (致：…)
    channel: Channel
    reason: Text  # one line: why this body
    specific: bool  # False when we could only address it generically (place or lender type unknown)


@dataclass(frozen=True)
class Suggestion:
    kind: str
    chosen: bool  # pre-selected on the "who it is for" page
    reason: Text


@dataclass(frozen=True)
class Route:
    regulator: Recipient
    hotline: Channel | None  # the regulator's complaints line, when there is one to name
    suggestions: tuple[Suggestion, ...]
    channels: tuple[Channel, ...]  # other places that help with this case, in the order to try them


def _place(region: Region) -> Text:
    """A region's name as routing writes it: the English without the Chinese in brackets."""
    return Text(region.name.zh, region.name.en.split(" (")[0])


def regulator_for(case: Case, rules: Rules) -> Recipient:
    """The body that supervises this lender where it is based (legal-basis.md §7)."""
    lender_type = case.loan.lender_type if case.loan else "other"
    region = rules.regions.get(case.loan.province) if case.loan and case.loan.province else None
    recipients, reasons = rules.phrases["routing"]["recipients"], rules.phrases["routing"]["reasons"]
    if lender_type in NFRA_TYPES:
        channel = rules.channels["nfra_office"]
        if region:
            return Recipient(recipients["nfra"].format(nfra=region.nfra, region=_place(region)), channel,
                             reasons["nfra"], True)
        return Recipient(recipients["nfra_unknown"], channel, reasons["nfra_unknown"], False)
    if lender_type in LOCAL_TYPES:
        channel = rules.channels["local_finance"]
        if region:
            province = rules.regions[region.province]
            reason = reasons["local"]
            if province.key != region.key:  # a 计划单列市 may have a regulator of its own: say so
                city = reasons["local_city"].format(region=_place(region))
                reason = Text(reason.zh + city.zh, reason.en + city.en)
            return Recipient(recipients["local"].format(province=province.name), channel, reason,
                             province.key == region.key)
        return Recipient(recipients["local_unknown"], channel, reasons["local_unknown"], False)
    return Recipient(recipients["find_the_lender"], rules.channels["nfra_office"], reasons["find_the_lender"], False)


def route(case: Case, rules: Rules, analysis: Analysis) -> Route:
    """The regulator, the hotline and the documents to suggest for this case."""
    regulator = regulator_for(case, rules)
    lender_type = case.loan.lender_type if case.loan else "other"
    hotline = rules.channels["hotline_12378"] if lender_type in NFRA_TYPES else None
    complained = case.earlier is not None and case.earlier.made == "yes"
    illegal = case.loan is not None and case.loan.illegal == "yes"
    police = bool(analysis.police_matters) or illegal
    why = rules.phrases["routing"]["suggestions"]
    suggestions = (
        Suggestion("lender", not complained, why["lender_again"] if complained else why["lender_first"]),
        Suggestion("regulator", complained, regulator.reason if complained else why["regulator_later"]),
        Suggestion("hotline", hotline is not None and complained,
                   why["hotline_12378"] if hotline else why["hotline_notes"]),
        Suggestion("police", police,
                   why["police_illegal"] if illegal else why["police"] if police else why["police_not_needed"]),
    )
    regulators = (["nfra_office"] if lender_type in NFRA_TYPES else ["local_finance"] if lender_type in LOCAL_TYPES
                  else ["nfra_office", "local_finance"])  # unknown until the licensed lender is found
    keys = ["police" if illegal else None, "lender", *regulators,
            "hotline_12378" if hotline else None, "nfra_mini_program" if hotline else None,
            "police" if police and not illegal else None,
            "court_12368" if any(f.behaviour.key == "fake_legal_documents" for f in analysis.findings) else None,
            "spam_12321" if any(i.channel in ("call", "sms") for i in case.incidents) else None,
            "cyberspace" if any(f.behaviour.key in ("third_party_contact", "spread_personal_info")
                                for f in analysis.findings) else None,
            "nifa_report" if lender_type in ("platform", "small_loan") else None,
            "legal_aid_12348"]
    if illegal:  # the police first: the order of the suggestions is the order they are shown in
        suggestions = (suggestions[-1], *suggestions[:-1])
    return Route(regulator, hotline, suggestions, tuple(rules.channels[k] for k in keys if k))
