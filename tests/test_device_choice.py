"""Whether this phone keeps the draft (a 30-day cookie) or forgets it when the browser closes (a session cookie):
asked on starting, resuming with a code, and opening a case file."""
from __future__ import annotations

import io
import re
import time

import pytest
from helpers import ROOT, STANDARD_ANSWERS, Wizard, page_width
from playwright.sync_api import expect

THIRTY_DAYS = 30 * 86400


def draft_cookie(response) -> str:
    """The Set-Cookie header that writes the draft cookie."""
    written = [header for header in response.headers.getlist("Set-Cookie") if header.startswith("draft=")]
    assert len(written) == 1, response.headers.getlist("Set-Cookie")
    return written[0]


def lifetime(header: str) -> int | None:
    """The cookie's Max-Age in seconds, or None for a session cookie (gone when the browser closes)."""
    assert "expires=" not in header.lower() or "max-age=" in header.lower(), header
    found = re.search(r"Max-Age=(\d+)", header)
    return int(found.group(1)) if found else None


def start(client, device: str | None):
    wizard = Wizard(client)
    data = {"csrf_token": wizard.token("/")}
    if device is not None:
        data["device"] = device
    response = client.post("/start", data=data)
    assert response.status_code == 302
    return wizard, response


def test_start_page_asks_and_explains_with_forget_as_the_default(client):
    page = Wizard(client).get("/").get_data(as_text=True)
    assert "关闭浏览器时忘记我的答案（更安全）" in page and "在这部手机上保留我的答案" in page
    assert "你需要恢复码才能继续" in page and "最后一次使用后的30天内" in page
    forget = re.search(r'<input[^>]*value="forget"[^>]*>', page).group(0)
    keep = re.search(r'<input[^>]*value="keep"[^>]*>', page).group(0)
    assert "checked" in forget and "checked" not in keep


@pytest.mark.parametrize("device", [None, "forget", "KEEP", "keep\n", "x" * 5000])
def test_by_default_or_for_anything_but_keep_the_cookie_goes_when_the_browser_closes(client, device):
    _, response = start(client, device)
    header = draft_cookie(response)
    assert lifetime(header) is None and "expires" not in header.lower(), header


def test_keep_sets_a_thirty_day_cookie(client):
    _, response = start(client, "keep")
    assert lifetime(draft_cookie(response)) == THIRTY_DAYS


@pytest.mark.parametrize(("device", "expected"), [("keep", THIRTY_DAYS), ("forget", None)])
def test_the_choice_survives_later_saves(client, device, expected):
    wizard, _ = start(client, device)
    for url in ("/about-you", "/loan"):
        saved = wizard.answer(url, STANDARD_ANSWERS[url])
        assert saved.status_code == 302
        assert lifetime(draft_cookie(saved)) == expected, url
    page = wizard.get("/").get_data(as_text=True)
    said = "这部手机会保留你的答案" if device == "keep" else "浏览器关闭后会忘记你的答案"
    assert said in page


def _code(wizard) -> str:
    return wizard.get("/").get_data(as_text=True).split('<p class="code" lang="en">')[1].split("<")[0]


@pytest.mark.parametrize(("device", "expected"), [(None, None), ("forget", None), ("keep", THIRTY_DAYS)])
def test_resuming_on_another_device_asks_again_with_forget_as_the_default(app, client, device, expected):
    wizard, _ = start(client, "keep")
    wizard.answer("/about-you", STANDARD_ANSWERS["/about-you"])
    other = Wizard(app.test_client())
    page = other.get("/resume").get_data(as_text=True)
    assert "关闭浏览器时忘记我的答案（更安全）" in page
    data = {"code": _code(wizard)} | ({"device": device} if device else {})
    resumed = other.answer("/resume", data)
    assert resumed.status_code == 302
    assert lifetime(draft_cookie(resumed)) == expected


def test_a_tampered_choice_with_a_resume_code_is_refused_with_a_message(app, client):
    wizard, _ = start(client, "forget")
    other = Wizard(app.test_client())
    refused = other.answer("/resume", {"code": _code(wizard), "device": "always"})
    assert refused.status_code == 200
    assert "请选择这部手机是否保留你的答案" in refused.get_data(as_text=True)
    assert not [h for h in refused.headers.getlist("Set-Cookie") if h.startswith("draft=")]


def test_quick_exit_makes_a_kept_draft_go_when_the_browser_closes(client):
    wizard, _ = start(client, "keep")
    left = client.get("/exit")
    assert lifetime(draft_cookie(left)) is None
    hidden = [h for h in left.headers.getlist("Set-Cookie") if h.startswith("hidden=")][0]
    assert lifetime(hidden) is None
    shown = client.post("/show?next=/about-you", data={"csrf_token": wizard.token("/")})
    assert shown.status_code == 302
    saved = wizard.answer("/about-you", STANDARD_ANSWERS["/about-you"])
    assert lifetime(draft_cookie(saved)) is None, "a later save does not make it last again"
    assert "陈晓燕" in wizard.get("/about-you").get_data(as_text=True)


def test_safety_page_says_what_quick_exit_does_to_a_kept_draft(client):
    page = Wizard(client).get("/safety").get_data(as_text=True)
    assert "即使你选择了在这里保留" in page


CASE_FILE_PATH = ROOT / "examples" / "night-calls-consumer-finance.json"
CASE_FILE = CASE_FILE_PATH.read_bytes()


