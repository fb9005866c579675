"""Whole journeys through every page, in Chinese and in English, ending in PDFs that hold the user's facts."""
from __future__ import annotations

import pytest
from helpers import STANDARD_ANSWERS, Wizard, pdf_fonts, pdf_text


@pytest.mark.parametrize("lang, heading, step_text", [
    ("zh", "检查你的回答", "第 9 步，共 9 步"),
    ("en", "Check your answers", "Step 9 of 9"),
])
def test_journey_reaches_check_page_with_every_answer(client, lang, heading, step_text):
    wizard = Wizard(client, lang)
    page = wizard.complete().get_data(as_text=True)
    assert heading in page and step_text in page
    for value in ("陈晓燕", "139 1234 5678", "11010519850705004X", "某某消费金融股份有限公司", "随借花App",
                  "HT20250318", "20,000.00", "26,480.55", "深圳某某信息咨询有限公司", "法务部张律师",
                  "半夜连打六次，说不还钱就让我全家不得安宁。", "不要再给我母亲打电话"):
        assert value in page, value


@pytest.mark.parametrize("lang, letter_lang, expected", [
    ("zh", "zh", ["投诉书", "投诉人：陈晓燕", "被投诉人：某某消费金融股份有限公司", "此致", "证据清单",
                  "第 1 页 共"]),
    ("en", "en", ["Complaint about debt collection", "Complainant: 陈晓燕", "Schedule 2: Evidence", "Page 1 of"]),
    ("en", "zh", ["投诉书", "投诉人：陈晓燕"]),
])
def test_journey_ends_in_pdf_with_the_facts(client, lang, letter_lang, expected):
    wizard = Wizard(client, lang)
    wizard.complete({"/recipient": {"kinds": ["lender", "regulator", "hotline"], "letter_lang": letter_lang}})
    documents = wizard.get("/documents").get_data(as_text=True)
    assert f"/documents/lender.{letter_lang}.pdf?download=1" in documents
    response = wizard.get(f"/documents/lender.{letter_lang}.pdf?download=1")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response.data).replace("\n", "")
    for phrase in expected + ["半夜连打六次", "170 0000 1234", "HT20250318"]:
        assert phrase in text, phrase
    fonts = pdf_fonts(response.data)
    assert fonts and all(embedded for _, embedded in fonts)
    assert any("CJK" in name for name, _ in fonts)


def test_every_chosen_document_downloads(wizard):
    wizard.complete()
    for kind, phrase in (("lender", "贵司应当自收到投诉之日起15日内作出处理决定"),
                         ("regulator", "致：国家金融监督管理总局上海监管局"),
                         ("hotline", "投诉热线通话提纲")):
        response = wizard.get(f"/documents/{kind}.zh.pdf")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("inline;")
        assert phrase in pdf_text(response.data).replace("\n", "")


def test_text_view_shows_the_letter_as_plain_text(wizard):
    wizard.complete()
    page = wizard.get("/documents/lender.zh.txt").get_data(as_text=True)
    assert "投诉人：陈晓燕" in page and "<textarea" in page


def test_month_only_incident_is_told_as_a_month(wizard):
    wizard.complete()
    text = pdf_text(wizard.get("/documents/lender.zh.pdf").data).replace("\n", "")
    assert "2026年3月（具体日期不详）" in text


def test_change_link_on_check_page_returns_to_check(wizard):
    wizard.complete()
    check = wizard.get("/check").get_data(as_text=True)
    assert "/loan?return=check" in check
    response = wizard.answer("/loan?return=check", {**STANDARD_ANSWERS["/loan"], "lender": "另一家银行"})
    assert response.headers["Location"].endswith("/check")
    assert "另一家银行" in wizard.get("/check").get_data(as_text=True)


def test_incidents_can_be_changed_and_removed_with_confirmation(wizard):
    wizard.complete()
    first = {**STANDARD_ANSWERS["incidents"][0], "description": "改过的描述"}
    assert wizard.answer("/incidents/1?return=check", first).headers["Location"].endswith("/check")
    assert "改过的描述" in wizard.get("/check").get_data(as_text=True)

    confirm = wizard.get("/incidents/2/remove").get_data(as_text=True)
    assert "确定要删除第2件事吗？" in confirm
    wizard.answer("/incidents/2/remove", {"answer": "no"})
    assert "打给我母亲" in wizard.get("/incidents").get_data(as_text=True)
    wizard.answer("/incidents/2/remove", {"answer": "yes"})
    listing = wizard.get("/incidents").get_data(as_text=True)
    assert "打给我母亲" not in listing and "你已添加了1件事" in listing


def test_incidents_are_numbered_in_date_order(wizard):
    wizard.complete()
    earlier = {**STANDARD_ANSWERS["incidents"][0], "year": "2025", "month": "12", "day": "31",
               "description": "最早的一次"}
    wizard.answer("/incidents/new", earlier)
    listing = wizard.get("/incidents").get_data(as_text=True)
    assert listing.index("最早的一次") < listing.index("半夜连打六次")


def test_collectors_page_adds_another_number_without_losing_answers(wizard):
    wizard.begin()
    wizard.answer("/about-you", STANDARD_ANSWERS["/about-you"])
    wizard.answer("/loan", STANDARD_ANSWERS["/loan"])
    page = wizard.answer("/collectors", {"agency": "某催收公司", "numbers-0": "170 0000 1234", "add": "numbers"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'id="numbers-1"' in html and 'value="170 0000 1234"' in html and 'value="某催收公司"' in html


def test_cannot_skip_ahead_of_unanswered_questions(wizard):
    wizard.begin()
    for url in ("/loan", "/incidents/new", "/wants", "/check", "/documents", "/documents/lender.zh.pdf"):
        response = wizard.get(url)
        assert response.status_code == 302 and response.headers["Location"].endswith("/about-you"), url


def test_pages_without_a_draft_send_people_to_the_start(client):
    response = client.get("/about-you")
    assert response.status_code == 302 and "/?lost=1" in response.headers["Location"]
    assert "在这个浏览器里没有找到你的回答" in client.get("/?lost=1").get_data(as_text=True)


def test_amounts_typed_on_the_loan_page_are_there_when_she_comes_back_to_it(client):
    wizard = Wizard(client, "zh")
    wizard.complete()
    page = client.get("/loan").get_data(as_text=True)
    assert 'value="20000.00"' in page and 'value="26480.55"' in page
