"""What the letters say: the narrative, the citations and the tables, built from the incidents."""
from __future__ import annotations

import re

import pytest
from helpers import TODAY

from complaint import letters
from complaint.law import rules
from complaint.letters.document import NARRATED_INCIDENTS
from complaint.model import Collectors, EarlierComplaint, EvidenceItem, Incident, Wants


def _text(case, kind="lender", lang="zh") -> str:
    return letters.text(letters.build(case, kind, lang, TODAY))


def test_narrative_tells_each_incident_with_time_number_and_the_users_words(case_factory):
    case = case_factory(incidents=[
        Incident(date="2026-02-10", time="23:15", channel="call", source="170 0000 1234", times=6,
                 description="说不还钱就让我全家不得安宁", behaviours=["night_calls", "threat_violence"]),
        Incident(date="2026-03", channel="third_party", targets=["family", "work"], source="0755-88886666",
                 description="打给我母亲和单位人事", behaviours=["third_party_contact"]),
    ])
    text = _text(case)
    assert "（事件1）2026年2月10日23时15分，催收人员使用号码170 0000 1234拨打本人的电话，共6次。" in text
    assert "具体情况：说不还钱就让我全家不得安宁。" in text
    assert "（事件2）2026年3月（具体日期不详），催收人员使用号码0755-88886666联系本人家属、本人工作单位及同事。" in text
    assert "本人记录了2起催收事件（共计约7次联系），其中1起发生在夜间22时至次日8时之间，1起涉及本人以外的第三人" in text


def test_english_narrative(case_factory):
    text = _text(case_factory(), lang="en")
    assert "Incident 1. On 10 February 2026 at 23:15, the collectors called me." in text
    assert "In my words: 深夜打电话辱骂。" in text


def test_citations_quote_the_article_and_name_the_incidents(case_factory):
    public_insult = Incident(date="2026-02-10", channel="work_visit", targets=["work"], description="当着同事骂我",
                             behaviours=["insult"])
    text = _text(case_factory(incidents=[public_insult]))
    assert ("辱骂侮辱（见事件1）：《中华人民共和国民法典》第一千零二十四条规定："
            "“任何组织或者个人不得以侮辱、诽谤等方式侵害他人的名誉权。”") in text


def test_only_verified_references_appear_and_each_with_its_own_quote(case_factory):
    case = case_factory(incidents=[Incident(date="2026-02-10", channel="call", description="x",
                                            behaviours=list(rules.load().behaviours))])
    text = _text(case, "regulator")
    cited = re.findall(r"《([^》]+)》(第[^规]+?)规定：“([^”]+)”", text)
    assert cited
    by_article = {ref.article.zh: ref for ref in rules.load().references.values() if ref.status == "VERIFIED"}
    for instrument, article, quote in cited:
        ref = by_article[article]
        assert ref.instrument.name.zh == instrument and ref.quote.zh == quote


def test_the_phone_harassment_article_is_not_cited_for_a_home_visit(case_factory):
    visit = Incident(date="2026-02-10", channel="home_visit", description="上门堵人", behaviours=["visit_follow",
                                                                                                "night_calls"])
    text = _text(case_factory(incidents=[visit]))
    assert "第一千零三十三条" not in text and "第一千零三十二条" in text


def test_conduct_before_the_civil_code_cites_nothing_from_it(case_factory):
    old = Incident(date="2020-06-01", channel="call", description="辱骂", behaviours=["insult"])
    assert "民法典" not in _text(case_factory(incidents=[old]))


def test_requests_are_numbered_and_include_the_users_own(case_factory):
    case = case_factory(wants=Wants(requests=["stop_unlawful", "apologise"], other="删除群里的帖子"))
    text = _text(case)
    assert "一、立即停止一切违法违规的催收行为；" in text
    assert "二、就上述催收行为向本人书面道歉；" in text
    assert "三、删除群里的帖子。" in text


def test_regulator_letter_asks_the_regulator_to_act(case_factory):
    text = _text(case_factory(), "regulator")
    assert "致：国家金融监督管理总局贷款机构所在地派出机构" in text
    assert ("一、依法受理本投诉，并依据《银行业保险业消费投诉处理管理办法》第三十三条"
            "将本投诉转送被投诉人、告知本人；") in text
    assert "督促其依法处理" not in text and text.count("受理本投诉") == 1
    assert "二、督促被投诉人：" in text and "（一）立即停止一切违法违规的催收行为；" in text
    assert "依法对被投诉人的违规催收行为进行调查处理" in text


