"""The legal rules, table by table: time and date boundaries, conditions, versions, and what may be cited how."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import TODAY
from complaint import findings, letters, rules
from complaint.model import Incident, Loan


def _incident(date="2026-02-10", time="", channel="call", behaviours=("insult",), times=None, targets=("self",)):
    return Incident(date=date, time=time, channel=channel, description="x", behaviours=list(behaviours),
                    times=times, targets=list(targets))


def _keys(case, document=None) -> set[str]:
    analysis = findings.analyse(case, rules.load(), document=document)
    return {c.reference.key for c in analysis.citations + analysis.supplements}


@pytest.mark.parametrize("time, night", [("21:59", False), ("22:00", True), ("23:59", True), ("00:00", True),
                                         ("07:59", True), ("08:00", False), ("12:00", False), ("", False)])
def test_night_is_from_22_00_to_07_59(time, night):
    assert findings.is_night(_incident(time=time)) is night


def test_night_contact_is_found_from_the_time_even_if_not_ticked(case_factory):
    case = case_factory(incidents=[_incident(time="22:00", behaviours=["insult"]), _incident(time="21:59")])
    night = next(f for f in findings.analyse(case, rules.load()).findings if f.behaviour.key == "night_calls")
    assert night.incidents == (2,)  # incidents are numbered in time order: 21:59 is number 1


@pytest.mark.parametrize("counts, busy", [([3], False), ([4], True), ([2, 2], True), ([1, 1, 1], False)])
def test_more_than_three_calls_in_a_calendar_day_is_excessive(case_factory, counts, busy):
    case = case_factory(incidents=[_incident(date="2026-02-10", times=n if n > 1 else None) for n in counts])
    analysis = findings.analyse(case, rules.load())
    excessive = [f for f in analysis.findings if f.behaviour.key == "excessive_calls"]
    assert bool(excessive) is busy
    if busy:
        assert excessive[0].days == ((dt.date(2026, 2, 10), sum(counts)),)


def test_calls_on_different_days_are_not_added_together(case_factory):
    case = case_factory(incidents=[_incident(date="2026-02-10", times=3), _incident(date="2026-02-11", times=3)])
    assert not findings.busy_days(case)


@pytest.mark.parametrize("date, expected, absent", [
    ("2025-12-31", {"public_security_2012_42_2", "administrative_penalty_37"}, {"public_security_2025_50_1_2"}),
    ("2026-01-01", {"public_security_2025_50_1_2"}, {"public_security_2012_42_2", "administrative_penalty_37"}),
    ("2025-12", {"public_security_2012_42_2"}, {"public_security_2025_50_1_2"}),
    ("2026-01", {"public_security_2025_50_1_2"}, {"public_security_2012_42_2"}),
])
def test_public_security_law_version_follows_the_date_of_the_conduct(case_factory, date, expected, absent):
    keys = _keys(case_factory(incidents=[_incident(date=date, targets=["family"])]), "police")
    assert expected <= keys and not (absent & keys)


def test_conduct_on_both_sides_of_the_new_law_cites_both_and_says_so(case_factory):
    case = case_factory(incidents=[_incident(date="2025-12-20", targets=["family"]),
                                   _incident(date="2026-01-05", targets=["family"])])
    text = letters.text(letters.build(case, "police", "zh", TODAY))
    assert "《中华人民共和国治安管理处罚法》（2012年修正）第四十二条第（二）项将“公然侮辱他人或者捏造事实诽谤他人的”列为应受治安管理处罚的行为" in text
    assert "《中华人民共和国治安管理处罚法》（2025年修订）第五十条第一款第（二）项" in text
    assert "上述行为跨越这一日期，因此两个版本分别列出" in text


def test_conduct_before_2026_alone_explains_why_the_old_version_applies(case_factory):
    case = case_factory(incidents=[_incident(date="2025-11-02", targets=["family"])])
    text = letters.text(letters.build(case, "police", "zh", TODAY))
    assert "《中华人民共和国行政处罚法》第三十七条规定：“实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。”" in text
    assert "2025年修订" not in text


@pytest.mark.parametrize("illegal, cited", [("yes", True), ("no", False), ("unsure", False)])
def test_crime_of_collecting_illegal_debts_only_when_the_user_says_the_debt_is_illegal(case_factory, illegal, cited):
    case = case_factory(loan=Loan(lender="某小贷", lender_type="small_loan", disputed="no", illegal=illegal),
                        incidents=[_incident(behaviours=["threat_violence"])])
    assert ("criminal_293_1" in _keys(case)) is cited
    assert ("第二百九十三条之一" in letters.text(letters.build(case, "police", "zh", TODAY))) is cited


def test_crime_of_collecting_illegal_debts_not_before_it_existed(case_factory):
    case = case_factory(loan=Loan(lender="某小贷", lender_type="small_loan", disputed="no", illegal="yes"),
                        incidents=[_incident(date="2021-02-28", behaviours=["threat_violence"])])
    assert "criminal_293_1" not in _keys(case)


@pytest.mark.parametrize("lender_type, product, expected, absent", [
    ("bank", "某某白金信用卡", {"credit_card_rules", "consumer_protection_2022"}, {"small_loan_rules"}),
    ("bank", "个人消费贷", {"consumer_protection_2022"}, {"credit_card_rules", "small_loan_rules"}),
    ("consumer_finance", "", {"consumer_protection_2022", "cba_guideline_conduct"}, {"small_loan_rules"}),
    ("small_loan", "", {"small_loan_rules"}, {"consumer_protection_2022", "credit_card_rules", "cba_guideline_conduct"}),
    ("platform", "", set(), {"small_loan_rules", "consumer_protection_2022", "credit_card_rules"}),
])
def test_regulations_follow_the_kind_of_lender(case_factory, lender_type, product, expected, absent):
    case = case_factory(loan=Loan(lender="某机构", lender_type=lender_type, disputed="no", illegal="no",
                                  product=product),
                        incidents=[_incident(date="2026-03-01", behaviours=["threat_violence", "insult"])])
    keys = _keys(case)
    assert expected <= keys and not (absent & keys)


def test_self_regulation_is_not_cited_for_conduct_before_it_was_issued(case_factory):
    case = case_factory(incidents=[_incident(date="2026-01-29", time="23:00", behaviours=["night_calls"])])
    assert "cba_guideline_night" not in _keys(case)
    case = case_factory(incidents=[_incident(date="2026-01-30", time="23:00", behaviours=["night_calls"])])
    assert "cba_guideline_night" in _keys(case)


ALL = list(rules.load().behaviours)


def _every_document_text(case_factory):
    for lender_type in ("bank", "consumer_finance", "small_loan", "platform"):
        case = case_factory(loan=Loan(lender="某机构", lender_type=lender_type, disputed="yes", illegal="yes",
                                      product="信用卡"),
                            incidents=[_incident(date="2025-12-20", time="23:00", channel="third_party",
                                                 behaviours=ALL, targets=["contacts"]),
                                       _incident(date="2026-02-10", time="07:00", behaviours=ALL, times=9)])
        for kind in ("lender", "regulator", "hotline", "police"):
            for lang in ("zh", "en"):
                yield lang, letters.text(letters.build(case, kind, lang, TODAY))


def test_partly_instruments_are_named_without_article_or_quotation(case_factory):
    partly = {r.instrument.name.zh for r in rules.load().references.values() if r.status == "PARTLY"}
    for lang, text in _every_document_text(case_factory):
        if lang != "zh":
            continue
        for name in partly:
            for after in re.findall(re.escape(f"《{name}》") + r"(.{0,12})", text):
                assert not re.match(r"第[一二三四五六七八九十百零]+条", after), (name, after)
                assert not after.startswith("规定：“"), (name, after)


def test_verified_articles_quoted_are_the_rules_own_words(case_factory):
    references = rules.load().references.values()
    by_name = {(r.instrument.name.zh, r.article.zh): r for r in references if r.status == "VERIFIED"}
    for lang, text in _every_document_text(case_factory):
        if lang != "zh":
            continue
        for instrument, article, quote in re.findall(r"《([^》]+)》(第[^规：“]+?)规定：“([^”]+)”", text):
            reference = by_name[(instrument, article)]
            assert reference.quote and reference.quote.zh == quote
        for instrument, article in re.findall(r"《([^》]+)》(第[一二三四五六七八九十百零之]+条[^，、。；）]*)", text):
            assert (instrument, article) in by_name or instrument in {r.instrument.name.zh for r in references}


def test_industry_standards_are_never_called_law(case_factory):
    standards = [i.name for i in rules.load().instruments.values() if not i.is_law and i.kind in ("standard",
                                                                                                  "self_regulation")]
    for lang, text in _every_document_text(case_factory):
        for line in text.splitlines():
            if any(name(lang) in line for name in standards):
                if lang == "zh":
                    assert "违法" not in line and "法律规定" not in line
                    assert "推荐性国家标准" in line or "行业自律规范" in line
                else:
                    assert "unlawful" not in line.lower() and "breaches the law" not in line
                    assert "recommended national standard" in line or "self-regulation" in line


def test_the_contact_list_argument_is_an_argument_not_a_quotation(case_factory):
    case = case_factory(incidents=[_incident(channel="third_party", targets=["contacts"],
                                             behaviours=["third_party_contact"])])
    text = letters.text(letters.build(case, "lender", "zh", TODAY))
    assert "这些联系人本身就是个人信息的主体" in text
    assert "（见事件1；参见《中华人民共和国个人信息保护法》第六条、第十三条、第二十三条，《中华人民共和国民法典》" in text


def test_no_contact_order_is_asked_for_only_under_the_2025_law_and_for_repeated_pestering(case_factory):
    def visits(*dates):
        return case_factory(incidents=[_incident(date=d, behaviours=["visit_follow"], channel="home_visit")
                                       for d in dates])

    old, new, once = visits("2025-12-01", "2025-12-02"), visits("2026-02-01", "2026-02-02"), visits("2026-02-01")
    assert "不得接触本人" not in letters.text(letters.build(once, "police", "zh", TODAY))
    assert "不得接触本人" not in letters.text(letters.build(old, "police", "zh", TODAY))
    assert ("对事件1、2中的滋扰、纠缠、跟踪行为，依据《中华人民共和国治安管理处罚法》（2025年修订）第五十条第二款，"
            "经公安机关负责人批准，责令相关催收人员在一定期限内禁止接触本人") in letters.text(letters.build(new, "police", "zh", TODAY))


@pytest.mark.parametrize("targets, channel, cited", [(["self"], "call", False), (["family"], "call", True),
                                                     (["self"], "work_visit", True), (["self"], "online_post", True)])
def test_insults_are_a_reputation_matter_only_when_others_hear_them(case_factory, targets, channel, cited):
    keys = _keys(case_factory(incidents=[_incident(targets=targets, channel=channel)]))
    assert ("civil_code_1024" in keys) is cited


def test_call_limit_standard_only_for_calls_over_the_limit(case_factory):
    lender = Loan(lender="某小贷", lender_type="small_loan", disputed="no", illegal="no")
    three = case_factory(loan=lender, incidents=[_incident(times=3, behaviours=["excessive_calls"])])
    four = case_factory(loan=lender, incidents=[_incident(times=4, behaviours=["excessive_calls"])])
    texts = case_factory(loan=lender, incidents=[_incident(channel="sms", times=9, behaviours=["excessive_calls"])])
    assert "collection_standard_calls" not in _keys(three)
    assert "collection_standard_calls" in _keys(four)
    assert "collection_standard_calls" not in _keys(texts)


def test_a_month_only_date_counts_only_when_the_rule_covers_the_whole_month(case_factory):
    keys = _keys(case_factory(incidents=[_incident(date="2026-01", time="", behaviours=["night_calls"])]))
    assert "cba_guideline_night" not in keys
