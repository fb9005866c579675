"""Incidents read from a call log and awaiting confirmation: a damaged pending list never breaks the page."""
from __future__ import annotations

import base64

import pytest
from helpers import Wizard

GOOD = {"date": "2026-02-11", "channel": "call", "description": "未接通的来电", "behaviours": ["night_calls"],
        "time": "23:10", "source": "170 0000 9999", "targets": ["self"], "times": 3, "evidence": ["call_log"],
        "ref": "0123abcd"}

BAD = [5, "x", None, [], {}, ["date", "2026-02-11"], {**GOOD, "unknown": 1}, {1: 2},
       {**GOOD, "date": "2026-13-45"}, {**GOOD, "date": "2099-01-01"}, {**GOOD, "date": 20260211},
       {**GOOD, "channel": "fax"}, {**GOOD, "channel": None}, {**GOOD, "times": "many"}, {**GOOD, "times": 10**30},
       {**GOOD, "time": "25:99"}, {**GOOD, "description": ""}, {**GOOD, "description": "半夜\x00来电"},
       {**GOOD, "behaviours": "night_calls"}, {**GOOD, "behaviours": ["no_such_behaviour"]},
       {**GOOD, "targets": []}, {**GOOD, "evidence": [{"a": 1}]}, {**GOOD, "ref": "../../x"},
       {k: v for k, v in GOOD.items() if k != "channel"}]


def _plant_pending(app, client, pending) -> None:
    """Give this browser's draft a pending import list, written through the store as an import would be."""
    store = app.extensions["complaint_store"]
    draft_id, _, encoded = client.get_cookie("draft").value.partition(".")
    key = base64.urlsafe_b64decode(encoded.partition(".")[0] + "==")
    draft = store.load(draft_id, key)
    draft.pending = pending
    store.save(draft)


@pytest.fixture
def walked(client):
    wizard = Wizard(client)
    wizard.complete()
    return wizard


@pytest.mark.parametrize("bad", BAD, ids=range(len(BAD)))
def test_a_malformed_pending_incident_is_dropped_with_a_message(app, walked, bad):
    _plant_pending(app, walked.client, [bad, GOOD])
    page = walked.get("/incidents/import/confirm")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "有1件导入的事件无法读取，已略去" in text
    assert "170 0000 9999" in text and "合并为1件事" in text
    added = walked.answer("/incidents/import/confirm", {"answer": "yes"})
    assert added.status_code == 302
    summary = walked.get("/incidents").get_data(as_text=True)
    assert "170 0000 9999" in summary
    for url in ("/check", "/documents", "/incidents/import/confirm"):
        assert walked.get(url).status_code < 500, url


def test_when_nothing_pending_can_be_read_the_page_says_so(app, walked):
    _plant_pending(app, walked.client, BAD[:5])
    page = walked.get("/incidents/import/confirm")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "有5件导入的事件无法读取，已略去" in text and "没有找到" not in text
    back = walked.answer("/incidents/import/confirm", {"answer": "no"})
    assert back.headers["Location"].endswith("/incidents")
    assert walked.get("/incidents/import/confirm").headers["Location"].endswith("/incidents/import")
