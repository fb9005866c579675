"""The case at a glance: the history page in date order, the one-page summary PDF, and the police as the next step
when the collection goes on after a complaint letter."""
from __future__ import annotations

import datetime as dt
import io
import json

import pypdfium2
import pytest
from helpers import PHONE, ROOT, TODAY, Audit, Wizard, page_width, pdf_fonts, pdf_text
from playwright.sync_api import expect

from complaint import letters
from complaint.cli import cli
from complaint.law import rules
from complaint.letters.history import history
from complaint.model import Documents, Incident, Loan, Person, Sending


def _form(on: str, reply: str = "", reply_on: str = "", reference: str = "") -> dict:
    """The sent-on page's answers: sent on `on` by registered post, with the answer given."""
    year, month, day = on.split("-")
    reply_year, reply_month, reply_day = reply_on.split("-") if reply_on else ("", "", "")
    return {"year": year, "month": month.lstrip("0"), "day": day.lstrip("0"), "by": "registered_post",
            "reply": reply, "reply_year": reply_year, "reply_month": reply_month.lstrip("0"),
            "reply_day": reply_day.lstrip("0"), "reference": reference}


@pytest.fixture
def walked(client):
    """The standard answers: incident 1 on 10 February 2026 (threats, at night), incident 2 in March 2026 (day not
    known: calls to her mother and her work); lender and regulator letters and the hotline sheet."""
    wizard = Wizard(client)
    wizard.complete({"/earlier": {"made": "no"}})
    return wizard


def _positions(page: str, *texts: str) -> list[int]:
    found = [page.find(text) for text in texts]
    assert -1 not in found, [t for t, at in zip(texts, found, strict=True) if at == -1]
    return found


def test_the_history_lists_a_sending_and_its_answer_among_the_incidents_in_date_order(walked):
    sent = walked.answer("/documents/lender/sent", _form("2026-02-20", "refused", "2026-03-10", "TS-0220"))
    assert sent.status_code == 302
    page = walked.get("/history").get_data(as_text=True)  # checked by page_problems on the way
    assert "<h1 class=\"heading-l\">你的案件一览</h1>" in page
    at = _positions(page, "第1件事", "你于2026年2月20日寄出：挂号信或EMS。", "第2件事", "答复：对方拒绝处理")
    assert at == sorted(at), "incident 1, the letter, incident 2 (March), the answer of 10 March"
    assert "编号：TS-0220" in page
    assert "2026年3月（不记得哪天）" in page  # the month-only incident, as the pages write it
    assert "威胁人身安全" in page and "夜间催收" in page  # what incident 1 shows, as the letters' timeline labels it
    # The lender's 15 days from 20 February are gone; the next deadline still to come is marked as such.
    assert page.count("已过") >= 1 and page.count("下一个期限") == 1
    assert _positions(page, "已过")[0] < _positions(page, "下一个期限")[0]


def test_the_history_is_linked_from_the_check_and_documents_pages(walked):
    for url in ("/check", "/documents"):
        assert 'href="/history"' in walked.get(url).get_data(as_text=True)


def test_the_history_page_in_english(client):
    wizard = Wizard(client, lang="en")
    wizard.complete({"/earlier": {"made": "no"}})
    page = wizard.get("/history").get_data(as_text=True)
    assert "Your case at a glance" in page and "Incident 1" in page and "threats to safety" in page
    assert 'href="/history.zh.pdf"' in page and 'href="/history.en.pdf"' in page


def test_inside_wechat_the_history_says_how_to_get_the_summary_instead_of_a_download_that_fails(walked):
    wechat = {"User-Agent": "Mozilla/5.0 (Linux; Android 13) MicroMessenger/8.0.47.2560 WeChat/arm64"}
    page = walked.get("/history", headers=wechat).get_data(as_text=True)
    assert "history.zh.pdf" not in page and "微信里无法下载这份一页纸的摘要" in page
    assert "第1件事" in page  # the history itself is all there


