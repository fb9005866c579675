"""Whatever a browser or a hostile client sends, the answer is a page, never a server error."""
from __future__ import annotations

import base64
import datetime as dt
import io
import json
import logging

import pytest
from helpers import ROOT, STANDARD_ANSWERS, Wizard

FORM_PAGES = ["/about-you", "/loan", "/collectors", "/incidents/new", "/incidents/1", "/incidents", "/wants",
              "/recipient", "/resume", "/delete", "/incidents/1/remove", "/earlier", "/evidence",
              "/evidence/listed/new", "/incidents/import", "/incidents/import/confirm", "/documents",
              "/documents/lender/sent"]
HOSTILE_VALUES = ["", " ", "x" * 100_000, "\x00\x01\x02", "\ufffd😀\u202e", "<script>alert(1)</script>", "-1",
                  "99999999999999999999", "1e309", "NaN", "../../etc/passwd", "%s%s%n", "{{7*7}}", "０"]


@pytest.fixture
def walked(client):
    wizard = Wizard(client)
    wizard.complete()
    return wizard


@pytest.mark.parametrize("page", FORM_PAGES)
def test_hostile_values_in_every_field_get_a_page(walked, page):
    token = walked.token("/")
    fields = {"name", "phone", "id_number", "contact", "lender", "lender_type", "product", "account", "borrowed",
              "claimed", "disputed", "illegal", "agency", "names-0", "numbers-0", "names-999", "day", "month",
              "year", "time", "channel", "source", "times", "targets", "description", "behaviours", "evidence",
              "requests", "other", "kinds", "letter_lang", "answer", "code", "add", "province", "made", "outcome",
              "reference", "details", "kind", "caption", "purpose", "incidents", "sha256", "numbers", "since",
              "until", "pictures", "log", "by", "reply", "reply_day", "reply_month", "reply_year", "action"}
    for value in HOSTILE_VALUES:
        response = walked.client.post(page, data={"csrf_token": token, **{f: value for f in fields}})
        assert response.status_code < 500, (value[:20], response.get_data(as_text=True)[:500])


@pytest.mark.parametrize("page", FORM_PAGES)
def test_repeated_and_missing_fields_get_a_page(walked, page):
    token = walked.token("/")
    data = {"csrf_token": token, "name": ["a", "b"], "lender_type": ["bank", "bank"], "year": ["2026", "x"],
            "behaviours": ["insult"] * 50, "numbers-0": ["1", "2"], "add": ["names", "numbers"]}
    assert walked.client.post(page, data=data).status_code < 500
    assert walked.client.post(page, data={"csrf_token": token}).status_code < 500


@pytest.mark.parametrize("url", [
    "/incidents/0", "/incidents/999999", "/incidents/-1", "/incidents/abc", "/incidents/1/remove/x",
    "/documents/lender.fr.pdf", "/documents/police.zh.pdf", "/documents/..%2F..%2Fetc.zh.pdf",
    "/documents/lender.zh.txt/x", "/language/xx", "/language/en?next=%00", "/language/en?next=\\\\evil",
    "/static/../complaint/config.py", "/static/%2e%2e/pyproject.toml", "/?lost=%ff", "/check?return=%00",
    "/save?x=1", "/deleted", "/evidence/nothing", "/evidence/nothing/picture", "/evidence/nothing/remove",
    "/evidence/chart.svg", "/documents/evidence-0.zh.pdf", "/documents/evidence-9.zh.pdf",
    "/documents/evidence-1.xx.pdf", "/documents/deadlines.ics", "/neutral-titles/maybe", "/incidents/import/confirm",
    "/documents/lender.zh.txt?limit=abc&masked=2",
])
def test_odd_urls_get_a_page(walked, url):
    response = walked.get(url)
    assert response.status_code < 500
    if response.status_code == 200 and url.startswith("/static"):
        assert b"SECRET" not in response.data


@pytest.mark.parametrize("cookie", ["", ".", "a.b", "x" * 4000, "é.é", "abc." + "A" * 43, "abc.!!!!",
                                    "abc." + "A" * 44 + "==", "\x00.\x00"])
