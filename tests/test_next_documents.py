"""The next documents after the lender letter: a reminder to the lender, and an application to a branch's higher level
for review (投诉处理办法 第二十条), each offered only where what she recorded calls for it."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import STANDARD_ANSWERS, TODAY, Wizard, pdf_text

from complaint import clock, letters
from complaint.cli import cli
from complaint.law import deadlines, findings, rules
from complaint.model import Case, Documents, Loan, Sending
from complaint.storage import casefile

ARTICLE_18 = "《银行业保险业消费投诉处理管理办法》第十八条"
ARTICLE_20 = "《银行业保险业消费投诉处理管理办法》第二十条"


def _found(case, today=TODAY) -> list:
    loaded = rules.load()
    return deadlines.deadlines(case, loaded, findings.analyse(case, loaded), today)


def _case(case_factory, lender_type="consumer_finance", **sending) -> Case:
    loan = Loan(lender="某某消费金融股份有限公司", lender_type=lender_type, disputed="no", illegal="no")
    return case_factory(loan=loan, documents=Documents(kinds=["lender"], sent={"lender": Sending(**sending)}))


def _flat(data: bytes, lang: str) -> str:
    """A PDF's text with its line breaks undone: Chinese runs on without spaces, English with one."""
    return ("" if lang == "zh" else " ").join(pdf_text(data).split())


def _pdf(case, kind, lang) -> str:
    return _flat(letters.pdf(letters.build(case, kind, lang, TODAY)), lang)


# ── When each is offered ────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("on, reply, expected", [
    ("2026-11-08", "", ["reminder"]), ("2026-11-08", "no_reply", ["reminder"]),
    ("2026-11-20", "", []), ("2026-11-20", "no_reply", []),  # the 15 days are not over on 28 November
    ("2026-11-20", "partly", ["reminder"]), ("2026-11-08", "resolved", []), ("2026-11-08", "refused", []),
])
def test_the_reminder_follows_an_unanswered_letter_after_15_days_or_a_partial_answer(case_factory, on, reply,
                                                                                      expected):
    case = _case(case_factory, on=on, reply=reply)
    assert deadlines.follow_ups(case, rules.load(), _found(case), TODAY) == expected
    unsent = case_factory()
    assert deadlines.follow_ups(unsent, rules.load(), _found(unsent), TODAY) == []


@pytest.mark.parametrize("lender_type, reply, branch, expected", [
    ("consumer_finance", "refused", "yes", "yes"), ("bank", "resolved", "yes", "yes"), ("bank", "partly", "yes", "yes"),
    ("small_loan", "refused", "yes", ""), ("platform", "refused", "yes", ""), ("other", "refused", "yes", ""),
    ("bank", "refused", "no", ""), ("bank", "refused", "", ""), ("bank", "refused", "unsure", "unsure"),
    ("bank", "no_reply", "yes", ""), ("bank", "", "yes", ""),  # no decision to review
])
def test_the_review_only_where_article_20_applies(case_factory, lender_type, reply, branch, expected):
    case = _case(case_factory, lender_type, on="2026-11-02", reply=reply, branch=branch)
    assert deadlines.review(case, rules.load()) == expected
    offered = deadlines.follow_ups(case, rules.load(), _found(case), TODAY)
    assert ("review" in offered) == (expected == "yes")


def test_the_30_days_to_apply_count_from_the_day_the_branch_decision_came(case_factory):
    case = _case(case_factory, on="2026-11-02", reply="refused", reply_on="2026-11-12", branch="yes")
    review = next(d for d in _found(case) if d.key == "review")
    assert review.date == dt.date(2026, 12, 12) and review.counts_from == ""
    assert "收到决定之日起30日内" in review.what("zh") and "按第15日" not in review.what("zh")
    assert review.basis.key == "complaint_handling_20"
    unknown = _case(case_factory, on="2026-11-02", reply="refused", reply_on="2026-11-12", branch="unsure")
    estimate = next(d for d in _found(unknown) if d.key == "review")
    assert estimate.date == dt.date(2026, 12, 17) and estimate.counts_from == "lender"  # day 15 + 30, as before
    head_office = _case(case_factory, on="2026-11-02", reply="refused", reply_on="2026-11-12", branch="no")
    assert "review" not in {d.key for d in _found(head_office)}  # no branch decided: nothing to review


# ── What the letters say: what she recorded, and nothing else ─────────────────────────────────────────────

