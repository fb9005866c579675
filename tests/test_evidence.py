"""Evidence through the site: pictures cleaned and encrypted, listed files fingerprinted, call logs imported,
the chart shown, and all of it in the PDFs."""
from __future__ import annotations

import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from helpers import CALLS, ROOT, TODAY, Wizard, gps_exif, pdf_text, raw_database_bytes, screenshot
from PIL import Image
from pypdf import PdfReader

from complaint.answers import MAX_EVIDENCE, MAX_INCIDENTS
from complaint.evidence.imports.records import MAX_ROWS
from complaint.storage import casefile


def _photo_with_gps() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 40, 40)).save(buffer, "JPEG", exif=gps_exif())
    return buffer.getvalue()


@pytest.fixture
def ready(client):
    """A complete case, on the evidence page."""
    wizard = Wizard(client)
    wizard.complete()
    return wizard


def _upload(wizard, *files):
    token = wizard.token("/evidence")
    return wizard.post("/evidence", data={"csrf_token": token, "pictures": [
        (io.BytesIO(data), name) for name, data in files]}, content_type="multipart/form-data")


def test_uploaded_photo_is_kept_clean_and_encrypted(app, ready):
    photo = _photo_with_gps()
    response = _upload(ready, ("IMG_0001.jpg", photo), ("chat.png", screenshot()))
    assert response.status_code == 302
    page = ready.get("/evidence").get_data(as_text=True)
    assert page.count('class="summary-card evidence-item"') == 2
    case_refs = [part.split('"')[0] for part in page.split("/evidence/")[1:] if "/thumbnail" in part.split('"')[0]]
    served = ready.get(f"/evidence/{case_refs[0]}")
    picture = Image.open(io.BytesIO(served.data))
    assert not picture.getexif(), "no EXIF, so no GPS, make or model, survives"
    raw = raw_database_bytes(app)
    assert photo[:2000] not in raw and b"Xiaomi" not in raw and b"Redmi" not in raw


def test_a_file_that_is_not_a_picture_is_refused_with_a_reason(ready):
    page = _upload(ready, ("notes.png", "这不是图片".encode())).get_data(as_text=True)
    assert "notes.png不是照片或截图（JPEG、PNG或WebP）。没有保存。" in page
    assert 'class="summary-card evidence-item"' not in ready.get("/evidence").get_data(as_text=True)


@pytest.mark.parametrize(("lang", "title"), [("zh", "错误："), ("en", "Error: ")])
def test_refused_uploads_are_errors_of_the_upload_field_in_the_one_error_summary(ready, lang, title):
    ready.client.set_cookie("lang", lang)
    page = BeautifulSoup(_upload(ready, ("notes.png", b"not a picture"), ("ok.png", screenshot()),
                                 ("list.txt", b"calls")).get_data(as_text=True), "html.parser")
    assert page.title.get_text().startswith(title), "titled like every other page with errors"
    [summary] = page.select("[data-error-summary]")
    assert summary.h2.get_text() == {"zh": "有问题需要修改", "en": "There is a problem"}[lang]
    links = summary.select("a")
    assert [link["href"] for link in links] == ["#pictures", "#pictures"]
    assert "notes.png" in links[0].get_text() and "list.txt" in links[1].get_text()
    beside = page.find(id="pictures-error").get_text()
    assert "notes.png" in beside and "list.txt" in beside, "each refused file is named beside the field too"
    assert "pictures-error" in page.find(id="pictures")["aria-describedby"]


def test_evidence_over_the_case_limit_is_refused(app, ready):
    app.config["EVIDENCE_CASE_BYTES"] = 1000
    page = _upload(ready, ("big.png", screenshot())).get_data(as_text=True)
    assert "你的证据总大小会超过" in page


def test_pictures_past_the_pixels_one_upload_may_decode_are_refused_by_name(app, ready):
    app.config["EVIDENCE_REQUEST_PIXELS"] = 1_000_000  # each screenshot is 648,000 pixels
    response = _upload(ready, ("one.png", screenshot()), ("two.png", screenshot()), ("three.png", screenshot()))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "two.png没有保存：一起上传的图片合计超过1百万像素" in page and "three.png没有保存" in page
    assert "one.png" not in page
    assert ready.get("/evidence").get_data(as_text=True).count('class="summary-card evidence-item"') == 1