def test_mangled_draft_cookies_are_ignored(client, cookie):
    client.set_cookie("draft", cookie)
    for url in ("/", "/check", "/about-you", "/documents/lender.zh.pdf", "/save"):
        assert client.get(url).status_code < 500


def test_wrong_methods_and_oversized_bodies_get_a_page(walked):
    assert walked.client.delete("/").status_code == 405
    assert walked.client.put("/about-you").status_code == 405
    big = walked.client.post("/open", data=b"x" * (3 * 1024 * 1024), content_type="multipart/form-data; boundary=x")
    assert big.status_code == 413 and "文件太大" in big.get_data(as_text=True)


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage", b"{}", b'{"format": "complaint-case"}',
                                     b'{"format": "complaint-case", "version": "1"}', b"null", b"[]",
                                     b'{"format": "complaint-case", "version": 1, "incidents": [{}]}',
                                     b'{"format": "complaint-case-protected"}', b'"complaint-case-protected"',
                                     b'{"format": "complaint-case-protected", "version": 1, "kdf": "scrypt", '
                                     b'"n": 131072, "r": 8, "p": 1, "salt": "!!", "nonce": [], "ciphertext": 5}'])
def test_garbage_case_files_get_a_message(client, content):
    wizard = Wizard(client)
    token = wizard.token("/")
    response = client.post("/open", data={"csrf_token": token, "case_file": (io.BytesIO(content), "x.json")})
    assert response.status_code == 200 and "error-message" in response.get_data(as_text=True)


def test_hostile_passwords_on_the_save_page_get_a_message(walked):
    token = walked.token("/save")
    for password, confirm in (("x" * 100_000, "x" * 100_000), ("a long enough password", None), ("ab", None)):
        data = {"csrf_token": token, "password": password, **({"confirm": confirm} if confirm is not None else {})}
        response = walked.client.post("/save", data=data, follow_redirects=True)
        assert response.status_code == 200 and response.mimetype == "text/html"
        assert "error-message" in response.get_data(as_text=True)


def test_forms_without_a_draft_do_not_crash(client):
    wizard = Wizard(client)
    token = wizard.token("/")
    for page in FORM_PAGES:
        assert client.post(page, data={"csrf_token": token, **STANDARD_ANSWERS["/about-you"]}).status_code < 500


# ── A draft cannot be bricked ─────────────────────────────────────────────────────────────────────────────

EVERY_PAGE = ["/", "/safety", "/about-you", "/loan", "/collectors", "/incidents", "/incidents/new", "/incidents/1",
              "/evidence", "/wants", "/earlier", "/recipient", "/check", "/documents", "/save", "/delete",
              "/documents/lender.zh.txt", "/documents/deadlines.ics", "/evidence/chart.svg", "/no-such-page"]


@pytest.mark.parametrize("page, field, message", [("/about-you", "name", "请填写你的姓名"),
                                                   ("/loan", "lender", "请填写贷款机构的名称")])
@pytest.mark.parametrize("value", ["\x01", " \x00\x1f ", "\x7f\r\n"])
def test_a_control_character_alone_is_not_an_answer_and_breaks_nothing(walked, page, field, message, value):
    response = walked.answer(page, {**STANDARD_ANSWERS[page], field: value})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    for url in EVERY_PAGE:
        assert walked.get(url).status_code < 500, url
    assert walked.answer("/delete").headers["Location"].endswith("/deleted")


def _plant(app, client, payload: bytes) -> str:
    """Replace this browser's draft with a payload its key opens but that is no case; return its resume code."""
    from complaint.storage import crypto
    from complaint.storage.store import drafts

    draft_id, _, encoded = client.get_cookie("draft").value.partition(".")
    key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    store = app.extensions["complaint_store"]
    code = store.load(draft_id, key).resume_code
    with store.engine.begin() as conn:
        conn.execute(drafts.update().where(drafts.c.id == draft_id)
                     .values(sealed=crypto.seal(key, payload, draft_id.encode())))
    return code


