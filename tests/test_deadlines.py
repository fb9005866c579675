"""What happens next and by when, on the page, in the letters and as a calendar file."""
from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from helpers import STANDARD_ANSWERS, TODAY, Wizard

from complaint import clock, letters
from complaint.law import calendar, deadlines, findings, rules
from complaint.model import Documents, Incident, Loan, Sending


def _dates(case, today):
    loaded = rules.load()
    return {d.key: d.date for d in deadlines.deadlines(case, loaded, findings.analyse(case, loaded), today)}


def test_bank_and_consumer_finance_deadlines(case_factory):
    dates = _dates(case_factory(), dt.date(2026, 12, 4))  # a Friday
    assert dates["lender_reply"] == dt.date(2026, 12, 19)
    assert dates["lender_extended"] == dt.date(2027, 1, 3)
    assert dates["lender_special"] == dt.date(2027, 2, 2)
    assert dates["regulator_forward"] == dt.date(2026, 12, 15)  # 7 working days: Mon 7th … Tue 15th
    assert dates["review"] == dt.date(2027, 1, 18)


def test_other_lenders_get_the_reply_date_only(case_factory):
    case = case_factory(loan=Loan(lender="某小贷", lender_type="small_loan", disputed="no", illegal="no"))
    assert set(_dates(case, TODAY)) == {"lender_reply"}


def test_police_report_window_is_six_months_from_the_earliest_offence(case_factory):
    case = case_factory(incidents=[Incident(date="2026-08-31", channel="call", description="x",
                                            behaviours=["threat_violence"])])
    assert _dates(case, TODAY)["police_report"] == dt.date(2027, 2, 28)


@pytest.mark.parametrize("start, days, end", [
    (dt.date(2026, 12, 4), 7, dt.date(2026, 12, 15)), (dt.date(2026, 12, 7), 5, dt.date(2026, 12, 14)),
    (dt.date(2026, 12, 5), 1, dt.date(2026, 12, 7))])
def test_working_days_skip_weekends(start, days, end):
    assert deadlines.add_working_days(start, days) == end


def test_letter_states_the_reply_date_from_the_sending_day(case_factory):
    case = case_factory(documents=Documents(kinds=["lender"], sent={"lender": Sending(on="2026-11-04")}))
    text = letters.text(letters.build(case, "lender", "zh", TODAY))
    assert "（如于2026年11月4日收到，即2026年11月19日前）" in text
    unsent = letters.text(letters.build(case_factory(), "lender", "zh", TODAY))
    assert "（如于2026年11月28日收到，即2026年12月13日前）" in unsent  # not sent yet: from today


def test_calendar_file_parses_with_reminders(case_factory):
    loaded = rules.load()
    case = case_factory()
    dates = deadlines.deadlines(case, loaded, findings.analyse(case, loaded), dt.date(2026, 12, 4))
    text = calendar.ics(dates, "zh", dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC), "催收投诉")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    parsed = icalendar.Calendar.from_ical(text)
    events = parsed.walk("VEVENT")
    assert len(events) == len(dates)
    assert events[0]["DTSTART"].dt == dt.date(2026, 12, 15) or events[0]["DTSTART"].dt == dates[0].date
    assert all(event.walk("VALARM") for event in events)
    assert "贷款机构应在收到之日起15日内作出处理决定" in "".join(str(e["SUMMARY"]) for e in events)


def test_documents_page_shows_dates_and_lets_the_user_record_the_sending_day(app, client):
    wizard = Wizard(client)
    wizard.complete()
    page = wizard.get("/documents").get_data(as_text=True)
    assert "国家金融监督管理总局上海监管局" in page and "12378" in page
    sent = clock.today(app.config["TIMEZONE"]) - dt.timedelta(days=5)
    response = wizard.answer("/documents/lender/sent", {"year": str(sent.year), "month": str(sent.month),
                                                        "day": str(sent.day), "by": "email"})
    assert response.status_code == 302
    page = wizard.get("/documents").get_data(as_text=True)
    due = sent + dt.timedelta(days=15)
    assert f"{due.year}年{due.month}月{due.day}日" in page
    ics = wizard.get("/documents/deadlines.ics")
    assert ics.mimetype == "text/calendar" and f"DTSTART;VALUE=DATE:{due:%Y%m%d}".encode() in ics.data
    bad = wizard.answer("/documents/lender/sent", {"year": "2030", "month": "1", "day": "1", "by": "email"})
    assert "日期不能晚于今天" in bad.get_data(as_text=True)


@pytest.mark.parametrize("recent, notice, absent", [
    (False, "这些行为都已超过六个月，除非仍在持续", "部分行为已经超过六个月"),
    (True, "部分行为已经超过六个月", "这些行为都已超过六个月")])
def test_past_deadlines_are_marked_and_left_out_of_the_calendar(client, recent, notice, absent):
    old = {**STANDARD_ANSWERS["incidents"][0], "year": "2025", "month": "1", "day": "10",
           "behaviours": ["threat_violence"]}
    wizard = Wizard(client)
    wizard.complete({"incidents": [old] + ([{**old, "year": "2026", "month": "11"}] if recent else [])})
    wizard.answer("/recipient?return=check", {"kinds": ["lender", "police"], "letter_lang": "zh"})
    page = wizard.get("/documents").get_data(as_text=True)
    assert "2025年7月10日" in page and "已过" in page and notice in page and absent not in page
    assert b"20250710" not in wizard.get("/documents/deadlines.ics").data


def test_deadlines_state_the_conditions_of_articles_18_and_20(case_factory):
    loaded = rules.load()
    case = case_factory()
    found = {d.key: d.what("zh") for d in deadlines.deadlines(case, loaded, findings.analyse(case, loaded),
                                                               dt.date(2026, 12, 4))}
    assert "事实清楚、争议情况简单" in found["lender_reply"]
    assert "审批并告知你" in found["lender_special"]
    assert "分支机构" in found["review"] and "书面申请核查" in found["review"]
    assert "督促" not in found["regulator_forward"]


@pytest.mark.parametrize("start, end", [
    (dt.date(2026, 9, 30), dt.date(2026, 10, 15)),  # 1–7 October off, Saturday 10 October a working day
    (dt.date(2026, 2, 13), dt.date(2026, 3, 2)),  # Spring Festival: 15–23 February off, 14 and 28 February worked
])
def test_working_days_follow_china_s_public_holidays_and_swapped_days(start, end):
    assert deadlines.add_working_days(start, 7) == end


def test_working_days_beyond_the_known_calendar_are_counted_monday_to_friday_and_said_to_be_approximate(case_factory):
    last = deadlines.CALENDAR_YEARS[1]
    monday = next(dt.date(last + 1, 3, d) for d in range(1, 8) if dt.date(last + 1, 3, d).weekday() == 0)
    assert deadlines.add_working_days(monday, 7) == monday + dt.timedelta(days=9)  # Wednesday of the next week
    loaded = rules.load()
    case = case_factory()
    analysis = findings.analyse(case, loaded)
    inside = {d.key: d for d in deadlines.deadlines(case, loaded, analysis, dt.date(last, 9, 30))}["regulator_forward"]
    assert not inside.approximate and "已计入国家法定节假日和调休" in inside.what("zh")
    beyond = {d.key: d for d in deadlines.deadlines(case, loaded, analysis, dt.date(last, 12, 28))}["regulator_forward"]
    assert beyond.approximate
    assert f"节假日安排目前只知道2004年至{last}年，此日期按周一至周五估算，是近似日期" in beyond.what("zh")
    assert "approximate" in beyond.what("en")