def test_the_reminder_names_the_complaint_and_the_days_that_passed(case_factory):
    case = _case(case_factory, on="2026-11-02", by="registered_post", reply="no_reply", reference="TS-1102")
    text = _pdf(case, "reminder", "zh")
    assert text.startswith("催告函致：某某消费金融股份有限公司")
    assert "本人于2026年11月2日以挂号信或EMS方式向贵司提交投诉书（投诉编号：TS-1102）" in text
    assert ARTICLE_18 in text and "15日的期限已于2026年11月17日届满" in text
    assert "截至本函发出之日，本人未收到贵司的处理决定" in text
    assert "自收到本函之日起7日内" in text and "本人将向国家金融监督管理总局" in text
    english = _pdf(case, "reminder", "en")
    assert "On 2 November 2026 I made a complaint to you by registered post or EMS (reference TS-1102)" in english
    assert "Article 18 of the" in english and "ended on 17 November 2026" in english
    assert "within 7 days of receiving this letter" in english


def test_the_reminder_asserts_no_answer_she_did_not_record(case_factory):
    case = _case(case_factory, on="2026-11-02", by="email")
    text = _pdf(case, "reminder", "zh")
    assert "未收到" not in text and "投诉编号" not in text and "如贵司已作出处理决定，请将书面决定送达本人" in text
    partly = _pdf(_case(case_factory, on="2026-11-20", by="online", reply="partly", reply_on="2026-11-25"),
                  "reminder", "zh")
    assert "贵司于2026年11月25日作出的答复仅处理了本人投诉的部分事项" in partly
    assert "就本人投诉中尚未处理的事项作出书面处理决定" in partly
    assert "15日的期限至2026年12月5日届满" in partly and "已于2026年12月5日届满" not in partly


def test_the_reminder_to_a_small_loan_company_cites_no_complaint_handling_measures(case_factory):
    case = _case(case_factory, "small_loan", on="2026-11-02", reply="no_reply")
    text = _pdf(case, "reminder", "zh")
    assert "投诉处理管理办法" not in text and "第十八条" not in text
    assert "本人在投诉书中请求贵司自收到投诉书之日起十五日内作出书面答复" in text
    assert "地方金融管理" in text  # the regulator routing names for small-loan companies


def test_the_review_names_the_decision_her_reasons_and_both_30_day_periods(case_factory):
    case = _case(case_factory, "bank", on="2026-11-02", by="in_person", reply="refused", reply_on="2026-11-12",
                 reference="TS-1102", branch="yes", higher_level="某某银行北京分行", objection="分行没有调查就拒绝处理")
    text = _pdf(case, "review", "zh")
    assert text.startswith("核查申请书致：某某银行北京分行")
    assert "本人于2026年11月2日以当面递交方式向某某消费金融股份有限公司投诉（投诉编号：TS-1102）" in text
    assert "拒绝处理本人的投诉" in text and "本人于2026年11月12日收到该处理决定" in text
    assert "本人对该处理决定有异议，理由如下：分行没有调查就拒绝处理。" in text
    assert ARTICLE_20 in text and "可以自收到处理决定之日起30日内向其上级机构书面申请核查" in text
    assert "即2026年12月12日前" in text and "自收到本申请之日起30日内作出核查决定" in text
    english = _pdf(case, "review", "en")
    assert "To: 某某银行北京分行" in english and "I received the decision on 12 November 2026" in english
    assert "Article 20 of the" in english and "that is by 12 December 2026" in english


def test_the_review_leaves_a_line_for_what_she_did_not_give(case_factory):
    case = _case(case_factory, "bank", on="2026-11-02", reply="resolved", branch="yes")
    text = _pdf(case, "review", "zh")
    assert "致：________（某某消费金融股份有限公司作出处理决定的分支机构的上级机构）" in letters.text(
        letters.build(case, "review", "zh", TODAY))
    assert "理由如下" not in text and "收到该处理决定" not in text and "即20" not in text
    assert "拒绝" not in text and "部分事项" not in text  # "dealt with": no characterisation of the decision
    assert "投诉编号" not in text


@pytest.mark.parametrize("kind, addressee, signer", [("reminder", "某某消费金融股份有限公司", "催告人"),
                                                   ("review", "某某银行北京分行", "申请人")])