UNREADABLE = [b"\xff not json", b"[]", b'{"case": {"person": {"phone": "1"}}, "resume_code": "X"}',
              b'{"case": {"incidents": [{"date": "2026-13-45", "channel": "call", "description": "x", '
              b'"behaviours": ["insult"]}]}, "resume_code": "X"}', b'{"case": [], "resume_code": 5}']


@pytest.mark.parametrize("payload", UNREADABLE)
def test_a_draft_that_cannot_be_read_is_offered_for_deletion(app, walked, payload):
    _plant(app, walked.client, payload)
    for url in EVERY_PAGE:
        response = walked.get(url)
        assert response.status_code < 500, url
    step = walked.get("/check")
    assert step.headers["Location"].endswith("/damaged")
    page = walked.get("/damaged").get_data(as_text=True)
    assert "无法读取" in page and 'action="/delete"' in page
    deleted = walked.client.post("/delete", data={"csrf_token": walked.token("/damaged")})
    assert deleted.headers["Location"].endswith("/deleted")
    with app.extensions["complaint_store"].engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM drafts").scalar() == 0
    assert walked.get("/check").headers["Location"].endswith("/?lost=1")


def test_a_damaged_draft_opened_with_its_resume_code_can_be_deleted(app, walked):
    code = _plant(app, walked.client, UNREADABLE[2])
    other = Wizard(app.test_client())
    response = other.answer("/resume", {"code": code})
    assert response.status_code == 302 and response.headers["Location"].endswith("/damaged")
    assert other.client.post("/delete", data={"csrf_token": other.token("/damaged")}).status_code == 302
    with app.extensions["complaint_store"].engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM drafts").scalar() == 0


# ── The language and plain-titles switches only go back to this site's pages ──────────────────────────────

@pytest.mark.parametrize("switch", ["/language/en", "/neutral-titles/on", "/neutral-titles/off"])
@pytest.mark.parametrize("target", ["/%09/evil.example", "/\t/evil.example", "/%0a", "/%0d%0aSet-Cookie:%20a=1",
                                    "//evil.example", "/%2F/evil.example", "%2F%2Fevil.example", "/\\evil.example",
                                    "/%5Cevil.example", "/%5C%5Cevil.example", "\\\\evil.example", "///evil.example",
                                    "https://evil.example", "https:/evil.example", "javascript:alert(1)",
                                    "/%E3%80%80/evil.example", "/%00", "evil.example", "/..%2F..%2Fetc"])
def test_switches_never_send_the_browser_elsewhere(client, switch, target):
    response = client.get(f"{switch}?next={target}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/check?return=check", "/documents/lender.zh.txt?masked=1&limit=500", "/safety"])
def test_switches_return_to_the_page_they_were_used_on(client, target):
    response = client.get("/language/en", query_string={"next": target})
    assert response.headers["Location"] == target


# ── Never a server error for bad input, and a refused value changes nothing ───────────────────────────────

def _case_file(wizard) -> dict:
    """The case as the site would save it (the plain case file)."""
    response = wizard.answer("/save", {})
    assert response.mimetype == "application/json"
    return json.loads(response.data)


# Digits isdigit() accepts but int() refuses, and numbers too long for int() or a date.
BAD_NUMBERS = ["፩", "𐩀", "٢", "9" * 5000, "99999999999999999999", "1" * 4301]
INCIDENT = STANDARD_ANSWERS["incidents"][0]
EARLIER = STANDARD_ANSWERS["/earlier"]
SENT = {"year": "2026", "month": "11", "day": "2", "by": "email", "reply": "refused", "reply_year": "2026",
        "reply_month": "11", "reply_day": "20"}


