"""The phone experience in a real headless Chromium at 390 px: the whole journey, with and without JavaScript."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from helpers import PHONE, ROOT, page_width, pdf_text
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def _page(browser, lang: str, javascript: bool = True):
    context = browser.new_context(viewport=PHONE, locale="zh-CN" if lang == "zh" else "en-GB",
                                  java_script_enabled=javascript, accept_downloads=True,
                                  user_agent="Mozilla/5.0 (Linux; Android 12; Redmi 9A) AppleWebKit/537.36 "
                                             "(KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36")
    return context.new_page()


TEXT = {
    "zh": {"start": "现在开始", "continue": "继续", "save": "保存这件事", "make": "生成我的文件",
           "download": "下载PDF", "check": "检查你的回答", "error": "有问题需要修改"},
    "en": {"start": "Start now", "continue": "Continue", "save": "Save incident", "make": "Make my documents",
           "download": "Download PDF", "check": "Check your answers", "error": "There is a problem"},
}


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _walk(page, base: str, lang: str, tag: str) -> None:
    t = TEXT[lang]
    page.goto(base + "/")
    _shot(page, f"{tag}-01-start")
    page.get_by_role("button", name=t["start"]).click()

    page.get_by_role("button", name=t["continue"]).click()  # nothing filled in: errors first
    expect(page.locator(".error-summary")).to_be_visible()
    assert page.title().startswith("错误：" if lang == "zh" else "Error: ")
    _shot(page, f"{tag}-02-about-you-error")
    page.fill("#name", "陈晓燕")
    page.fill("#phone", "139 1234 5678")
    page.get_by_role("button", name=t["continue"]).click()

    page.fill("#lender", "某某消费金融股份有限公司")
    page.locator("label[for=lender_type-1]").click()
    page.locator("label[for=disputed-0]").click()
    page.locator("label[for=illegal-1]").click()
    _shot(page, f"{tag}-03-loan")
    page.get_by_role("button", name=t["continue"]).click()

    page.fill("#numbers-0", "170 0000 1234")
    page.get_by_role("button", name=t["continue"]).click()

    page.fill("#year", "2026")
    page.fill("#month", "2")
    page.fill("#day", "10")
    page.fill("#time", "23:15")
    page.locator("label[for=channel-0]").click()
    page.get_by_role("button", name=t["continue"]).click()  # the incident's three pages: when and how,
    page.fill("#description", "半夜连打六次，说不还钱就让我全家不得安宁。")
    page.get_by_role("button", name=t["continue"]).click()  # who and what was said, what it shows
    page.locator("input[value=night_calls] + label").click()
    page.locator("input[value=threat_violence] + label").click()
    page.locator("input[value=call_log] + label").click()
    _shot(page, f"{tag}-04-incident")
    page.get_by_role("button", name=t["save"]).click()

    page.locator("label[for=answer-1]").click()  # no more incidents
    page.get_by_role("button", name=t["continue"]).click()
    _shot(page, f"{tag}-05-evidence")
    page.get_by_role("button", name=t["continue"]).click()  # no evidence to add
    page.get_by_role("button", name=t["continue"]).click()  # wants: pre-selected "stop"
    page.locator("label[for=made-1]").click()  # not yet complained to the lender
    _shot(page, f"{tag}-06-earlier")
    page.get_by_role("button", name=t["continue"]).click()
    _shot(page, f"{tag}-07-recipient")
    page.get_by_role("button", name=t["continue"]).click()  # documents: the suggestions, in Chinese
    # The check page draws the chart: wait for it to load rather than look at the half-loaded page.
    expect(page.get_by_role("heading", name=t["check"])).to_be_visible()
    _shot(page, f"{tag}-08-check")
    page.get_by_role("link", name=t["make"]).click()
    _shot(page, f"{tag}-09-documents")


def _download_and_check(page, tmp_path: Path, lang: str) -> None:
    with page.expect_download() as download:
        page.get_by_role("link", name=TEXT[lang]["download"]).first.click()
    pdf = tmp_path / "letter.pdf"
    download.value.save_as(pdf)
    text = pdf_text(pdf.read_bytes()).replace("\n", "")
    assert "投诉人：陈晓燕" in text and "半夜连打六次" in text and "某某消费金融股份有限公司" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_whole_journey_at_phone_size(browser, live_server, tmp_path, lang):
    page = _page(browser, lang)
    _walk(page, live_server, lang, f"{lang}-js")
    assert page_width(page) <= PHONE["width"], "no sideways scrolling"
    _download_and_check(page, tmp_path, lang)
    page.context.close()


def test_whole_journey_without_javascript(browser, live_server, tmp_path):
    page = _page(browser, "zh", javascript=False)
    _walk(page, live_server, "zh", "zh-nojs")
    _download_and_check(page, tmp_path, "zh")
    page.context.close()


def test_error_summary_takes_focus(browser, live_server):
    page = _page(browser, "en")
    page.goto(live_server + "/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")  # the deferred script has run by now
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.get_by_role("link", name="Enter your full name").click()
    assert page.evaluate("document.activeElement.id") == "name"
    page.context.close()


def test_quick_exit_leaves_and_back_does_not_return(browser, live_server):
    page = _page(browser, "zh")
    page.goto(live_server + "/safety")
    page.goto(live_server + "/")
    page.keyboard.press("Escape")
    page.wait_for_url("http://localhost:*/")
    page.go_back()
    assert page.url.endswith("/safety"), "the service page that was showing is gone from the history"
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_leave_and_resume_with_the_code_remove_an_incident_then_delete_everything(browser, live_server, javascript):
    first = _page(browser, "zh", javascript)
    _walk(first, live_server, "zh", f"resume-{'js' if javascript else 'nojs'}")
    first.goto(live_server + "/check")
    code = first.locator(".resume-code .code").inner_text()
    first.context.close()

    other = _page(browser, "en", javascript)  # another phone, another language
    other.goto(live_server + "/resume")
    other.fill("#code", code.lower().replace("-", " "))
    other.get_by_role("button", name="Continue").click()
    expect(other.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(other.locator("main")).to_contain_text("半夜连打六次")

    other.goto(live_server + "/incidents/new")
    other.fill("#year", "2026")
    other.fill("#month", "2")
    other.locator("label[for=channel-1]").click()
    other.get_by_role("button", name="Continue").click()
    other.fill("#description", "又发来短信")
    other.get_by_role("button", name="Continue").click()
    other.locator("input[value=insult] + label").click()
    other.get_by_role("button", name="Save incident").click()
    expect(other).to_have_url(re.compile(r"/incidents$"))
    expect(other.locator("main")).to_contain_text("又发来短信")
    other.goto(live_server + "/incidents/1/remove")  # the month-only incident sorts first
    other.locator("label[for=answer-0]").click()
    other.get_by_role("button", name="Continue").click()
    expect(other).to_have_url(re.compile(r"/incidents$"))
    expect(other.locator("main")).to_contain_text("半夜连打六次")
    expect(other.locator("main")).not_to_contain_text("又发来短信")

    other.get_by_role("link", name="Delete everything now").click()
    other.get_by_role("button", name="Delete everything").click()
    expect(other.get_by_role("heading", name="Everything has been deleted")).to_be_visible()
    other.goto(live_server + "/check")
    assert other.url.endswith("/?lost=1")
    other.context.close()


@pytest.mark.parametrize("path", ["/", "/safety"])
def test_readable_at_320_pixels(browser, live_server, path):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server + path)
    assert page_width(page) <= 320
    context.close()


def test_evidence_at_phone_size_upload_import_chart_and_pdf(browser, live_server, tmp_path):
    from helpers import CALLS, screenshot

    shot = tmp_path / "微信截图.png"
    shot.write_bytes(screenshot())
    log = tmp_path / "calls-20260211.xml"
    log.write_text(CALLS, encoding="utf-8")

    page = _page(browser, "zh")
    _walk(page, live_server, "zh", "evidence")
    page.goto(live_server + "/evidence")
    page.set_input_files("#pictures", str(shot))
    page.get_by_role("button", name="继续").click()
    page.get_by_role("link", name="填写说明").first.click()
    page.fill("#caption", "催收短信截图")
    page.get_by_role("button", name="保存").click()
    _shot(page, "evidence-01-picture")
    expect(page.locator("main")).to_contain_text("催收短信截图")

    page.goto(live_server + "/incidents/import")
    page.set_input_files("#log", str(log))
    page.get_by_role("button", name="读取文件").click()
    expect(page.locator("main")).to_contain_text("找到所选号码的来电或消息共3次")
    page.locator("label[for=answer-0]").click()
    page.get_by_role("button", name="继续").click()

    page.goto(live_server + "/check")
    chart = page.locator("img.chart")
    assert chart.is_visible() and "共记录约" in chart.get_attribute("alt")
    assert page.evaluate("document.querySelector('img.chart').naturalWidth") > 0, "the chart really loads"
    _shot(page, "evidence-02-check")

    page.goto(live_server + "/documents")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载PDF").first.click()
    pdf = tmp_path / "letter.pdf"
    download.value.save_as(pdf)
    text = pdf_text(pdf.read_bytes()).replace("\n", "")
    assert "催收短信截图" in text and "SHA-256" in text and "证据1：催收短信截图" in text
    assert "共记录约" in text, "the chart's text equivalent is under the chart"
    page.context.close()