def test_the_follow_ups_introduce_her_and_sign_off_like_the_complaint_they_follow(case_factory, kind, addressee,
                                                                                  signer):
    case = _case(case_factory, "bank", on="2026-11-02", reply="partly", branch="yes", higher_level="某某银行北京分行")
    case.person.contact = "北京市朝阳区某某路1号"
    chinese = _pdf(case, kind, "zh")
    assert "身份证号码：110101199003074514联系电话：13912345678联系地址或电子邮箱：北京市朝阳区某某路1号" in chinese
    assert f"此致{addressee}{signer}（签名）：陈晓燕日期：2026年11月28日" in chinese
    english = _pdf(case, kind, "en")
    assert ("Resident ID number: 110101199003074514 Phone: 139 1234 5678 "
            "Address or e-mail for the reply: 北京市朝阳区某某路1号") in english  # as asked on "About you"
    assert "Dear Sir or Madam," in english  # "Yours faithfully" answers it, as in the complaint
    assert "Yours faithfully, Signature: 陈晓燕 Date: 28 November 2026" in english


def test_a_follow_up_without_a_recorded_lender_letter_cannot_be_built(case_factory):
    with pytest.raises(letters.IncompleteCase):
        letters.build(case_factory(), "reminder", "zh", TODAY)


# ── The case file ────────────────────────────────────────────────────────────────────────────────────────────

def test_the_new_fields_round_trip_and_an_older_record_still_opens(case_factory):
    case = _case(case_factory, "bank", on="2026-11-02", by="email", reply="refused", reply_on="2026-11-12",
                 branch="yes", higher_level="某某银行北京分行", objection="没有调查")
    saved = json.loads(casefile.dumps(case))
    assert saved["documents"]["sent"]["lender"]["branch"] == "yes"
    assert casefile.loads(casefile.dumps(case), today=TODAY) == case
    older = json.loads(casefile.dumps(_case(case_factory, on="2026-11-02", by="email", reply="refused")))
    assert set(older["documents"]["sent"]["lender"]) == {"on", "by", "reply"}  # as a file from before these fields
    opened = casefile.loads(json.dumps(older), today=TODAY)
    assert opened.documents.sent["lender"].branch == "" and deadlines.review(opened, rules.load()) == ""


@pytest.mark.parametrize("where, value", [
    ("branch", "maybe"), ("branch", ""), ("higher_level", "x" * 201), ("objection", "x" * 1001), ("objection", 5),
])
def test_a_case_file_with_a_bad_new_field_is_refused(case_factory, where, value):
    data = _case(case_factory, "bank", on="2026-11-02", reply="refused").to_dict()
    data["documents"]["sent"]["lender"][where] = value
    with pytest.raises(casefile.CaseFileError) as error:
        casefile.loads(json.dumps(data), today=TODAY)
    assert error.value.code == "invalid"


# ── The pages ───────────────────────────────────────────────────────────────────────────────────────────────

def _today(app) -> dt.date:
    return clock.today(app.config["TIMEZONE"])


def _form(on: dt.date, **extra) -> dict:
    return {"year": str(on.year), "month": str(on.month), "day": str(on.day), "by": "registered_post",
            "reply": "", "reply_year": "", "reply_month": "", "reply_day": "", "reference": "", "branch": "",
            "higher_level": "", "objection": "", **extra}


def _answered(on: dt.date, reply="refused", **extra) -> dict:
    return _form(on - dt.timedelta(days=10), reply=reply, reply_year=str(on.year), reply_month=str(on.month),
                 reply_day=str(on.day), **extra)


def _walked(client, lender_type="consumer_finance") -> Wizard:
    wizard = Wizard(client)
    wizard.complete({"/earlier": {"made": "no"}, "/loan": {**STANDARD_ANSWERS["/loan"], "lender_type": lender_type}})
    return wizard


