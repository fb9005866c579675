"""The legal rules, table by table: time and date boundaries, conditions, versions, and what may be cited how."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from helpers import STANDARD_ANSWERS, TODAY, Wizard

from complaint import letters
from complaint.law import findings, rules
from complaint.model import Incident, Loan, Wants


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
    assert ("《中华人民共和国治安管理处罚法》（2012年修正）第四十二条第（二）项"
            "将“公然侮辱他人或者捏造事实诽谤他人的”列为应受治安管理处罚的行为") in text
    assert "《中华人民共和国治安管理处罚法》（2025年修订）第五十条第一款第（二）项" in text
    assert "上述行为跨越这一日期，因此两个版本分别列出" in text


def test_conduct_before_2026_alone_explains_why_the_old_version_applies(case_factory):
    case = case_factory(incidents=[_incident(date="2025-11-02", targets=["family"])])
    text = letters.text(letters.build(case, "police", "zh", TODAY))
    assert ("《中华人民共和国行政处罚法》第三十七条规定：“实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。"
            "但是，作出行政处罚决定时，法律、法规、规章已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。”"
            "因此，除新的规定处罚较轻的以外，适用行为发生时有效的") in text
    assert "2025年修订" not in text
    english = letters.text(letters.build(case, "police", "en", TODAY))
    assert "in force at the time therefore applies, unless the new rule is lighter." in english


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
    ("small_loan", "", {"small_loan_rules"},
     {"consumer_protection_2022", "credit_card_rules", "cba_guideline_conduct"}),
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
                    # self-regulation, self-regulatory
                    assert "recommended national standard" in line or "self-regulat" in line


def test_the_contact_list_argument_is_an_argument_not_a_quotation(case_factory):
    case = case_factory(incidents=[_incident(channel="third_party", targets=["contacts"],
                                             behaviours=["third_party_contact"])])
    text = letters.text(letters.build(case, "lender", "zh", TODAY))
    assert "这些联系人本身就是个人信息的主体" in text
    assert ("（见事件1；参见《中华人民共和国个人信息保护法》第六条、第十三条、第二十三条，"
            "《中华人民共和国民法典》") in text


def test_no_contact_order_is_asked_for_only_under_the_2025_law_and_for_repeated_pestering(case_factory):
    def visits(*dates):
        return case_factory(incidents=[_incident(date=d, behaviours=["visit_follow"], channel="home_visit")
                                       for d in dates])

    old, new, once = visits("2025-12-01", "2025-12-02"), visits("2026-10-01", "2026-10-02"), visits("2026-10-01")
    assert "不得接触本人" not in letters.text(letters.build(once, "police", "zh", TODAY))
    assert "不得接触本人" not in letters.text(letters.build(old, "police", "zh", TODAY))
    # The order comes "besides the penalty": past the six months in which the police may punish, it is not asked.
    barred = visits("2026-02-01", "2026-02-02")
    assert "不得接触本人" not in letters.text(letters.build(barred, "police", "zh", TODAY))
    assert "已超过六个月" in letters.text(letters.build(barred, "police", "zh", TODAY))
    text = letters.text(letters.build(new, "police", "zh", TODAY))
    assert ("对事件1、2中的滋扰、纠缠、跟踪行为，经公安机关负责人批准，"
            "依据《中华人民共和国治安管理处罚法》（2025年修订）第五十条第二款"
            "责令相关催收人员在一定期限内禁止接触本人") in text
    english = letters.text(letters.build(new, "police", "en", TODAY))
    assert "with the approval of the person in charge of the public security organ" in english
    assert "not to contact me for a set period" in english


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


# ── The statute check of 2026-11-30 (statute-check.md §1–§5, legal-basis.md §9) ─────────────────────────

def _letter(case, kind="police", lang="zh", today=TODAY):
    return letters.text(letters.build(case, kind, lang, today))


POLICE_REQUEST = ("其中，以下行为涉嫌", "I ask the police to deal with:")


def _line(text, needle):
    """The first line with `needle`, past the police request that lists each matter's provisions."""
    return next(line for line in text.splitlines() if needle in line and not line.startswith(POLICE_REQUEST))


