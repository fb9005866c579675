"""The volunteer at a laptop: dates written as the letters write them, neutral calendar entries, a clean save page."""
from __future__ import annotations

import re

import icalendar
import pytest
from helpers import Wizard


@pytest.mark.parametrize("lang, written, american", [
    ("en", ["10 February 2026 23:15", "March 2026 (day not known)", "5 March 2026", "19 November 2026"],
     re.compile(r"(January|February|March) \d{1,2}, 20\d\d")),
    ("zh", ["2026年2月10日 23:15", "2026年3月（不记得哪天）", "2026年3月5日", "2026年11月19日"], None),
])
def test_pages_write_dates_as_the_letters_do(client, lang, written, american):
    wizard = Wizard(client, lang)
    check = wizard.complete().get_data(as_text=True)
    assert wizard.answer("/documents/lender/sent", {"year": "2026", "month": "11", "day": "4",
                                                    "by": "email"}).status_code == 302
    documents = wizard.get("/documents").get_data(as_text=True)
    incidents = wizard.get("/incidents").get_data(as_text=True)
    pages = check + documents + incidents
    for date in written:
        assert date in pages
    assert american is None or not american.search(pages)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_calendar_entries_stay_neutral_when_plain_titles_are_on(client, lang):
    wizard = Wizard(client, lang)
    wizard.complete()
    wizard.get("/neutral-titles/on")
    response = wizard.get("/documents/deadlines.ics")
    events = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
    assert len(events) >= 3  # the lender's reply, the longer limits and the regulator's forwarding
    said = " ".join(str(part[key]) for event in events for part in [event, *event.walk("VALARM")]
                    for key in ("SUMMARY", "DESCRIPTION") if key in part)
    said += response.headers["Content-Disposition"] + response.get_data(as_text=True)
    for word in ("催收", "投诉", "贷款", "欠", "监管", "报警", "消费金融", "debt", "complaint", "collection", "lender",
                 "loan", "regulator", "police"):
        assert word.lower() not in said.lower()


def test_calendar_entries_say_what_is_due_when_plain_titles_are_off(client):
    wizard = Wizard(client, "en")
    wizard.complete()
    events = icalendar.Calendar.from_ical(wizard.get("/documents/deadlines.ics").data).walk("VEVENT")
    assert any("the lender must decide" in str(event["SUMMARY"]) for event in events)


def test_the_save_page_forgets_an_error_once_the_download_worked(client):
    wizard = Wizard(client, "en")
    wizard.complete()
    posted = {"csrf_token": wizard.token("/save"), "password": "a long enough password", "confirm": "another one"}
    refused = client.post("/save", data=posted, follow_redirects=True)
    assert refused.mimetype == "text/html" and "The two passwords are not the same" in refused.get_data(as_text=True)
    download = wizard.answer("/save", {"password": "", "confirm": ""})
    assert download.mimetype == "application/json"
    # The browser's reload button sends again the request that brought the page; Back to it, a plain visit.
    shown = refused.request
    reloaded = client.open(shown.path, method=shown.method, data=posted if shown.method == "POST" else None)
    for page in (reloaded, wizard.get("/save")):
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and "The two passwords are not the same" not in text
        assert "There is a problem" not in text and "<title>Error" not in text
