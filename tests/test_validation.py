"""Bad answers get a clear message in the page language, keep what was typed, and change nothing."""
from __future__ import annotations

import re

import pytest
from helpers import STANDARD_ANSWERS, Wizard
from wtforms import FieldList
from wtforms.fields.core import UnboundField
from wtforms.validators import Length

from complaint.web import forms

ABOUT = STANDARD_ANSWERS["/about-you"]
LOAN = STANDARD_ANSWERS["/loan"]
INCIDENT = STANDARD_ANSWERS["incidents"][0]

CASES = [
    # page, answers, field the summary links to, Chinese message, English message
    ("/about-you", {**ABOUT, "name": "  "}, "name", "请填写你的姓名", "Enter your full name"),
    ("/about-you", {**ABOUT, "phone": "打我电话"}, "phone", "请用数字填写电话号码",
     "Enter a phone number using digits"),
    ("/about-you", {**ABOUT, "id_number": "110101199003074515"}, "id_number", "这个身份证号码有输入错误",
     "This ID number has a typing mistake"),
    ("/about-you", {**ABOUT, "id_number": "1101011990030745"}, "id_number", "身份证号码应为18位",
     "Enter your ID number as 18 characters"),
    ("/about-you", {**ABOUT, "id_number": "110101199002304514"}, "id_number", "出生日期不存在",
     "date of birth in this ID number is not a real date"),
    ("/about-you", {**ABOUT, "name": "名" * 101}, "name", "姓名不能超过100个字", "100 characters or fewer"),
    ("/loan", {**LOAN, "lender": ""}, "lender", "请填写贷款机构的名称", "Enter the name of the lender"),
    ("/loan", {**LOAN, "lender_type": ""}, "lender_type-0", "请选择贷款机构的类型",
     "Select what kind of lender it is"),
    ("/loan", {**LOAN, "lender_type": "loan_shark"}, "lender_type-0", "请选择贷款机构的类型",
     "Select what kind of lender it is"),
    ("/loan", {**LOAN, "borrowed": "两万"}, "borrowed", "请用数字填写借款金额", "Enter the amount you borrowed"),
    ("/loan", {**LOAN, "claimed": "12.345"}, "claimed", "请用数字填写对方主张的金额", "Enter the amount they claim"),
    ("/loan", {k: v for k, v in LOAN.items() if k != "disputed"}, "disputed-0", "请选择你是否认可这个金额",
     "Select whether you disagree with the amount"),
    ("/incidents/new", {**INCIDENT, "year": "", "month": ""}, "month", "请填写发生的年份和月份",
     "Enter the month and year it happened"),
    ("/incidents/new", {**INCIDENT, "month": "13"}, "month", "月份请填1到12之间的数字", "Enter a month from 1 to 12"),
    ("/incidents/new", {**INCIDENT, "month": "2", "day": "30"}, "day", "请填写一个真实存在的日期",
     "Enter a real date"),
    ("/incidents/new", {**INCIDENT, "year": "2099"}, "day", "日期不能晚于今天",
     "The date must be today or in the past"),
    ("/incidents/new", {**INCIDENT, "year": "26"}, "year", "年份请填4位数字", "Enter the year as 4 digits"),
    ("/incidents/new", {**INCIDENT, "time": "25:00"}, "time", "请用24小时制填写时间",
     "Enter the time on the 24-hour clock"),
    ("/incidents/new", {**INCIDENT, "times": "很多"}, "times", "次数请填整数",
     "Enter how many times as a whole number"),
    ("/incidents/new", {**INCIDENT, "description": ""}, "description", "请写下对方说了什么、做了什么",
     "Describe what they said or did"),
    ("/incidents/new", {**INCIDENT, "description": "字" * 2001}, "description", "请控制在2000字以内",
     "Keep it to 2000 characters or fewer"),
    ("/incidents/new", {**INCIDENT, "behaviours": []}, "behaviours-0", "请至少选一项",
     "Select at least one thing it shows"),
    ("/incidents/new", {**INCIDENT, "targets": []}, "targets-0", "请选择针对的是谁", "Select who it was aimed at"),
    ("/incidents/new", {**INCIDENT, "channel": "pigeon"}, "channel-0", "请选择对方联系的方式",
     "Select how they made contact"),
    ("/wants", {"requests": [], "other": ""}, "requests-0", "请至少选一项，或在下面写出你的要求",
     "Select at least one thing you want"),
    ("/recipient", {"kinds": [], "letter_lang": "zh"}, "kinds-0", "请至少选择一份文件", "Select at least one document"),
]