def test_a_case_holds_at_most_the_evidence_its_file_can_hold(client):
    full = json.loads(sorted((ROOT / "examples").glob("*.json"))[0].read_text(encoding="utf-8"))
    full["evidence"] = [{"kind": "recording", "caption": f"录音{n}"} for n in range(MAX_EVIDENCE)]
    wizard = Wizard(client)
    response = client.post("/open", data={"csrf_token": wizard.token("/"), "case_file": (
        io.BytesIO(json.dumps(full, ensure_ascii=False).encode()), "case.json")})
    assert response.status_code == 302
    page = _upload(wizard, ("chat.png", screenshot())).get_data(as_text=True)
    assert f"chat.png没有保存：一个案件最多{MAX_EVIDENCE}项证据" in page
    listed = wizard.answer("/evidence/listed/new", {"kind": "recording", "caption": "再一段录音"})
    assert listed.status_code == 200
    assert f"不能再添加：一个案件最多{MAX_EVIDENCE}项证据" in listed.get_data(as_text=True)
    saved = client.post("/save", data={"csrf_token": wizard.token("/save"), "password": "", "confirm": ""})
    assert len(casefile.loads(saved.data, today=TODAY).evidence) == MAX_EVIDENCE, "what the site keeps reopens"


def test_described_picture_appears_in_the_letter_with_fingerprint_and_page(ready):
    _upload(ready, ("chat.png", screenshot()))
    page = ready.get("/evidence").get_data(as_text=True)
    ref = page.split('href="/evidence/')[1].split('"')[0]
    ready.answer(f"/evidence/{ref}", {"caption": "催收短信截图", "purpose": "证明对方威胁上门",
                                      "incidents": [], "day": "10", "month": "2", "year": "2026"})
    response = ready.get("/documents/lender.zh.pdf")
    reader = PdfReader(io.BytesIO(response.data))
    text = pdf_text(response.data).replace("\n", "")
    assert "催收短信截图" in text and "证明对方威胁上门" in text and "SHA-256" in text
    last = reader.pages[-1].extract_text()
    assert "证据1：催收短信截图" in last and "2026年2月10日" in last
    assert reader.pages[-1].images, "the picture itself is on the exhibit page"
    row = text.split("催收短信截图SHA-256")[1][:200] if "催收短信截图SHA-256" in text else text
    assert str(len(reader.pages)) in row, "the evidence list gives the exhibit's page"


def test_listed_recording_with_a_fingerprint(ready):
    digest = "ab" * 32
    assert ready.answer("/evidence/listed/new", {"kind": "recording", "caption": "2月10日通话录音",
                                                 "sha256": digest.upper()}).status_code == 302
    text = pdf_text(ready.get("/documents/lender.zh.pdf").data).replace("\n", "")
    assert "2月10日通话录音" in text and digest in text and "本人保存、可应要求提供的证据（未附上）" in text
    bad = ready.answer("/evidence/listed/new", {"kind": "recording", "caption": "x", "sha256": "xyz"})
    assert "校验码由64个字母和数字" in bad.get_data(as_text=True)


def test_removing_evidence_deletes_the_file(app, ready):
    _upload(ready, ("chat.png", screenshot()))
    page = ready.get("/evidence").get_data(as_text=True)
    ref = page.split('href="/evidence/')[1].split('"')[0]
    ready.answer(f"/evidence/{ref}/remove", {"answer": "yes"})
    assert ready.get(f"/evidence/{ref}/picture").status_code == 404
    rows = app.extensions["complaint_store"].engine.connect().exec_driver_sql("select count(*) from evidence_files")
    assert rows.scalar() == 0


def test_delete_everything_deletes_evidence_files(app, ready):
    _upload(ready, ("chat.png", screenshot()))
    ready.answer("/delete", {})
    rows = app.extensions["complaint_store"].engine.connect().exec_driver_sql("select count(*) from evidence_files")
    assert rows.scalar() == 0


def test_evidence_pack_splits_under_the_limit(app, ready):
    from complaint.letters import pack

    app.config["EVIDENCE_PACK_BYTES"] = pack.OVERHEAD_BYTES + 1024  # room for about one picture a part
    _upload(ready, *[(f"s{n}.png", screenshot(540 + n, 1200)) for n in range(4)])
    page = ready.get("/documents").get_data(as_text=True)
    parts = page.count("/documents/evidence-")
    assert parts >= 2
    first = ready.get("/documents/evidence-1.zh.pdf")
    assert first.status_code == 200 and "证据材料" in pdf_text(first.data)
    assert ready.get(f"/documents/evidence-{parts + 1}.zh.pdf").status_code == 404


