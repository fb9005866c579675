"""One sent-on date per document: its deadlines count from it, the answer to it is recorded, and the regulator
letter follows from an unanswered or refused lender letter."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from helpers import ROOT, TODAY, Wizard

from complaint import clock, letters
from complaint.law import deadlines, findings, rules
from complaint.model import FORMAT_VERSION, Case, Documents, EarlierComplaint, Sending
from complaint.storage import casefile

VERSION_3 = ROOT / "tests" / "casefiles" / "version-3-one-sent-on.json"


def _found(case, today=TODAY) -> dict:
    loaded = rules.load()
    return {d.key: d for d in deadlines.deadlines(case, loaded, findings.analyse(case, loaded), today)}


def _sent(**by_kind) -> dict:
    return {kind: Sending(on=on, by="registered_post") for kind, on in by_kind.items()}


def test_each_letter_counts_its_deadlines_from_its_own_day(case_factory):
    case = case_factory(documents=Documents(kinds=["lender", "regulator"],
                                            sent=_sent(lender="2026-11-02", regulator="2026-11-20")))
    found = _found(case)
    assert found["lender_reply"].date == dt.date(2026, 11, 17)  # 2 November + 15 days
    assert found["lender_extended"].date == dt.date(2026, 12, 2)
    assert found["review"].date == dt.date(2026, 12, 17)
    assert found["regulator_forward"].date == dt.date(2026, 12, 1)  # 7 working days after Friday 20 November
    assert {k: d.counts_from for k, d in found.items()} == {
        "lender_reply": "lender", "lender_extended": "lender", "lender_special": "lender", "review": "lender",
        "regulator_forward": "regulator"}


def test_a_letter_not_sent_yet_counts_from_today(case_factory):
    case = case_factory(documents=Documents(kinds=["lender", "regulator"], sent=_sent(lender="2026-11-02")))
    found = _found(case)
    assert found["lender_reply"].date == dt.date(2026, 11, 17)
    assert found["regulator_forward"].date == deadlines.add_working_days(TODAY, 7)  # not from 2 November


def test_each_letter_states_its_own_day(case_factory):
    case = case_factory(documents=Documents(kinds=["lender", "regulator"],
                                            sent=_sent(lender="2026-11-02", regulator="2026-11-20")))
    lender = letters.text(letters.build(case, "lender", "zh", TODAY))
    regulator = letters.text(letters.build(case, "regulator", "zh", TODAY))
    assert "（如于2026年11月2日收到，即2026年11月17日前）" in lender
    assert "（如于2026年11月20日收到，即2026年12月1日前）" in regulator
    english = letters.text(letters.build(case, "regulator", "en", TODAY))
    assert "if you receive this one on 20 November 2026, by 1 December 2026" in english


@pytest.mark.parametrize("sent_on, reply, expected", [
    ("2026-11-08", "", "no_reply"), ("2026-11-08", "no_reply", "no_reply"), ("2026-11-20", "", ""),
    ("2026-11-20", "refused", "refused"), ("2026-11-08", "resolved", ""), ("2026-11-08", "partly", ""),
])
def test_the_regulator_is_the_next_step_after_15_days_without_an_answer_or_a_refusal(case_factory, sent_on,
                                                                                       reply, expected):
    case = case_factory(documents=Documents(kinds=["lender"], sent={"lender": Sending(on=sent_on, reply=reply)}))
    assert deadlines.escalation(case, list(_found(case).values()), TODAY) == expected
    unsent = case_factory()
    assert deadlines.escalation(unsent, list(_found(unsent).values()), TODAY) == ""


@pytest.mark.parametrize("reply, sentence", [
    ("no_reply", "本人已于2026年11月2日向被投诉人投诉（投诉编号：TS-1102），被投诉人至今未作答复。"),
    ("refused", "本人已于2026年11月2日向被投诉人投诉（投诉编号：TS-1102），被投诉人拒绝处理。"),
    ("", "本人已于2026年11月2日向被投诉人投诉（投诉编号：TS-1102）。"),  # no answer recorded: none asserted
])
def test_the_regulator_letter_names_the_recorded_lender_letter(case_factory, reply, sentence):
    sending = Sending(on="2026-11-02", by="registered_post", reply=reply, reference="TS-1102")
    case = case_factory(earlier=EarlierComplaint(made="no"),
                        documents=Documents(kinds=["lender", "regulator"], sent={"lender": sending}))
    text = letters.text(letters.build(case, "regulator", "zh", TODAY))
    assert sentence in text and "此前尚未向被投诉人投诉" not in text


def test_what_she_said_on_the_earlier_page_comes_before_the_record(case_factory):
    earlier = EarlierComplaint(made="yes", date="2026-03-05", outcome="refused", reference="OLD-1")
    case = case_factory(earlier=earlier, documents=Documents(kinds=["regulator"], sent={
        "lender": Sending(on="2026-11-02", reference="TS-1102")}))
    text = letters.text(letters.build(case, "regulator", "zh", TODAY))
    assert "本人已于2026年3月5日向被投诉人投诉（投诉编号：OLD-1）" in text and "TS-1102" not in text


# ── The case file: version 4, and a version 3 file still opens ─────────────────────────────────────────────

def test_a_version_3_file_gives_its_one_day_to_each_of_its_documents():
    raw = VERSION_3.read_text(encoding="utf-8")
    assert json.loads(raw)["version"] == 3 and json.loads(raw)["documents"]["sent_on"] == "2026-11-02"
    case = casefile.loads(raw, today=TODAY)
    assert {kind: s.on.iso() for kind, s in case.documents.sent.items()} == {
        "lender": "2026-11-02", "regulator": "2026-11-02", "hotline": "2026-11-02"}
    assert case.documents.hidden == ["王芳"]
    saved = json.loads(casefile.dumps(case))
    assert saved["version"] == FORMAT_VERSION >= 4 and "sent_on" not in saved["documents"]
    assert saved["documents"]["sent"]["lender"] == {"on": "2026-11-02"}
    assert casefile.loads(casefile.dumps(case), today=TODAY) == case
    lender = letters.text(letters.build(case, "lender", "zh", TODAY))
    assert "如于2026年11月2日收到" in lender


def test_a_draft_kept_in_version_3_reads_the_same_way():
    data = json.loads(VERSION_3.read_text(encoding="utf-8"))
    case = Case.from_dict(data)  # how the store reads a draft saved before version 4
    assert case.documents.sent["regulator"].on.iso() == "2026-11-02"


def test_a_version_4_record_round_trips_every_field(case_factory):
    sending = Sending(on="2026-11-02", by="email", reply="partly", reply_on="2026-11-10", reference="TS-1102")
    case = case_factory(documents=Documents(kinds=["lender"], sent={"lender": sending}))
    assert casefile.loads(casefile.dumps(case), today=TODAY).documents.sent == {"lender": sending}


@pytest.mark.parametrize("where, value", [
    ("on", "2026-02-30"), ("on", "2026-11-02\n"), ("on", ""), ("by", "pigeon"), ("reply", "maybe"),
    ("reply_on", "2026-13-01"), ("reference", "x" * 101), ("surprise", "1"),
])
def test_a_case_file_with_a_bad_record_is_refused(case_factory, where, value):
    data = case_factory(documents=Documents(kinds=["lender"], sent=_sent(lender="2026-11-02"))).to_dict()
    data["documents"]["sent"]["lender"][where] = value
    with pytest.raises(casefile.CaseFileError) as error:
        casefile.loads(json.dumps(data), today=TODAY)
    assert error.value.code == "invalid"


def test_a_record_for_a_document_that_does_not_exist_is_refused(case_factory):
    data = case_factory().to_dict()
    data["documents"]["sent"] = {"court": {"on": "2026-11-02"}}
    with pytest.raises(casefile.CaseFileError):
        casefile.loads(json.dumps(data), today=TODAY)


# ── The page: a small form per document ──────────────────────────────────────────────────────────────────────

def _today(app) -> dt.date:
    return clock.today(app.config["TIMEZONE"])


def _form(on: dt.date, **extra) -> dict:
    return {"year": str(on.year), "month": str(on.month), "day": str(on.day), "by": "registered_post",
            "reply": "", "reply_year": "", "reply_month": "", "reply_day": "", "reference": "", **extra}


@pytest.fixture
def walked(client):
    wizard = Wizard(client)
    wizard.complete({"/earlier": {"made": "no"}})
    return wizard


def test_recording_the_lender_letter_moves_its_dates_and_the_calendar(app, walked):
    today = _today(app)
    sent = today - dt.timedelta(days=20)
    page = walked.get("/documents").get_data(as_text=True)
    assert "还没有寄出" in page and 'href="/documents/lender/sent"' in page
    response = walked.answer("/documents/lender/sent", _form(sent, reply="no_reply"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/documents#lender")
    page = walked.get("/documents").get_data(as_text=True)
    due = sent + dt.timedelta(days=15)
    assert f"{due.year}年{due.month}月{due.day}日" in page
    assert f"你于{sent.year}年{sent.month}月{sent.day}日寄出：挂号信或EMS。" in page
    assert "下一步：向监管部门投诉" in page and 'href="#regulator"' in page
    assert "《银行业保险业消费投诉处理管理办法》第十八条" in page  # the basis, as the rules state it
    forward = deadlines.add_working_days(today, 7)
    assert f"{forward.year}年{forward.month}月{forward.day}日" in page  # the regulator letter: from today
    ics = walked.get("/documents/deadlines.ics").data.decode()
    assert f"DTSTART;VALUE=DATE:{forward:%Y%m%d}" in ics and f"DTSTART;VALUE=DATE:{due:%Y%m%d}" not in ics


def test_the_hotline_records_the_day_of_the_call_and_the_ticket(app, walked):
    today = _today(app)
    page = walked.get("/documents/hotline/sent").get_data(as_text=True)
    assert "你打电话的日期" in page and 'name="by"' not in page
    response = walked.answer("/documents/hotline/sent", _form(today, by="", reference="12378-0001"))
    assert response.status_code == 302
    page = walked.get("/documents").get_data(as_text=True)
    assert f"你于{today.year}年{today.month}月{today.day}日打了电话。" in page and "12378-0001" in page


def test_a_record_can_be_removed(app, walked):
    walked.answer("/documents/lender/sent", _form(_today(app) - dt.timedelta(days=20)))
    response = walked.answer("/documents/lender/sent", {"action": "clear"})
    assert response.status_code == 302
    assert "还没有寄出" in walked.get("/documents#lender").get_data(as_text=True)
    assert walked.answer("/save", {}).json["documents"]["sent"] == {}


@pytest.mark.parametrize("change, message", [
    ({"day": ""}, "请填写寄出的年、月、日"),
    ({"day": "፩"}, "请填写一个真实存在的日期"),
    ({"day": "31", "month": "2"}, "请填写一个真实存在的日期"),
    ({"year": "2099"}, "日期不能晚于今天"),
    ({"by": ""}, "请选择寄送方式"),
    ({"by": "phone"}, "请选择寄送方式"),  # only the hotline is used by phone
    ({"by": "<script>"}, "请选择寄送方式"),
    ({"reply": "maybe"}, "请选择是否已收到答复"),
    ({"reply": "refused", "reply_year": "2099", "reply_month": "1", "reply_day": "1"}, "日期不能晚于今天"),
    ({"reply": "refused", "reply_year": "2001", "reply_month": "1", "reply_day": "1"}, "答复不可能早于寄出的日期"),
    ({"reply": "refused", "reply_year": "x", "reply_month": "1", "reply_day": "1"}, "年份请填4位数字，例如2026"),
    ({"reference": "x" * 101}, "编号不能超过100个字符"),
    ({"reply": "no_reply", "reply_year": "2026", "reply_month": "1", "reply_day": "1"}, "请选择答复的结果"),
    ({"reply": "", "reply_year": "2026", "reply_month": "1", "reply_day": "1"}, "请选择答复的结果"),
])
@pytest.mark.parametrize("kind", ["lender", "reminder"])
def test_hostile_values_one_field_at_a_time_change_nothing(app, walked, kind, change, message):
    if kind == "reminder":  # offered once the lender letter's 15 days pass unanswered
        walked.answer("/documents/lender/sent", _form(_today(app) - dt.timedelta(days=20)))
    before = walked.answer("/save", {}).json
    response = walked.answer(f"/documents/{kind}/sent", _form(_today(app) - dt.timedelta(days=3), **change))
    assert response.status_code == 200, change
    assert message in response.get_data(as_text=True), change
    assert walked.answer("/save", {}).json == before


@pytest.mark.parametrize("url", ["/documents/police/sent", "/documents/court/sent", "/documents/../sent"])
def test_a_document_she_did_not_choose_has_no_form(walked, url):
    assert walked.get(url).status_code == 404


def test_removing_a_record_from_an_older_page_is_refused_and_says_why(app, walked):
    walked.answer("/documents/lender/sent", _form(_today(app) - dt.timedelta(days=20)))
    older = walked.get("/documents/lender/sent").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', older).group(1)
    revision = re.search(r'name="revision" value="([^"]+)"', older).group(1)
    walked.answer("/wants", {"requests": ["stop_unlawful"], "other": ""})  # saved meanwhile in another tab
    response = walked.client.post("/documents/lender/sent", data={"csrf_token": token, "revision": revision,
                                                                   "action": "clear"})
    assert response.status_code == 409 and "在另一个标签页或另一台设备上被修改过" in response.get_data(as_text=True)
    assert "lender" in walked.answer("/save", {}).json["documents"]["sent"]