def _zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def test_an_unanswered_lender_letter_offers_the_reminder_in_both_languages(app, client):
    walked = _walked(client)
    for kind in ("reminder", "review"):
        assert walked.get(f"/documents/{kind}.zh.pdf").status_code == 404  # nothing sent yet: nothing follows
    sent = _today(app) - dt.timedelta(days=20)
    assert walked.answer("/documents/lender/sent", _form(sent, reply="no_reply", reference="TS-9")).status_code == 302
    page = walked.get("/documents").get_data(as_text=True)
    assert "下一步：催告贷款机构" in page and ARTICLE_18 in page
    for lang in ("zh", "en"):
        assert f'href="/documents/reminder.{lang}.pdf?download=1"' in page
    assert "下一步：向分支机构的上级机构申请核查" not in page
    response = walked.get("/documents/reminder.zh.pdf?download=1")
    assert response.status_code == 200 and "filename*=UTF-8''%E5%82%AC%E5%91%8A%E5%87%BD" in response.headers[
        "Content-Disposition"]
    assert f"本人于{_zh(sent)}以挂号信或EMS方式向贵司提交投诉书（投诉编号：TS-9）" in _flat(response.data, "zh")
    english = _flat(walked.get("/documents/reminder.en.pdf").data, "en")
    assert "(reference TS-9)" in english
    for url in ("/documents/reminder.zh.txt", "/documents/reminder.zh.txt?masked=1", "/documents/reminder.zh/pages"):
        assert walked.get(url).status_code == 200, url  # each page checked by page_problems on the way
    masked = walked.get("/documents/reminder.zh.txt?masked=1").get_data(as_text=True)
    masked = masked[masked.index('class="textarea document-text"'):]
    assert "陈晓燕" not in masked and "TS-9" not in masked and "（投诉编号：****）" in masked
    assert walked.get("/documents/reminder.zh/page-1").mimetype.startswith("image/")
    assert walked.get("/documents/review.zh.pdf").status_code == 404


def test_a_branch_decision_offers_the_review_with_its_window(app, client):
    walked = _walked(client)
    page = walked.get("/documents/lender/sent").get_data(as_text=True)
    assert "处理决定是贷款机构的分支机构作出的吗？" in page
    decided = _today(app) - dt.timedelta(days=3)
    response = walked.answer("/documents/lender/sent", _answered(decided, branch="yes", objection="没有调查就拒绝"))
    assert response.status_code == 302
    page = walked.get("/documents").get_data(as_text=True)
    assert "下一步：向分支机构的上级机构申请核查" in page and ARTICLE_20 in page
    window = decided + dt.timedelta(days=30)
    assert f"请在{_zh(window)}前提出申请" in page
    assert "下一步：催告贷款机构" not in page  # a refusal: the reminder is not the next step
    calendar = walked.get("/documents/deadlines.ics").data.decode()
    assert f"DTSTART;VALUE=DATE:{window:%Y%m%d}" in calendar
    text = _flat(walked.get("/documents/review.zh.pdf").data, "zh")
    assert "理由如下：没有调查就拒绝。" in text and f"即{_zh(window)}前" in text
    for url in ("/documents/review.en.txt", "/documents/review.zh/pages", "/documents/lender/sent"):
        assert walked.get(url).status_code == 200, url


def test_unsure_whether_a_branch_decided_says_how_to_find_out_and_offers_nothing(app, client):
    walked = _walked(client)
    walked.answer("/documents/lender/sent", _answered(_today(app) - dt.timedelta(days=3), branch="unsure"))
    page = walked.get("/documents").get_data(as_text=True)
    assert "是分支机构作出的决定吗？" in page and "问贷款机构的客服" in page
    assert "下一步：向分支机构的上级机构申请核查" not in page
    assert walked.get("/documents/review.zh.pdf").status_code == 404


def test_a_small_loan_company_is_not_asked_about_a_branch_and_gets_no_review(app, client):
    walked = _walked(client, "small_loan")
    page = walked.get("/documents/lender/sent").get_data(as_text=True)
    assert 'name="branch"' not in page and 'name="objection"' not in page
    walked.answer("/documents/lender/sent", _answered(_today(app) - dt.timedelta(days=3), branch="yes"))
    assert walked.answer("/save", {}).json["documents"]["sent"]["lender"].get("branch") is None
    page = walked.get("/documents").get_data(as_text=True)
    assert "下一步：向分支机构的上级机构申请核查" not in page and "是分支机构作出的决定吗？" not in page
    assert walked.get("/documents/review.zh.pdf").status_code == 404
    assert walked.get("/documents/review.zh.txt").status_code == 404