def test_regulator_is_asked_to_forward_under_article_33_and_not_said_to_oversee(case_factory):
    for lang, forward in (("zh", "根据《银行业保险业消费投诉处理管理办法》第三十三条，"
                                 "贵单位应当自收到本投诉之日起7个工作日内将其转送被投诉人并告知本人"),
                          ("en", "Under Article 33 of the Measures for the Handling of Banking and Insurance "
                                 "Consumer Complaints, a complaint is to be passed to the institution, and the "
                                 "complainant told, within 7 working days of its receipt")):
        text = _letter(case_factory(), "regulator", lang)
        assert text.count(forward) == 1, lang  # said once, in the closing paragraph, with its date
        assert text.count("7个工作日") + text.count("7 working days") == 1, lang
        assert "第三十一条" not in text and "Article 31" not in text
        for line in text.splitlines():
            if "第三十三条" in line:
                assert "督促" not in line.split("第三十三条")[1].split("；")[0]
            if "Article 33" in line:
                assert "oversee" not in line


def test_lender_letter_states_the_complaint_handling_articles_as_they_read(case_factory):
    text = _letter(case_factory(), "lender")
    assert ("根据《银行业保险业消费投诉处理管理办法》第十八条，对于事实清楚、争议情况简单的投诉，"
            "贵司应当自收到投诉之日起15日内作出处理决定") in text
    assert "本人可以采取的申请核查、调解、仲裁、诉讼等救济途径" in text
    assert "复核" not in text and "处理措施" not in text
    assert "本投诉书已载明贵司依据该办法第十三条可以要求投诉人提供的信息" in text
    assert "要求的各项内容" not in text
    english = _letter(case_factory(), "lender", "en")
    assert "a complaint whose facts are clear and whose dispute is simple must be decided within 15 days" in english
    assert "allows you to ask of a complainant" in english
    assert "verification (核查), mediation, arbitration, litigation" in english


@pytest.mark.parametrize("behaviour, date, cited, absent", [
    ("impersonation", "2026-02-10", ["第六十二条第一款将“冒充国家机关工作人员招摇撞骗的”"], ["第六十二条第三款"]),
    ("impersonation_lawyer", "2026-02-10",
     ["第六十二条第三款将“盗用、冒用个人、组织的身份、名义或者以其他虚假身份招摇撞骗的”"],
     ["第六十二条第一款", "第五十一条", "较轻"]),
    ("impersonation", "2025-12-10", ["（2012年修正）第五十一条将“冒充国家机关工作人员或者以其他虚假身份招摇撞骗的”"],
     ["第六十二条"]),
    ("impersonation_lawyer", "2025-12-10",
     ["（2012年修正）第五十一条将", "（2025年修订）第六十二条第三款将",
      "该款规定的处罚轻于行为发生时有效的2012年修正版本第五十一条，根据《中华人民共和国行政处罚法》第三十七条，2026年1月1日以后作出处罚决定的，适用该款。"],
     ["第六十二条第一款", "上述行为跨越这一日期"]),
])
def test_impersonation_cites_the_paragraph_that_fits(case_factory, behaviour, date, cited, absent):
    text = _letter(case_factory(incidents=[_incident(date=date, behaviours=[behaviour])]))
    for words in cited:
        assert words in text, words
    for words in absent:
        assert words not in text, words