@pytest.mark.parametrize("url", ["/history", "/history.zh.pdf", "/history.xx.pdf"])
def test_without_a_draft_the_history_goes_to_the_start_never_an_error(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.headers["Location"].startswith("/?")


def test_before_every_question_is_answered_the_history_goes_to_the_first_unanswered(wizard):
    wizard.begin()
    response = wizard.get("/history")
    assert response.status_code == 302 and response.headers["Location"] == "/about-you"


# ── The police as the next step ──────────────────────────────────────────────────────────────────────────────

POLICE_NOTICE = 'id="next-step-police"'


def test_no_police_notice_before_a_letter_is_recorded(walked):
    assert POLICE_NOTICE not in walked.get("/documents").get_data(as_text=True)
    assert "向公安机关报案" not in walked.get("/history").get_data(as_text=True)


def test_no_police_notice_when_every_incident_came_before_the_letter(walked):
    walked.answer("/documents/lender/sent", _form("2026-04-01"))
    assert POLICE_NOTICE not in walked.get("/documents").get_data(as_text=True)


def test_collection_that_goes_on_without_a_police_matter_is_not_sent_to_the_police(walked):
    walked.answer("/documents/lender/sent", _form("2026-02-20"))
    # Incident 2 (calls to her family and work) came after the letter but is no police matter: the threats of
    # incident 1 came before it.
    assert POLICE_NOTICE not in walked.get("/documents").get_data(as_text=True)
    assert "向公安机关报案" not in walked.get("/history").get_data(as_text=True)


def test_threats_after_the_letter_are_named_and_the_statement_is_linked(walked):
    walked.answer("/recipient", {"kinds": ["lender", "police"], "letter_lang": "zh"})
    walked.answer("/documents/lender/sent", _form("2026-02-01"))
    page = walked.get("/documents").get_data(as_text=True)
    assert "催收仍在继续：事件1、2。" in page
    assert "其中包括应当向公安机关报案的行为：威胁人身安全。" in page
    assert '<a href="#police">查看给公安机关的情况说明</a>' in page
    history_page = walked.get("/history").get_data(as_text=True)
    assert 'href="/documents#next-step-police"' in history_page and "催收仍在继续：事件1、2。" in history_page


def test_a_police_matter_after_the_letter_offers_to_add_the_statement(walked):
    walked.answer("/documents/lender/sent", _form("2026-02-01"))
    page = walked.get("/documents").get_data(as_text=True)
    assert POLICE_NOTICE in page and "下一步：向公安机关报案" in page
    assert "你于2026年2月1日寄出“给贷款机构的投诉信”之后，催收仍在继续：事件1、2。" in page
    # The statement is not among her documents yet: the link adds it, and comes back to the check page.
    assert 'href="/recipient?return=check">把给公安机关的情况说明加入我的文件' in page


# ── The one-page summary ─────────────────────────────────────────────────────────────────────────────────────

def _pages(pdf: bytes) -> int:
    return len(pypdfium2.PdfDocument(io.BytesIO(pdf)))


def _long_case(case_factory, count: int):
    """`count` incidents a day apart, each showing every behaviour it can, with the longest names allowed."""
    behaviours = ["threat_violence", "violence", "threat_expose", "insult", "defamation", "third_party_contact"]
    incidents = [Incident(date=(dt.date(2026, 1, 1) + dt.timedelta(days=n % 300)).isoformat(), time="23:15",
                          channel="third_party", source="0755-8888 " + str(1000 + n) + "x" * 80,
                          targets=["self", "family", "work", "contacts", "others"], times=9999,
                          description="打电话威胁", behaviours=behaviours) for n in range(count)]
    sending = Sending(on="2026-02-01", by="registered_post", reply="refused", reply_on="2026-02-10",
                      reference="TS-" + "9" * 97)
    return case_factory(
        person=Person(name="欧阳" * 50, phone="139 1234 5678"),
        loan=Loan(lender="某某" * 100, lender_type="small_loan", disputed="yes", illegal="no", product="随" * 200),
        incidents=incidents,
        documents=Documents(kinds=["lender", "regulator", "hotline", "police"], sent={
            "lender": sending, "regulator": Sending(on="2026-03-01", by="online", reference="R" * 100),
            "hotline": Sending(on="2026-03-02", by="phone", reference="12378-" + "1" * 94)}))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("count", [3, 200])
def test_the_summary_is_one_page_whatever_the_case_s_size(case_factory, count, lang):
    case = _long_case(case_factory, count)
    pdf = letters.summary_pdf(history(case, rules.load(), TODAY, lang))
    assert _pages(pdf) == 1
    text = pdf_text(pdf)
    written = "2026年2月1日" if lang == "zh" else "1 February 2026"
    assert written in text  # the lender letter's day
    assert str(count) in text  # how many incidents, counted
    # The three incidents of 1 to 3 January came before the lender letter of 1 February; most of the 200 after it.
    went_on = {"zh": "仍发生事件33、34", "en": "the collection went on: incidents 33, 34"}[lang]
    assert (went_on in text.replace("\n", " ")) == (count == 200)


def test_the_summary_shows_what_was_recorded_with_an_embedded_chinese_font(case_factory):
    case = case_factory(documents=Documents(kinds=["lender", "regulator"], sent={
        "lender": Sending(on="2026-02-15", by="registered_post", reply="refused", reply_on="2026-02-20",
                          reference="TS-0215")}))
    pdf = letters.summary_pdf(history(case, rules.load(), TODAY, "zh"))
    assert _pages(pdf) == 1
    text = pdf_text(pdf).replace("\u2060", "")
    for shown in ("陈晓燕", "某某消费金融股份有限公司", "2026年2月15日", "拒绝处理", "2026年2月20日", "TS-0215",
                  "2026-02-10 23:15", "辱骂侮辱", "尚未寄出"):
        assert shown in text, shown
    # The lender refused: the regulator is the next step; the incident came before the letter: no police step.
    assert "可向国家金融监督管理总局" in text and "公安机关" not in text
    fonts = pdf_fonts(pdf)
    assert fonts and all(embedded for _, embedded in fonts)
    assert any("CJK" in name for name, _ in fonts)


def test_the_summary_downloads_from_the_history_page(walked):
    walked.answer("/documents/lender/sent", _form("2026-02-20", reference="TS-0220"))
    response = walked.get("/history.zh.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "case-summary-" in response.headers["Content-Disposition"]  # no personal data in the name
    assert _pages(response.data) == 1
    assert "TS-0220" in pdf_text(response.data) and "陈晓燕" in pdf_text(response.data)
    assert walked.get("/history.fr.pdf").status_code == 404


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.json")), ids=lambda p: p.stem)
def test_the_summary_of_each_example_case_file_from_the_command_line(app, tmp_path, path):
    out = tmp_path / "summary.pdf"
    result = app.test_cli_runner().invoke(cli, ["summary", str(path), "-o", str(out), "--date", "2026-11-28"])
    assert result.exit_code == 0, result.output
    case = json.loads(path.read_text(encoding="utf-8"))
    assert _pages(out.read_bytes()) == 1
    assert case["loan"]["lender"][:10] in pdf_text(out.read_bytes()).replace("\n", "")


def test_the_summary_command_refuses_a_case_without_incidents(app, tmp_path):
    data = json.loads((ROOT / "examples" / "night-calls-consumer-finance.json").read_text(encoding="utf-8"))
    data["incidents"] = []
    path = tmp_path / "empty.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = app.test_cli_runner().invoke(cli, ["summary", str(path), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code != 0 and "lacks what a summary needs: incidents" in result.output


# ── In a phone's browser ─────────────────────────────────────────────────────────────────────────────────────

def _phone(browser, live_server, client, javascript: bool):
    """A phone browser in Chinese holding the draft the test client built."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN", java_script_enabled=javascript, bypass_csp=True)
    context.add_cookies([{"name": "draft", "value": client.get_cookie("draft").value, "url": live_server},
                         {"name": "lang", "value": "zh", "url": live_server}])
    return context.new_page()


@pytest.mark.browser
def test_the_history_reads_at_phone_size_without_javascript_and_passes_axe(browser, live_server, client):
    wizard = Wizard(client)
    wizard.complete({"/earlier": {"made": "no"}})
    wizard.answer("/documents/lender/sent", _form("2026-02-01", "refused", "2026-03-10", "TS-0220"))
    page = _phone(browser, live_server, client, javascript=False)
    page.goto(live_server + "/documents")
    page.get_by_role("link", name="按时间先后查看整个案件").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("你的案件一览")
    events = page.locator("ol.history > li")
    assert "挂号信或EMS" in events.nth(0).inner_text()  # the letter went before both incidents
    assert "TS-0220" in events.nth(0).inner_text()
    assert events.nth(1).inner_text().count("第1件事") == 1
    assert page_width(page) <= PHONE["width"], "no sideways scrolling"
    assert page.locator(".history-deadline.upcoming").count() == 1
    assert page.get_by_role("link", name="下载一页纸的案件摘要（PDF）").is_visible()
    assert "催收仍在继续：事件1、2。" in page.locator(".notice").inner_text()  # incident 1's threats count
    page.emulate_media(media="print")  # printed, the timeline stays and the buttons go
    assert not page.locator(".history-actions").is_visible() and events.nth(1).is_visible()
    page.context.close()
    page = _phone(browser, live_server, client, javascript=True)  # axe-core runs in the page
    audit = Audit(page, live_server)
    audit.visit("history", "/history")
    assert not audit.problems, audit.problems  # nothing serious for axe; light, and nothing from other hosts
    page.context.close()


def test_a_reminder_due_is_a_next_step_in_the_history_and_the_summary(walked):
    sent = dt.date.today() - dt.timedelta(days=20)
    walked.answer("/documents/lender/sent", _form(sent.isoformat(), "no_reply", "", "TS-7"))
    page = walked.get("/history").get_data(as_text=True)
    assert '<a href="/documents#next-reminder">催告贷款机构</a>' in page
    summary = "".join(pdf_text(walked.get("/history.zh.pdf").data).split())
    assert "可向贷款机构发出催告函" in summary and "已超过15日，未记录到答复" in summary
    assert "收到投诉信起" not in summary  # she recorded when she sent it, not when it arrived
