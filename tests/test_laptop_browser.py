"""The save page in a real Chromium: a download that worked leaves no message from the attempt before."""
from __future__ import annotations

import pytest
from helpers import ROOT
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
CASE_FILE = ROOT / "examples" / "night-calls-consumer-finance.json"
MISMATCH = "The two passwords are not the same"


@pytest.mark.parametrize("javascript", [True, False])
def test_saving_after_a_refused_attempt_leaves_no_stale_message(browser, live_server, javascript):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB",
                                  java_script_enabled=javascript, accept_downloads=True)
    context.add_cookies([{"name": "lang", "value": "en", "url": live_server}])
    page = context.new_page()
    page.goto(live_server + "/")
    page.click("text=Or open a case file you saved")  # its fields unfold under Start
    page.set_input_files("#case_file", str(CASE_FILE))
    page.click("text=Open case file")
    page.wait_for_url(lambda url: url.removeprefix(live_server) not in ("/", "/open"))  # opened: on to her answers
    page.goto(live_server + "/save")
    page.fill("#password", "a long enough password")
    page.fill("#confirm", "another password")
    page.click("button[type=submit]")
    expect(page.locator("main")).to_contain_text(MISMATCH)
    page.fill("#password", "a long enough password")
    page.fill("#confirm", "a long enough password")
    with page.expect_download() as download:
        page.click("button[type=submit]")
    assert download.value.suggested_filename.startswith("case-protected-")
    if javascript:  # the page stays in place: its old message goes as the form is sent
        assert MISMATCH not in page.inner_text("main") and not page.query_selector(".error-summary")
    page.reload()
    assert MISMATCH not in page.inner_text("main") and not page.query_selector(".error-summary")
    context.close()
