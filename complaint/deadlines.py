"""What must happen by when, counted from the day the letters are sent (calendar days unless said otherwise)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from complaint.findings import Analysis
from complaint.model import Case
from complaint.rules import Reference, Rules, Text
from complaint.routing import NFRA_TYPES

POLICE_WINDOW_MONTHS = 6  # 治安管理处罚法: offences not discovered within six months are not punished


@dataclass(frozen=True)
class Deadline:
    key: str
    date: dt.date
    what: Text
    basis: Reference | None = None


def add_working_days(start: dt.date, days: int) -> dt.date:
    """Monday to Friday only; public holidays and swapped working days are not known here."""
    day = start
    while days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def deadlines(case: Case, rules: Rules, analysis: Analysis, sent_on: dt.date) -> list[Deadline]:
    """The dates that matter for this case, in order, counted from `sent_on`: the day the complaint is received
    (the same day when it is handed in or submitted online; add the post's days otherwise)."""
    refs = rules.references
    supervised = case.loan is not None and case.loan.lender_type in NFRA_TYPES
    basis = refs["complaint_handling_18"] if supervised else None
    reply = (Text("贷款机构应作出书面答复（自收到投诉之日起15日）",
                  "The lender must answer in writing (15 days from receiving the complaint)") if supervised else
             Text("你在投诉信中要求贷款机构书面答复的日期（自收到投诉之日起15日）",
                  "The date your letter asks the lender to answer by (15 days from receiving it)"))
    found = [Deadline("lender_reply", sent_on + dt.timedelta(days=15), reply, basis)]
    if supervised:
        found += [
            Deadline("lender_extended", sent_on + dt.timedelta(days=30),
                     Text("情况复杂的，答复期限最长延至30日", "Latest answer if the case is complex (30 days)"), basis),
            Deadline("lender_special", sent_on + dt.timedelta(days=60),
                     Text("特殊情况下再延长30日的最后期限", "Latest answer in special cases (another 30 days)"), basis),
            Deadline("regulator_forward", add_working_days(sent_on, 7),
                     Text("如果同日向监管部门投诉：监管部门收到后7个工作日内转送贷款机构（未计节假日调整）",
                          "If the regulator also receives a complaint that day: it forwards it within 7 working "
                          "days (holidays not counted here)"),
                     refs["complaint_handling_31"]),
            Deadline("review", sent_on + dt.timedelta(days=15 + 30),
                     Text("不服处理决定的，收到决定后30日内可以向其上级机构申请核查（按第15日收到决定计算）",
                          "To contest the decision, ask the lender's higher level within 30 days of receiving it "
                          "(counted from a decision on day 15)"), refs["complaint_handling_20"]),
        ]
    police_dates = sorted({case.incidents[n - 1].first_day for f in analysis.police_matters for n in f.incidents})
    if police_dates:
        found.append(Deadline("police_report", _add_months(police_dates[0], POLICE_WINDOW_MONTHS),
                              Text("最早的违法行为发生满六个月：此后公安机关可能不再处罚，请在此之前报案",
                                   "Six months after the earliest offence: report it to the police before then"),
                              None))
    if len(police_dates) > 1:
        found.append(Deadline("police_report_last", _add_months(police_dates[-1], POLICE_WINDOW_MONTHS),
                              Text("最近一次违法行为发生满六个月", "Six months after the most recent offence"), None))
    return sorted(found, key=lambda d: d.date)
