"""Say only what the case shows: each row is a case (behaviour × channel × date × debt type × targets), built
as a real document, and what its text must and must not say.

治安管理处罚法 item (五) (2012 第四十二条, 2025 第五十条第一款) needs insulting, obscene or threatening messages, or
(from 2026) pestering, following or harassing — night contact, calls far beyond the standard's limit, visits —
and always 多次; contacting relatives is not 散布隐私 unless something private was spread; a count of calls is
calls, not answered calls; no provision without its incidents, no fact the answers do not give.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from helpers import TODAY

from complaint import letters
from complaint.model import EarlierComplaint, Incident, Loan, Wants

ITEM5_2025 = "第五十条第一款第（五）项"
ITEM5_2012 = "第四十二条第（五）项"
NO_CONTACT = "第五十条第二款"
PRIVACY_2012, PRIVACY_2025 = "第四十二条第（六）项", "第五十条第一款第（六）项"


def incident(when: str, channel: str = "call", *behaviours: str, times: int | None = None,
             to: tuple[str, ...] = ("self",), proof: tuple[str, ...] = (), said: str = "经过见记录") -> Incident:
    """`when` is "2026-02-10 23:15", "2026-02-10" or "2026-02"; `said` is her description."""
    date, _, time = when.partition(" ")
    return Incident(date=date, time=time, channel=channel, description=said, behaviours=list(behaviours),
                    times=times, targets=list(to), evidence=list(proof))


@dataclass
class Row:
    incidents: list[Incident]
    document: str = "police"
    lang: str = "zh"
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    lender_type: str = "consumer_finance"
    illegal: str = "no"
    earlier: EarlierComplaint | None = field(default=None)
    requests: tuple[str, ...] = ("stop_unlawful",)


ROWS = {
    # ── Payment reminders in the daytime, within limits: no public-security provision at all
    "daytime reminders within the limit": Row(
        [incident("2026-03-02 10:00", "call", times=3), incident("2026-03-03 15:00", "sms")],
        document="lender", absent=("治安管理处罚法", ITEM5_2025, "频繁催收", "夜间催收")),
    # ── Insulting or threatening messages: 多次, never a single one
    "one insulting message is not 多次": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], absent=(ITEM5_2025, ITEM5_2012)),
    "two insulting messages are 多次": Row(
        [incident("2026-03-02 10:00", "sms", "insult"), incident("2026-03-04 11:00", "sms", "insult")],
        present=(f"{ITEM5_2025}将“多次发送", "辱骂侮辱（见事件1、2）"), absent=(ITEM5_2012,)),
    "one entry standing for three insulting messages is 多次": Row(
        [incident("2026-03-02 10:00", "sms", "insult", times=3)], present=(ITEM5_2025,)),
    "two threatening messages are item (五) as well as (一)": Row(
        [incident("2026-03-02 10:00", "sms", "threat_violence"),
         incident("2026-03-05 10:00", "chat", "threat_violence")],
        present=("第五十条第一款第（一）项", ITEM5_2025)),
    "one threat and one insult together are 多次": Row(
        [incident("2026-03-02 10:00", "sms", "threat_violence"), incident("2026-03-05 10:00", "sms", "insult")],
        present=("威胁人身安全、辱骂侮辱（见事件1、2）",)),
    # ── Pestering (滋扰) from 2026: night contact, calls far beyond the limit, visits and following
    "one night call is not 多次": Row(
        [incident("2026-03-02 23:30", "call")], absent=(ITEM5_2025, NO_CONTACT)),
    "night calls on two nights are pestering": Row(
        [incident("2026-10-02 23:30", "call"), incident("2026-10-04 06:30", "call")],
        present=(ITEM5_2025, "夜间催收（见事件1、2）", "对事件1、2中的滋扰、纠缠、跟踪行为，经公安机关负责人批准"),
        absent=(ITEM5_2012,)),
    "pestering over six months ago: the order, given besides a penalty now barred, is not asked": Row(
        [incident("2026-03-02 23:30", "call"), incident("2026-03-04 06:30", "call")],
        present=(ITEM5_2025, "距本说明日期已超过六个月"), absent=(NO_CONTACT,)),
    "night calls before 2026 are not an offence under the 2012 law": Row(
        [incident("2025-11-02 23:30", "call"), incident("2025-11-04 23:30", "call")],
        absent=(ITEM5_2012, ITEM5_2025, NO_CONTACT, "治安管理处罚法")),
    "eight daytime calls a day breach the standard's count, not public-security law": Row(
        [incident("2026-03-02 10:00", "call", times=8)], lender_type="consumer_finance", document="lender",
        present=("一日内对本人来电超过3次", "上述来电中接通的，均计入这一限额"),
        absent=(ITEM5_2025, "有效语音通话不得超过3次。被投诉人", "频繁催收的行为（见事件1），违反了")),
    "a dozen calls in a day is pestering": Row(
        [incident("2026-10-02 10:00", "call", times=12)], present=(ITEM5_2025, "频繁催收（见事件1）", NO_CONTACT)),
    "a dozen calls to relatives is not calls to me": Row(
        [incident("2026-03-02 10:00", "call", "third_party_contact", times=12, to=("family",))],
        document="lender", absent=("频繁催收", "对本人来电超过3次")),
    "one visit is not 多次": Row(
        [incident("2026-03-02 15:00", "home_visit", "visit_follow")],
        absent=(ITEM5_2025, NO_CONTACT, "上门滋扰或跟踪（")),
    "two visits are pestering, and the order not to contact names them": Row(
        [incident("2026-10-02 15:00", "home_visit", "visit_follow"),
         incident("2026-10-09", "work_visit", "visit_follow")],
        present=(ITEM5_2025, "上门滋扰或跟踪（事件1、2，涉及", "对事件1、2中的滋扰、纠缠、跟踪行为",
                 "经公安机关负责人批准", "在一定期限内禁止接触本人")),
    "a post published at night is not contact at night": Row(
        [incident("2026-03-02 23:30", "online_post", "spread_personal_info", to=("contacts",))], document="lender",
        absent=("夜间催收",)),
    # ── 多次 across 2026-01-01: which incidents fall under which version
    "insults on both sides of the new law say which version covers which": Row(
        [incident("2025-12-20 10:00", "sms", "insult"), incident("2026-01-05 10:00", "sms", "insult")],
        present=(f"关于“多次”：事件1适用《中华人民共和国治安管理处罚法》（2012年修正）{ITEM5_2012}；"
                 f"事件2适用《中华人民共和国治安管理处罚法》（2025年修订）{ITEM5_2025}。事件1、2均系为催收同一笔欠款实施，合计应认定为多次。",),
        absent=("同一催收方", "连续实施")),
    "insults on both sides in English": Row(
        [incident("2025-12-20 10:00", "sms", "insult"), incident("2026-01-05 10:00", "sms", "insult")], lang="en",
        present=("On “repeatedly”: incident 1 falls under Article 42, item (5)",
                 "incident 2 falls under Article 50(1), item (5)",
                 "Incidents 1 and 2 were all done to collect the same debt, and together they should be treated as "
                 "repeated."), absent=("same collectors",)),
    "insults all in 2026 need no note on versions": Row(
        [incident("2026-02-20 10:00", "sms", "insult"), incident("2026-03-05 10:00", "sms", "insult")],
        absent=("关于“多次”",)),
    # ── Third parties: contact is not spreading privacy unless the answers say something was spread
    "the contact-list argument names its incidents": Row(
        [incident("2026-03-02 10:00", "third_party", "third_party_contact", to=("contacts",))], document="lender",
        present=("这些联系人本身就是个人信息的主体", "（见事件1；参见《中华人民共和国个人信息保护法》")),
    "calling relatives and HR is contact, not 散布隐私": Row(
        [incident("2026-03-02 10:00", "third_party", "third_party_contact", to=("family", "work"))],
        document="lender", present=("向第三人催收（见事件1）",),
        absent=(PRIVACY_2025, PRIVACY_2012, "散布他人隐私", "骚扰第三人")),
    "posting my ID card in a group is 散布隐私": Row(
        [incident("2026-03-02 10:00", "online_post", "spread_personal_info", to=("contacts",))],
        present=(PRIVACY_2025, "散布个人信息（见事件1）")),
    "posting it before 2026 is the 2012 item (六)": Row(
        [incident("2025-10-02 10:00", "online_post", "spread_personal_info", to=("contacts",))],
        present=(PRIVACY_2012,), absent=(PRIVACY_2025,)),
    # ── Facts from the answers: who was disturbed, whether it continues
    "only I was contacted: my life, not others'": Row(
        [incident("2026-03-02 23:30", "call", "insult")], document="lender",
        present=("上述催收行为干扰了本人的正常生活。",), absent=("相关人员", "严重干扰")),
    "relatives contacted: their lives too": Row(
        [incident("2026-03-02 10:00", "third_party", "third_party_contact", to=("family",))], document="lender",
        present=("上述催收行为干扰了本人及相关人员的正常生活。",)),
    "only I was contacted, in English": Row(
        [incident("2026-03-02 23:30", "call", "insult")], document="lender", lang="en",
        present=("This collection has disturbed my normal life. ",), absent=("people around me", "seriously")),
    "the last incident months ago is not 'continuing'": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="regulator",
        present=("本人此前尚未向被投诉人投诉。请贵单位一并转送被投诉人处理。",), absent=("仍在持续",)),
    "an incident this month is 'continuing'": Row(
        [incident("2026-11-20 10:00", "sms", "insult")], document="regulator", present=("鉴于上述催收行为仍在持续",)),
    "a month-only incident that may be recent counts from its last day": Row(
        [incident("2026-11", "sms", "insult")], document="regulator", lang="en",
        present=("As the conduct is continuing, I ask",)),
    # ── Police matters: each one listed has its provision; none without
    "a single visit is not listed as a police matter without a provision": Row(
        [incident("2026-03-02 15:00", "home_visit", "visit_follow")], absent=("请求依法处理",)),
    "a threat is listed with its provision": Row(
        [incident("2026-03-02 15:00", "call", "threat_violence")],
        present=("以暴力或伤害相威胁（事件1，涉及《中华人民共和国治安管理处罚法》（2025年修订）第五十条第一款第（一）项）",)),
    "a threat is listed with its provision, in English": Row(
        [incident("2026-03-02 15:00", "call", "threat_violence")], lang="en",
        present=("threats of violence or harm (incident 1; Article 50(1), item (1) of the Public Security",)),
    # ── Debt type: the crime of collecting illegal debts only where the person says the debt is illegal
    "repeated threats over an illegal debt": Row(
        [incident("2026-03-02 10:00", "sms", "threat_violence", times=2)], illegal="yes", lender_type="other",
        present=("第二百九十三条之一",)),
    "repeated threats over a lawful debt": Row(
        [incident("2026-03-02 10:00", "sms", "threat_violence", times=2)], absent=("第二百九十三条之一",)),
    "insulting me to my family is public; to me alone it is not": Row(
        [incident("2026-03-02 10:00", "call", "insult", to=("family",))], present=("第五十条第一款第（二）项",)),
    "insulting me alone in a call": Row(
        [incident("2026-03-02 10:00", "call", "insult")], absent=("第五十条第一款第（二）项",)),
    "insulting calls before 2026 are not 'sending messages' under the 2012 item (五)": Row(
        [incident("2025-11-02 10:00", "call", "insult"), incident("2025-11-04 10:00", "call", "insult")],
        absent=(ITEM5_2012,)),
    # ── Regulations and standards are breached only by conduct they list
    "entering a home is not said to breach the small-loan rules": Row(
        [incident("2026-03-02 15:00", "home_visit", "entered_home")], document="lender", lender_type="small_loan",
        absent=("小额贷款公司监督管理暂行办法",)),
    # ── English that reads as written
    "one text message": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="lender", lang="en",
        present=("the collectors sent me a text message.",), absent=("sent text messages",)),
    "three text messages in one entry": Row(
        [incident("2026-03-02 10:00", "sms", "insult", times=3)], document="lender", lang="en",
        present=("the collectors sent me 3 text messages.",), absent=("times.",)),
    "standards agree with one conduct or several": Row(
        [incident("2026-03-02 23:30", "call", "insult", "threat_violence")], document="lender", lang="en",
        present=("The respondent's conduct (contact at night; incident 1) falls short of",
                 "The respondent's conduct (threats to safety and insults; incident 1) falls short of"),
        absent=("insults (incident 1) falls",)),
    # ── 刑法 第二百八十条 is about state organs' documents: not a fake lawyer's letter
    "a fake court summons is a state organ's document": Row(
        [incident("2026-03-02 10:00", "sms", "fake_legal_documents", said="发来一张法院传票的图片")],
        present=("第二百八十条第一款", "第六十三条第（一）项、第（三）项")),
    "a fake lawyer's letter is not": Row(
        [incident("2026-03-02 10:00", "sms", "fake_legal_documents", said="发来一份律师函，说要起诉我")],
        present=("第六十三条第（一）项、第（三）项",), absent=("第二百八十条",)),
    "a fake lawyer's letter is not, in English either": Row(
        [incident("2026-03-02 10:00", "sms", "fake_legal_documents", said="They sent a lawyer's letter")],
        lang="en", present=("Article 63",), absent=("Article 280",)),
    "proof kept on the phone is listed, not enclosed": Row(
        [incident("2026-03-02 10:00", "sms", "insult", proof=("messages", "recording"))], document="lender",
        lang="en", present=("Enclosed: 1. Schedule 1, timeline of incidents; 2. Schedule 2, evidence.",
                            "Screenshots of text messages and chats (incident 1)"),
        absent=("the evidence attached", "items)")),
    "no busiest day when no day had more than one contact": Row(
        [incident("2026-03-02 10:00", "sms", "insult"), incident("2026-03-04 10:00", "sms", "insult")],
        document="lender", present=("共记录约2次联系。",), absent=("联系最多的一天",)),
    "no busiest day in English either": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="lender", lang="en", absent=("worst day",)),
    "the timeline labels an incident as the body does": Row(
        [incident("2026-03-02 23:30", "call", "other")], document="lender",
        present=("| 本人 | 夜间催收、其他不当行为",)),
    "a complaint made in a month, not on it": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="regulator", lang="en",
        earlier=EarlierComplaint(made="yes", date="2026-03", outcome="no_reply"),
        present=("I complained to the respondent in March 2026;",)),
    "one incident beyond the narrated ones": Row(
        [incident(f"2026-03-{d:02d} 10:00", "sms", "insult") for d in range(1, 32)], document="lender", lang="en",
        present=("There was 1 further incident; it is listed in the timeline below.",)),
    "one incident beyond the narrated ones, to the police": Row(
        [incident(f"2026-03-{d:02d} 10:00", "sms", "insult") for d in range(1, 32)], lang="en",
        present=("There was 1 further incident, listed in the timeline attached.",)),
    "a salutation to go with 'Yours faithfully'": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="lender", lang="en",
        present=("Dear Sir or Madam,", "Yours faithfully,")),
    # ── Reviewer's reading of the regenerated letters
    "a reply that did not help is not said to leave the collection going on": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="regulator",
        earlier=EarlierComplaint(made="yes", date="2026-03-20", outcome="unsatisfied"),
        present=("被投诉人作出了答复，但未解决问题。",), absent=("仍在继续", "仍在持续")),
    "a reply that did not help, in English": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="regulator", lang="en",
        earlier=EarlierComplaint(made="yes", date="2026-03-20", outcome="unsatisfied"),
        present=("the respondent replied, but that did not resolve the matter.",), absent=("continues",)),
    "a public insult is listed for the police with its provisions": Row(
        [incident("2026-03-02 15:00", "work_visit", "insult", to=("work",))],
        present=("辱骂、侮辱（事件1，涉及《中华人民共和国治安管理处罚法》（2025年修订）第五十条第一款第（二）项）。",
                 "第二百四十六条规定：", "公安机关不会主动立案追究")),
    "night contact is listed for the police without doubled brackets": Row(
        [incident("2026-03-02 23:30", "call"), incident("2026-03-04 06:30", "call")], lang="en",
        present=("collection contact at night or early in the morning, between 22:00 and 08:00 (incidents 1 and 2;",)),
    "the six-month note dates the newest matter the list names": Row(
        [incident("2025-12-30 10:00", "call", "threat_violence"),
         incident("2026-01-08 14:00", "home_visit", "visit_follow")],
        present=("最近一次发生于2025年12月30日",), absent=("最近一次发生于2026年1月8日",)),
    "one day over the call limit is that day, not 'each of these days'": Row(
        [incident("2026-03-02 10:00", "call", times=6)], document="lender",
        present=("催收方于2026年3月2日对本人来电6次，超过3次。",), absent=("以下日期",)),
    "one day over the call limit, in English": Row(
        [incident("2026-03-02 10:00", "call", times=6)], document="lender", lang="en",
        present=("On 2 March 2026 the collectors called me 6 times, more than three times in one day.",),
        absent=("each of these days",)),
    "two days over the call limit": Row(
        [incident("2026-03-02 10:00", "call", times=6), incident("2026-03-04 10:00", "call", times=5)],
        document="lender", lang="en",
        present=("On each of these days the collectors called me more than three times: 2 March 2026 (6); "
                 "4 March 2026 (5).",)),
    "the agency's name is asked for once": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="lender", requests=("name_agency",),
        present=("书面告知实际实施催收的机构名称",), absent=("如贵司委托了外部催收机构",)),
    "the agency's name is asked for once, in English": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="lender", lang="en", requests=("name_agency",),
        present=("Tell me in writing which agency",), absent=("If you have engaged an outside collection agency",)),
    "without that request the letter still asks who collects": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="lender",
        present=("如贵司委托了外部催收机构，请一并书面告知",)),
    "the English reserves compensation as the Chinese does": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="lender", lang="en",
        present=("for an order that you stop the conduct, and claiming compensation.",)),
    "a call log shows when they called, a recording what they said": Row(
        [incident("2026-03-02 23:30", "call", "insult", proof=("call_log", "recording"))], document="lender",
        present=("通话记录截图（事件1） | 本人手机 | 证明事件1中催收方夜间催收的事实",
                 "通话录音（事件1） | 本人录制 | 证明事件1中催收方辱骂侮辱、夜间催收的事实")),
    "a call log of a daytime insult shows only the calls": Row(
        [incident("2026-03-02 10:00", "call", "insult", proof=("call_log",))], document="lender", lang="en",
        present=("| my phone | Shows when and how often the collectors called in incident 1",),
        absent=("Shows the insults",)),
    "one incident is not 'of which 1'": Row(
        [incident("2026-03-02 23:30", "third_party", "third_party_contact", to=("family",))], document="lender",
        present=("本人记录了1起催收事件，该事件发生在夜间22时至次日8时之间、涉及本人以外的第三人。",),
        absent=("其中1起",)),
    "one incident is not 'of which 1', in English": Row(
        [incident("2026-03-02 10:00", "third_party", "third_party_contact", to=("family",))], document="lender",
        lang="en", present=("I recorded 1 incident; it involved people other than me.",)),
    "one night incident reaching others, in English": Row(
        [incident("2026-03-02 23:30", "third_party", "third_party_contact", to=("family",))], document="lender",
        lang="en", present=("I recorded 1 incident; it took place at night (22:00–08:00) and involved people other",)),
    "the requests the regulator is to urge read as one list": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="regulator", lang="en",
        requests=("stop_unlawful", "apologise"),
        present=("(a) stop all unlawful and improper collection conduct immediately;\n"
                 "(b) apologise to me in writing for this conduct.\n",)),
    "the banking association's guideline is named as its own": Row(
        [incident("2026-03-02 23:30", "call")], document="lender", lang="en",
        present=("falls short of the China Banking Association's self-regulatory Guidelines on the Collection",),
        absent=("self-regulation of the China Banking Association Guidelines",)),
    "a notice shows what it says, not when it came": Row(
        [incident("2026-03-02 23:30", "sms", "fake_legal_documents", proof=("document", "messages"))],
        document="lender",
        present=("信件、通知等书面材料（事件1） | 催收方发送 | 证明事件1中催收方伪造法律文书的事实",
                 "短信、聊天记录截图（事件1） | 本人手机 | 证明事件1中催收方夜间催收、伪造法律文书的事实")),
    "family and workplace are two parties, not a run of 'and's": Row(
        [incident("2026-03-02 10:00", "third_party", "third_party_contact", to=("family", "work"))], document="lender",
        lang="en", present=("the collectors contacted my family and people at my workplace.",),
        absent=("my family and my employer and colleagues",)),
    "an insult posted online: the court may ask the police to help with evidence": Row(
        [incident("2026-03-02 15:00", "online_post", "insult", to=("contacts",))],
        present=("第二百四十六条规定：", "被害人提供证据确有困难的，人民法院可以要求公安机关提供协助（该条第三款）")),
    "申请核查 is a request for verification, not a review": Row(
        [incident("2026-03-02 10:00", "sms", "insult")], document="lender", lang="en",
        present=("an application for verification (核查), mediation",), absent=("a request for review",)),
}


def _text(case_factory, row: Row) -> str:
    case = case_factory(incidents=row.incidents, earlier=row.earlier, wants=Wants(requests=list(row.requests)),
                        loan=Loan(lender="某某金融", lender_type=row.lender_type, disputed="no", illegal=row.illegal))
    return letters.text(letters.build(case, row.document, row.lang, TODAY))


@pytest.mark.parametrize("row", ROWS.values(), ids=ROWS.keys())
def test_the_letter_says_what_the_case_shows(case_factory, row):
    text = _text(case_factory, row)
    for words in row.present:
        assert words in text
    for words in row.absent:
        assert words not in text


CITING_ROWS = {name: row for name, row in ROWS.items() if row.lang == "zh"}


@pytest.mark.parametrize("row", CITING_ROWS.values(), ids=CITING_ROWS.keys())
def test_every_provision_names_its_incidents(case_factory, row):
    """Each numbered citation says which incidents it rests on; the police list gives each matter its provision."""
    text = _text(case_factory, row)
    for line in re.findall(r"^\d+\. .*$", text, flags=re.M):
        if "《" in line:
            assert "（见事件" in line or "一日内对本人来电" in line or "依据" in line, line
    for line in text.splitlines():
        if "参见《" in line:  # an argument built on several provisions
            assert "（见事件" in line, line
    listed = re.search(r"请求依法处理：(.*)$", text, flags=re.M)
    if listed:
        for matter in re.split(r"[；。]", listed.group(1)):
            assert not matter or ("事件" in matter and "涉及《" in matter), matter


@pytest.mark.parametrize("document", ["lender", "regulator", "police"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_calls_are_never_written_as_answered_calls(case_factory, document, lang):
    """The standard limits 有效语音通话; how often they called is 来电, and the letter never counts them otherwise."""
    row = Row([incident("2026-03-02 10:00", "call", times=20)], document=document, lang=lang)
    text = _text(case_factory, row)
    lines = [line for line in text.splitlines() if "有效语音通话" in line or "effective voice calls" in line]
    for line in lines:
        assert "违反" not in line and "falls short" not in line, line
        assert "来电超过3次" in line or "called me more than three times" in line, line


def test_findings_command_shows_the_answers_behind_each_provision():
    """A volunteer sees why item (五) was chosen: which incidents, at what time, and that together they are 多次."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from helpers import ROOT

    command = str(Path(sys.executable).with_name("complaint"))
    result = subprocess.run([command, "findings", "examples/night-calls-consumer-finance.json", "--document", "police"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    threats = next(f for f in report["findings"] if f["behaviour"] == "threat_violence")
    assert threats["answers"][0] | {"incident": 1, "date": "2026-02-10", "time": "23:15", "channel": "call",
                                    "contacts": 6, "night": "23:15 is between 22:00 and 08:00"} == threats["answers"][0]
    item5 = next(r for r in threats["references"] if r["key"] == "public_security_2025_50_1_5")
    assert "多次: incidents 1, 2 together stand for 7 calls, messages or acts" in item5["why"]
    assert report["repeated"]["incidents"] == [1, 2]


def test_findings_report_names_the_call_threshold(case_factory):
    from complaint.law import findings, routing, rules
    from complaint.law.report import findings_report

    case = case_factory(incidents=[incident("2026-03-02 10:00", "call", times=12)])
    loaded = rules.load()
    analysis = findings.analyse(case, loaded, document="police")
    report = findings_report(analysis, routing.route(case, loaded, analysis), case)
    calls = next(f for f in report["findings"] if f["behaviour"] == "excessive_calls")
    item5 = next(r for r in calls["references"] if r["key"] == "public_security_2025_50_1_5")
    assert "more than 10 calls to me in a day (the standard allows 3): 2026-03-02 12 calls" in item5["why"]
    assert calls["answers"][0]["calls_to_me_that_day"] == 12


@pytest.mark.parametrize("lang, words", [("zh", "上述行为发生在2026年1月1日以前"),
                                         ("en", "took place before 1 January 2026")])
def test_a_false_identity_before_2026_says_once_that_it_predates_the_new_law(case_factory, lang, words):
    """The lighter new paragraph and 行政处罚法 第三十七条 are both cited; the date is said once, not twice in a row."""
    text = _text(case_factory, Row([incident("2025-11-03 10:00", "sms", "impersonation_lawyer")], lang=lang))
    assert ("第六十二条第三款将" in text or "Article 62, paragraph 3" in text) and text.count(words) == 1


def test_findings_report_names_the_words_behind_a_state_organ_document(case_factory):
    from complaint.law import findings, routing, rules
    from complaint.law.report import findings_report

    case = case_factory(incidents=[incident("2026-03-02 10:00", "sms", "fake_legal_documents", said="假的法院传票")])
    loaded = rules.load()
    analysis = findings.analyse(case, loaded, document="police")
    report = findings_report(analysis, routing.route(case, loaded, analysis), case)
    fake = next(f for f in report["findings"] if f["behaviour"] == "fake_legal_documents")
    forged = next(r for r in fake["references"] if r["key"] == "criminal_280")
    assert any(line.startswith("the description names 法院 or") for line in forged["why"])