def test_2025_law_is_quoted_in_its_own_words(case_factory):
    case = case_factory(incidents=[
        _incident(date="2026-02-10", channel="sms", behaviours=["insult", "threat_violence"], times=5,
                  targets=["family"]),
        _incident(date="2026-02-11", channel="sms", behaviours=["insult", "fake_legal_documents"], times=5)])
    text = _letter(case)
    assert "（2025年修订）第五十条第一款第（一）项将“写恐吓信或者以其他方法威胁他人人身安全的”" in text
    assert "（2025年修订）第五十条第一款第（二）项将“公然侮辱他人或者捏造事实诽谤他人的”" in text
    assert ("第五十条第一款第（五）项将“多次发送淫秽、侮辱、恐吓等信息或者采取滋扰、纠缠、跟踪等方法，"
            "干扰他人正常生活的”") in text
    assert "第六十三条第（一）项、第（三）项将“（一）伪造" in text and "证明文件、印章的”列为" in text


def test_crime_of_collecting_illegal_debts_is_a_closed_list_and_its_fine_is_translated(case_factory):
    case = case_factory(loan=Loan(lender="某小贷", lender_type="small_loan", disputed="no", illegal="yes"),
                        incidents=[_incident(behaviours=["threat_violence"])])
    assert "and shall also, or shall only, be fined" in _letter(case, lang="en")
    assert "with or without a fine" not in _letter(case, lang="en")
    statement = rules.load().references["criminal_293_1"].statement.zh
    assert "骚扰等" not in statement and "骚扰他人" in statement


@pytest.mark.parametrize("date, cited", [("2015-10-31", False), ("2015-11-01", True)])
def test_forgery_penalty_is_quoted_only_for_conduct_after_the_ninth_amendment(case_factory, date, cited):
    summons = dataclasses.replace(_incident(date=date, behaviours=["fake_legal_documents"]),
                                  description="发来假的法院传票")
    assert ("第二百八十条第一款规定：“伪造、变造、买卖" in _letter(case_factory(incidents=[summons]))) is cited


@pytest.mark.parametrize("date, cited", [("2025-01-16", False), ("2025-01-17", True)])
def test_small_loan_measures_apply_from_17_january_2025_and_allow_contacting_guarantors(case_factory, date, cited):
    case = case_factory(loan=Loan(lender="某小贷", lender_type="small_loan", disputed="no", illegal="no"),
                        incidents=[_incident(date=date, behaviours=["third_party_contact"], targets=["family"])])
    text = _letter(case, "lender")
    assert ("《小额贷款公司监督管理暂行办法》" in text) is cited
    if cited:
        assert "不得向负有还款义务的人以外的人催收" in text and "债务人以外" not in text


def test_deletion_is_asked_for_with_the_conditions_of_article_47(case_factory):
    case = case_factory(wants=Wants(requests=["stop_third_parties"]),
                        incidents=[_incident(behaviours=["third_party_contact"], targets=["family"])])
    line = _line(_letter(case, "lender"), "第四十七条")
    assert "有法定情形之一的" in line and "违反法律、行政法规或者违反约定处理个人信息" in line


def test_civil_code_statements_carry_their_exceptions():
    references = rules.load().references
    assert references["civil_code_1033_1"].statement.zh.startswith("除法律另有规定或者本人明确同意外")
    assert "法律、行政法规另有规定的除外" in references["civil_code_1035"].statement.zh
    assert references["civil_code_997"].quote.zh.startswith("民事主体有证据证明")
    assert references["pipl_47"].quote.zh.startswith("有下列情形之一的")


# Instruments legal-basis.md marks PARTLY (§6, §9): never an article number, never quotation marks.
PARTLY = ["银行保险机构消费者权益保护管理办法", "商业银行信用卡业务监督管理办法", "小额贷款公司监督管理暂行办法",
          "消费金融公司管理办法", "贷后催收风控指引", "金融机构个人消费类贷款催收工作指引"]


