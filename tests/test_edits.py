"""Her own wording in a letter: printed in place of the generated section, escaped, round-tripped in the case
file, noticed when the answers change under it; citations switched off leave every part of the letter."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import TODAY, pdf_text

from complaint import letters
from complaint.letters import edits
from complaint.letters.render import sections
from complaint.model import Documents, Incident, LetterEdits, SectionEdit, edit_key
from complaint.storage import casefile

THIRD_PARTY = Incident(date="2026-03-02", time="10:00", channel="third_party", targets=["contacts"],
                       description="给我通讯录里的朋友群发短信说我欠钱不还",
                       behaviours=["third_party_contact", "spread_personal_info"])


def _reword(case, kind: str, lang: str, **texts: str) -> None:
    """Reword sections as the review page saves them: her text, remembering the generated text it replaced."""
    generated = {s.key: s.generated for s in sections(letters.build(case, kind, lang, TODAY))}
    letter = case.documents.edits.setdefault(edit_key(kind, lang), LetterEdits())
    for key, text in texts.items():
        letter.sections[key] = SectionEdit(text, edits.fingerprint(generated.get(key, ""), key))


def _switch_off(case, kind: str, lang: str, *keys: str) -> None:
    case.documents.edits.setdefault(edit_key(kind, lang), LetterEdits()).off.extend(keys)


def _text(case, kind="lender", lang="zh") -> str:
    return letters.text(letters.build(case, kind, lang, TODAY))


@pytest.mark.parametrize("kind, keys", [
    ("lender", ["requests", "background", "facts", "further", "closing"]),
    ("regulator", ["requests", "background", "earlier", "facts", "further", "closing"]),
    ("hotline", ["opening", "facts", "requests", "further"]),
    ("police", ["facts", "further", "requests"]),
])
def test_each_document_offers_its_sections_with_the_text_it_prints(case_factory, kind, keys):
    case = case_factory(documents=Documents(kinds=["lender", "regulator", "hotline", "police"]))
    found = sections(letters.build(case, kind, "zh", TODAY))
    assert [s.key for s in found] == keys
    facts = next(s for s in found if s.key == "facts")
    assert "2026年2月10日" in facts.generated and "<p" not in facts.generated
    assert all(s.edited is None and not s.stale for s in found)
    assert next(s for s in found if s.key == "further").generated == ""


def test_her_wording_replaces_the_section_and_a_further_section_is_added(case_factory):
    case = case_factory()
    _reword(case, "lender", "zh", facts="2026年2月10日深夜，对方来电辱骂我。\n\n此后又多次来电。",
            further="我已于2026年3月1日向对方说明了还款计划。")
    text = _text(case)
    assert "2026年2月10日深夜，对方来电辱骂我。\n此后又多次来电。" in text
    assert "（事件1）" not in text.split("借款情况")[1].split("附表一")[0]  # the generated story is gone
    assert "三、补充说明\n\n我已于2026年3月1日向对方说明了还款计划。" in text
    assert "四、被投诉人行为违反的规定" in text  # the sections after it are numbered on
    assert "一、借款情况" in text and "投诉人：陈晓燕" in text  # what she did not touch stays


def test_edits_belong_to_one_document_in_one_language(case_factory):
    case = case_factory(documents=Documents(kinds=["lender", "police"]))
    _reword(case, "lender", "zh", further="只在致贷款机构的中文投诉书里。")
    assert "只在致贷款机构的中文投诉书里" in _text(case)
    assert "只在致贷款机构的中文投诉书里" not in _text(case, lang="en")
    assert "只在致贷款机构的中文投诉书里" not in _text(case, kind="police")


def test_her_text_cannot_put_markup_into_the_pdf(case_factory):
    attack = '<img src="http://evil.example/x.png"><b>bold</b><style>*{display:none}</style>'
    case = case_factory()
    _reword(case, "lender", "zh", background=attack)
    doc = letters.build(case, "lender", "zh", TODAY)
    html = letters.html(doc)
    assert "&lt;img src=" in html and "<img src=\"http://evil" not in html and "<style>*" not in html
    text = "".join(pdf_text(letters.pdf(doc)).split())
    assert '<imgsrc="http://evil.example/x.png"><b>bold</b><style>*{display:none}</style>' in text
    assert "被投诉人行为违反的规定" in text  # nothing was hidden by her "style"


def test_a_switched_off_citation_leaves_the_letter_but_stays_offered(case_factory):
    case = case_factory(incidents=[THIRD_PARTY])
    before = _text(case)
    assert "第一千零三十五条" in before and "单独同意" in before  # the contact-list argument rests on it
    _switch_off(case, "lender", "zh", "civil_code_1035")
    doc = letters.build(case, "lender", "zh", TODAY)
    after = letters.text(doc)
    assert "第一千零三十五条" not in after
    assert "单独同意" not in after  # the argument built on it is left out, not cited half-way
    assert "civil_code_1035" in {c.key for c in doc.switchable}  # she can switch it back on
    assert "个人信息保护法" in after  # the other provisions stay


def test_the_police_statement_drops_a_matter_whose_provisions_are_all_switched_off(case_factory):
    threat = Incident(date="2026-03-05", time="21:00", channel="call", description="说要上门打断我的腿",
                      behaviours=["threat_violence"])
    case = case_factory(incidents=[threat], documents=Documents(kinds=["police"]))
    doc = letters.build(case, "police", "zh", TODAY)
    provisions = {c.key for c in doc.switchable if c.key.startswith("public_security")}
    assert doc.police_conduct and provisions
    _switch_off(case, "police", "zh", *provisions, *(c.key for c in doc.switchable if c.key.startswith("criminal")))
    assert not letters.build(case, "police", "zh", TODAY).police_conduct


def test_an_edit_is_noticed_when_the_answers_change_the_text_it_replaced(case_factory):
    case = case_factory()
    _reword(case, "lender", "zh", facts="我的说法。", background="我的借款说明。")
    assert not any(s.stale for s in sections(letters.build(case, "lender", "zh", TODAY)))
    case.incidents[0].description = "深夜打电话辱骂我和我的家人"
    found = {s.key: s for s in sections(letters.build(case, "lender", "zh", TODAY))}
    assert found["facts"].stale and found["facts"].edited == "我的说法。"
    assert "深夜打电话辱骂我和我的家人" in found["facts"].generated  # the new text, to compare with hers
    assert not found["background"].stale
    assert "我的说法。" in _text(case)  # never dropped silently: it prints until she chooses


def test_citations_typed_into_her_text_are_found():
    generated = "根据《银行保险机构消费投诉处理管理办法》第十八条，应当在15日内作出处理决定。"
    assert edits.typed_citations(generated + "请尽快处理。", generated) == []
    assert edits.typed_citations("依据《刑法》第二百九十三条处理。", generated) == ["《刑法》", "第二百九十三条"]
    assert edits.typed_citations("Under Article 1035 of the Civil Code", "") == ["Article 1035"]
    # A title that is no law is her own words: the fake 《起诉通知书》 she was sent, a 《还款协议》.
    assert edits.typed_citations("对方发来一张《起诉通知书》，又要我签《还款协议》。", generated) == []


def test_a_case_file_keeps_her_edits_and_an_older_file_opens_without_any(case_factory):
    case = case_factory()
    _reword(case, "lender", "zh", facts="我的说法。", further="补充一句。")
    _switch_off(case, "lender", "zh", "civil_code_1035")
    reopened = casefile.loads(casefile.dumps(case), TODAY)
    assert reopened.edits("lender", "zh") == case.edits("lender", "zh")
    assert "补充一句。" in _text(reopened)
    old = json.loads(casefile.dumps(case_factory()))
    old["version"] = 4
    assert casefile.loads(json.dumps(old), TODAY).edits("lender", "zh") == LetterEdits()


@pytest.mark.parametrize("change", [
    lambda e: e["sections"].__setitem__("signature", {"text": "x"}),
    lambda e: e["sections"]["facts"].__setitem__("text", "长" * 20001),
    lambda e: e["sections"]["facts"].__setitem__("based_on", "not a fingerprint"),
    lambda e: e.__setitem__("off", ["invented_article_999"]),
])
def test_a_case_file_cannot_smuggle_edits_the_page_would_refuse(case_factory, change):
    case = case_factory()
    _reword(case, "lender", "zh", facts="我的说法。")
    data = json.loads(casefile.dumps(case))
    change(data["documents"]["edits"]["lender.zh"])
    with pytest.raises(casefile.CaseFileError):
        casefile.loads(json.dumps(data), TODAY)


@pytest.mark.parametrize("key", ["facts", "further"])
def test_a_citation_her_section_has_but_the_letter_does_not_make_there_never_prints(case_factory, key):
    case = case_factory()  # as a case file written by hand could hold: the page refuses such a text
    _reword(case, "lender", "zh", **{key: "对方违反了《中华人民共和国刑法》第二百九十三条。"})
    text = _text(case)
    assert "第二百九十三条" not in text and "对方违反了" not in text
    assert "补充说明" not in text, "her own section, with nothing left to print, is left out with its heading"
    assert "（事件1）" in text, "the generated account prints (for \"facts\": in place of hers)"
    found = next(s for s in sections(letters.build(case, "lender", "zh", TODAY)) if s.key == key)
    assert found.withheld == ("《中华人民共和国刑法》", "第二百九十三条") and found.edited is not None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_edited_closing_is_not_stale_the_next_day_but_is_when_the_answers_change_it(case_factory, lang):
    case = case_factory(documents=Documents(kinds=["lender"], letter_lang=lang))
    _reword(case, "lender", lang, closing="请在15日内书面答复。")
    tomorrow = TODAY + dt.timedelta(days=1)
    closing = next(s for s in sections(letters.build(case, "lender", lang, tomorrow)) if s.key == "closing")
    assert not closing.stale  # its "if you receive it on …, by …" moved with today, nothing else did
    case.loan.lender_type = "small_loan"  # no complaint-handling measures, another regulator
    closing = next(s for s in sections(letters.build(case, "lender", lang, tomorrow)) if s.key == "closing")
    assert closing.stale
