"""The review page of each document: her wording of a section and the citations she switched off reach the PDF, the
text and the masked text; answers changed since an edit are flagged, section by section; nothing typed can inject
markup or a citation, and a refused edit saves nothing."""
from __future__ import annotations

import html
import io
import json

import pytest
from helpers import STANDARD_ANSWERS, Wizard, page_problems, pdf_text
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fuzz import HOSTILE, PROFILE, case_file

from complaint.cli import cli
from complaint.model import SECTION_LENGTH
from complaint.storage import casefile

REVIEW = "/documents/lender.zh/review"
REQUESTS = "请贵司立即停止一切催收来电，今后只以书面方式与本人联系。"
FACTS = "自2026年2月起，催收人员多次在深夜来电威胁本人。\n本人已将通话录音保存。"
SWITCHED_OFF = ("civil_code_1033_1", "第一千零三十三条")  # the key and the article the letter prints
INJECTION = '<img src="http://evil.example/x.png"><b>bold</b><style>*{display:none}</style>'


@pytest.fixture
def wizard(client):
    wizard = Wizard(client)
    wizard.complete()
    return wizard


def _post(wizard, data: dict, url: str = REVIEW):
    return wizard.answer(url, data)


def _save(wizard, key: str, text, url: str = REVIEW):
    return _post(wizard, {"section": key, "action": "save", "text": text}, url)


def _citations(wizard, off: set[str], url: str = REVIEW):
    """Save the citations with every box ticked but those in `off`."""
    page = wizard.get(url).get_data(as_text=True)
    listed = [line.split('value="')[1].split('"')[0] for line in page.split("\n") if 'name="on"' in line]
    return _post(wizard, {"action": "citations", "on": [key for key in listed if key not in off]}, url)


def _pdf(wizard, lang: str = "zh") -> str:
    return pdf_text(wizard.client.get(f"/documents/lender.{lang}.pdf").data).replace("\n", "")


def _text(wizard, masked: bool = False) -> str:
    return wizard.get("/documents/lender.zh.txt" + ("?masked=1" if masked else "")).get_data(as_text=True)


def _edit_two_sections_and_switch_off_a_citation(wizard):
    assert _save(wizard, "requests", REQUESTS).status_code == 302
    assert _save(wizard, "facts", FACTS).status_code == 302
    assert _citations(wizard, {SWITCHED_OFF[0]}).status_code == 302


def test_her_sections_and_the_citation_switched_off_reach_the_pdf_the_text_and_the_masked_text(wizard):
    generated = _pdf(wizard)
    assert SWITCHED_OFF[1] in generated and "立即停止一切违法违规的催收行为" in generated
    _edit_two_sections_and_switch_off_a_citation(wizard)

    printed = _pdf(wizard)
    assert REQUESTS in printed and "自2026年2月起，催收人员多次在深夜来电威胁本人。本人已将通话录音保存。" in printed
    assert "立即停止一切违法违规的催收行为" not in printed, "her requests replace the generated ones"
    assert "本人记录了2起催收事件" not in printed, "her account replaces the generated one"
    assert SWITCHED_OFF[1] not in printed
    assert "第一千零三十二条" in printed, "the citations she left on stay"
    for text in (_text(wizard), _text(wizard, masked=True)):
        assert REQUESTS in text and "本人已将通话录音保存。" in text
        assert "本人记录了2起催收事件" not in text and SWITCHED_OFF[1] not in text


def test_the_english_letter_is_edited_apart(wizard):
    _edit_two_sections_and_switch_off_a_citation(wizard)
    english = _pdf(wizard, "en")
    assert REQUESTS not in english and "Article 1033" in english


def test_the_documents_page_links_to_the_review_and_counts_her_changes(wizard):
    page = wizard.get("/documents").get_data(as_text=True)
    assert page.count('href="/documents/lender.zh/review"') == 1 and "你修改了这封信" not in page
    _edit_two_sections_and_switch_off_a_citation(wizard)
    page = wizard.get("/documents").get_data(as_text=True)
    assert "你修改了这封信：改写了2个部分。" in page and "关闭了1条引用。" in page


