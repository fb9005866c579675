"""What must happen by when, counted from the day each letter is sent (calendar days unless said otherwise)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import chinese_calendar

from complaint.law.findings import Analysis
from complaint.law.routing import NFRA_TYPES
from complaint.law.rules import Reference, Rules, Text
from complaint.model import ANSWERED, Case, Sending

REVIEW = "complaint_handling_20"
REVIEW_DAYS = 30  # 投诉处理办法 第二十条: to apply for review from receiving a branch's decision, and to decide it
POLICE_WINDOW_MONTHS = 6  # 治安管理处罚法: offences not discovered within six months are not punished
# The years whose public holidays and swapped working days chinese-calendar knows (the State Council publishes
# each year's arrangement late in the year before); outside them working days are counted Monday to Friday.
CALENDAR_YEARS = (min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year)


@dataclass(frozen=True)
class Deadline:
    key: str
    date: dt.date
    what: Text
    basis: Reference | None = None
    approximate: bool = False  # counted without the official holiday arrangement: the day may be off
    counts_from: str = ""  # the document whose sending day it counts from; "" when it counts from something else


def calendar_knows(day: dt.date) -> bool:
    return CALENDAR_YEARS[0] <= day.year <= CALENDAR_YEARS[1]


def is_working_day(day: dt.date) -> bool:
    """China's official working days where the calendar knows the year; Monday to Friday elsewhere."""
    return chinese_calendar.is_workday(day) if calendar_knows(day) else day.weekday() < 5


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The day `days` working days after `start` (public holidays skipped, swapped working days counted)."""
    day = start
    while days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _forwarding(sent_on: dt.date, basis: Reference, words: dict[str, dict[str, Text]]) -> Deadline:
    """The regulator's 7 working days (第三十三条), saying when the holiday arrangement is not yet known."""
    day = add_working_days(sent_on, 7)
    exact = calendar_knows(sent_on + dt.timedelta(days=1)) and calendar_knows(day)
    lead = words["what"]["regulator_forward"]
    how = (words["working_days"]["exact"] if exact else
           words["working_days"]["approximate"].format(first=str(CALENDAR_YEARS[0]), last=str(CALENDAR_YEARS[1])))
    return Deadline("regulator_forward", day, Text(lead.zh + how.zh, lead.en + how.en), basis, approximate=not exact,
                    counts_from="regulator")


def _review(case: Case, lender_on: dt.date, rules: Rules, what: dict[str, Text]) -> list[Deadline]:
    """The last day to apply for review: from the day a branch's decision came when she recorded it, otherwise
    counted as if the lender decided on the 15th day; none when she recorded that the head office decided."""
    sending, basis = _lender_letter(case), rules.references[REVIEW]
    if sending is not None and sending.branch == "no":
        return []
    if review(case, rules) == "yes" and sending.reply_day:
        return [Deadline("review", sending.reply_day + dt.timedelta(days=REVIEW_DAYS), what["review_received"],
                         basis)]
    return [Deadline("review", lender_on + dt.timedelta(days=15 + REVIEW_DAYS), what["review"], basis,
                     counts_from="lender")]


def _review_decision(case: Case, rules: Rules, what: dict[str, Text]) -> list[Deadline]:
    """The higher level's 30 days to decide (第二十条), once she records sending the application for review. (A sent
    reminder has no such date: no rule the project may cite sets one.)"""
    sending = case.documents.sent.get("review") if case.documents else None
    if sending is None:
        return []
    return [Deadline("review_decision", sending.day + dt.timedelta(days=REVIEW_DAYS), what["review_decision"],
                     rules.references[REVIEW], counts_from="review")]


