"""The page checks the Wizard runs on every page it fetches catch each fault they are there for."""
from __future__ import annotations

import pytest
from helpers import page_problems

GOOD = """<!doctype html><html><head><title>{title} – Debt collection complaint helper</title></head><body>
<main id="main">{summary}<h1>Your name</h1><input id="name" name="name">{extra}</main></body></html>"""
SUMMARY = ('<div data-error-summary><h2>There is a problem</h2>'
           '<ul><li><a href="{href}">Enter your name</a></li></ul></div>')


def page(title="Your name", summary="", extra=""):
    return GOOD.format(title=title, summary=summary, extra=extra)


def test_a_sound_page_passes():
    assert page_problems(page()) == []
    assert page_problems(page("Error: Your name", SUMMARY.format(href="#name"))) == []
    assert page_problems(page("错误：Your name", SUMMARY.format(href="#main"))) == []


@pytest.mark.parametrize(("html", "caught"), [
    (page(extra="<h1>Another</h1>"), "2 h1 elements"),
    (page(title="Your loan"), "does not agree with the h1"),
    (page(extra='<p id="name">again</p>'), "id 'name' used 2 times"),
    (page("Error: Your name", SUMMARY.format(href="#nowhere")), "'#nowhere', which is not a field"),
    (page("Error: Your name", SUMMARY.format(href="#name") * 2), "2 error summaries"),
    (page(summary=SUMMARY.format(href="#name")), "an error summary under a title that does not say so"),
])
def test_each_fault_is_caught(html, caught):
    assert any(caught in problem for problem in page_problems(html)), page_problems(html)


@pytest.mark.parametrize("method, url, data, status, heading", [
    ("get", "/no-such-page", None, 404, "Page not found"),
    ("post", "/check", {}, 405, "We could not accept that request"),
    ("post", "/about-you", {"name": "x" * 70_000_000}, 413, "That file is too large"),
])
def test_error_pages_have_a_title_that_names_their_heading(client, method, url, data, status, heading):
    client.set_cookie("lang", "en")
    response = getattr(client, method)(url, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == status and f"<h1 class=\"heading-l\">{heading}</h1>" in page
    assert not page_problems(page)