def test_the_documents_page_tells_her_of_edits_to_the_letter_in_the_other_language(client):
    wizard = Wizard(client)
    wizard.complete({"/recipient": {"kinds": ["lender"], "letter_lang": "en"}})
    further = "The collectors also posted my photo in a WeChat group."
    assert _save(wizard, "further", further, "/documents/lender.en/review").status_code == 302
    assert wizard.answer("/recipient?return=check", {"kinds": ["lender"], "letter_lang": "zh"}).status_code == 302

    page = wizard.get("/documents").get_data(as_text=True)
    notice = page.split('<section class="document" id="lender">')[1].split("</section>")[0]
    assert "你修改了这封信的英文版：改写了1个部分。" in notice and "你修改了这封信：" not in notice
    assert 'href="/documents/lender.en/review">查看和修改英文版' in notice
    assert further in wizard.get("/documents/lender.en/review").get_data(as_text=True), "choosing kept her edit"
    assert _save(wizard, "requests", REQUESTS).status_code == 302
    notice = wizard.get("/documents").get_data(as_text=True).split('id="lender">')[1].split("</section>")[0]
    assert notice.index("你修改了这封信：改写了1个部分。") < notice.index("你修改了这封信的英文版")


def test_answers_changed_after_an_edit_flag_those_sections_and_she_chooses_for_each(wizard):
    assert _save(wizard, "background", "本人于2025年3月向该公司借款两万元。").status_code == 302
    assert _save(wizard, "facts", FACTS).status_code == 302
    page = wizard.get(REVIEW).get_data(as_text=True)
    assert 'id="stale"' not in page

    loan = {"lender": "另一家消费金融有限公司", "lender_type": "consumer_finance", "product": "随借花App",
            "account": "HT20250318", "borrowed": "20,000", "claimed": "¥26480.55", "disputed": "yes",
            "illegal": "no", "province": "shanghai"}
    assert wizard.answer("/loan?return=check", loan).status_code == 302
    page = wizard.get(REVIEW).get_data(as_text=True)
    assert 'id="stale"' in page
    for key in ("background", "facts"):
        section = page.split(f'<section class="review-section" id="{key}">')[1].split("</section>")[0]
        assert "保留我的版本" in section and "使用新的文字" in section
        assert "另一家消费金融有限公司" in section, "the new generated text is shown beside hers"
    assert "本人已将通话录音保存。" in _pdf(wizard), "never dropped silently"
    documents = wizard.get("/documents").get_data(as_text=True)
    assert f'<a href="{REVIEW}#stale"><strong>你改写的2个部分，生成的文字有了变化：请选择保留哪个文字。' in documents

    assert _save(wizard, "facts", FACTS).status_code == 302  # "Keep my version"
    assert _post(wizard, {"section": "background", "action": "drop", "text": "x"}).status_code == 302  # the new
    page = wizard.get(REVIEW).get_data(as_text=True)
    assert 'id="stale"' not in page and "保留我的版本" not in page
    printed = _pdf(wizard)
    assert "本人已将通话录音保存。" in printed and "本人于2025年3月向该公司借款两万元。" not in printed
    assert "本人曾通过随借花App向另一家消费金融有限公司" in printed


def test_a_citation_switched_off_cannot_stay_in_her_wording_of_a_section(wizard):
    closing = "逾期未答复的，本人将依据《中华人民共和国民法典》第九百九十七条申请人民法院责令其停止有关行为。"
    assert _save(wizard, "closing", closing).status_code == 302
    assert _citations(wizard, {"civil_code_997"}).status_code == 302
    section = wizard.get(REVIEW).get_data(as_text=True).split('id="closing">')[1].split("</section>")[0]
    assert "保留我的版本" in section, "the generated closing lost the citation: her version is flagged"
    refused = _save(wizard, "closing", closing).get_data(as_text=True)
    assert "请删去《中华人民共和国民法典》、第九百九十七条：引用的规定不能自己输入" in refused
    assert _save(wizard, "closing", "逾期未答复的，本人将通过法律途径维护自身合法权益。").status_code == 302
    assert "第九百九十七条" not in _text(wizard)


