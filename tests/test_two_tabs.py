"""Two tabs of one phone's browser on the same question, in a real Chromium: the later save from the older page
is refused with a notice and keeps what was typed; saving it again is then a choice."""
from __future__ import annotations

import pytest
from helpers import PHONE, Wizard
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_older_tab_is_told_and_keeps_its_text(app, browser, live_server):
    wizard = Wizard(app.test_client())
    wizard.complete()
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.add_cookies([{"name": "draft", "value": wizard.client.get_cookie("draft").value, "url": live_server},
                         {"name": "lang", "value": "zh", "url": live_server}])
    older, newer = context.new_page(), context.new_page()
    older.goto(live_server + "/about-you")
    newer.goto(live_server + "/about-you")
    newer.fill("#name", "陈晓燕（新）")
    newer.get_by_role("button", name="继续").click()
    newer.wait_for_url("**/loan")  # saved before the older tab tries
    older.fill("#name", "陈小燕")
    older.get_by_role("button", name="继续").click()
    expect(older.locator(".error-summary")).to_contain_text("在另一个标签页或另一台设备上被修改过")
    assert older.input_value("#name") == "陈小燕"
    newer.goto(live_server + "/check")
    assert "陈晓燕（新）" in newer.content(), "the other tab's save stands"
    older.get_by_role("button", name="继续").click()  # seen the notice, save anyway
    older.wait_for_url("**/loan")
    older.goto(live_server + "/check")
    assert "陈小燕" in older.content()
    context.close()
