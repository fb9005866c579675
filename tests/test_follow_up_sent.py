"""A follow-up (the reminder, the application for review) recorded as sent, and its answer: kept in the case file,
shown on the documents page, the history and the one-page summary, with a deadline only where the law sets one."""
from __future__ import annotations

import datetime as dt
import io
import json

import pypdfium2
import pytest
from helpers import TODAY, Wizard, pdf_text

from complaint import clock, letters
from complaint.law import deadlines, findings, rules
from complaint.letters import history as glance
from complaint.model import DOCUMENTS, Documents, Incident, Loan, Sending
from complaint.storage import casefile


def _today(app) -> dt.date:
    return clock.today(app.config["TIMEZONE"])


def _form(on: dt.date, **extra) -> dict:
    return {"year": str(on.year), "month": str(on.month), "day": str(on.day), "by": "registered_post",
            "reply": "", "reply_year": "", "reply_month": "", "reply_day": "", "reference": "", **extra}


def _zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _en(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _flat(data: bytes) -> str:
    return "".join(pdf_text(data).split())


@pytest.fixture
def reminded(app, client):
    """The standard answers (a consumer finance company) with the lender letter sent 20 days ago and unanswered:
    the reminder is offered."""
    wizard = Wizard(client)
    wizard.complete({"/earlier": {"made": "no"}})
    assert wizard.answer("/documents/lender/sent", _form(_today(app) - dt.timedelta(days=20),
                                                         reply="no_reply", reference="TS-1")).status_code == 302
    return wizard


# ── The case file ────────────────────────────────────────────────────────────────────────────────────────────

def test_a_case_file_with_sent_follow_ups_round_trips_every_field(case_factory):
    sent = {"lender": Sending(on="2026-10-01", by="registered_post", reply="refused", reply_on="2026-10-20",
                              branch="yes", higher_level="某某分行", objection="没有调查"),
            "reminder": Sending(on="2026-10-18", by="email", reply="partly", reply_on="2026-10-25", reference="R-9"),
            "review": Sending(on="2026-11-02", by="in_person", reference="HC-1")}
    case = case_factory(documents=Documents(kinds=["lender"], sent=sent))
    saved = json.loads(casefile.dumps(case))
    assert saved["version"] == 6 and saved["documents"]["sent"]["reminder"]["reply"] == "partly"
    assert casefile.loads(casefile.dumps(case), today=TODAY).documents.sent == sent


def test_a_version_5_file_still_opens_and_a_bad_follow_up_record_is_refused(case_factory):
    older = case_factory(documents=Documents(kinds=["lender"], sent={"lender": Sending(on="2026-11-02")}))
    version_5 = {**older.to_dict(), "version": 5}  # as the site saved it before follow-ups could be recorded
    assert casefile.loads(json.dumps(version_5), today=TODAY) == older
    data = case_factory(documents=Documents(kinds=["lender"], sent={"reminder": Sending(on="2026-11-02")})).to_dict()
    for where, value in (("by", "pigeon"), ("reply", "maybe"), ("on", "2026-02-30"), ("reference", "x" * 101)):
        bad = json.loads(json.dumps(data))
        bad["documents"]["sent"]["reminder"][where] = value
        with pytest.raises(casefile.CaseFileError):
            casefile.loads(json.dumps(bad), today=TODAY)


# ── Deadlines: only the one the law sets ─────────────────────────────────────────────────────────────────────

def _found(case) -> dict:
    loaded = rules.load()
    return {d.key: d for d in deadlines.deadlines(case, loaded, findings.analyse(case, loaded), TODAY)}


def test_a_sent_review_gives_the_higher_level_30_days_and_a_sent_reminder_no_date(case_factory):
    lender = Sending(on="2026-10-01", reply="refused", reply_on="2026-10-20", branch="yes")
    case = case_factory(documents=Documents(kinds=["lender"], sent={
        "lender": lender, "review": Sending(on="2026-11-02", by="registered_post")}))
    decision = _found(case)["review_decision"]
    assert decision.date == dt.date(2026, 12, 2) and decision.counts_from == "review"
    assert decision.basis.key == "complaint_handling_20" and decision.basis.status == "VERIFIED"
    before = set(_found(case_factory(documents=Documents(kinds=["lender"], sent={"lender": lender}))))
    reminded = case_factory(documents=Documents(kinds=["lender"], sent={
        "lender": lender, "reminder": Sending(on="2026-11-02", by="registered_post")}))
    assert set(_found(reminded)) == before  # the reminder: no legal period, no date


def test_a_small_loan_company_gets_no_review_date_whatever_is_recorded(case_factory):
    case = case_factory(loan=Loan(lender="某某小额贷款有限公司", lender_type="small_loan", disputed="no", illegal="no"),
                        documents=Documents(kinds=["lender"], sent={"review": Sending(on="2026-11-02")}))
    assert "review_decision" not in _found(case)


# ── The pages ────────────────────────────────────────────────────────────────────────────────────────────────

def test_the_reminder_is_recorded_from_its_notice_and_shows_on_the_history_and_the_summary(app, reminded):
    today = _today(app)
    page = reminded.get("/documents").get_data(as_text=True)
    notice = page.split('id="next-reminder"')[1].split("</div>")[0]
    assert "还没有寄出。" in notice and 'href="/documents/reminder/sent"' in notice
    sent_on = today - dt.timedelta(days=3)
    response = reminded.answer("/documents/reminder/sent", _form(sent_on, by="email", reference="CG-77"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/documents#next-reminder")
    page = reminded.get("/documents").get_data(as_text=True)
    notice = page.split('id="next-reminder"')[1].split("</div>")[0]
    assert f"你于{_zh(sent_on)}寄出：电子邮件。" in notice and "尚未记录答复。" in notice and "CG-77" in notice
    assert "下一步：向监管部门投诉" in page  # the lender still has not answered: the regulator stays the next step

    history = reminded.get("/history").get_data(as_text=True)
    lender_at, reminder_at = history.find("给贷款机构的投诉信</h3>"), history.find("给贷款机构的催告函</h3>")
    assert -1 < lender_at < reminder_at, "the lender letter, then the reminder, in date order"
    event = history[reminder_at:].split("</li>")[0]
    assert f"你于{_zh(sent_on)}寄出：电子邮件。" in event and "CG-77" in event and "尚未记录答复。" in event
    assert 'href="/documents#next-reminder">催告贷款机构' not in history  # sent: no longer a step to take

    summary = _flat(reminded.get("/history.zh.pdf").data)
    assert "致贷款机构的催告函" in summary and _zh(sent_on) in summary and "CG-77" in summary
    assert summary.index("致贷款机构的投诉书") < summary.index("致贷款机构的催告函")
    assert "可向贷款机构发出催告函" not in summary  # sent: no longer a step to take
    assert "未记录到答复：可向国家金融监督管理总局" in summary  # the regulator stays the next step


def test_the_reminder_in_english(app, client):
    wizard = Wizard(client, lang="en")
    wizard.complete({"/earlier": {"made": "no"}})
    today = _today(app)
    wizard.answer("/documents/lender/sent", _form(today - dt.timedelta(days=20)))
    sent_on = today - dt.timedelta(days=2)
    assert wizard.answer("/documents/reminder/sent", _form(sent_on, reference="CG-8")).status_code == 302
    history = wizard.get("/history").get_data(as_text=True)
    event = history[history.index("A reminder to the lender</h3>"):].split("</li>")[0]
    assert f"You sent it on {_en(sent_on)}: Registered post or EMS (挂号信、EMS)." in event
    assert "No answer recorded yet." in event
    summary = " ".join(pdf_text(wizard.get("/history.en.pdf").data).split())
    assert "Reminder to the lender" in summary and _en(sent_on) in summary and "CG-8" in summary
    assert "Send the lender a reminder" not in summary


def test_the_answer_to_a_reminder_can_be_recorded_changed_and_removed(app, reminded):
    today = _today(app)
    sent_on, answered = today - dt.timedelta(days=6), today - dt.timedelta(days=1)
    reminded.answer("/documents/reminder/sent", _form(sent_on))
    response = reminded.answer("/documents/reminder/sent", _form(
        sent_on, reply="refused", reply_year=str(answered.year), reply_month=str(answered.month),
        reply_day=str(answered.day)))
    assert response.status_code == 302
    history = reminded.get("/history").get_data(as_text=True)
    answer = history[history.index("答复：对方拒绝处理</h3>"):].split("</li>")[0]
    assert "针对：给贷款机构的催告函" in answer and _zh(answered) in history
    assert history.index("给贷款机构的催告函</h3>") < history.index("答复：对方拒绝处理</h3>")
    assert reminded.answer("/save", {}).json["documents"]["sent"]["reminder"]["reply"] == "refused"
    assert reminded.answer("/documents/reminder/sent", {"action": "clear"}).status_code == 302
    assert "reminder" not in reminded.answer("/save", {}).json["documents"]["sent"]
    history = reminded.get("/history").get_data(as_text=True)
    assert "给贷款机构的催告函</h3>" not in history
    assert 'href="/documents#next-reminder">催告贷款机构' in history  # offered again


def test_a_sent_review_shows_the_higher_levels_date_in_the_history_the_summary_and_the_calendar(app, client):
    wizard = Wizard(client)
    wizard.complete({"/earlier": {"made": "no"}})
    today = _today(app)
    decided = today - dt.timedelta(days=10)
    wizard.answer("/documents/lender/sent", _form(today - dt.timedelta(days=40), reply="refused", branch="yes",
                                                  reply_year=str(decided.year), reply_month=str(decided.month),
                                                  reply_day=str(decided.day)))
    sent_on = today - dt.timedelta(days=5)
    response = wizard.answer("/documents/review/sent", _form(sent_on, by="in_person", reference="HC-3"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/documents#next-review")
    due = sent_on + dt.timedelta(days=30)
    history = wizard.get("/history").get_data(as_text=True)
    sent_at = history.find("向分支机构的上级机构书面申请核查</h3>")
    due_at = history.find("上级机构应在收到你的核查申请之日起30日内")
    assert -1 < sent_at < due_at and "HC-3" in history
    assert f"从你寄出“向分支机构的上级机构书面申请核查”的{_zh(sent_on)}起计算" in history
    summary = _flat(wizard.get("/history.zh.pdf").data)
    assert "书面申请核查" in summary and _zh(due) in summary and "HC-3" in summary
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in wizard.get("/documents/deadlines.ics").data.decode()


def test_a_follow_up_not_called_for_has_no_form(client):
    wizard = Wizard(client)
    wizard.complete({"/earlier": {"made": "no"}})
    for url in ("/documents/reminder/sent", "/documents/review/sent", "/documents/reminders/sent"):
        assert wizard.get(url).status_code == 404, url


def test_the_summary_stays_one_page_with_every_document_and_both_follow_ups_sent(case_factory):
    incidents = [Incident(date=(dt.date(2026, 1, 1) + dt.timedelta(days=n)).isoformat(), channel="call",
                          description="打电话威胁", behaviours=["threat_violence", "night_calls"]) for n in range(200)]
    long_reference = "TS-" + "9" * 97
    sent = {kind: Sending(on=on, by="registered_post", reply="refused", reply_on="2026-11-20", reference=long_reference,
                          branch="yes" if kind == "lender" else "")
            for kind, on in (("lender", "2026-10-01"), ("regulator", "2026-10-05"), ("police", "2026-10-06"),
                             ("reminder", "2026-10-20"), ("review", "2026-11-21"))}
    sent["hotline"] = Sending(on="2026-10-07", by="phone", reference=long_reference)
    case = case_factory(incidents=incidents, documents=Documents(kinds=list(DOCUMENTS), sent=sent))
    for lang in ("zh", "en"):
        pdf = letters.summary_pdf(glance.history(case, rules.load(), TODAY, lang))
        assert len(pypdfium2.PdfDocument(io.BytesIO(pdf))) == 1, lang
        text = "".join(pdf_text(pdf).split())
        assert ("致贷款机构的催告函" if lang == "zh" else "Remindertothelender") in text
        assert ("2026年12月21日" if lang == "zh" else "21December2026") in text  # the higher level's 30 days