def test_a_citation_switched_off_never_prints_from_her_wording_which_waits_for_her_flagged(wizard):
    closing = "逾期未答复的，本人将依据《中华人民共和国民法典》第九百九十七条申请人民法院责令其停止有关行为。"
    assert _save(wizard, "closing", closing).status_code == 302
    assert closing in _pdf(wizard)
    assert _citations(wizard, {"civil_code_997"}).status_code == 302

    printed = _pdf(wizard)
    assert "第九百九十七条" not in printed, "the letter never cites what she switched off"
    assert "本人将向国家金融监督管理总局上海监管局投诉" in printed, "the generated closing prints in its place"
    for text in (_text(wizard), _text(wizard, masked=True)):
        assert "第九百九十七条" not in text and "本人将向国家金融监督管理总局上海监管局投诉" in text
    page = wizard.get(REVIEW).get_data(as_text=True)
    assert not page_problems(page)
    assert 'href="#closing"' in page.split('id="withheld"')[1].split("</div>")[0]
    section = page.split('id="closing">')[1].split("</section>")[0]
    assert "你的版本引用了《中华人民共和国民法典》、第九百九十七条，信中这一部分已不再引用。" in section
    assert closing in section, "her text is kept in the box for her to fix, never dropped"
    documents = wizard.get("/documents").get_data(as_text=True)
    assert f'<a href="{REVIEW}#withheld"><strong>你改写的1个部分引用了信中已不再引用的规定' in documents

    fixed = "逾期未答复的，本人将通过法律途径维护自身合法权益。"
    assert _save(wizard, "closing", fixed).status_code == 302
    assert fixed in _pdf(wizard) and 'id="withheld"' not in wizard.get(REVIEW).get_data(as_text=True)


def test_a_citation_the_answers_take_out_of_a_section_never_prints_from_her_wording(wizard):
    reworded = "根据《银行业保险业消费投诉处理管理办法》第十八条，请于15日内书面答复本人。"
    assert _save(wizard, "closing", reworded).status_code == 302
    loan = {**STANDARD_ANSWERS["/loan"], "lender_type": "small_loan"}  # the 办法 governs banks and consumer finance
    assert wizard.answer("/loan?return=check", loan).status_code == 302
    printed = _pdf(wizard)
    assert "第十八条" not in printed and reworded not in printed
    assert 'id="withheld"' in wizard.get(REVIEW).get_data(as_text=True)


def test_markup_typed_into_a_section_prints_as_text(wizard):
    assert _save(wizard, "further", INJECTION).status_code == 302
    page = wizard.get(REVIEW).get_data(as_text=True)
    assert "&lt;img" in page and "<img src=\"http://evil" not in page
    printed = _pdf(wizard)
    assert INJECTION in printed
    assert "陈晓燕" in printed, "the style did not hide the rest of the letter"
    text = _text(wizard)
    assert INJECTION in html.unescape(text) and "<img src=\"http://evil" not in text