def _reach(wizard, page):
    """Answer everything before `page` so the page can be shown."""
    wizard.begin()
    order = ["/about-you", "/loan", "/collectors", "/incidents/new", "/incidents", "/wants", "/earlier", "/recipient"]
    for url in order[:order.index(page)]:
        data = {"/incidents/new": INCIDENT, "/incidents": {"answer": "no"}}.get(url) or STANDARD_ANSWERS[url]
        assert wizard.answer(url, data).status_code == 302, url


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page, answers, anchor, zh_message, en_message", CASES)
def test_bad_answer_gets_a_clear_message(client, lang, page, answers, anchor, zh_message, en_message):
    wizard = Wizard(client, lang)
    _reach(wizard, page)
    response = wizard.answer(page, answers)
    html = response.get_data(as_text=True)
    message = zh_message if lang == "zh" else en_message
    assert response.status_code == 200
    assert re.search(r"<title>(错误：|Error: )", html)
    assert ("错误：" if lang == "zh" else "Error: ") in html.split("<title>")[1]
    summary = html.split('data-error-summary>')[1].split("</div>")[0]
    assert f'href="#{anchor}"' in summary and message in summary
    assert f'id="{anchor}"' in html, "the summary link must point at a real field"
    assert html.count(message) >= 2, "the message also appears beside the field"


def _length_checks():
    """(form, field, Length check with its own message) for every form, rows of FieldLists included."""
    for form in vars(forms).values():
        if isinstance(form, type) and issubclass(form, forms.FlaskForm):
            for name, field in vars(form).items():  # a form's own fields; subclasses are visited themselves
                if isinstance(field, UnboundField):
                    for unbound in [field, *(field.args[:1] if field.field_class is FieldList else [])]:
                        for check in unbound.kwargs.get("validators", ()):
                            if isinstance(check, Length) and check.message is not None:
                                yield form.__name__, name, check


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_length_message_names_the_limit_it_checks(app, lang):
    """A limit changed in answers.MAX_LENGTH (or protected's) changes its message too: none types its own."""
    checks = list(_length_checks())
    assert len(checks) >= 16
    with app.test_request_context(headers={"Cookie": f"lang={lang}"}):
        for form, name, check in checks:
            shown = check.message % {"min": 4567, "max": 98765, "length": 98766}
            assert "98765" in shown, (form, name, shown)
            assert not re.search(r"\d{2}", shown.replace("98765", "").replace("4567", "")), (form, name, shown)


def test_typed_answers_are_kept_after_an_error(wizard):
    _reach(wizard, "/incidents/new")
    html = wizard.answer("/incidents/new", {**INCIDENT, "time": "半夜"}).get_data(as_text=True)
    assert 'value="半夜"' in html and "半夜连打六次" in html and 'value="170 0000 1234"' in html
    # The later pages' answers travel with the page and are ticked again when their page comes.
    html = wizard.answer("/incidents/new", {**INCIDENT, "page": "2"}).get_data(as_text=True)
    assert re.search(r'value="night_calls" checked', html)


def test_a_bad_answer_changes_nothing(wizard):
    wizard.complete()
    wizard.answer("/about-you?return=check", {**ABOUT, "name": "改名", "phone": ""})
    assert "陈晓燕" in wizard.get("/check").get_data(as_text=True)
    assert "改名" not in wizard.get("/check").get_data(as_text=True)


@pytest.mark.parametrize("typed, shown", [
    ("+86 139-1234-5678", "139 1234 5678"),
    ("１３９１２３４５６７８", "139 1234 5678"),
    ("021-6485 3000", "021-64853000"),
    ("95588", "95588"),
    ("400-820-8820", "400 820 8820"),
    ("0755 8888 6666", "0755-88886666"),
    ("隐藏号码", None),
])
def test_phone_numbers_in_real_world_forms_are_accepted(wizard, typed, shown):
    wizard.begin()
    response = wizard.answer("/about-you", {**ABOUT, "phone": typed})
    if shown is None:  # not a number at all: refused with a message
        assert response.status_code == 200 and "请用数字填写电话号码" in response.get_data(as_text=True)
        return
    assert response.status_code == 302
    assert f'value="{shown}"' in wizard.get("/about-you").get_data(as_text=True)
