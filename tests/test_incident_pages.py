"""The incident asked over three pages: each page's own questions, answers carried along, Change and repeats."""
from __future__ import annotations

import re

from helpers import STANDARD_ANSWERS

INCIDENT = STANDARD_ANSWERS["incidents"][0]


def _questions(html: str) -> set[str]:
    """The names of the visible questions on a page (not the hidden fields that carry other pages' answers)."""
    return {name for name in re.findall(r'<(?:input|textarea)[^>]*?name="([^"]+)"', html)
            if not re.search(rf'<input type="hidden" name="{name}"', html)} - {"csrf_token", "revision", "page"}


def test_three_pages_then_saved(wizard):
    wizard.complete()
    first = wizard.get("/incidents/new").get_data(as_text=True)
    assert _questions(first) == {"day", "month", "year", "time", "channel", "source", "times"}
    second = wizard.answer("/incidents/new", {**INCIDENT, "description": "", "page": "1"}).get_data(as_text=True)
    assert "data-error-summary" not in second, "no message about a question not asked yet"
    assert _questions(second) == {"targets", "description"}
    empty = wizard.answer("/incidents/new", {**INCIDENT, "description": "", "page": "2"}).get_data(as_text=True)
    assert "请写下对方说了什么" in empty and _questions(empty) == {"targets", "description"}
    third = wizard.answer("/incidents/new", {**INCIDENT, "description": "第三件", "page": "2"}).get_data(as_text=True)
    assert _questions(third) == {"behaviours", "evidence"} and 'name="description" value="第三件"' in third
    back = wizard.answer("/incidents/new", {**INCIDENT, "description": "第三件", "page": "3", "go": "back"})
    assert _questions(back.get_data(as_text=True)) == {"targets", "description"} and "第三件" in back.get_data(
        as_text=True)
    saved = wizard.answer("/incidents/new", {**INCIDENT, "description": "第三件", "page": "3"})
    assert saved.status_code == 302 and saved.location.endswith("/incidents")
    assert "第三件" in wizard.get("/incidents").get_data(as_text=True)


def test_change_from_the_check_page_walks_the_pages_and_returns_there(wizard):
    wizard.complete()
    url = "/incidents/2?return=check"
    changed = {**INCIDENT, "description": "改过的一件"}
    assert wizard.answer(url, {**changed, "page": "1"}).status_code == 200
    assert wizard.answer(url, {**changed, "page": "2"}).status_code == 200
    saved = wizard.answer(url, {**changed, "page": "3"})
    assert saved.status_code == 302 and saved.location.endswith("/check")
    assert "改过的一件" in wizard.get("/check").get_data(as_text=True)


def test_add_another_like_this_one_fills_number_channel_and_targets(wizard):
    wizard.complete()
    saved = wizard.answer("/incidents/new", {**STANDARD_ANSWERS["incidents"][1], "page": "3", "then": "like"})
    assert saved.status_code == 302 and saved.location.endswith("/incidents/new?like=3")
    html = wizard.get("/incidents/new?like=3").get_data(as_text=True)
    assert 'value="0755-8888 6666"' in html and re.search(r'value="third_party" checked', html)
    assert 'name="targets" value="family"' in html and 'name="targets" value="work"' in html
    assert 'name="targets" value="self"' not in html
    assert re.search(r'name="description" value=""', html) and re.search(r'name="day"[^>]*value=""', html)
    assert "再添加一件和上一件相似的事" in wizard.get("/incidents").get_data(as_text=True)


def test_hostile_page_and_button_values_never_reach_an_error(wizard):
    """`page`, `go`, `then` and `?like=` come from the browser: anything else there is ignored, never a 500."""
    wizard.complete()
    before = len(re.findall(r'/incidents/\d+/remove', wizard.get("/incidents").get_data(as_text=True)))
    for field, value in (("page", "0"), ("page", "4"), ("page", "-1"), ("page", "٣"), ("page", "1" * 5000),
                         ("page", "99999999999999999999"), ("go", "back\x00"), ("go", "x" * 5000),
                         ("then", "like" * 1000), ("then", "像")):
        response = wizard.answer("/incidents/new", {**INCIDENT, "description": "只改一项", field: value})
        assert response.status_code in (200, 302), (field, value[:20])
    for like in ("0", "-5", "999999", "1" * 5000, "x"):
        assert wizard.get(f"/incidents/new?like={like}").status_code == 200, like[:20]
    after = len(re.findall(r'/incidents/\d+/remove', wizard.get("/incidents").get_data(as_text=True)))
    assert after >= before  # each post either saved a whole incident or asked again; nothing was lost


def test_the_date_typed_on_the_first_page_travels_with_the_later_ones(wizard):
    """A browser posts only what the page holds: the date boxes ride along hidden, as typed, and are saved."""
    wizard.complete()
    first_page = {key: INCIDENT[key] for key in ("time", "channel", "source", "times")}
    html = wizard.answer("/incidents/new", {**first_page, "year": "２０２６", "month": "1", "day": "7", "page": "1"}
                         ).get_data(as_text=True)
    carried = dict(re.findall(r'<input type="hidden" name="(day|month|year)" value="([^"]*)"', html))
    assert carried == {"day": "7", "month": "1", "year": "２０２６"}
    later = {key: INCIDENT[key] for key in ("targets", "description", "behaviours", "evidence")}
    saved = wizard.answer("/incidents/new", {**first_page, **carried, **later, "page": "3"})
    assert saved.status_code == 302
    assert "2026年1月7日" in wizard.get("/incidents").get_data(as_text=True)
