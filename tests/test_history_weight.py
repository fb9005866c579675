"""The history page of a long case stays light: at 500 incidents the newest show in full, older ones fold by month,
and the documents sent and their answers always show between them."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from helpers import Wizard, page_width
from playwright.sync_api import expect

from complaint.answers import MAX_INCIDENTS
from complaint.model import Documents, EarlierComplaint, Incident, Sending
from complaint.storage import casefile

BUDGET_BYTES = 100 * 1024  # of HTML, uncompressed; listing all 500 incidents in full took 160 KB
CHANNELS = ["call", "sms", "chat", "third_party"]


@pytest.fixture
def long_case(case_factory):
    """500 incidents, three a day from 1 January 2026; the lender letter sent on 1 March and refused on 20 March."""
    incidents = [Incident(date=(dt.date(2026, 1, 1) + dt.timedelta(days=n // 3)).isoformat(),
                          time=f"{(21 + n) % 24:02d}:{n % 60:02d}", channel=CHANNELS[n % 4],
                          source=f"170 0000 {n:04d}", times=1 + n % 5, targets=["self", "family"],
                          description="对方在电话里说再不还钱就通知我所有的联系人，还骂我是老赖。",
                          behaviours=["insult", "threat_expose", "third_party_contact"]) for n in range(MAX_INCIDENTS)]
    sent = Sending(on="2026-03-01", by="registered_post", reference="TS-0301", reply="refused", reply_on="2026-03-20")
    return case_factory(incidents=incidents, earlier=EarlierComplaint(made="no"),
                        documents=Documents(kinds=["lender", "regulator"], sent={"lender": sent}))


def _open(client, case, lang: str = "zh") -> Wizard:
    wizard = Wizard(client, lang=lang)
    opened = client.post("/open", data={"csrf_token": wizard.token("/"),
                                        "case_file": (io.BytesIO(casefile.dumps(case).encode()), "case.json")})
    assert opened.status_code == 302
    return wizard


def test_at_500_incidents_the_history_page_stays_within_its_weight(client, long_case):
    page = _open(client, long_case).get("/history").get_data()  # checked by page_problems on the way
    assert len(page) < BUDGET_BYTES, f"{len(page)} bytes of HTML"


def test_the_newest_incidents_show_in_full_and_older_ones_fold_by_month_around_the_letter_and_its_answer(
        client, long_case):
    page = _open(client, long_case).get("/history").get_data(as_text=True)
    assert "共有500件事：最近的20件完整列出" in page
    full = [int(n) for n in re.findall(r'<h3 class="heading-s">第(\d+)件事</h3>', page)]
    assert full == list(range(481, 501)), "the newest 20, in full"
    folds = re.findall(r'<h3 class="heading-s">第(\d+)至第(\d+)件事</h3>', page)
    assert folds[:2] == [("1", "93"), ("94", "177")], "January, then February"
    letter, answer = page.index("你于2026年3月1日寄出：挂号信或EMS。"), page.index("答复：对方拒绝处理")
    march = [page.index(f"第{first}至第{last}件事") for first, last in folds[2:]]
    assert any(at < letter for at in march) and any(letter < at < answer for at in march), "the letter splits March"
    assert any(answer < at for at in march), "and so does its answer"
    for number in (1, 177, 480):  # every incident is still there, a tap away
        assert f"<li>第{number}件事 · " in page


def test_in_english_the_long_history_says_how_it_is_folded(client, long_case):
    page = _open(client, long_case, lang="en").get("/history").get_data(as_text=True)
    assert "There are 500 incidents: the newest 20 are shown in full" in page
    assert "Incidents 1 to 93" in page and "Show these 93 incidents" in page


def test_a_short_history_is_never_folded(client, long_case):
    long_case.incidents = long_case.incidents[:30]
    page = _open(client, long_case).get("/history").get_data(as_text=True)
    assert "history-fold" not in page and "共有" not in page
    assert re.findall(r'<h3 class="heading-s">第(\d+)件事</h3>', page) == [str(n) for n in range(1, 31)]


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", [390, 320])
def test_on_a_phone_a_folded_month_opens_with_a_tap(browser, live_server, client, long_case, width, javascript):
    _open(client, long_case)
    context = browser.new_context(viewport={"width": width, "height": 700}, locale="zh-CN",
                                  java_script_enabled=javascript)
    context.add_cookies([{"name": "draft", "value": client.get_cookie("draft").value, "url": live_server},
                         {"name": "lang", "value": "zh", "url": live_server}])
    page = context.new_page()
    page.goto(live_server + "/history")
    january = page.locator("details.history-fold").first
    first = january.get_by_text("第1件事 · 2026年1月1日 21:00")
    expect(first).to_be_hidden()
    january.get_by_text("查看这93件事").click()
    expect(first).to_be_visible()
    assert page_width(page) <= width, "no sideways scrolling"
    context.close()
