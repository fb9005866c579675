"""Text for public platforms hides every personal detail the case holds, says what it hides; chunks fit form limits."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from helpers import STANDARD_ANSWERS, TODAY, Wizard

from complaint import letters
from complaint.letters import chunks, masking
from complaint.model import DOCUMENTS, Case, Collectors, Documents, EarlierComplaint, Incident, Loan, Person, Wants


def test_masked_text_hides_identifying_details_and_keeps_dates_and_amounts(case_factory):
    case = case_factory(person=Person(name="陈晓燕", phone="139 1234 5678", id_number="110101199003074514"),
                        loan=Loan(lender="某银行", lender_type="bank", disputed="no", illegal="no",
                                  account="HT20250318", claimed=Decimal("26480.55")),
                        collectors=Collectors(names=["王经理"], numbers=["170 0000 1234"]),
                        incidents=[Incident(date="2026-02-10", time="23:15", channel="call",
                                            source="0755-8888 6666", description="王经理说要找我妈妈 13812345678",
                                            behaviours=["insult"])])
    text = masking.mask(letters.text(letters.build(case, "lender", "zh", TODAY)), case)
    for secret in ("陈晓燕", "110101199003074514", "HT20250318", "王经理", "13812345678", "139 1234 5678",
                   "1234 5678", "170 0000 1234", "8888 6666"):
        assert secret not in text, secret
    assert "陈**" in text and "110***********4514" in text and "******0318" in text and "王**" in text
    assert "138****5678" in text
    assert "2026-02-10 23:15" in text and "26,480.55元" in text and "2026年2月10日23时15分" in text


@pytest.mark.parametrize("limit", [200, 500, 1000])
def test_chunks_fit_the_limit_and_lose_nothing(case_factory, limit):
    text = letters.text(letters.build(case_factory(), "lender", "zh", TODAY))
    parts = chunks.split(text, limit)
    assert all(len(p) <= limit for p in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")


def test_text_page_offers_masked_and_split_text(client):
    wizard = Wizard(client)
    wizard.complete()
    page = wizard.get("/documents/lender.zh.txt?masked=1&limit=500").get_data(as_text=True)
    assert "陈晓燕" not in page and "陈**" in page and "第1部分，共" in page
    assert "陈晓燕" in wizard.get("/documents/lender.zh.txt").get_data(as_text=True)


def test_names_the_user_lists_are_hidden_too_and_kept_with_the_case(client):
    wizard = Wizard(client)
    incident = {**STANDARD_ANSWERS["incidents"][1],
                "description": "打给我母亲张桂兰和深圳某某科技有限公司人事部，说我欠钱不还。"}
    wizard.complete({"incidents": [incident]})
    masked_url = "/documents/lender.zh.txt?masked=1"
    assert "张桂兰" in wizard.get(masked_url).get_data(as_text=True), "not a name the case knows"
    token = wizard.token(masked_url)
    response = wizard.client.post(masked_url, data={"csrf_token": token,
                                                    "words": "张桂兰\n\n深圳某某科技有限公司\n张桂兰"})
    assert response.status_code == 302
    page = wizard.get(masked_url).get_data(as_text=True)
    text = page[page.index('class="textarea document-text"'):]
    assert "张桂兰" not in text and "深圳某某科技有限公司" not in text
    assert "打给我母亲张**和深***人事部" in text
    assert "张桂兰\n深圳某某科技有限公司</textarea>" in page, "the list is shown again, without the repeat"
    assert "张桂兰" in wizard.get("/documents/lender.zh.txt").get_data(as_text=True), "the letter itself keeps it"
    wizard.answer("/recipient", {"kinds": ["lender", "regulator"], "letter_lang": "zh"})
    assert "张**" in wizard.get(masked_url).get_data(as_text=True), "answering the recipient again keeps the list"


def test_too_many_words_to_hide_get_a_message_and_change_nothing(client):
    wizard = Wizard(client, "en")
    wizard.complete()
    masked_url = "/documents/lender.en.txt?masked=1"
    words = "\n".join(f"name{n}" for n in range(21))
    page = wizard.client.post(masked_url, data={"csrf_token": wizard.token(masked_url), "words": words})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Enter at most 20 names or words" in html and "<title>Error: " in html
    assert re.search(r'<textarea[^>]*id="words"[^>]*></textarea>', wizard.get(masked_url).get_data(as_text=True)), \
        "nothing was saved"


def _everything_personal(contact: str) -> Case:
    """A case with every personal field filled with a value found nowhere else."""
    night = Incident(date="2026-02-10", time="23:15", channel="chat", source="微信号 zhaotiezhu_7788",
                     description="说要去找罗美玲，还要去深圳市光明精密仪器有限公司闹。", behaviours=["threat_violence"],
                     targets=["self", "family"], evidence=["messages", "witness"])
    call = Incident(date="2026-02-12", time="09:30", channel="call", source="0755-6677 8899", times=4,
                    description="又打来骂人", behaviours=["insult", "excessive_calls"])
    return Case(
        person=Person(name="Ouyang Nana 欧阳娜娜", phone="138 0013 8000", id_number="11010519850705004x",
                      contact=contact),
        loan=Loan(lender="某某消费金融股份有限公司", lender_type="consumer_finance", disputed="yes", illegal="no",
                  account="HTX-4471-9932", product="随借花App", borrowed=Decimal("20000.00")),
        collectors=Collectors(agency="某某信息咨询有限公司", names=["催收员赵铁柱"],
                              numbers=["166 5555 4444", "微信号 zhaotiezhu_7788"]),
        incidents=[night, call],
        earlier=EarlierComplaint(made="yes", date="2026-02-20", outcome="no_reply", reference="KF31415-2718"),
        wants=Wants(requests=["stop_unlawful"]),
        documents=Documents(kinds=list(DOCUMENTS), hidden=["罗美玲", "深圳市光明精密仪器有限公司"]),
    )


def _windows(value: str, size: int) -> set[str]:
    return {value[i:i + size] for i in range(len(value) - size + 1)}


PERSONAL = [  # (value, the longest piece of it that may remain)
    ("Ouyang Nana 欧阳娜娜", 3), ("欧阳娜娜", 1), ("138 0013 8000", 4), ("13800138000", 4), ("11010519850705004X", 4),
    ("HTX-4471-9932", 4), ("KF31415-2718", 2), ("催收员赵铁柱", 3), ("赵铁柱", 1), ("166 5555 4444", 4),
    ("16655554444", 4),
    ("zhaotiezhu_7788", 3), ("0755-6677 8899", 4), ("07556677 8899", 4), ("罗美玲", 1), ("光明精密仪器", 1),
]


@pytest.mark.parametrize("contact, kept, gone", [
    ("广东省深圳市南山区科技园北区朗山路十一号三栋1201室", "广东省深圳市***",
     ("南山区科技园北区朗山路十一号三栋1201室", 2)),
    ("nana.oy.zq58@example.org", "***", ("nana.oy.zq58@example.org", 4)),
    ("Room 1201, Block 3, 11 Langshan Road, Nanshan", "***", ("Room 1201, Block 3, 11 Langshan Road, Nanshan", 4)),
])
@pytest.mark.parametrize("kind", DOCUMENTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_masked_text_hides_every_personal_field(contact, kept, gone, kind, lang):
    case = _everything_personal(contact)
    plain = letters.text(letters.build(case, kind, lang, TODAY))
    text = masking.mask(plain, case)
    for value, longest in PERSONAL + [gone]:
        leaked = {piece for piece in _windows(value, longest + 1) if piece.strip() and piece in text}
        assert not leaked, (value, leaked)
    if case.person.contact in plain:
        assert kept in text
    assert "某某消费金融股份有限公司" in text, "the lender is named"


@pytest.mark.parametrize("lang, words", [
    ("zh", ["你的姓名", "你的电话号码", "你的身份证号码", "你的地址（只保留城市）", "合同或账户编号",
            "你向贷款机构投诉的编号", "催收人员使用的名字", "催收人员使用的号码和账号", "你在下面列出的名字和词语",
            "其他7位及以上的数字"]),
    ("en", ["your name", "your phone number", "your ID number", "your address, all but the city",
            "the contract or account number", "the reference of your complaint to the lender",
            "the names the collectors used", "the numbers and accounts the collectors used",
            "the names and words you list below", "any other number of 7 digits or more"]),
])
def test_the_masked_text_page_says_what_is_hidden(client, lang, words):
    wizard = Wizard(client, lang)
    wizard.complete()
    masked_url = f"/documents/lender.{lang}.txt?masked=1"
    wizard.client.post(masked_url, data={"csrf_token": wizard.token(masked_url), "words": "张桂兰"})
    page = wizard.get(masked_url).get_data(as_text=True)
    listed = page[page.index('id="hidden-kinds"'):page.index("</ul>", page.index('id="hidden-kinds"'))]
    for word in words:
        assert word in listed, word
    assert "e-mail" not in listed and "电子邮箱" not in listed, "she gave an address, not an e-mail"
    assert "漕溪北路" not in page and "上海市***" in page


def test_a_two_letter_source_does_not_star_the_letters_own_words(case_factory):
    case = case_factory(incidents=[Incident(date="2026-02-10", channel="chat", source="QQ", description="骂人",
                                            behaviours=["insult"])])
    text = masking.mask(letters.text(letters.build(case, "lender", "zh", TODAY)), case)
    assert "通过微信、QQ等即时通讯工具联系本人" in text