def test_evidence_list_groups_proof_by_kind_with_purpose(case_factory):
    case = case_factory(incidents=[
        Incident(date="2026-02-10", channel="call", description="a", behaviours=["insult"], evidence=["call_log"]),
        Incident(date="2026-02-11", channel="call", description="b", behaviours=["night_calls"],
                 evidence=["call_log", "recording"]),
    ])
    text = _text(case)
    # A log shows no insult.
    assert "1 | 通话记录截图（事件1、2） | 本人手机 | 证明事件1、2中催收方夜间催收的事实\n" in text
    assert "2 | 通话录音（事件2） | 本人录制 |" in text


def test_a_long_run_of_incidents_is_named_as_a_range_and_a_short_one_number_by_number(case_factory):
    logged = [Incident(date=f"2026-01-{day:02d}", time="23:00", channel="call", description="又打来了",
                       behaviours=["night_calls"], evidence=[] if day == 5 else ["call_log"]) for day in range(1, 13)]
    case = case_factory(incidents=logged)
    assert "通话记录截图（事件1、2、3、4、6至12）" in _text(case)
    assert "(incidents 1, 2, 3, 4 and 6 to 12)" in _text(case, lang="en")
    # Word joiners keep a range on one line of the PDF, as they keep a number.
    assert "6\u2060至\u206012" in letters.html(letters.build(case, "lender", "zh", TODAY))


def test_long_cases_narrate_the_first_incidents_and_table_the_rest(case_factory):
    many = [Incident(date="2026-01-01", time=f"{h % 24:02d}:00", channel="call", description=f"第{h}次",
                     behaviours=["excessive_calls"]) for h in range(NARRATED_INCIDENTS + 5)]
    text = _text(case_factory(incidents=many))
    assert "另有5起催收事件，详见下表《催收事件时间表》。" in text
    assert text.count(" | 2026-01-01 ") == NARRATED_INCIDENTS + 5


def test_collectors_details_appear_in_the_overview(case_factory):
    case = case_factory(collectors=Collectors(agency="某催收公司", names=["王经理"], numbers=["170 0000 1234"]))
    text = _text(case)
    assert "催收机构为某催收公司；催收人员自称“王经理”；使用的号码或账号包括170 0000 1234" in text
    assert "实际实施催收的机构：某催收公司" in text


def test_hotline_sheet_has_blanks_for_the_ticket(case_factory):
    text = _text(case_factory(), "hotline")
    assert "工单号" in text and "承诺答复时间" in text and "您好，我要投诉某某消费金融股份有限公司" in text
    assert "Ticket number" in _text(case_factory(), "hotline", "en")


def test_a_long_timeline_folds_into_three_columns(case_factory):
    from complaint.letters.document import COMPACT_TIMELINE_OVER

    many = [Incident(date="2026-01-02", time=f"{h % 24:02d}:{h % 60:02d}", channel="call", source="170 0000 1234",
                     description="又打来了", behaviours=["excessive_calls"]) for h in range(COMPACT_TIMELINE_OVER + 1)]
    text = _text(case_factory(incidents=many))
    assert "序号 | 时间 | 方式、号码、对象及行为" in text
    assert " | 2026-01-02 00:00 | 电话；170 0000 1234；本人；夜间催收、频繁催收" in text  # as the body labels it
    assert "序号 | 时间 | 方式 | 号码或账号" in _text(case_factory())


def _picture(caption="", incidents=(), n=1):
    return EvidenceItem(kind="image", caption=caption, incidents=list(incidents), sha256=f"{n:064x}", mime="image/png")


def _evidence_rows(text: str) -> list[str]:
    """The rows of the evidence list (schedule 2), without the table headings."""
    schedule = text[text.rindex("附表二：证据清单" if "附表二" in text else "Schedule 2: Evidence"):]
    return re.findall(r"^\d+ \| .*$", schedule, flags=re.M)


