"""How much work five incidents take on a phone: taps, typed fields and page loads, counted in real Chromium."""
from __future__ import annotations

import re

import pytest
from helpers import PHONE

pytestmark = pytest.mark.browser

# Measured on the single-page incident form (commit b8ba971) with this same journey.
BEFORE = {"taps": 30, "fields": 25}  # and 12 page loads

# Five calls from the same number, aimed at her, on different days and with different words.
INCIDENTS = [("2026", "2", str(day), f"第{day}天又打来催债，说要上门。", behaviour)
             for day, behaviour in zip((3, 5, 8, 11, 14), ("excessive_calls", "threat_violence", "night_calls",
                                                          "insult", "threat_violence"), strict=True)]
NUMBER = "170 0000 1234"


class Counter:
    """Does what her thumb does, and counts it: a tap on a control, a box typed into, a page loaded."""

    def __init__(self, page):
        self.page, self.taps, self.fields, self.loads = page, 0, 0, 0
        page.on("load", lambda _page: setattr(self, "loads", self.loads + 1))

    def tap(self, locator) -> None:
        locator.click()
        self.taps += 1

    def go(self, locator) -> None:
        """A tap that loads the next page."""
        with self.page.expect_navigation():
            self.tap(locator)

    def type(self, selector: str, text: str) -> None:
        box = self.page.locator(selector)
        if box.input_value() != text:
            box.fill(text)
            self.fields += 1

    def tick(self, selector: str) -> None:
        box = self.page.locator(selector)
        if not box.is_checked():
            self.tap(self.page.locator(f"label[for={box.get_attribute('id')}]"))


def _answer_incident(you: Counter, incident, more: bool) -> None:
    """Answer whatever the incident page(s) ask, page after page, until the incident is saved."""
    page = you.page
    year, month, day, words, behaviour = incident
    while re.search(r"/incidents/new", page.url):
        if page.locator("#year").count():
            you.type("#year", year)
            you.type("#month", month)
            you.type("#day", day)
            you.tick("input[name=channel][value=call]")
            you.type("#source", NUMBER)
        if page.locator("#description").count():
            you.tick("input[name=targets][value=self]")
            you.type("#description", words)
        if page.locator("input[name=behaviours]").count():
            you.tick(f"input[name=behaviours][value={behaviour}]")
            you.tick("input[name=evidence][value=call_log]")
            like = page.locator("button[name=then][value=like]")
            if more and like.count():
                you.go(like)
                return
        you.go(page.locator("form button[type=submit]").first)
    if more:  # the list of incidents: one more
        like = page.locator("a[href*='like=']")
        if like.count():
            you.go(like)
        else:
            you.tap(page.locator("label[for=answer-0]"))
            you.go(page.locator("form button[type=submit]").first)


def test_five_incidents_take_fewer_taps_and_fields_than_before(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    context.add_cookies([{"name": "lang", "value": "en", "url": live_server}])
    page.goto(live_server + "/")
    page.get_by_role("button", name="Start now").click()
    page.fill("#name", "Chen Xiaoyan")
    page.fill("#phone", "139 1234 5678")
    page.get_by_role("button", name="Continue").click()
    page.fill("#lender", "Example Finance")
    page.locator("label[for=lender_type-1]").click()
    page.locator("label[for=disputed-0]").click()
    page.locator("label[for=illegal-1]").click()
    page.get_by_role("button", name="Continue").click()
    page.fill("#numbers-0", NUMBER)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/incidents/new")

    you = Counter(page)
    for n, incident in enumerate(INCIDENTS, 1):
        _answer_incident(you, incident, more=n < len(INCIDENTS))
    you.tap(page.locator("label[for=answer-1]"))  # no more incidents
    you.go(page.locator("form button[type=submit]").first)

    assert "/incidents" not in page.url
    page.goto(live_server + "/incidents")
    listed = page.locator("main").inner_text()
    assert all(words in listed for *_, words, _ in INCIDENTS), listed
    print(f"\nfive incidents: {you.taps} taps, {you.fields} typed fields, {you.loads} page loads "
          f"(before: {BEFORE['taps']} taps, {BEFORE['fields']} typed fields)")
    assert you.taps < BEFORE["taps"] and you.fields < BEFORE["fields"]
    context.close()