def test_a_typed_citation_is_refused_and_nothing_is_saved(client):
    wizard = Wizard(client, "en")
    wizard.complete()
    typed = "The collectors broke 《中华人民共和国刑法》第二百九十三条 by calling at night."
    response = _save(wizard, "facts", typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Error: " in page
    assert "Take out 《中华人民共和国刑法》, 第二百九十三条: citations cannot be typed in" in page
    assert typed in page, "what she typed is kept on the page"
    assert "by calling at night" not in wizard.get("/documents/lender.zh.txt").get_data(as_text=True)
    english = "This breaks Article 293 of the Criminal Law."
    assert "Take out Article 293" in _save(wizard, "facts", english, "/documents/lender.en/review").get_data(
        as_text=True)


def test_a_citation_the_generated_section_makes_may_stay_in_her_wording(wizard):
    closing = wizard.get(REVIEW).get_data(as_text=True).split('id="closing-text"')[1].split(">", 1)[1]
    assert "《银行业保险业消费投诉处理管理办法》第十八条" in closing
    reworded = "根据《银行业保险业消费投诉处理管理办法》第十八条，请于15日内书面答复本人。"
    assert _save(wizard, "closing", reworded).status_code == 302
    assert reworded in _pdf(wizard)


@pytest.mark.parametrize("text, message", [
    ("字" * (SECTION_LENGTH + 1), f"A section must be {SECTION_LENGTH} characters or fewer"),
    ("   \n\x00 ", "Enter the text of this section, or use the text made from your answers"),
])
def test_a_section_too_long_or_empty_is_refused_with_a_message(client, text, message):
    wizard = Wizard(client, "en")
    wizard.complete()
    before = _text(wizard)
    response = _save(wizard, "facts", text)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert _text(wizard) == before


def test_the_longest_section_is_kept(wizard):
    assert _save(wizard, "further", "字" * SECTION_LENGTH).status_code == 302
    assert "字" * 100 in _text(wizard)


def test_an_empty_further_section_removes_it_and_the_generated_text_unchanged_is_no_edit(wizard):
    assert _save(wizard, "further", "另外，催收人员还在微信群里发布了本人的照片。").status_code == 302
    assert "补充说明" in _text(wizard)
    assert _save(wizard, "further", "  \n ").status_code == 302
    assert "补充说明" not in _text(wizard) and "微信群里发布" not in _text(wizard)
    generated = wizard.get(REVIEW).get_data(as_text=True).split('id="background-text"')[1].split(">", 1)[1]
    generated = generated.split("</textarea>")[0]
    assert _save(wizard, "background", generated.replace("&amp;", "&") + "\r\n").status_code == 302
    assert "你修改了这封信" not in wizard.get("/documents").get_data(as_text=True)


def test_control_characters_are_cleaned_from_her_text(wizard):
    assert _save(wizard, "further", "第一行\x00\x07\r\n第二行\x1b   ").status_code == 302
    assert "第一行\n第二行\n" in _text(wizard)


def test_switching_a_citation_back_on_restores_it(wizard):
    assert _citations(wizard, {SWITCHED_OFF[0]}).status_code == 302
    assert SWITCHED_OFF[1] not in _text(wizard)
    assert "你修改了这封信：关闭了1条引用。" in wizard.get("/documents").get_data(as_text=True)
    assert _citations(wizard, set()).status_code == 302
    assert SWITCHED_OFF[1] in _text(wizard)
    assert "你修改了这封信" not in wizard.get("/documents").get_data(as_text=True)


def test_a_citation_switched_off_stays_off_while_the_answers_leave_it_out_of_the_letter(wizard):
    night = 'value="collection_standard_night"'
    assert _citations(wizard, {"collection_standard_night"}).status_code == 302
    first = STANDARD_ANSWERS["incidents"][0]
    daytime = {**first, "time": "14:00", "behaviours": ["threat_violence"]}
    assert wizard.answer("/incidents/1", daytime).status_code == 302
    assert night not in wizard.get(REVIEW).get_data(as_text=True)
    assert _citations(wizard, set()).status_code == 302  # every citation listed now ticked
    assert wizard.answer("/incidents/1", first).status_code == 302
    before, after = wizard.get(REVIEW).get_data(as_text=True).split(night)
    box = before.rsplit("<input", 1)[1] + night + after.split(">", 1)[0]
    assert "checked" not in box, "still off, as she left it"


@pytest.mark.parametrize("field, value", [
    ("section", "parties"), ("section", "earlier"), ("section", ""), ("section", "facts\x00"),
    ("action", "delete"), ("action", ""),
])
def test_a_hand_made_post_naming_no_section_or_button_of_the_page_changes_nothing(wizard, field, value):
    before = _text(wizard)
    data = {"section": "facts", "action": "save", "text": "改写的经过。", field: value}
    page = _post(wizard, data).get_data(as_text=True)
    assert "信中的这一部分已经不在本页上，所以没有保存。" in page and page.startswith("<!doctype html>")
    assert _text(wizard) == before


@pytest.mark.parametrize("value", ["not_a_reference", "<script>", "\x00"])
def test_a_citation_not_listed_is_refused_with_a_message(client, value):
    wizard = Wizard(client, "en")
    wizard.complete()
    before = _text(wizard)
    response = _post(wizard, {"action": "citations", "on": ["civil_code_1032", value]})
    assert response.status_code == 200 and "Choose only from the citations listed" in response.get_data(as_text=True)
    assert _text(wizard) == before


def test_a_file_posted_as_the_text_counts_as_nothing_typed(client):
    wizard = Wizard(client, "en")
    wizard.complete()
    response = wizard.client.post(REVIEW, data={"csrf_token": wizard.token(REVIEW), "section": "facts",
                                                "action": "save", "text": (io.BytesIO(b"<b>x</b>"), "a.txt")})
    assert response.status_code == 200
    assert "Enter the text of this section" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/documents/police.zh/review", "/documents/lender.fr/review",
                                 "/documents/nothing.zh/review"])
def test_a_document_she_does_not_have_has_no_review_page(wizard, url):
    assert wizard.client.get(url).status_code == 404


