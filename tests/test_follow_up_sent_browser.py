"""In a real Chromium at phone size, in Chinese: she records the reminder she sent, and the history shows it."""
from __future__ import annotations

import datetime as dt

import pytest
from helpers import PHONE, Audit, Wizard, page_width
from playwright.sync_api import expect

from complaint import clock

pytestmark = pytest.mark.browser


def _zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def test_a_borrower_records_the_reminder_she_sent_and_sees_it_in_the_history(app, browser, live_server, client):
    today = clock.today(app.config["TIMEZONE"])
    wizard = Wizard(client)
    wizard.complete({"/earlier": {"made": "no"}})
    lender_on = today - dt.timedelta(days=20)
    wizard.answer("/documents/lender/sent", {
        "year": str(lender_on.year), "month": str(lender_on.month), "day": str(lender_on.day),
        "by": "registered_post", "reply": "no_reply", "reply_year": "", "reply_month": "", "reply_day": "",
        "reference": ""})
    context = browser.new_context(viewport=PHONE, locale="zh-CN", bypass_csp=True)
    context.add_cookies([{"name": "draft", "value": client.get_cookie("draft").value, "url": live_server},
                         {"name": "lang", "value": "zh", "url": live_server}])
    page = context.new_page()
    audit = Audit(context.new_page(), live_server)
    page.goto(live_server + "/documents")

    reminder = page.locator("#next-reminder")
    expect(reminder).to_contain_text("还没有寄出。")
    reminder.get_by_role("link", name="记下寄出的日期和方式").click()
    page.wait_for_url("**/documents/reminder/sent")
    sent = today - dt.timedelta(days=2)
    page.fill("#year", str(sent.year))
    page.fill("#month", str(sent.month))
    page.fill("#day", str(sent.day))
    page.get_by_label("电子邮件").check()
    page.get_by_label("投诉编号或工单号（选填）").fill("CG-2026-5")
    assert page_width(page) <= PHONE["width"], "no sideways scrolling"
    audit.visit("the sent page of the reminder", "/documents/reminder/sent")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/documents#next-reminder")

    expect(reminder).to_contain_text(f"你于{_zh(sent)}寄出：电子邮件。")
    expect(reminder).to_contain_text("尚未记录答复。")
    page.get_by_role("link", name="按时间先后查看整个案件").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("你的案件一览")
    event = page.locator("ol.history > li", has_text="给贷款机构的催告函")
    expect(event).to_have_count(1)
    expect(event).to_contain_text(f"你于{_zh(sent)}寄出：电子邮件。")
    expect(event).to_contain_text("CG-2026-5")
    assert page_width(page) <= PHONE["width"], "no sideways scrolling"
    audit.visit("history with a sent reminder", "/history")
    context.close()
    assert audit.problems == {}
