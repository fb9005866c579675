"""In a real Chromium at phone size: recording when each letter was sent, and Back inside an unsaved incident."""
from __future__ import annotations

import datetime as dt

import pytest
from helpers import PHONE, STANDARD_ANSWERS, Wizard, page_width
from playwright.sync_api import expect

from complaint import clock
from complaint.law.deadlines import add_working_days

pytestmark = pytest.mark.browser


def _zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _phone(browser, live_server, client, javascript: bool):
    """A phone browser holding the draft the test client built (the same server, the same cookie)."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN", java_script_enabled=javascript)
    context.add_cookies([{"name": "draft", "value": client.get_cookie("draft").value, "url": live_server},
                         {"name": "lang", "value": "zh", "url": live_server}])
    return context.new_page()


def _record(page, day: dt.date, how: str, reply: str) -> None:
    page.fill("#year", str(day.year))
    page.fill("#month", str(day.month))
    page.fill("#day", str(day.day))
    page.get_by_label(how).check()
    page.get_by_label(reply).check()
    page.get_by_role("button", name="保存").click()


@pytest.mark.parametrize("javascript", [True, False])
def test_an_unanswered_lender_letter_points_to_the_regulator_whose_dates_count_from_its_own_day(
        app, browser, live_server, client, javascript):
    Wizard(client).complete({"/earlier": {"made": "no"}})
    today = clock.today(app.config["TIMEZONE"])
    page = _phone(browser, live_server, client, javascript)
    page.goto(live_server + "/documents")
    expect(page.locator("#next-step")).to_have_count(0)

    page.locator("#lender").get_by_role("link", name="记下寄出的日期和方式").click()
    expect(page.get_by_role("heading", name="你寄出的日期")).to_be_visible()
    sent = today - dt.timedelta(days=20)
    _record(page, sent, "挂号信或EMS", "还没有答复")

    next_step = page.locator("#next-step")
    expect(next_step).to_contain_text("下一步：向监管部门投诉")
    expect(next_step).to_contain_text(f"你于{_zh(sent)}寄出给贷款机构的投诉信，已经超过15天")
    expect(next_step).to_contain_text("《银行业保险业消费投诉处理管理办法》第十八条")
    expect(page.locator("#lender .sent")).to_contain_text(f"你于{_zh(sent)}寄出：挂号信或EMS。")
    assert page_width(page) <= PHONE["width"], "no sideways scrolling"
    rows = page.locator("table.deadlines tr")
    expect(rows.filter(has_text="15日内作出处理决定")).to_contain_text(_zh(sent + dt.timedelta(days=15)))
    forward = rows.filter(has_text="7个工作日内")
    expect(forward).to_contain_text(_zh(add_working_days(today, 7)))  # not sent yet: from today
    expect(forward).to_contain_text("从今天起计算")

    next_step.get_by_role("link", name="查看给监管部门的投诉信").click()
    page.locator("#regulator").get_by_role("link", name="记下寄出的日期和方式").click()
    posted = today - dt.timedelta(days=2)
    _record(page, posted, "网上表单或贷款机构的App", "还没有答复")
    forward = page.locator("table.deadlines tr").filter(has_text="7个工作日内")
    expect(forward).to_contain_text(_zh(add_working_days(posted, 7)))  # from the regulator letter's own day
    expect(forward).to_contain_text(f"从你寄出“给金融监管部门的投诉书”的{_zh(posted)}起计算")
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_back_at_the_top_of_an_incident_keeps_what_was_typed(browser, live_server, client, javascript):
    wizard = Wizard(client)
    wizard.begin()
    for url in ("/about-you", "/loan", "/collectors"):
        assert wizard.answer(url, STANDARD_ANSWERS[url]).status_code == 302
    page = _phone(browser, live_server, client, javascript)
    page.goto(live_server + "/incidents/new")
    page.fill("#year", "2026")
    page.fill("#month", "2")
    page.fill("#day", "10")
    page.locator("label[for=channel-0]").click()
    page.get_by_role("button", name="继续").click()
    page.locator("input[value=family] + label").click()
    page.fill("#description", "半夜打给我母亲，说我欠钱不还。")
    page.locator(".back-link").click()  # the Back at the top of the page, not the button under the form

    expect(page.locator("#day")).to_have_value("10")
    page.get_by_role("button", name="继续").click()
    expect(page.locator("#description")).to_have_value("半夜打给我母亲，说我欠钱不还。")
    expect(page.locator("input[value=family]")).to_be_checked()
    page.locator("input[value=family]").press("Enter")  # Enter still goes forward, not back
    expect(page.locator("input[value=night_calls]")).to_be_visible()
    page.context.close()
