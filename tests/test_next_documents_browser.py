"""In a real Chromium at phone size, in Chinese: the reminder after an unanswered lender letter, then the application
for review once she records that a branch refused."""
from __future__ import annotations

import datetime as dt

import pytest
from helpers import PHONE, Audit, Wizard, page_width, pdf_text
from playwright.sync_api import expect

from complaint import clock

pytestmark = pytest.mark.browser


def _zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _dates(page, day: dt.date, prefix: str = "") -> None:
    page.fill(f"#{prefix}year", str(day.year))
    page.fill(f"#{prefix}month", str(day.month))
    page.fill(f"#{prefix}day", str(day.day))


def test_a_borrower_reminds_the_lender_then_asks_the_branchs_higher_level_for_a_review(app, browser, live_server,
                                                                                        client):
    Wizard(client).complete({"/earlier": {"made": "no"}})
    today = clock.today(app.config["TIMEZONE"])
    context = browser.new_context(viewport=PHONE, locale="zh-CN", accept_downloads=True, bypass_csp=True)
    context.add_cookies([{"name": "draft", "value": client.get_cookie("draft").value, "url": live_server},
                         {"name": "lang", "value": "zh", "url": live_server}])
    page = context.new_page()
    audit = Audit(context.new_page(), live_server)  # axe and the page weight, on a page of its own
    page.goto(live_server + "/documents")
    expect(page.locator("#next-reminder")).to_have_count(0)

    page.locator("#lender").get_by_role("link", name="记下寄出的日期和方式").click()
    expect(page.get_by_text("处理决定是贷款机构的分支机构作出的吗？（选填）")).to_be_visible()
    sent = today - dt.timedelta(days=20)
    _dates(page, sent)
    page.get_by_label("挂号信或EMS").check()
    page.get_by_label("还没有答复").check()
    page.get_by_label("投诉编号或工单号（选填）").fill("TS-2026-88")
    page.get_by_role("button", name="保存").click()

    reminder = page.locator("#next-reminder")
    expect(reminder).to_contain_text("下一步：催告贷款机构")
    expect(reminder).to_contain_text("《银行业保险业消费投诉处理管理办法》第十八条")
    assert page_width(page) <= PHONE["width"], "no sideways scrolling"
    audit.visit("documents with a reminder", "/documents")
    with page.expect_download() as download:
        reminder.get_by_role("link", name="下载PDF").click()
    text = "".join(pdf_text(download.value.path().read_bytes()).split())
    assert f"本人于{_zh(sent)}以挂号信或EMS方式向贵司提交投诉书（投诉编号：TS-2026-88）" in text
    assert f"15日的期限已于{_zh(sent + dt.timedelta(days=15))}届满" in text

    page.locator("#lender").get_by_role("link", name="修改 给贷款机构的投诉信", exact=True).click()
    decided = today - dt.timedelta(days=2)
    page.get_by_label("对方拒绝处理").check()
    _dates(page, decided, "reply_")
    page.get_by_label("是，分支机构").check()
    page.get_by_label("你对处理决定有异议的理由（选填）").fill("理" * 1001)
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".error-summary")).to_contain_text("请控制在1000字以内")
    page.get_by_label("你对处理决定有异议的理由（选填）").fill("分行没有调查就拒绝处理")
    page.get_by_role("button", name="保存").click()

    expect(page.locator("#next-reminder")).to_have_count(0)  # a refusal: the regulator or a review, not a reminder
    review = page.locator("#next-review")
    expect(review).to_contain_text("下一步：向分支机构的上级机构申请核查")
    expect(review).to_contain_text(f"请在{_zh(decided + dt.timedelta(days=30))}前提出申请")
    expect(review).to_contain_text("《银行业保险业消费投诉处理管理办法》第二十条")
    assert page_width(page) <= PHONE["width"], "no sideways scrolling"
    audit.visit("documents with a review", "/documents")
    audit.visit("the sent page with the branch question", "/documents/lender/sent")
    with page.expect_download() as download:
        review.get_by_role("link", name="下载PDF").click()
    text = "".join(pdf_text(download.value.path().read_bytes()).split())
    assert "理由如下：分行没有调查就拒绝处理。" in text and f"本人于{_zh(decided)}收到该处理决定" in text
    context.close()
    assert audit.problems == {}