@pytest.mark.parametrize("change, message", [
    ({"branch": "maybe"}, "请选择处理决定是否由分支机构作出"),
    ({"branch": "<script>"}, "请选择处理决定是否由分支机构作出"),
    ({"higher_level": "分" * 201}, "名称不能超过200个字"),
    ({"objection": "理" * 1001}, "请控制在1000字以内"),
])
def test_hostile_values_in_the_new_fields_one_at_a_time_change_nothing(app, client, change, message):
    walked = _walked(client)
    before = walked.answer("/save", {}).json
    response = walked.answer("/documents/lender/sent", _answered(_today(app) - dt.timedelta(days=3),
                                                                 **{"branch": "yes", **change}))
    assert response.status_code == 200, change
    assert message in response.get_data(as_text=True), change
    assert walked.answer("/save", {}).json == before


def test_markup_in_her_reasons_is_printed_as_text(app, client):
    walked = _walked(client)
    walked.answer("/documents/lender/sent", _answered(_today(app) - dt.timedelta(days=3), branch="yes",
                                                      objection="<b>不同意</b>"))
    assert "理由如下：<b>不同意</b>" in _flat(walked.get("/documents/review.zh.pdf").data, "zh")


# ── The command line ────────────────────────────────────────────────────────────────────────────────────────

def test_complaint_render_makes_a_follow_up_only_where_it_applies(app, case_factory, tmp_path):
    runner = app.test_cli_runner()
    path = tmp_path / "case.json"
    path.write_text(casefile.dumps(_case(case_factory, on="2026-11-02", reply="no_reply", reference="TS-1102")),
                    encoding="utf-8")
    args = ["render", str(path), "--format", "text", "--lang", "zh", "--date", "2026-11-28"]
    result = runner.invoke(cli, [*args, "--document", "reminder"])
    assert result.exit_code == 0, result.output
    assert "本人于2026年11月2日向贵司提交投诉书（投诉编号：TS-1102）" in result.stdout
    refused = runner.invoke(cli, [*args, "--document", "review"])
    assert refused.exit_code != 0 and "does not call for --document review" in refused.stderr


def test_inside_wechat_the_next_step_offers_pictures_not_downloads(app, client):
    walked = _walked(client)
    walked.answer("/documents/lender/sent", _form(_today(app) - dt.timedelta(days=20), reply="no_reply"))
    wechat = {"User-Agent": "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 MicroMessenger/8.0.47.2560 WeChat"}
    page = walked.get("/documents", headers=wechat).get_data(as_text=True)
    notice = page.split('id="next-reminder"')[1].split("</div>")[0]
    assert 'href="/documents/reminder.zh/pages"' in notice and 'href="/documents/reminder.en/pages"' in notice
    assert ".pdf" not in notice


def test_a_follow_up_is_reviewed_and_edited_like_any_document(app, client):
    walked = _walked(client)
    assert walked.client.get("/documents/reminder.zh/review").status_code == 404  # not called for yet
    sent = _today(app) - dt.timedelta(days=20)
    assert walked.answer("/documents/lender/sent", _form(sent, reply="no_reply", reference="TS-9")).status_code == 302
    assert 'href="/documents/reminder.zh/review"' in walked.get("/documents").get_data(as_text=True)
    page = walked.get("/documents/reminder.zh/review").get_data(as_text=True)
    assert 'href="/documents#next-reminder"' in page
    further = "对方曾在电话中口头承诺会处理，但至今没有书面答复。"
    saved = walked.answer("/documents/reminder.zh/review", {"section": "further", "action": "save", "text": further})
    assert saved.status_code == 302
    assert "四、补充说明" + further in _flat(walked.get("/documents/reminder.zh.pdf").data, "zh")
    assert walked.client.get("/documents/review.zh/review").status_code == 404  # no branch decision recorded


@pytest.mark.parametrize("kind", ["reminder", "lender"])
def test_a_review_page_analyses_the_case_once(app, client, monkeypatch, kind):
    walked = _walked(client)
    assert walked.answer("/documents/lender/sent", _form(_today(app) - dt.timedelta(days=20),
                                                         reply="no_reply")).status_code == 302
    calls = []
    analyse = findings.analyse

    def spy(*args, **kwargs):  # counts, then calls through: the analysis itself is not replaced
        calls.append(kwargs.get("document", args[2] if len(args) > 2 else None))
        return analyse(*args, **kwargs)

    monkeypatch.setattr(findings, "analyse", spy)
    monkeypatch.setattr("complaint.law.plan.analyse", spy)
    page = walked.get(f"/documents/{kind}.zh/review").get_data(as_text=True)
    assert f"/documents/{kind}.zh/page-1" in page, "the page shows the letter as it will print"
    assert len(calls) == 1, calls
