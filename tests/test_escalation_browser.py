"""In a real Chromium, on a phone and on a laptop, in Chinese and in English: the lender has not answered a letter
sent 20 days ago, and the regulator letter she downloads names that first complaint, its day and its number."""
from __future__ import annotations

import datetime as dt

import pytest
from helpers import PHONE, Wizard, page_width, pdf_text
from playwright.sync_api import expect

from complaint import clock

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1280, "height": 800}
WORDS = {
    "zh": {"record": "记下寄出的日期和方式", "post": "挂号信或EMS", "none": "还没有答复",
           "reference": "投诉编号或工单号", "save": "保存", "next": "下一步：向监管部门投诉",
           "go": "查看给监管部门的投诉信", "download": "下载PDF",
           "letter": "本人已于{day}向被投诉人投诉（投诉编号：TS-2026-1188），被投诉人至今未作答复。"},
    "en": {"record": "Record when and how you sent it", "post": "Registered post or EMS", "none": "No answer yet",
           "reference": "Complaint or ticket number", "save": "Save", "next": "Next step: complain to the regulator",
           "go": "Go to the complaint to the regulator", "download": "Download PDF",
           "letter": "I complained to the respondent on {day} (reference TS-2026-1188); the respondent has not "
                     "replied."},
}


def _written(day: dt.date, lang: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else f"{day.day} {day:%B} {day.year}"


@pytest.mark.parametrize("viewport, lang", [(PHONE, "zh"), (LAPTOP, "en"), (PHONE, "en"), (LAPTOP, "zh")],
                         ids=["phone-zh", "laptop-en", "phone-en", "laptop-zh"])
def test_no_answer_in_15_days_gives_the_regulator_letter_naming_the_first_complaint(
        app, browser, live_server, client, viewport, lang):
    Wizard(client).complete({"/earlier": {"made": "no"},
                             "/recipient": {"kinds": ["lender", "regulator"], "letter_lang": lang}})
    words = WORDS[lang]
    context = browser.new_context(viewport=viewport, locale="zh-CN" if lang == "zh" else "en-GB",
                                  accept_downloads=True)
    context.add_cookies([{"name": "draft", "value": client.get_cookie("draft").value, "url": live_server},
                         {"name": "lang", "value": lang, "url": live_server}])
    page = context.new_page()
    page.goto(live_server + "/documents")
    expect(page.locator("#next-step")).to_have_count(0)

    page.locator("#lender").get_by_role("link", name=words["record"]).click()
    sent = clock.today(app.config["TIMEZONE"]) - dt.timedelta(days=20)
    page.fill("#year", str(sent.year))
    page.fill("#month", str(sent.month))
    page.fill("#day", str(sent.day))
    page.get_by_label(words["post"]).check()
    page.get_by_label(words["none"]).check()
    page.get_by_label(words["reference"]).fill("TS-2026-1188")
    page.get_by_role("button", name=words["save"]).click()

    expect(page.locator("#next-step")).to_contain_text(words["next"])
    assert page_width(page) <= viewport["width"], "no sideways scrolling"
    page.locator("#next-step").get_by_role("link", name=words["go"]).click()
    with page.expect_download() as download:
        page.locator("#regulator").get_by_role("link", name=words["download"]).click()
    text = "".join(pdf_text(download.value.path().read_bytes()).split())
    assert "".join(words["letter"].format(day=_written(sent, lang)).split()) in text
    context.close()
