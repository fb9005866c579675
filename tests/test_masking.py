"""Text for public platforms hides ID, account and phone numbers and known names; chunks fit form limits."""
from __future__ import annotations

import pytest

from conftest import TODAY, Wizard
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