def test_the_review_page_in_english_names_each_section_and_the_pages_of_the_letter(client):
    wizard = Wizard(client, "en")
    wizard.complete({"/recipient": {"kinds": ["lender", "regulator", "hotline", "police"], "letter_lang": "en"}})
    response = wizard.get("/documents/regulator.en/review")
    page = response.get_data(as_text=True)
    assert not page_problems(page)
    for title in ("Requests", "The loan", "Your complaint to the lender", "What happened", "Further details",
                  "What must happen next", "Citations"):
        assert f">{title}</h2>" in page
    assert 'loading="lazy" alt="Page 1 of' in page and "/documents/regulator.en/page-1" in page
    hotline = wizard.get("/documents/hotline.en/review").get_data(as_text=True)
    assert ">Opening</h2>" in hotline
    police = wizard.get("/documents/police.zh/review").get_data(as_text=True)
    assert police.index(">What happened</h2>") < police.index(">Further details</h2>") < police.index(
        ">Requests</h2>"), "in the order the statement prints them"


def test_a_stale_page_saves_nothing(wizard):
    page = wizard.get(REVIEW).get_data(as_text=True)
    revision = page.split('name="revision" value="')[1].split('"')[0]
    assert _save(wizard, "further", "第一次。").status_code == 302
    response = _post(wizard, {"section": "further", "action": "save", "text": "旧页面。", "revision": revision})
    assert response.status_code == 409
    assert "第一次。" in _text(wizard) and "旧页面。" not in _text(wizard)


def test_a_case_file_keeps_her_edits_and_the_command_renders_them(app, wizard, tmp_path):
    _edit_two_sections_and_switch_off_a_citation(wizard)
    saved = wizard.client.post("/save", data={"csrf_token": wizard.token("/save"), "password": "", "confirm": ""})
    data = json.loads(saved.data)
    assert data["documents"]["edits"]["lender.zh"]["off"] == [SWITCHED_OFF[0]]

    other = app.test_client()
    opener = Wizard(other)
    opened = other.post("/open", data={"csrf_token": opener.token("/"), "case_file": (io.BytesIO(saved.data),
                                                                                       "case.json")})
    assert opened.status_code == 302
    reopened = opener.get("/documents/lender.zh.txt").get_data(as_text=True)
    assert REQUESTS in reopened and SWITCHED_OFF[1] not in reopened

    path = tmp_path / "case.json"
    path.write_bytes(saved.data)
    runner = app.test_cli_runner()
    result = runner.invoke(cli, ["render", str(path), "--document", "lender", "--lang", "zh", "--format", "text"])
    assert result.exit_code == 0, result.output
    assert REQUESTS in result.stdout and "本人已将通话录音保存。" in result.stdout
    assert SWITCHED_OFF[1] not in result.stdout
    out = tmp_path / "out.pdf"
    result = runner.invoke(cli, ["render", str(path), "--document", "lender", "--lang", "zh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    printed = pdf_text(out.read_bytes()).replace("\n", "")
    assert REQUESTS in printed and SWITCHED_OFF[1] not in printed


def test_one_hostile_value_per_field_never_fails_and_a_refusal_changes_nothing(wizard):
    listed = ["civil_code_1032", "civil_code_1034", SWITCHED_OFF[0]]

    @settings(settings.get_profile(PROFILE))
    @given(st.data())
    def post_one(data):
        form = data.draw(st.sampled_from(["requests", "background", "facts", "further", "closing", "citations"]))
        valid = ({"action": "citations", "on": listed} if form == "citations"
                 else {"section": form, "action": data.draw(st.sampled_from(["save", "drop"])), "text": "改写的文字。"})
        field = data.draw(st.sampled_from(sorted(valid)), label="field")
        value = data.draw(HOSTILE, label="value")
        if value == "FILE":
            value = (io.BytesIO(b"\x89PNG\r\n\x1a\n not really"), "picture.png")
        before = case_file(wizard)
        response = wizard.client.post(REVIEW, data={"csrf_token": wizard.token("/"), **valid, field: value})
        assert response.status_code < 500, (form, field)
        after = case_file(wizard)
        if response.status_code != 302:
            assert after == before, f"a refused {field} on {form} changed the case"
        casefile.loads(after)  # anything saved reopens as a case file
        assert wizard.get(REVIEW).status_code == 200
        assert wizard.get("/documents").status_code == 200

    post_one()
