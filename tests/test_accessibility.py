"""Every page, in both languages, normal and with errors: axe-core finds nothing serious, and the page is light.

Runs in headless Chromium at phone size. axe-core comes from tests/browser/node_modules (`make test` runs
`npm ci` there); the page's own Content-Security-Policy is bypassed only so the test can inject it.
"""
from __future__ import annotations

import pytest
from helpers import CALLS, PHONE, STANDARD_ANSWERS, Audit, screenshot

pytestmark = pytest.mark.browser


def _fill(page, answers: dict) -> None:
    """Answer the questions this page asks; answers for other pages are left for them."""
    for name, value in answers.items():
        for one in (value if isinstance(value, list) else [value]):
            field = page.locator(f"[name='{name}']:not([type=hidden])")
            if not field.count():
                continue
            kind = field.first.get_attribute("type")
            if kind in ("radio", "checkbox"):
                if not page.locator(f"[name='{name}'][value='{one}']").is_checked():
                    page.locator(f"[name='{name}'][value='{one}'] + label").click()
            elif field.first.evaluate("e => e.tagName") == "SELECT":
                field.select_option(one)
            else:
                field.fill(one)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_is_accessible_and_within_budget(browser, live_server, lang, tmp_path):
    context = browser.new_context(viewport=PHONE, locale="zh-CN" if lang == "zh" else "en-GB", bypass_csp=True)
    page = context.new_page()
    audit = Audit(page, live_server)
    t = {"zh": {"go": "继续", "start": "现在开始", "save": "保存这件事", "open": "打开案件文件",
                "delete": "删除全部内容", "save_plain": "保存",
                "read": "读取文件", "download": "下载案件文件"},
         "en": {"go": "Continue", "start": "Start now", "save": "Save incident", "open": "Open case file",
                "delete": "Delete everything",
                "save_plain": "Save", "read": "Read the file", "download": "Download case file"}}[lang]

    audit.visit("start", "/")
    page.locator("#open-case-file summary").click()  # the case file's fields unfold under Start
    audit.submit("open case file, error", t["open"])
    audit.visit("safety", "/safety")
    audit.visit("resume", "/resume")
    audit.submit("resume, error", t["go"])
    audit.visit("not found", "/no-such-page")
    audit.visit("start again", "/")
    audit.submit("about you", t["start"])
    audit.submit("about you, error", t["go"])
    _fill(page, STANDARD_ANSWERS["/about-you"])
    audit.submit("loan", t["go"])
    page.fill("#lender", "")
    audit.submit("loan, error", t["go"])
    _fill(page, STANDARD_ANSWERS["/loan"])
    audit.submit("collectors", t["go"])
    audit.submit("incident", t["go"])
    audit.submit("incident, error", t["go"])
    incident = {k: v for k, v in STANDARD_ANSWERS["incidents"][0].items()}
    _fill(page, incident)
    audit.submit("incident, who and what was said", t["go"])
    audit.submit("incident, who and what was said, error", t["go"])
    _fill(page, incident)
    audit.submit("incident, what it shows", t["go"])
    audit.submit("incident, what it shows, error", t["save"])
    _fill(page, incident)
    audit.submit("incident list", t["save"])
    audit.visit("remove incident", "/incidents/1/remove")
    audit.submit("remove incident, error", t["go"])
    audit.visit("incident list again", "/incidents")
    page.locator("label[for=answer-1]").click()
    audit.submit("evidence", t["go"])
    picture = tmp_path / "screenshot.png"
    picture.write_bytes(screenshot())
    page.set_input_files("#pictures", str(picture))
    audit.submit("evidence with a picture", t["go"])
    page.locator(".summary-card-actions a").first.click()
    page.wait_for_load_state("load")
    audit._record("describe a picture")
    audit.submit("describe a picture, error", t["save_plain"])
    audit.visit("listed evidence", "/evidence/listed/new")
    audit.submit("listed evidence, error", t["save_plain"])
    audit.visit("import call log", "/incidents/import")
    audit.submit("import call log, error", t["read"])
    backup = tmp_path / "calls.xml"
    backup.write_text(CALLS, encoding="utf-8")
    page.set_input_files("#log", str(backup))
    audit.submit("import preview", t["read"])
    audit.submit("import preview, error", t["go"])
    audit.visit("what you want", "/wants")
    page.locator("input[name=requests]:checked + label").click()
    audit.submit("what you want, error", t["go"])
    _fill(page, {"requests": ["stop_unlawful"]})
    audit.submit("earlier complaint", t["go"])
    audit.submit("earlier complaint, error", t["go"])
    page.locator("label[for=made-1]").click()
    audit.submit("documents question", t["go"])
    audit.submit("check answers", t["go"])
    audit.visit("documents", "/documents")
    audit.visit("when a document was sent", "/documents/lender/sent")
    page.fill("#day", "99")
    page.fill("#reply_day", "99")
    audit.submit("when a document was sent, error", t["save_plain"])
    audit.visit("text", "/documents/lender.zh.txt?masked=1&limit=500")
    audit.visit("review a document", "/documents/lender.zh/review")
    page.fill("#requests-text", "")
    audit.submit("review a document, error", t["save_plain"])
    audit.visit("save case file", "/save")
    page.fill("#password", "short")
    audit.submit("save case file, error", t["download"])
    audit.visit("delete", "/delete")
    audit.submit("deleted", t["delete"])
    context.close()

    heaviest = max(audit.weights, key=audit.weights.get)
    print(f"{lang}: {len(audit.weights)} pages, heaviest {heaviest} at {audit.weights[heaviest]} bytes")
    assert len(audit.weights) >= 40
    assert audit.problems == {}, "\n".join(f"{page}: {issue}" for page, issues in audit.problems.items()
                                            for issue in issues)
