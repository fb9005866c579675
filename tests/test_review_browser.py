"""In a real Chromium, on a phone and on a laptop: a volunteer rewords two sections of the lender letter and switches
off a citation, changes an answer, keeps one edit and takes the new text for the other, and downloads exactly that."""
from __future__ import annotations

import pytest
from helpers import PHONE, STANDARD_ANSWERS, Wizard, page_width, pdf_text
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1280, "height": 800}
NEW_LENDER = {"zh": "另一家消费金融有限公司", "en": "Another Consumer Finance Co"}
WORDS = {
    "zh": {"link": "查看和修改", "save": "保存", "citations": "保存引用", "keep": "保留我的版本",
           "new": "使用新的文字", "continue": "继续", "download": "下载PDF", "stale": "生成的文字有了变化",
           "background": "本人于2025年3月通过App向该公司借款两万元。",
           "facts": "催收人员多次在深夜打来电话，威胁本人和家人。",
           "article": "第一千零三十三条", "new_background": "本人曾通过随借花App向另一家消费金融有限公司"},
    "en": {"link": "Review and edit", "save": "Save", "citations": "Save the citations", "keep": "Keep my version",
           "new": "Use the new text", "continue": "Continue", "download": "Download PDF",
           "stale": "has changed since you reworded them",
           "background": "I borrowed 20,000 yuan from this company through its app in March 2025.",
           "facts": "The collectors called me late at night many times and threatened my family.",
           "article": "Article 1033", "new_background": "Another Consumer Finance Co"},
}


def _browser_page(browser, live_server, client, viewport: dict, lang: str, javascript: bool):
    context = browser.new_context(viewport=viewport, locale="zh-CN" if lang == "zh" else "en-GB",
                                  java_script_enabled=javascript, accept_downloads=True)
    context.add_cookies([{"name": "draft", "value": client.get_cookie("draft").value, "url": live_server},
                         {"name": "lang", "value": lang, "url": live_server}])
    return context.new_page()


def _save_section(page, key: str, text: str, button: str) -> None:
    page.fill(f"#{key}-text", text)
    page.locator(f"#{key}").get_by_role("button", name=button).click()
    expect(page.locator(f"#{key}-text")).to_have_value(text)


@pytest.mark.parametrize("viewport, lang, javascript", [
    (PHONE, "zh", True), (LAPTOP, "en", True), (PHONE, "en", True), (LAPTOP, "zh", True), (PHONE, "zh", False)],
    ids=["phone-zh", "laptop-en", "phone-en", "laptop-zh", "phone-zh-without-javascript"])
def test_a_volunteer_edits_the_letter_and_chooses_after_the_answers_change(browser, live_server, client, tmp_path,
                                                                           viewport, lang, javascript):
    words = WORDS[lang]
    Wizard(client, lang).complete({"/recipient": {**STANDARD_ANSWERS["/recipient"], "letter_lang": lang}})
    page = _browser_page(browser, live_server, client, viewport, lang, javascript)
    page.goto(live_server + "/documents")
    page.locator("#lender").get_by_role("link", name=words["link"]).click()
    expect(page.locator("h1")).to_contain_text(words["link"])
    assert page_width(page) <= viewport["width"], "no sideways scrolling"
    edit, letter = page.locator(".review-edit").bounding_box(), page.locator("#letter").bounding_box()
    if viewport is LAPTOP:
        assert letter["x"] >= edit["x"] + edit["width"], "the printed letter beside the sections"
    else:
        assert letter["y"] >= edit["y"] + edit["height"], "on a phone, the printed letter after them"
    expect(page.locator("#letter img").first).to_have_attribute("loading", "lazy")

    _save_section(page, "background", words["background"], words["save"])
    _save_section(page, "facts", words["facts"], words["save"])
    page.locator("input[value=civil_code_1033_1]").uncheck()
    page.get_by_role("button", name=words["citations"]).click()
    expect(page.locator("input[value=civil_code_1033_1]")).not_to_be_checked()
    expect(page.locator("#stale")).to_have_count(0)

    page.goto(live_server + "/loan?return=check")
    page.fill("#lender", NEW_LENDER[lang])
    page.get_by_role("button", name=words["continue"]).click()
    page.goto(live_server + "/documents")
    expect(page.locator("#lender .edited")).to_be_visible()
    page.locator("#lender").get_by_role("link", name=words["link"]).click()
    expect(page.locator("#stale")).to_contain_text(words["stale"])
    for key in ("background", "facts"):
        expect(page.locator(f"#{key} .generated")).to_contain_text(NEW_LENDER[lang])
    page.locator("#facts").get_by_role("button", name=words["keep"]).click()
    expect(page.locator("#facts").get_by_role("button", name=words["keep"])).to_have_count(0)
    page.locator("#background").get_by_role("button", name=words["new"]).click()
    expect(page.locator("#stale")).to_have_count(0)
    assert page_width(page) <= viewport["width"]

    page.goto(live_server + "/documents")
    with page.expect_download() as download:
        page.locator("#lender").get_by_role("link", name=words["download"], exact=True).click()
    path = tmp_path / "letter.pdf"
    download.value.save_as(path)
    printed = pdf_text(path.read_bytes()).replace("\n", "")
    assert words["facts"].replace(" ", "") in printed.replace(" ", ""), "her kept version"
    assert words["background"].replace(" ", "") not in printed.replace(" ", ""), "the new text, not hers"
    assert words["new_background"].replace(" ", "") in printed.replace(" ", "")
    assert words["article"] not in printed, "the citation she switched off"
    page.context.close()