@pytest.mark.parametrize("value", BAD_NUMBERS)
@pytest.mark.parametrize("page, answers, field", [
    ("/incidents/new", INCIDENT, "day"), ("/incidents/new", INCIDENT, "month"),
    ("/incidents/new", INCIDENT, "year"), ("/incidents/new", INCIDENT, "times"),
    ("/incidents/new", INCIDENT, "time"), ("/incidents/1", INCIDENT, "day"), ("/earlier", EARLIER, "day"),
    ("/earlier", EARLIER, "month"), ("/documents/lender/sent", SENT, "day"),
    ("/documents/lender/sent", SENT, "reply_day"), ("/documents/lender/sent", SENT, "reply_year"),
    ("/evidence/listed/new", {"kind": "recording", "caption": "录音", "year": "2026", "month": "2", "day": "10"},
     "day"),
    ("/loan", STANDARD_ANSWERS["/loan"], "borrowed"),
])
def test_numbers_int_cannot_read_get_a_message_and_change_nothing(walked, page, answers, field, value):
    before = _case_file(walked)
    response = walked.answer(page, {**answers, field: value})
    assert response.status_code == 200 and "error-message" in response.get_data(as_text=True)
    assert _case_file(walked) == before


def test_a_file_posted_under_a_text_boxs_name_counts_as_nothing_typed(walked):
    before = _case_file(walked)
    for page, answers, field, message in [("/about-you", STANDARD_ANSWERS["/about-you"], "name", "请填写你的姓名"),
                                          ("/incidents/new", INCIDENT, "description", "请写下对方说了什么"),
                                          ("/collectors", STANDARD_ANSWERS["/collectors"], "names-0", None)]:
        data = {**answers, field: (io.BytesIO(b"\x89PNG not text"), "name.png")}
        response = walked.answer(page, data)
        if message:
            assert response.status_code == 200 and message in response.get_data(as_text=True), page
        else:
            assert response.status_code == 302
    after = _case_file(walked)
    assert after["collectors"]["names"] == [] and {**after, "collectors": {}} == {**before, "collectors": {}}


def test_a_box_ticked_a_hundred_times_counts_once_and_every_letter_renders(walked):
    response = walked.answer("/wants", {"requests": ["stop_unlawful"] * 100 + ["apologise"] * 100, "other": ""})
    assert response.status_code == 302
    assert _case_file(walked)["wants"]["requests"] == ["stop_unlawful", "apologise"]
    walked.answer("/incidents/new", {**INCIDENT, "behaviours": ["insult"] * 100, "targets": ["family"] * 50})
    assert {"behaviours": ["insult"], "targets": ["family"]} in [
        {"behaviours": i["behaviours"], "targets": i["targets"]} for i in _case_file(walked)["incidents"]]
    for kind in ("lender", "regulator", "hotline", "police"):
        response = walked.get(f"/documents/{kind}.zh.txt")
        assert response.status_code in (200, 404), kind


def _open(client, content: bytes):
    wizard = Wizard(client)
    return wizard.post("/open", data={"csrf_token": wizard.token("/"), "case_file": (io.BytesIO(content), "c.json")})


@pytest.mark.parametrize("where, value", [
    ("incidents/0/date", "2026-01-01\n"), ("incidents/0/date", "٢٠٢٦-٠١-٠١"), ("incidents/0/date", "2026-02-30"),
    ("incidents/0/time", "23:15\n"), ("incidents/0/time", "٢٣:١٥"), ("earlier/date", "٢٠٢٦-٠٣-٠٥"),
    ("earlier/date", "2026-03-05\n"), ("documents/sent/lender/on", "2026-11-28\n"),
    ("documents/sent/lender/reply_on", "2026-11-30\n"), ("evidence/0/date", "2026-02-30"),
    ("evidence/0/date", "2026-02-10\n"), ("loan/borrowed", "100\n"), ("loan/borrowed", "١٠٠"),
    ("person/id_number", "110101199003074514\n"), ("person/name", "\ud800"), ("person/name", "\x01"),
    ("incidents/0/description", "说了\udfff"), ("collectors/names/0", "\x1b[31m"),
])
def test_a_case_file_with_what_no_form_accepts_is_refused(client, case_factory, where, value):
    from complaint.model import EarlierComplaint, EvidenceItem
    from complaint.storage import casefile

    data = case_factory(earlier=EarlierComplaint(made="yes", date="2026-03-05", outcome="no_reply"),
                        evidence=[EvidenceItem(kind="recording", caption="录音", date="2026-02-10")]).to_dict()
    data["collectors"]["names"] = ["张"]
    data["documents"]["sent"] = {"lender": {"on": "2026-11-28", "reply": "refused", "reply_on": "2026-11-28"}}
    data["loan"]["borrowed"] = "100"
    *path, last = [int(p) if p.isdigit() else p for p in where.split("/")]
    target = data
    for step in path:
        target = target[step]
    target[last] = value
    content = json.dumps(data).encode()  # ASCII escapes: how a lone surrogate reaches the server
    response = _open(client, content)
    assert response.status_code == 200, where
    assert "案件文件被修改过或已损坏" in response.get_data(as_text=True), where
    with pytest.raises(casefile.CaseFileError):
        casefile.loads(content, today=dt.date(2026, 11, 28))