# (proof ticked on the incident, what was uploaded or listed: (kind, caption, linked?),
#  rows attached (zh, en), rows kept (zh, en))
EVIDENCE_TABLE = [
    (["witness"], [], [], []),
    (["call_log"], [("image", "通话记录", True)], [("通话记录（事件1）", "通话记录 (incident 1)")], []),
    (["call_log", "messages"], [("image", "来电记录截图", True)],
     [("来电记录截图（事件1）", "来电记录截图 (incident 1)")],
     [("短信、聊天记录截图（事件1）", "Screenshots of text messages and chats (incident 1)")]),
    (["call_log"], [("image", "", True)], [("通话记录截图（事件1）", "Screenshot of the call log (incident 1)")], []),
    (["call_log", "messages"], [("image", "", True)],
     [("截图或照片（未填写说明）（事件1）", "Screenshot or photo (no description given) (incident 1)")], []),
    ([], [("image", "", False)], [("截图或照片（未填写说明）", "Screenshot or photo (no description given)")], []),
    (["recording", "call_log"], [("recording", "2月10日通话录音", True)], [],
     [("2月10日通话录音（事件1）", "2月10日通话录音 (incident 1)"),
      ("通话记录截图（事件1）", "Screenshots of the call log (incident 1)")]),
    (["call_log", "recording", "messages", "photo_video", "document", "other", "witness"],
     [("image", "催收短信", True), ("image", "", False), ("image", "律师函照片", True)],
     [("催收短信（事件1）", "催收短信 (incident 1)"),
      ("截图或照片（未填写说明）", "Screenshot or photo (no description given)"),
      ("律师函照片（事件1）", "律师函照片 (incident 1)")],
     [("通话记录截图（事件1）", "Screenshots of the call log (incident 1)"),
      ("通话录音（事件1）", "Call recordings (incident 1)"),
      ("照片或视频（事件1）", "Photos or videos (incident 1)"), ("其他材料（事件1）", "Other material (incident 1)")]),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("ticked, items, attached, kept", EVIDENCE_TABLE)
def test_the_evidence_list_holds_what_exists_each_once(case_factory, lang, ticked, items, attached, kept):
    incident = Incident(date="2026-02-10", channel="call", description="深夜辱骂", behaviours=["insult"],
                        evidence=ticked)
    evidence = [EvidenceItem(kind=kind, caption=caption, incidents=[incident.ref] if linked else [],
                             sha256=f"{n:064x}", mime="image/png" if kind == "image" else "")
                for n, (kind, caption, linked) in enumerate(items, start=1)]
    index = 0 if lang == "zh" else 1
    for kind in ("lender", "regulator", "police"):
        text = _text(case_factory(incidents=[incident], evidence=evidence), kind, lang)
        rows = _evidence_rows(text)
        names = [re.sub(r"SHA-256[:：] ?[0-9a-f]{64}", "", row.split(" | ")[1]) for row in rows]
        assert names == [a[index] for a in attached] + [k[index] for k in kept], (kind, rows)
        assert [int(row.split(" | ")[0]) for row in rows] == list(range(1, len(rows) + 1))
        assert not re.search(r"证据(\d+)：证据\1|Evidence (\d+): Evidence \2", text)
        assert "书面说明" not in text and "Written statements" not in text
        if lang == "zh":
            assert ("随附的证据材料共%d项" % len(attached) in text) == bool(attached)
            assert "复印件" not in text
            assert ("（一）随本材料附上的证据（附件）" in text) == bool(attached)
            assert ("本人保存、可应要求提供的证据（未附上）" in text) == bool(kept)
            assert ("另外，事件1发生时有他人看到或听到。" in text) == ("witness" in ticked)
        else:
            counted = f"({len(attached)} item)" if len(attached) == 1 else f"({len(attached)} items)"
            assert (f"as listed in part 1 of Schedule 2 {counted}" in text) == bool(attached)
            assert ("(1) Attached to this letter" in text) == bool(attached)
            assert ("Kept by me, available on request (not attached)" in text) == bool(kept)
            assert ("Other people also saw or heard incident 1." in text) == ("witness" in ticked)


def test_the_police_statement_vouches_only_for_what_she_has(case_factory):
    incident = Incident(date="2026-02-10", channel="call", description="说要砍我", behaviours=["threat_violence"],
                        evidence=["witness", "call_log"])
    case = case_factory(incidents=[incident], evidence=[_picture("", [incident.ref])])
    text = _text(case, "police")
    vouched = text.index("本人保证以上陈述属实")
    assert vouched < text.index("附表二：证据清单")
    assert [row[:23] for row in _evidence_rows(text)] == ["1 | 通话记录截图（事件1）SHA-256："]


@pytest.mark.parametrize("made, zh, en", [
    ("no", "是否已先向机构投诉：□ 是　■ 否", "Already complained to the lender? □ Yes ■ No"),
    ("yes", "是否已先向机构投诉：■ 是　□ 否。本人已于2026年3月5日向被投诉人投诉",
     "Already complained to the lender? ■ Yes □ No. I complained to the respondent on 5 March 2026"),
    (None, "是否已先向机构投诉：□ 是，时间________，结果________　□ 否",
     "Already complained to the lender? □ Yes, on ________, outcome ________ □ No"),
])
def test_the_hotline_sheet_ticks_the_box_she_answered(case_factory, made, zh, en):
    case = case_factory(earlier=EarlierComplaint(made=made, date="2026-03-05") if made else None)
    assert zh in _text(case, "hotline", "zh")
    assert en in _text(case, "hotline", "en")


def test_a_phone_number_is_written_one_way_in_every_letter(case_factory):
    case = case_factory(
        person=case_factory().person.__class__(name="陈晓燕", phone="+86 13912345678"),
        collectors=Collectors(numbers=["170-0000-1234", "0755 8888 6666"]),
        incidents=[Incident(date="2026-02-10", time="23:15", channel="call", source="17000001234", description="a",
                            behaviours=["night_calls"]),
                   Incident(date="2026-02-11", time="10:00", channel="call", source="(0755)88886666", description="b",
                            behaviours=["insult"])])
    for kind in ("lender", "police", "hotline"):
        for lang in ("zh", "en"):
            text = _text(case, kind, lang)
            digits = re.findall(r"[\d+][\d \-()]{8,}\d", text)
            spelled = {d for d in digits if re.sub(r"\D", "", d).endswith(("13912345678", "17000001234", "88886666"))}
            assert spelled <= {"139 1234 5678", "170 0000 1234", "0755-88886666"}, (kind, lang, spelled)
    assert "使用的号码或账号：170 0000 1234、0755-88886666\n" in _text(case, "police")


def test_an_account_before_a_chat_is_not_said_through_twice(case_factory):
    chat = Incident(date="2026-02-10", channel="chat", source="微信号 cuishou_01", description="发语音骂人",
                    behaviours=["insult"])
    text = _text(case_factory(incidents=[chat]))
    assert "催收人员使用账号“微信号 cuishou_01”通过微信、QQ等即时通讯工具联系本人。" in text
    assert not re.search(r"通过[^。，]*通过", text.split("具体情况")[0].split("（事件1）")[1])


@pytest.mark.parametrize("lang, also", [("zh", "对方还使用了"), ("en", "They also used")])
def test_the_hotline_sheet_names_each_number_once(case_factory, lang, also):
    """The overview already lists her numbers: the sheet adds only the ones her incidents came from besides."""
    incidents = [Incident(date="2026-02-10", time="10:00", channel="call", source="170 0000 1234", description="骂人",
                          behaviours=["insult"]),
                 Incident(date="2026-02-11", time="10:00", channel="sms", source="法务部张律师", description="骂人",
                          behaviours=["insult"])]
    text = _text(case_factory(incidents=incidents, collectors=Collectors(numbers=["170 0000 1234"])), "hotline", lang)
    assert text.count("170 0000 1234") == 1
    assert f"{also}：法务部张律师" in text or f"{also}: 法务部张律师" in text
    alone = _text(case_factory(incidents=incidents[:1], collectors=Collectors(numbers=["170 0000 1234"])),
                  "hotline", lang)
    assert alone.count("170 0000 1234") == 1 and also not in alone


def test_the_police_statement_lists_every_number_she_gave(case_factory):
    incidents = [Incident(date="2026-02-10", time="10:00", channel="call", source="170 0000 1234", description="骂人",
                          behaviours=["insult"])]
    case = case_factory(incidents=incidents, collectors=Collectors(numbers=["95xxx转3", "170 0000 1234"]))
    assert "使用的号码或账号：95xxx转3、170 0000 1234\n" in _text(case, "police")
    assert "Numbers or accounts used: 95xxx转3, 170 0000 1234\n" in _text(case, "police", "en")


def test_the_police_statement_names_the_agency_in_plain_english(case_factory):
    """自称或经查为X: the collectors said they were from X, or X was found to be collecting."""
    case = case_factory(collectors=Collectors(agency="杭州某某商务咨询有限公司"))
    assert ("the people collecting for 某某消费金融股份有限公司 "
            "(from 杭州某某商务咨询有限公司, by their own account or as established)") in _text(case, "police", "en")
    assert "（自称或经查为杭州某某商务咨询有限公司）" in _text(case, "police")


def test_a_sender_she_named_is_not_listed_again_as_a_number(case_factory):
    incidents = [Incident(date="2026-02-10", time="10:00", channel="sms", source="法务部张律师", description="骂人",
                          behaviours=["insult"])]
    case = case_factory(incidents=incidents, collectors=Collectors(names=["法务部张律师"], numbers=["170 0000 1234"]))
    police, hotline = _text(case, "police"), _text(case, "hotline")
    assert "自称：法务部张律师\n" in police and "使用的号码或账号：170 0000 1234\n" in police
    assert "对方还使用了" not in hotline



@pytest.mark.parametrize("product, account, expected", [
    ("", "", "a consumer finance company."),
    ("", "HT-1", "a consumer finance company, under contract or account number HT-1."),
    ("随借花App", "", "a consumer finance company, through 随借花App."),
])
def test_the_english_loan_sentence_has_no_stray_commas(case_factory, product, account, expected):
    case = case_factory()
    case.loan.product, case.loan.account = product, account
    text = _text(case, "lender", "en")
    assert expected in text and ",." not in text and ",," not in text
