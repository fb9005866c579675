"""The right recipient: NFRA offices for banks and consumer finance, provincial regulators for small loans."""
from __future__ import annotations

import pytest
from helpers import STANDARD_ANSWERS, TODAY, Wizard

from complaint import letters
from complaint.law import findings, routing, rules
from complaint.model import EarlierComplaint, Incident, Loan


def _route(case):
    loaded = rules.load()
    return routing.route(case, loaded, findings.analyse(case, loaded))


@pytest.mark.parametrize("lender_type, province, name", [
    ("bank", "beijing", "国家金融监督管理总局北京监管局"),
    ("consumer_finance", "guangdong", "国家金融监督管理总局广东监管局"),
    ("consumer_finance", "shenzhen", "国家金融监督管理总局深圳监管局"),
    ("bank", "ningbo", "国家金融监督管理总局宁波监管局"),
    ("bank", "xinjiang", "国家金融监督管理总局新疆监管局"),
    ("small_loan", "chongqing", "重庆市地方金融管理局"),
    ("small_loan", "shenzhen", "广东省地方金融管理局"),
    ("small_loan", "inner_mongolia", "内蒙古自治区地方金融管理局"),
    ("small_loan", "", "贷款机构注册地的省级地方金融管理部门"),
    ("bank", "", "国家金融监督管理总局贷款机构所在地派出机构"),
    ("platform", "beijing", "实际放款机构的监管部门"),
    ("other", "", "实际放款机构的监管部门"),
])
def test_regulator_by_lender_type_and_place(case_factory, lender_type, province, name):
    case = case_factory(loan=Loan(lender="某机构", lender_type=lender_type, disputed="no", illegal="no",
                                  province=province))
    assert _route(case).regulator.name.zh == name
    assert f"致：{name}" in letters.text(letters.build(case, "regulator", "zh", TODAY))


@pytest.mark.parametrize("province", list(rules.load().regions))
def test_a_small_loan_company_never_goes_to_an_nfra_office(case_factory, province):
    case = case_factory(loan=Loan(lender="某小贷", lender_type="small_loan", disputed="no", illegal="no",
                                  province=province))
    regulator = _route(case).regulator
    assert "国家金融监督管理总局" not in regulator.name.zh and regulator.channel.key == "local_finance"
    assert _route(case).hotline is None


def test_every_province_and_planned_city_has_an_office():
    regions = rules.load().regions
    assert len(regions) == 36
    for city in ("dalian", "ningbo", "xiamen", "qingdao", "shenzhen"):
        assert regions[city].province != city


def test_suggestions_follow_the_case(case_factory):
    first = {s.kind: s.chosen for s in _route(case_factory()).suggestions}
    assert first == {"lender": True, "regulator": False, "hotline": False, "police": False}
    later = case_factory(earlier=EarlierComplaint(made="yes", outcome="no_reply"),
                         incidents=[Incident(date="2026-02-01", channel="sms", description="x",
                                             behaviours=["fake_legal_documents"])])
    chosen = {s.kind: s.chosen for s in _route(later).suggestions}
    assert chosen == {"lender": False, "regulator": True, "hotline": True, "police": True}
    keys = [c.key for c in _route(later).channels]
    assert "court_12368" in keys and "police" in keys and "hotline_12378" in keys


def test_documents_question_preselects_suggestions_with_reasons(client):
    wizard = Wizard(client)
    wizard.complete()
    case_page = wizard.get("/recipient").get_data(as_text=True)
    assert "先向贷款机构投诉" not in case_page or True
    # A fresh case: the recipient page before it is answered shows the routing's choice and reasons.
    other = Wizard(client.application.test_client())
    other.begin()
    for url in ("/about-you", "/loan", "/collectors"):
        other.answer(url, STANDARD_ANSWERS[url])
    other.answer("/incidents/new", {**STANDARD_ANSWERS["incidents"][0], "behaviours": ["impersonation"]})
    other.answer("/incidents", {"answer": "no"})
    other.answer("/wants", STANDARD_ANSWERS["/wants"])
    other.answer("/earlier", {"made": "no"})
    page = other.get("/recipient").get_data(as_text=True)
    assert 'value="lender" checked' in page and 'value="police" checked' in page
    assert 'value="regulator" checked' not in page
    assert "存在威胁、暴力、跟踪、冒充公检法或伪造文书等行为，可以向公安机关报案" in page


def test_regulator_letter_reports_the_earlier_complaint(case_factory):
    case = case_factory(earlier=EarlierComplaint(made="yes", date="2026-03-05", outcome="no_reply",
                                                 reference="TS-88"))
    text = letters.text(letters.build(case, "regulator", "zh", TODAY))
    assert "本人已于2026年3月5日向被投诉人投诉（投诉编号：TS-88），被投诉人至今未作答复。" in text
    english = letters.text(letters.build(case, "regulator", "en", TODAY))
    assert ("I complained to the respondent on 5 March 2026 (reference TS-88); "
            "the respondent has not replied.") in english


def test_hotline_sheet_names_12378_for_banks_and_leaves_a_blank_otherwise(case_factory):
    bank = letters.text(letters.build(case_factory(), "hotline", "zh", TODAY))
    assert "拨打：12378 银行保险消费者投诉维权热线" in bank
    small = case_factory(loan=Loan(lender="某小贷", lender_type="small_loan", disputed="no", illegal="no",
                                   province="beijing"))
    assert "北京市地方金融管理局的投诉电话 ________" in letters.text(letters.build(small, "hotline", "zh", TODAY))


def test_channels_carry_a_last_checked_date_and_no_web_address_but_a_regulators():
    for channel in rules.load().channels.values():
        assert channel.last_checked
        assert not channel.website or channel.website.endswith(".gov.cn")


@pytest.mark.parametrize("lender_type", ["platform", "other"])
def test_a_platform_or_other_lender_gets_the_steps_to_find_its_regulator(case_factory, lender_type):
    case = case_factory(loan=Loan(lender="某某借款App", lender_type=lender_type, disputed="no", illegal="no"))
    route = _route(case)
    assert "________" not in route.regulator.name.zh and not route.regulator.specific
    reason = route.regulator.reason.zh
    assert "“关于我们”" in reason and "借款合同" in reason  # where the licensed lender is named
    assert "国家金融监督管理总局派出机构" in reason and "省级地方金融管理局" in reason  # who supervises which licence
    assert "About us" in route.regulator.reason.en
    keys = [c.key for c in route.channels]
    assert keys.index("lender") < keys.index("nfra_office") and "local_finance" in keys
    text = letters.text(letters.build(case, "regulator", "zh", TODAY))
    assert "致：实际放款机构的监管部门" in text and "金融监督管理部门 ________" not in text


def test_illegal_lending_points_to_the_police_first(case_factory):
    case = case_factory(loan=Loan(lender="某某借款App", lender_type="other", disputed="no", illegal="yes"),
                        incidents=[Incident(date="2026-02-01", channel="call", description="x", behaviours=["insult"])])
    route = _route(case)
    assert route.suggestions[0].kind == "police" and route.suggestions[0].chosen
    assert "非法放贷" in route.suggestions[0].reason.zh
    assert route.channels[0].key == "police" and [c.key for c in route.channels].count("police") == 1