def deadlines(case: Case, rules: Rules, analysis: Analysis, today: dt.date) -> list[Deadline]:
    """The dates that matter for this case, in order. The lender's clocks count from the day the lender letter was
    sent, the regulator's from the regulator letter's, each from `today` while it is not sent: the day the complaint
    is received (the same day when it is handed in or submitted online; add the post's days otherwise)."""
    lender_on, regulator_on = case.sent_on("lender", today), case.sent_on("regulator", today)
    refs, words = rules.references, rules.phrases["deadlines"]
    what = words["what"]
    supervised = case.loan is not None and case.loan.lender_type in NFRA_TYPES
    basis = refs["complaint_handling_18"] if supervised else None
    reply = what["lender_reply"] if supervised else what["lender_reply_asked"]
    found = [Deadline("lender_reply", lender_on + dt.timedelta(days=15), reply, basis, counts_from="lender")]
    if supervised:
        found += [
            Deadline("lender_extended", lender_on + dt.timedelta(days=30), what["lender_extended"], basis,
                     counts_from="lender"),
            Deadline("lender_special", lender_on + dt.timedelta(days=60), what["lender_special"], basis,
                     counts_from="lender"),
            _forwarding(regulator_on, refs["complaint_handling_33"], words),
            *_review(case, lender_on, rules, what),
            *_review_decision(case, rules, what),
        ]
    matters = [case.incidents[n - 1] for n in sorted({n for f in analysis.police_matters for n in f.incidents})]
    if matters:
        first = min(i.first_day for i in matters)
        found.append(Deadline("police_report", add_months(first, POLICE_WINDOW_MONTHS), what["police_report"], None))
        last = max(i.last_day for i in matters)
        if len(matters) > 1 and last > first:
            found.append(Deadline("police_report_last", add_months(last, POLICE_WINDOW_MONTHS),
                                  what["police_report_last"], None))
    return sorted(found, key=lambda d: d.date)


def escalation(case: Case, found: list[Deadline], today: dt.date) -> str:
    """Why the regulator is now the next step: "refused" when she recorded that the lender refused, "no_reply" when
    the lender letter's 15 days have passed with no answer recorded, "" otherwise or while it is not sent."""
    sending = _lender_letter(case)
    if sending is None:
        return ""
    if sending.reply == "refused":
        return "refused"
    return "no_reply" if _unanswered_in_time(sending, found, today) else ""


def _lender_letter(case: Case) -> Sending | None:
    return case.documents.sent.get("lender") if case.documents else None


def _unanswered_in_time(sending: Sending, found: list[Deadline], today: dt.date) -> bool:
    """The lender letter's 15 days have passed with no answer recorded."""
    due = next(d.date for d in found if d.key == "lender_reply")
    return sending.reply in ("", "no_reply") and due < today


def reminder(case: Case, found: list[Deadline], today: dt.date) -> str:
    """Why a reminder to the lender is due: "partly" when she recorded that it dealt with part of her complaint,
    "no_reply" when the lender letter's 15 days have passed with no answer recorded, "" otherwise or unsent."""
    sending = _lender_letter(case)
    if sending is None:
        return ""
    if sending.reply == "partly":
        return "partly"
    return "no_reply" if _unanswered_in_time(sending, found, today) else ""


def review_governs(case: Case, rules: Rules) -> bool:
    """第二十条 (a branch's decision reviewed by its higher level) governs this lender: a bank or consumer finance
    company, as the reference's `when` says."""
    return case.loan is not None and case.loan.lender_type in rules.references[REVIEW].when.lender_types


def review(case: Case, rules: Rules) -> str:
    """Whether she can apply to a branch's higher level for review (第二十条): "yes" when the article governs the
    lender (a bank or consumer finance company), an answer came and she recorded that a branch made it; "unsure"
    when she does not know whether a branch did; "" otherwise."""
    sending = _lender_letter(case)
    if sending is None or sending.reply not in ANSWERED or not review_governs(case, rules):
        return ""
    return sending.branch if sending.branch in ("yes", "unsure") else ""


def follow_ups(case: Case, rules: Rules, found: list[Deadline], today: dt.date) -> list[str]:
    """The follow-up documents (model.FOLLOW_UPS) that what she recorded about the lender letter calls for."""
    return [kind for kind, due in (("reminder", reminder(case, found, today)), ("review", review(case, rules) == "yes"))
            if due]