def test_the_published_schema_spells_out_its_digits():
    from complaint.storage import casefile

    schema = json.loads((ROOT / "docs" / "case-file.schema.json").read_text(encoding="utf-8"))
    assert schema == casefile.schema()
    patterns = json.dumps(schema)
    assert "\\\\d" not in patterns, "\\d is any script's digit in Python; patterns spell out [0-9]"


def test_a_call_log_offset_no_clock_has_gets_a_message(walked):
    log = "时间,号码\n2026-02-10 23:15:00+99:99,170 0000 1234\n".encode()
    response = walked.answer("/incidents/import", {"log": (io.BytesIO(log), "calls.csv"), "numbers": ""})
    assert response.status_code == 200 and "error-message" in response.get_data(as_text=True)


def test_anything_the_site_saves_reopens_as_a_case_file(walked):
    walked.answer("/evidence/listed/new", {"kind": "recording", "caption": "\x02录音\x7f", "purpose": "证明\x00深夜",
                                           "incidents": ["x"], "year": "2026", "month": "2", "day": "10"})
    walked.answer("/collectors", {**STANDARD_ANSWERS["/collectors"], "names-0": "\x01", "numbers-0": "\x1f"})
    walked.answer("/wants", {"requests": ["apologise"] * 3, "other": "\x0b"})
    walked.answer("/recipient", {"kinds": ["police", "lender", "police"], "letter_lang": "zh"})
    saved = walked.answer("/save", {}).data
    fresh = Wizard(walked.client.application.test_client())
    assert _open(fresh.client, saved).status_code == 302
    assert _case_file(fresh) == json.loads(saved)


# ── No answer reaches the logs ────────────────────────────────────────────────────────────────────────────

TYPED = "ZQXJ-7731-陈晓燕"


def test_an_unexpected_error_is_logged_without_what_was_typed(app, client, caplog):
    def broken():
        from flask import request

        int(request.args["q"])  # the message would quote the value

    app.add_url_rule("/broken", view_func=broken)
    caplog.set_level(logging.DEBUG)
    response = client.get("/broken", query_string={"q": TYPED})
    assert response.status_code == 500 and "抱歉" in response.get_data(as_text=True)
    assert "ValueError" in caplog.text and "broken" in caplog.text
    assert "ZQXJ" not in caplog.text and "陈晓燕" not in caplog.text


def test_missing_glyph_messages_do_not_quote_the_letter(walked, caplog):
    caplog.set_level(logging.DEBUG)
    rare = "\U00013000\U0001f0a1"  # an Egyptian hieroglyph and a playing card: in no letter font
    walked.answer("/incidents/1", {**INCIDENT, "description": f"{TYPED} {rare}"})
    response = walked.get("/documents/lender.zh.pdf")
    assert response.status_code == 200
    assert "weasyprint" in caplog.text, "WeasyPrint said something: the test saw its messages"
    for part in ("ZQXJ", "陈晓燕", "\U00013000", "\U0001f0a1", "13000", "1F0A1", "1f0a1"):
        assert part not in caplog.text, part
