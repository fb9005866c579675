"""Drafts survive a closed tab and a new device, can't be read from the database, and can all be deleted."""
from __future__ import annotations

import datetime as dt
import re

from conftest import Wizard, raw_database_bytes
from complaint import crypto


def _resume_code(html: str) -> str:
    return re.search(r'<p class="code" lang="en">([0-9A-Z-]+)</p>', html).group(1)


def test_database_holds_nothing_the_user_typed(app, wizard):
    wizard.complete()
    raw = raw_database_bytes(app)
    draft_id = wizard.client.get_cookie("draft").value.partition(".")[0]
    assert draft_id.encode() in raw, "the search looks at the file that really holds the draft"
    typed = ["陈晓燕", "11010519850705004X", "某某消费金融", "随借花", "HT20250318", "26480.55", "法务部张律师",
             "170 0000 1234", "半夜连打六次", "上海市徐汇区", "不要再给我母亲打电话", "深圳某某信息咨询"]
    for value in typed:
        for encoding in ("utf-8", "utf-16-le", "gb18030"):
            assert value.encode(encoding) not in raw, (value, encoding)
    code = _resume_code(wizard.get("/check").get_data(as_text=True))
    assert code.replace("-", "").encode() not in raw, "the resume code itself is not stored"


def test_same_browser_resumes_after_a_restart(app, client):
    wizard = Wizard(client)
    wizard.complete()
    cookie = client.get_cookie("draft")
    assert cookie.http_only and cookie.same_site == "Lax" and cookie.expires is not None
    restarted = app.test_client()  # a browser that closed and reopened keeps its persistent cookie
    restarted.set_cookie("draft", cookie.value)
    assert "陈晓燕" in restarted.get("/check").get_data(as_text=True)


def test_resume_code_opens_the_draft_on_another_device(app, wizard):
    wizard.complete()
    code = _resume_code(wizard.get("/check").get_data(as_text=True))
    assert code == _resume_code(wizard.get("/").get_data(as_text=True)), "the start page shows the same code"
    other = Wizard(app.test_client(), "en")
    response = other.answer("/resume", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302 and response.headers["Location"].endswith("/check")
    assert "陈晓燕" in other.get("/check").get_data(as_text=True)


def test_wrong_resume_code_is_refused_with_a_message(app):
    other = Wizard(app.test_client(), "zh")
    page = other.answer("/resume", {"code": crypto.format_resume_code("0" * 16)}).get_data(as_text=True)
    assert "没有找到与这个恢复码对应的回答" in page
    page = other.answer("/resume", {"code": "abc"}).get_data(as_text=True)
    assert "它由16个字母和数字组成" in page


def test_guessing_resume_codes_is_slowed_per_address_and_recovers(app, wizard):
    wizard.complete()
    code = _resume_code(wizard.get("/check").get_data(as_text=True))
    now = [1000.0]
    app.extensions["resume_throttle"].clock = lambda: now[0]
    guesser = Wizard(app.test_client(), "zh")
    guesser.client.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    for n in range(10):
        page = guesser.answer("/resume", {"code": crypto.format_resume_code(f"{n:016d}")}).get_data(as_text=True)
        assert "没有找到与这个恢复码对应的回答" in page
    refused = guesser.answer("/resume", {"code": code})  # even the right code waits now
    assert refused.status_code == 429 and "尝试的恢复码太多。请等15分钟后再试。" in refused.get_data(as_text=True)
    assert guesser.client.get_cookie("draft") is None
    neighbour = Wizard(app.test_client(), "en")
    neighbour.client.environ_base["REMOTE_ADDR"] = "198.51.100.2"
    assert neighbour.answer("/resume", {"code": code}).status_code == 302, "other addresses are not held up"
    now[0] += 15 * 60 + 1
    assert guesser.answer("/resume", {"code": code}).status_code == 302


def test_delete_everything_removes_the_draft(app, client):
    wizard = Wizard(client)
    wizard.complete()
    code = _resume_code(wizard.get("/check").get_data(as_text=True))
    assert "现在删除全部内容吗？" in wizard.get("/delete").get_data(as_text=True)
    response = wizard.answer("/delete", {})
    assert response.status_code == 302 and response.headers["Location"].endswith("/deleted")
    assert client.get_cookie("draft") is None
    assert wizard.get("/check").status_code == 302
    other = Wizard(app.test_client())
    assert "没有找到" in other.answer("/resume", {"code": code}).get_data(as_text=True)
    ciphertext_rows = app.extensions["complaint_store"].engine.connect().exec_driver_sql(
        "select count(*) from drafts").scalar()
    assert ciphertext_rows == 0


def test_stale_drafts_are_purged_and_fresh_ones_kept(app, client):
    Wizard(client).complete()
    store = app.extensions["complaint_store"]
    assert store.purge(dt.timedelta(days=30)) == 0
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=31)
    assert store.purge(dt.timedelta(days=30), now=later) == 1
    assert client.get("/check").status_code == 302


def test_purge_runs_at_start_up(tmp_path):
    from complaint import create_app

    settings = {"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}", "DRAFT_RETENTION_DAYS": 0}
    first = create_app(settings)
    Wizard(first.test_client()).begin()
    second = create_app(settings)  # retention of 0 days: the draft is already stale
    count = second.extensions["complaint_store"].engine.connect().exec_driver_sql("select count(*) from drafts")
    assert count.scalar() == 0


def test_a_cookie_with_a_wrong_key_opens_nothing(app, client):
    Wizard(client).complete()
    draft_id, _, _ = client.get_cookie("draft").value.partition(".")
    forged = app.test_client()
    forged.set_cookie("draft", draft_id + "." + "A" * 43)
    assert forged.get("/check").status_code == 302


def test_case_file_round_trip_through_the_site(app, wizard):
    wizard.complete()
    download = wizard.client.post("/save", data={"csrf_token": wizard.token("/save"), "password": "", "confirm": ""})
    assert download.mimetype == "application/json" and "attachment" in download.headers["Content-Disposition"]
    other = Wizard(app.test_client(), "en")
    token = other.token("/")
    from io import BytesIO
    response = other.client.post("/open", data={"csrf_token": token,
                                                "case_file": (BytesIO(download.data), "case.json")})
    assert response.status_code == 302 and response.headers["Location"].endswith("/check")
    page = other.get("/check").get_data(as_text=True)
    assert "陈晓燕" in page and "半夜连打六次" in page


def test_a_broken_case_file_is_refused_with_a_message(app):
    from io import BytesIO

    other = Wizard(app.test_client(), "zh")
    for content, message in ((b"not json", "这不是本服务的案件文件"),
                             (b'{"format": "complaint-case", "version": 99}', "来自本服务的新版本"),
                             (b'{"format": "complaint-case", "version": 1, "person": {"name": ""}}', "被修改过或已损坏")):
        token = other.token("/")
        response = other.client.post("/open", data={"csrf_token": token, "case_file": (BytesIO(content), "x.json")})
        assert message in response.get_data(as_text=True)
    assert other.client.get_cookie("draft") is None, "nothing was created"