def test_call_log_import_previews_then_adds_incidents(ready):
    token = ready.token("/incidents/import")
    form = ready.get("/incidents/import").get_data(as_text=True)
    assert "170 0000 1234" in form, "the collectors' numbers are filled in"
    response = ready.client.post("/incidents/import", data={
        "csrf_token": token, "log": (io.BytesIO(CALLS.encode()), "calls-20260211.xml"),
        "numbers": "170 0000 1234", "since": "", "until": ""}, content_type="multipart/form-data")
    assert response.status_code == 302
    preview = ready.get("/incidents/import/confirm").get_data(as_text=True)
    assert "找到所选号码的来电或消息共3次" in preview and "13900000000" not in preview
    before = ready.get("/incidents").get_data(as_text=True).count('class="summary-card-title"')
    ready.answer("/incidents/import/confirm", {"answer": "yes"})
    after = ready.get("/incidents").get_data(as_text=True)
    assert after.count('class="summary-card-title"') == before + 1
    assert "2026年2月10日" in after


def _import(wizard, content: bytes, name: str, numbers: str = ""):
    # The body is built here: the test client spools one over 500 KB to a temporary file it never closes.
    fields = {"csrf_token": wizard.token("/incidents/import"), "numbers": numbers, "since": "", "until": ""}
    body = b"".join(f'--b\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
                    for key, value in fields.items())
    body += (f'--b\r\nContent-Disposition: form-data; name="log"; filename="{name}"\r\n'
             f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + b"\r\n--b--\r\n"
    return wizard.post("/incidents/import", data=body, content_type="multipart/form-data; boundary=b")


def test_control_characters_in_a_call_list_are_cleaned_and_the_chart_still_drawn(ready):
    rows = "".join(f"2026-02-10 23:{n:02d},170\x01 0000\x1b1234\x7f,未接\n" for n in range(3))
    assert _import(ready, f"通话时间,号码,类型\n{rows}".encode(), "calls.csv").status_code == 302
    ready.answer("/incidents/import/confirm", {"answer": "yes"})
    incidents = ready.get("/incidents").get_data(as_text=True)
    assert "170 0000 1234" in incidents and "\x01" not in incidents and "\x1b" not in incidents
    assert 'src="/evidence/chart.svg"' in ready.get("/check").get_data(as_text=True)
    svg = ET.fromstring(ready.get("/evidence/chart.svg").data)  # a browser shows nothing unless it parses
    assert svg.find("{http://www.w3.org/2000/svg}desc").text.count("170 0000 1234") == 1
    text = pdf_text(ready.get("/documents/lender.zh.pdf").data).replace("\n", "")
    assert "每天的联系次数" in text and "联系发生的时间" in text


def test_a_huge_call_list_is_grouped_and_capped_and_the_preview_says_what_was_left_out(ready):
    start = dt.date(2024, 1, 1)
    rows = "".join(f"{start + dt.timedelta(days=day)} 23:{n:02d},17000001234,未接\n"
                   for day in range(600) for n in range(10))  # 6,000 calls on 600 days
    assert _import(ready, f"通话时间,号码,类型\n{rows}".encode(), "calls.csv").status_code == 302
    preview = ready.get("/incidents/import/confirm").get_data(as_text=True)
    room = MAX_INCIDENTS - 2  # the standard case has two incidents
    assert f"找到所选号码的来电或消息共{room * 10}次" in preview
    left = 600 - room
    last = start + dt.timedelta(days=599)
    assert (f"另有{left}件事（{left * 10}次来电或消息，{start + dt.timedelta(days=room)}至{last}）未列入："
            f"一个案件最多{MAX_INCIDENTS}件事") in preview
    ready.answer("/incidents/import/confirm", {"answer": "yes"})
    assert ready.get("/incidents").get_data(as_text=True).count('class="summary-card-title"') == MAX_INCIDENTS
    assert _import(ready, "通话时间,号码\n2026-02-09 23:00,17000001234\n".encode(), "calls.csv").status_code == 302
    preview = ready.get("/incidents/import/confirm").get_data(as_text=True)
    assert "另有1件事（1次来电或消息，2026-02-09至2026-02-09）未列入" in preview and "没有找到" not in preview


def test_a_broken_call_log_is_refused(ready):
    token = ready.token("/incidents/import")
    billion_laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
                      '<calls><call number="&lol2;"/></calls>')
    response = ready.client.post("/incidents/import", data={
        "csrf_token": token, "log": (io.BytesIO(billion_laughs.encode()), "calls.xml")},
        content_type="multipart/form-data")
    assert "这个文件包含不允许的XML内容" in response.get_data(as_text=True)


