"""What must happen by when, counted from the day each letter is sent (calendar days unless said otherwise)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import chinese_calendar

from complaint.law.findings import Analysis
from complaint.law.routing import NFRA_TYPES
from complaint.law.rules import Reference, Rules, Text
from complaint.model import Case

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
    counts_from: str = ""  # the document whose sending day it counts from; "" when it counts from the conduct


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


def _forwarding(sent_on: dt.date, basis: Reference) -> Deadline:
    """The regulator's 7 working days (第三十三条), saying when the holiday arrangement is not yet known."""
    day = add_working_days(sent_on, 7)
    exact = calendar_knows(sent_on + dt.timedelta(days=1)) and calendar_knows(day)
    lead = Text("监管部门应在收到你的投诉后7个工作日内将投诉转送贷款机构并告知你",
                "The regulator must forward your complaint to the lender and tell you within 7 working days of "
                "receiving it")
    how = (Text("（已计入国家法定节假日和调休）", " (public holidays and swapped working days counted)") if exact else
           Text(f"（节假日安排目前只知道{CALENDAR_YEARS[0]}年至{CALENDAR_YEARS[1]}年，此日期按周一至周五估算，是近似日期）",
                f" (public holidays are known only for {CALENDAR_YEARS[0]} to {CALENDAR_YEARS[1]}; this date counts "
                "Monday to Friday and is approximate)"))
    return Deadline("regulator_forward", day, Text(lead.zh + how.zh, lead.en + how.en), basis, approximate=not exact,
                    counts_from="regulator")


def deadlines(case: Case, rules: Rules, analysis: Analysis, today: dt.date) -> list[Deadline]:
    """The dates that matter for this case, in order. The lender's clocks count from the day the lender letter was
    sent, the regulator's from the regulator letter's, each from `today` while it is not sent: the day the complaint
    is received (the same day when it is handed in or submitted online; add the post's days otherwise)."""
    lender_on, regulator_on = case.sent_on("lender", today), case.sent_on("regulator", today)
    refs = rules.references
    supervised = case.loan is not None and case.loan.lender_type in NFRA_TYPES
    basis = refs["complaint_handling_18"] if supervised else None
    reply = (Text("事实清楚、争议情况简单的投诉，贷款机构应在收到之日起15日内作出处理决定并告知你",
                  "For a complaint with clear facts and a simple dispute, the lender must decide and tell you "
                  "within 15 days of receiving it") if supervised else
             Text("你在投诉信中要求贷款机构书面答复的日期（自收到投诉之日起15日）",
                  "The date your letter asks the lender to answer by (15 days from receiving it)"))
    found = [Deadline("lender_reply", lender_on + dt.timedelta(days=15), reply, basis, counts_from="lender")]
    if supervised:
        found += [
            Deadline("lender_extended", lender_on + dt.timedelta(days=30),
                     Text("情况复杂的，处理期限最长延至30日", "Latest decision if the case is complex (30 days)"), basis,
                     counts_from="lender"),
            Deadline("lender_special", lender_on + dt.timedelta(days=60),
                     Text("情况特别复杂或有其他特殊原因，经贷款机构的上级机构或总行、总公司高级管理人员审批并告知你的，"
                          "可以再延长30日：最后期限",
                          "Latest decision if the case is especially complex or there is another special reason, "
                          "with the approval of the lender's higher level or head-office senior management and "
                          "notice to you (another 30 days)"), basis, counts_from="lender"),
            _forwarding(regulator_on, refs["complaint_handling_33"]),
            Deadline("review", lender_on + dt.timedelta(days=15 + 30),
                     Text("如处理决定由贷款机构的分支机构作出而你有异议：自收到决定之日起30日内可以向其上级机构书面申请核查"
                          "（按第15日收到决定计算）；核查机构应在收到申请之日起30日内作出决定",
                          "If a branch of the lender made the decision and you disagree: ask its higher level in "
                          "writing for a review within 30 days of receiving the decision (counted from a decision "
                          "on day 15); it must decide within 30 days of receiving your request"),
                     refs["complaint_handling_20"], counts_from="lender"),
        ]
    matters = [case.incidents[n - 1] for n in sorted({n for f in analysis.police_matters for n in f.incidents})]
    if matters:
        first = min(i.first_day for i in matters)
        found.append(Deadline("police_report", add_months(first, POLICE_WINDOW_MONTHS),
                              Text("最早一次需要报警的行为发生满六个月：违反治安管理的行为六个月内没有被公安机关发现的，"
                                   "不再处罚，请在此之前报案",
                                   "Six months after the earliest conduct for the police: conduct the police have "
                                   "not discovered within six months is no longer punished, so report it before then"),
                              None))
        last = max(i.last_day for i in matters)
        if len(matters) > 1 and last > first:
            found.append(Deadline("police_report_last", add_months(last, POLICE_WINDOW_MONTHS),
                                  Text("最近一次需要报警的行为发生满六个月（持续的行为从结束之日起计算）",
                                       "Six months after the most recent conduct for the police (continuing conduct "
                                       "counts from its end)"), None))
    return sorted(found, key=lambda d: d.date)


def escalation(case: Case, found: list[Deadline], today: dt.date) -> str:
    """Why the regulator is now the next step: "refused" when she recorded that the lender refused, "no_reply" when
    the lender letter's 15 days have passed with no answer recorded, "" otherwise or while it is not sent."""
    sending = case.documents.sent.get("lender") if case.documents else None
    if sending is None:
        return ""
    if sending.reply == "refused":
        return "refused"
    due = next(d.date for d in found if d.key == "lender_reply")
    return "no_reply" if sending.reply in ("", "no_reply") and due < today else ""
