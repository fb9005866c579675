"""Her work survives a lost session, quick exit leaves nothing on Back, chosen photos are never dropped (Chromium)."""
from __future__ import annotations

import os

import pytest
from helpers import PHONE, Wizard
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
ANDROID = ("Mozilla/5.0 (Linux; Android 12; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 "
           "Mobile Safari/537.36")


def _page(browser, javascript: bool = True):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", java_script_enabled=javascript,
                                  user_agent=ANDROID)
    return context.new_page()


def _begin(page, base: str) -> None:
    page.goto(base + "/")
    page.get_by_role("button", name="现在开始").click()
    page.wait_for_url("**/about-you")


def _answer_about_you(page) -> None:
    page.fill("#name", "陈晓燕")
    page.fill("#phone", "139 1234 5678")
    page.get_by_role("button", name="继续").click()
    page.wait_for_url("**/loan")


def _lose_session(page) -> None:
    """WeChat closes the web view: the session cookie (and the form's token with it) is gone, the draft stays."""
    cookies = [c for c in page.context.cookies() if c["name"] != "complaint_session"]
    page.context.clear_cookies()
    page.context.add_cookies(cookies)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_lost_session_keeps_what_she_typed_and_the_second_press_saves(browser, live_server, javascript):
    page = _page(browser, javascript)
    _begin(page, live_server)
    page.fill("#name", "陈晓燕")
    page.fill("#phone", "139 1234 5678")
    _lose_session(page)
    page.get_by_role("button", name="继续").click()

    expect(page.get_by_text("还没有保存").first).to_be_visible()
    assert page.url.endswith("/about-you"), "the same page, not an error page"
    assert page.input_value("#name") == "陈晓燕" and page.input_value("#phone") == "139 1234 5678"
    page.goto(live_server + "/check")  # nothing was saved by the refused post
    page.wait_for_url("**/about-you")
    assert page.input_value("#name") == ""

    page.fill("#name", "陈晓燕")
    page.fill("#phone", "139 1234 5678")
    _lose_session(page)
    page.get_by_role("button", name="继续").click()
    page.get_by_role("button", name="继续").click()  # the second press, with the fresh token, saves
    page.wait_for_url("**/loan")
    page.goto(live_server + "/about-you")
    assert page.input_value("#name") == "陈晓燕"
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_back_after_quick_exit_shows_no_answers(browser, live_server, javascript):
    page = _page(browser, javascript)
    _begin(page, live_server)
    _answer_about_you(page)
    page.goto(live_server + "/about-you")  # her name and phone are on this page and the one before it
    page.goto(live_server + "/about-you?again=1")
    assert page.input_value("#name") == "陈晓燕"
    page.get_by_role("link", name="快速离开").click()
    page.wait_for_url("http://localhost:*/")
    assert page.title() == "Weather"

    page.go_back()
    page.wait_for_load_state("load")
    body = page.locator("body").inner_text()
    assert "陈晓燕" not in body and "139 1234 5678" not in body and "陈晓燕" not in page.content()
    assert page.title() == "笔记"

    page.get_by_role("button", name="显示我的回答").click()  # she comes back and asks for them
    assert page.input_value("#name") == "陈晓燕"
    page.context.close()


def _photo(path) -> str:
    """A phone-sized photo that does not compress away (noise): several hundred KB, like a real one."""
    Image.frombytes("RGB", (1200, 900), os.urandom(1200 * 900 * 3)).save(path, "JPEG", quality=80)
    return str(path)


def _at_evidence(browser, app, live_server, javascript: bool):
    client = app.test_client()
    Wizard(client).complete()
    context = browser.new_context(viewport=PHONE, locale="zh-CN", java_script_enabled=javascript, user_agent=ANDROID)
    context.add_cookies([{"name": "draft", "value": client.get_cookie("draft").value, "url": live_server},
                         {"name": "lang", "value": "zh", "url": live_server}])
    page = context.new_page()
    page.goto(live_server + "/evidence")
    return page


@pytest.mark.parametrize("javascript", [True, False])
def test_chosen_photos_are_uploaded_by_the_one_continue_button(browser, app, live_server, tmp_path, javascript):
    page = _at_evidence(browser, app, live_server, javascript)
    assert page.locator("main .button").count() == 1, "one obvious action"
    page.set_input_files("#pictures", [_photo(tmp_path / "a.jpg"), _photo(tmp_path / "b.jpg")])
    page.get_by_role("button", name="继续").click()

    expect(page.get_by_text("已添加2张图片")).to_be_visible()  # she stays to see and describe them
    assert page.locator(".evidence-item").count() == 2
    page.get_by_role("button", name="继续").click()  # nothing chosen now: on to the next question
    page.wait_for_url("**/wants")
    page.context.close()


def test_a_refused_photo_stops_with_a_message(browser, app, live_server, tmp_path):
    page = _at_evidence(browser, app, live_server, javascript=True)
    broken = tmp_path / "photo.jpg"
    broken.write_bytes(b"not a picture at all")
    page.set_input_files("#pictures", [_photo(tmp_path / "a.jpg"), str(broken)])
    page.get_by_role("button", name="继续").click()
    expect(page.locator(".error-summary").get_by_text("photo.jpg")).to_be_visible()
    assert page.url.endswith("/evidence")
    assert page.locator(".evidence-item").count() == 1
    page.context.close()


def test_the_evidence_page_with_photos_stays_light(browser, app, live_server, tmp_path):
    page = _at_evidence(browser, app, live_server, javascript=True)
    page.set_input_files("#pictures", [_photo(tmp_path / f"{n}.jpg") for n in range(3)])
    page.get_by_role("button", name="继续").click()
    sizes = {}
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page.reload()
    page.wait_for_load_state("networkidle")
    thumbnails = [url for url in sizes if url.endswith("/thumbnail")]
    assert len(thumbnails) == 3
    print(f"evidence page with 3 photos: {sum(sizes.values()) / 1024:.1f} KB in {len(sizes)} responses")
    assert sum(sizes.values()) < 60 * 1024
    page.context.close()
