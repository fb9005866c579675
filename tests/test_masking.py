"""Text for public platforms hides ID, account and phone numbers and known names; chunks fit form limits."""
from __future__ import annotations

import re

import pytest

from conftest import STANDARD_ANSWERS, TODAY, Wizard
from complaint import letters
from complaint.letters import chunks, masking
from complaint.model import Collectors, Incident, Loan, Person


def test_masked_text_hides_identifying_details_and_keeps_dates_and_amounts(case_factory):
    case = case_factory(person=Person(name="陈晓燕", phone="139 1234 5678", id_number="110101199003074514"),
                        loan=Loan(lender="某银行", lender_type="bank", disputed="no", illegal="no",
                                  account="HT20250318", claimed="26480.55"),
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