def open_case_file(client, device: str | None):
    """Post the example case file from the start page's form, with or without a choice."""
    data = {"csrf_token": Wizard(client).token("/"), "case_file": (io.BytesIO(CASE_FILE), "case.json")}
    if device is not None:
        data["device"] = device
    return client.post("/open", data=data)


QUESTION = "这部手机要记住你的答案吗？"


@pytest.mark.parametrize("with_draft", [False, True], ids=["no draft", "draft"])
def test_the_start_page_asks_keep_or_forget_once_for_both_ways_in(client, with_draft):
    if with_draft:
        start(client, "keep")
    page = Wizard(client).get("/").get_data(as_text=True)
    assert page.count(QUESTION) == 1 and page.count("你需要恢复码才能继续") == 1
    assert page.count('value="forget"') == 1 and page.count('value="keep"') == 1
    asking = next(form for form in re.findall(r"<form\b.*?</form>", page, re.S) if QUESTION in form)
    assert 'name="case_file"' in asking and "打开案件文件" in asking, "the case file honours the same answer"
    assert ("现在开始" in asking) is not with_draft, "Start is offered only when there is no draft"
    forget = re.search(r'<input[^>]*value="forget"[^>]*>', asking).group(0)
    keep = re.search(r'<input[^>]*value="keep"[^>]*>', asking).group(0)
    assert "checked" in forget and "checked" not in keep


def test_when_her_answers_are_lost_the_case_file_fields_are_already_unfolded(client):
    folded = Wizard(client).get("/").get_data(as_text=True)
    unfolded = Wizard(client).get("/?lost=1").get_data(as_text=True)
    assert '<details class="open-case-file" id="open-case-file">' in folded
    assert '<details class="open-case-file" id="open-case-file" open>' in unfolded


def test_in_english_too_the_question_is_asked_once_above_both_ways_in(client):
    page = Wizard(client, lang="en").get("/").get_data(as_text=True)
    assert page.count("Should this phone remember your answers?") == 1
    asking = page.split("Should this phone remember your answers?")[1].split("</form>")[0]
    assert "Start now" in asking and "Or open a case file you saved" in asking and "Open case file" in asking


def test_enter_in_the_case_file_password_box_opens_the_file_rather_than_starting_afresh(client):
    """Enter presses the form's first button, Start, which must then open the chosen file."""
    data = {"csrf_token": Wizard(client).token("/"), "case_file": (io.BytesIO(CASE_FILE), "case.json"),
            "password": "", "device": "keep"}
    opened = client.post("/start", data=data)
    assert opened.status_code == 302 and lifetime(draft_cookie(opened)) == THIRTY_DAYS
    assert "李晓梅" in client.get("/about-you").get_data(as_text=True)


@pytest.mark.parametrize(("device", "expected"), [(None, None), ("forget", None), ("keep", THIRTY_DAYS)])
def test_opening_a_case_file_keeps_it_on_this_phone_only_when_asked(client, device, expected):
    opened = open_case_file(client, device)
    assert opened.status_code == 302
    assert lifetime(draft_cookie(opened)) == expected
    assert "李晓梅" in client.get("/about-you").get_data(as_text=True)
    saved = Wizard(client).answer("/loan", STANDARD_ANSWERS["/loan"])
    assert lifetime(draft_cookie(saved)) == expected, "the choice survives later saves"


@pytest.mark.parametrize("device", ["KEEP", "keep\n", "always", "x" * 5000, "保留"])
def test_a_tampered_choice_with_a_case_file_is_refused_with_a_message_and_opens_nothing(client, device):
    refused = open_case_file(client, device)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "请选择这部手机是否保留你的答案" in page
    assert not [h for h in refused.headers.getlist("Set-Cookie") if h.startswith("draft=")]
    assert client.get_cookie("draft") is None


WAYS_IN = {"start": "现在开始", "open": "打开案件文件"}


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", [390, 320])
@pytest.mark.parametrize("way", WAYS_IN)
@pytest.mark.parametrize("choice", ["", "在这部手机上保留我的答案"], ids=["default", "keep"])
def test_on_a_phone_both_ways_in_keep_the_answers_only_when_chosen(browser, live_server, choice, way, width,
                                                                    javascript):
    context = browser.new_context(viewport={"width": width, "height": 700}, locale="zh-CN",
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server + "/")
    assert page_width(page) <= width, "no sideways scrolling"
    expect(page.get_by_text(QUESTION)).to_have_count(1)
    asking = page.locator("form", has=page.get_by_text(QUESTION))
    default = asking.get_by_role("radio", name="关闭浏览器时忘记我的答案（更安全）")
    assert default.is_checked() and default.is_visible()
    assert asking.get_by_text("你需要恢复码才能继续").is_visible()
    if choice:
        asking.get_by_text(choice).click()  # tapping the words chooses, as on a phone
    if way == "open":
        asking.get_by_text("或者打开保存的案件文件").click()  # unfolds without JavaScript
        asking.locator('input[type="file"]').set_input_files(str(CASE_FILE_PATH))
        assert page_width(page) <= width, "no sideways scrolling with the case file's fields unfolded"
    asking.get_by_role("button", name=WAYS_IN[way]).click()
    if way == "start":
        page.wait_for_url("**/about-you")
    else:
        page.wait_for_url(lambda url: url.removeprefix(live_server) not in ("/", "/open"))  # opened: her answers
    draft = next(cookie for cookie in context.cookies() if cookie["name"] == "draft")
    if choice:
        assert abs(draft["expires"] - (time.time() + THIRTY_DAYS)) < 120
    else:
        assert draft["expires"] == -1, "a session cookie: gone when the browser closes"
    context.close()
