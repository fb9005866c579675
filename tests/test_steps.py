"""The question pages as the step registry wires them: the guard on every page of a step, and the check page
showing each question's answers in the order asked, each with a Change link to its own box."""
from __future__ import annotations

import re

import pytest

from complaint.web import steps

# Every page that belongs to a step after the first, documents included.
STEP_PAGES = ("/loan", "/collectors", "/incidents", "/incidents/new", "/incidents/1", "/incidents/import",
              "/incidents/import/confirm", "/evidence", "/evidence/listed/new", "/wants", "/earlier", "/recipient",
              "/check", "/documents", "/documents/deadlines.ics", "/documents/lender.zh.pdf",
              "/documents/lender.zh.txt", "/documents/lender.zh/pages", "/documents/lender.zh/page-1",
              "/documents/evidence-1.zh.pdf")
CHANGE_LINK = re.compile(r'<a href="(/[^"#]*)\?return=check#([^"]+)">')
SECTION = re.compile(r'<h2 class="(?:summary-card-title|heading-m)">([^<]+)</h2>')


def test_every_page_of_a_step_sends_a_new_draft_to_the_first_question(wizard):
    wizard.begin()
    for url in STEP_PAGES:
        response = wizard.get(url)
        assert response.status_code == 302 and response.headers["Location"].endswith("/about-you"), url


def test_answers_can_be_saved_before_every_question_is_answered(wizard):
    wizard.begin()
    page = wizard.get("/save")
    assert page.status_code == 200 and 'name="password"' in page.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_change_link_opens_the_page_at_the_box_holding_that_answer(wizard, lang):
    wizard.client.set_cookie("lang", lang)
    links = CHANGE_LINK.findall(wizard.complete().get_data(as_text=True))
    asked = {f"/{step.slug}" for step in steps.STEPS if step.form}
    assert asked <= {url for url, _ in links}
    for url, box in links:
        page = wizard.get(f"{url}?return=check")
        assert page.status_code == 200 and f'id="{box}"' in page.get_data(as_text=True), (url, box)


def test_check_page_shows_the_answers_in_the_order_they_were_asked(wizard):
    wizard.client.set_cookie("lang", "en")
    check = wizard.complete().get_data(as_text=True)
    sections = ["About you", "The loan", "Who is collecting", "What happened", "Your evidence", "What you want",
                "Complaining to the lender", "Your documents"]
    assert [title for title in SECTION.findall(check) if title in sections] == sections


def test_check_page_leaves_out_the_details_of_a_complaint_never_made(wizard):
    wizard.complete({"/earlier": {"made": "no"}})
    check = wizard.get("/check").get_data(as_text=True)
    assert "你是否已经就这件事向贷款机构投诉过？" in check
    assert "/earlier?return=check#made-0" in check and "/earlier?return=check#outcome-0" not in check