def test_nothing_marked_partly_gets_an_article_or_quotation_marks(case_factory):
    loaded = rules.load()
    for reference in loaded.references.values():
        if any(name in reference.instrument.name.zh for name in PARTLY):
            assert reference.status == "PARTLY" and reference.article is None and reference.quote is None
        if reference.status == "PARTLY":
            for text in (reference.statement.zh, reference.statement.en):
                assert not re.search(r"[“”「」\"]|第[一二三四五六七八九十百零]+条|Article \d", text), reference.key
    for _lang, text in _every_document_text(case_factory):
        for line in text.splitlines():
            for name in (n for n in PARTLY if n in line):
                after = line.split(name, 1)[1]
                assert "“" not in after and not re.match(r"》(（[^）]*）)?第", after), (name, line)


def test_every_reference_says_what_text_it_was_checked_against_and_when(tmp_path, monkeypatch):
    for reference in rules.load().references.values():
        source, day = reference.checked
        assert source and day >= dt.date(2026, 11, 30)  # the statute check, or a later one
    for path in rules.RULES_DIR.glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "references.toml").read_text(encoding="utf-8")
    start = text.index("[civil_code_1024]")
    cut = text.index("checked = ", start)
    (tmp_path / "references.toml").write_text(text[:cut] + text[text.index("\n", cut) + 1:], encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_DIR", tmp_path)
    rules.load.cache_clear()
    try:
        with pytest.raises(rules.RulesError, match="references.toml: civil_code_1024: 'checked' is a required"):
            rules.load()
    finally:
        rules.load.cache_clear()


# ── Behaviours the letters could not express before: violence, snatching, defamation, data trade ─────────

@pytest.mark.parametrize("date, cited, absent", [
    ("2025-12-20", "（2012年修正）第四十三条第一款将“殴打他人的，或者故意伤害他人身体的”列为应受治安管理处罚的行为",
     "第五十一条第一款"),
    ("2026-01-01", "（2025年修订）第五十一条第一款将“殴打他人的，或者故意伤害他人身体的”列为应受治安管理处罚的行为",
     "第四十三条第一款"),
])
def test_violence_is_cited_whatever_the_debt(case_factory, date, cited, absent):
    case = case_factory(incidents=[_incident(date=date, channel="home_visit", behaviours=["violence"])])
    assert case.loan.illegal == "no"  # a lawful loan from a licensed lender
    text = _letter(case)
    assert cited in text and absent not in text
    assert "（事件1，涉及" in next(line for line in text.splitlines() if line.startswith(POLICE_REQUEST))


@pytest.mark.parametrize("date, article", [("2025-12-20", "（2012年修正）第四十九条"),
                                           ("2026-01-01", "（2025年修订）第五十八条")])
def test_snatching_belongings_is_cited_by_article_without_a_quotation(case_factory, date, article):
    case = case_factory(incidents=[_incident(date=date, channel="home_visit", behaviours=["seized_property"])])
    line = _line(_letter(case), article)
    assert f"根据《中华人民共和国治安管理处罚法》{article}，抢夺公私财物的，应受治安管理处罚。" in line
    assert "“" not in line
    assert "Article 49" in _letter(case_factory(incidents=[_incident(date="2025-12-20", channel="home_visit",
                                                                    behaviours=["seized_property"])]), lang="en")


@pytest.mark.parametrize("date, security_law", [("2025-12-20", False), ("2026-01-01", True)])
def test_contact_lists_bought_or_obtained_illegally(case_factory, date, security_law):
    case = case_factory(incidents=[_incident(date=date, channel="third_party", targets=["contacts"],
                                             behaviours=["contacts_obtained"])])
    text = _letter(case)
    assert ("（2025年修订）第五十六条规定：“违反国家有关规定，向他人出售或者提供个人信息的" in text) is security_law
    line = _line(text, "第二百五十三条之一")
    assert "情节严重的" in line and "是否达到由公安机关、司法机关依法认定；本人仅请求依法审查。" in line
    assert "serious circumstances" in _line(_letter(case, lang="en"), "Article 253-1")


@pytest.mark.parametrize("behaviour, targets, channel, cited", [
    ("insult", ["family"], "call", True), ("defamation", ["work"], "work_visit", True),
    ("insult", ["self"], "call", False), ("defamation", ["self"], "sms", False)])
def test_insult_or_defamation_as_a_crime_only_in_public_and_only_on_the_victims_complaint(
        case_factory, behaviour, targets, channel, cited):
    case = case_factory(incidents=[_incident(date="2026-02-10", channel=channel, targets=targets,
                                             behaviours=[behaviour])])
    text = _letter(case)
    assert ("第二百四十六条" in text) is cited
    if cited:
        line = _line(text, "第二百四十六条")
        assert "情节严重的" in line and "告诉的才处理" in line
        assert "由被害人本人向人民法院提起自诉，公安机关不会主动立案追究" in line
        assert "private prosecution" in _line(_letter(case, lang="en"), "Article 246")
    assert "第二百四十六条" not in _letter(case, "lender")  # a crime for the police statement only


def test_new_behaviours_can_be_answered_on_the_incident_page(client):
    wizard = Wizard(client)
    wizard.complete()
    # What it shows is asked on the incident's last page.
    page = wizard.answer("/incidents/new", {**STANDARD_ANSWERS["incidents"][0], "page": "2"}).get_data(as_text=True)
    for key, label in (("violence", "动手打你、推搡你，或伤害你"), ("seized_property", "抢走你的手机或其他东西"),
                       ("defamation", "编造事实在别人面前诋毁你"),
                       ("contacts_obtained", "用买来或非法得到的通讯录、个人信息催收")):
        assert f'value="{key}"' in page and label in page


# ── The six months (2012 第二十二条 / 2025 第二十五条) and 12368 in the police statement ────────────────────

@pytest.mark.parametrize("date, expired, article", [
    ("2026-05-27", True, "（2025年修订）第二十五条规定：“违反治安管理行为在六个月以内没有被公安机关发现的，不再处罚。"),
    ("2026-05-28", False, ""),
    ("2026-05", False, ""),  # a month counts from its end: the conduct may have gone on until 31 May
    ("2025-12-20", True, "根据《中华人民共和国治安管理处罚法》（2012年修正）第二十二条，"
                         "违反治安管理行为在六个月以内没有被公安机关发现的"),
])
def test_police_statement_says_when_the_newest_matter_is_over_six_months_old(case_factory, date, expired, article):
    case = case_factory(incidents=[_incident(date="2025-10-01", behaviours=["threat_violence"]),
                                   _incident(date=date, behaviours=["threat_violence"])])
    text = _letter(case)
    assert ("距本说明日期已超过六个月" in text) is expired
    if expired:
        line = _line(text, "距本说明日期已超过六个月")
        assert article in line and "请公安机关告知上述行为是否仍可依法处理" in line
        assert "从行为终了之日起计算" in line
        assert "more than six months before the date of this statement" in _letter(case, lang="en")


def test_the_six_months_count_only_matters_for_the_police(case_factory):
    case = case_factory(incidents=[_incident(date="2025-10-01", behaviours=["threat_violence"]),
                                   _incident(date="2026-11-01", behaviours=["insult"])])
    assert "距本说明日期已超过六个月" in _letter(case)  # the recent insult in private is no police matter


@pytest.mark.parametrize("behaviours, description, named", [
    (["fake_legal_documents"], "发来“立案通知书”", True), (["impersonation"], "自称XX法院执行局", True),
    (["impersonation"], "He said he was a court officer", True), (["impersonation"], "自称经侦大队", False),
    (["threat_violence"], "说法院会来", False)])
def test_police_statement_names_12368_when_court_papers_or_staff_may_be_fake(case_factory, behaviours, description,
                                                                             named):
    incident = _incident(behaviours=behaviours)
    incident.description = description
    text = _letter(case_factory(incidents=[incident]))
    assert ("可以通过12368人民法院诉讼服务热线向人民法院核实其真伪" in text) is named


@pytest.mark.parametrize("behaviours, told", [(["defamation"], True), (["threat_violence"], False)])
def test_documents_page_tells_the_person_that_defamation_as_a_crime_is_their_own_case(client, behaviours, told):
    wizard = Wizard(client)
    wizard.complete({"incidents": [{**STANDARD_ANSWERS["incidents"][0], "behaviours": behaviours,
                                    "targets": ["family"], "channel": "third_party"}]})
    wizard.answer("/recipient?return=check", {"kinds": ["lender", "police"], "letter_lang": "zh"})
    page = wizard.get("/documents").get_data(as_text=True)
    assert ("只有你自己向人民法院起诉（自诉），法院才会审理" in page) is told


def test_police_matters_resting_on_the_same_provision_are_named_together(case_factory):
    case = case_factory(incidents=[
        _incident(date="2026-10-01", behaviours=["insult", "night_calls"]),
        _incident(date="2026-10-03", behaviours=["visit_follow"], channel="home_visit"),
    ])
    text = letters.text(letters.build(case, "police", "zh", TODAY))
    matters = next(line for line in text.splitlines() if line.startswith("其中，以下行为"))
    assert matters.count("第五十条第一款第（五）项") == 1
    assert "辱骂侮辱、夜间催收、上门或跟踪（事件1、2，涉及" in matters


def test_a_lighter_new_paragraph_and_the_same_paragraph_for_later_conduct_are_named_once(case_factory):
    case = case_factory(incidents=[
        _incident(date="2025-12-20", behaviours=["impersonation_lawyer"]),
        _incident(date="2026-01-05", behaviours=["impersonation_lawyer"]),
    ])
    for lang, once, twice in [("zh", "第六十二条第三款", "第六十二条第三款、第六十二条第三款"),
                              ("en", "Article 62, paragraph 3", "Article 62, paragraph 3 and Article 62, paragraph 3")]:
        text = letters.text(letters.build(case, "police", lang, TODAY))
        matters = next(line for line in text.splitlines()
                       if line.startswith(("其中，以下行为", "I ask the police to deal with")))
        assert once in matters and twice not in matters


def test_the_contact_list_argument_names_only_conduct_its_provisions_were_in_force_for(case_factory):
    case = case_factory(incidents=[
        _incident(date="2020-06-10", behaviours=["third_party_contact"], channel="third_party", targets=["contacts"]),
        _incident(date="2021-06-01", behaviours=["third_party_contact"], channel="third_party", targets=["contacts"]),
    ])
    text = letters.text(letters.build(case, "lender", "zh", TODAY))
    argument = next(line for line in text.splitlines() if line.startswith("催收方使用了本人通讯录"))
    assert ("（见事件2；参见《中华人民共和国民法典》第一千零三十三条第（一）项、第一千零三十五条、"
            "第一千零三十八条。）") in argument
    assert "个人信息保护法" not in argument  # in force from 2021-11-01, after both incidents


def test_police_matters_name_only_the_incidents_their_provisions_fit(case_factory):
    busy = [_incident(date=day, behaviours=["excessive_calls"], times=12) for day in ("2026-11-05", "2026-11-10")]
    case = case_factory(incidents=[*busy, _incident(date="2026-11-20", behaviours=["excessive_calls"])])
    for lang, fits, overreach in [
            ("zh", "（事件1、2，涉及《中华人民共和国治安管理处罚法》（2025年修订）第五十条第一款第（五）项）",
             "事件1、2、3"),
            ("en", "(incidents 1 and 2; Article 50(1), item (5) of", "incidents 1, 2 and 3")]:
        text = letters.text(letters.build(case, "police", lang, TODAY))
        matters = next(line for line in text.splitlines()
                       if line.startswith(("其中，以下行为", "I ask the police to deal with")))
        assert fits in matters and overreach not in matters  # one call on 20 November is not pestering