def test_a_call_log_built_to_fill_memory_is_refused_and_nothing_is_kept(ready):
    response = _import(ready, b"<?xml version='1.0'?><calls>" + b"<call>" * 50_000, "calls.xml")
    assert response.status_code == 200 and "层级嵌套过深" in response.get_data(as_text=True)
    assert ready.get("/incidents/import/confirm").headers["Location"].endswith("/incidents/import")


def test_a_call_list_longer_than_any_real_one_is_refused_naming_the_limit(ready):
    rows = "".join(f"2026-02-{1 + n % 28:02d} 23:{n % 60:02d},170{n % 900:08d}\n" for n in range(MAX_ROWS + 1))
    response = _import(ready, f"通话时间,号码\n{rows}".encode(), "calls.csv")
    assert f"文件超过{MAX_ROWS:,}行" in response.get_data(as_text=True)


def test_check_page_shows_the_chart_with_a_text_equivalent(ready):
    page = ready.get("/check").get_data(as_text=True)
    assert 'src="/evidence/chart.svg"' in page and "共记录约" in page
    svg = ready.get("/evidence/chart.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data


def test_the_check_page_warns_about_pictures_without_a_description(ready):
    _upload(ready, ("a.png", screenshot()), ("b.png", screenshot()))
    page = ready.get("/evidence").get_data(as_text=True)
    first = page.split('href="/evidence/')[1].split('"')[0]
    check = ready.get("/check").get_data(as_text=True)
    assert "有2张图片没有说明" in check and "为证据1添加说明" in check and "为证据2添加说明" in check
    ready.answer(f"/evidence/{first}?return=check", {"caption": "催收短信截图", "incidents": [],
                                                     "day": "", "month": "", "year": ""})
    check = ready.get("/check").get_data(as_text=True)
    assert "有1张图片没有说明" in check and "为证据1添加说明" not in check and "为证据2添加说明" in check
    english = Wizard(ready.client, "en").get("/check").get_data(as_text=True)
    assert "1 picture has no description." in english and "Describe evidence 2" in english


def test_an_undescribed_picture_gets_a_name_not_its_number_twice(ready):
    _upload(ready, ("a.png", screenshot()))
    for lang, name in (("zh", "证据1：截图或照片（未填写说明）"),
                       ("en", "Evidence 1: Screenshot or photo (no description given)")):
        response = ready.get(f"/documents/lender.{lang}.pdf")
        last = PdfReader(io.BytesIO(response.data)).pages[-1].extract_text().replace("\n", "")
        assert name in last and "证据1：证据1" not in last and "Evidence 1: Evidence 1" not in last
def test_the_evidence_list_names_incidents_and_the_check_code_plainly(ready):
    _upload(ready, ("chat.png", screenshot()))
    page = ready.get("/evidence").get_data(as_text=True)
    ref = page.split('href="/evidence/')[1].split('"')[0]
    form = ready.get(f"/evidence/{ref}").get_data(as_text=True)
    assert '<label class="label" for="caption">内容是什么</label>' in form, "its own label, not the incident's"
    incidents = [part.split('"')[0] for part in form.split('name="incidents" value="')[1:]]
    ready.answer(f"/evidence/{ref}", {"caption": "催收短信截图", "incidents": incidents})
    page = ready.get("/evidence").get_data(as_text=True)
    assert "第1件事、第2件事" in page
    digest = page.split('class="check-code-full" lang="en">')[1].split("<")[0]
    assert len(digest) == 64 and f"{digest[:8]}…{digest[-8:]}" in page and "<dt>校验码</dt>" in page
    thumbnail = ready.get(f"/evidence/{ref}/thumbnail")
    assert thumbnail.mimetype == "image/jpeg" and len(thumbnail.data) < 10_000
    assert max(Image.open(io.BytesIO(thumbnail.data)).size) == 192
