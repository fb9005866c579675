"""Drafts survive a closed tab and a new device, can't be read from the database, and can all be deleted."""
from __future__ import annotations

import datetime as dt
import io
import re
import stat

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from helpers import DATABASES, STANDARD_ANSWERS, Wizard, raw_database_bytes
from PIL import Image

from complaint import create_app
from complaint.cli import cli
from complaint.storage import crypto
from complaint.storage import store as store_module
from complaint.storage.store import Store


def png(shade: int = 1) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (shade * 20, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


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


@pytest.mark.parametrize("database_url", DATABASES, indirect=True)
def test_same_browser_resumes_after_a_restart(app, client):
    wizard = Wizard(client)
    client.post("/start", data={"csrf_token": wizard.token("/"), "device": "keep"})
    wizard.answer("/about-you", STANDARD_ANSWERS["/about-you"])
    cookie = client.get_cookie("draft")
    assert cookie.http_only and cookie.same_site == "Lax" and cookie.expires is not None
    restarted = app.test_client()  # a browser that closed and reopened keeps its persistent cookie
    restarted.set_cookie("draft", cookie.value)
    assert "陈晓燕" in restarted.get("/about-you").get_data(as_text=True)


@pytest.mark.parametrize("database_url", DATABASES, indirect=True)
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


@pytest.mark.parametrize("database_url", DATABASES, indirect=True)
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


@pytest.mark.parametrize("database_url", DATABASES, indirect=True)
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
    with app.extensions["complaint_store"].engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from drafts").scalar() == 0


@pytest.mark.parametrize("database_url", DATABASES, indirect=True)
def test_stale_drafts_are_purged_with_their_files_and_pdfs_and_fresh_ones_kept(app, client):
    wizard = Wizard(client)
    wizard.complete()
    wizard.answer("/evidence", {"pictures": [(io.BytesIO(png()), "a.png")]})
    assert wizard.get("/documents/lender.zh.pdf").status_code == 200
    store = app.extensions["complaint_store"]
    with store.engine.begin() as conn:  # a count of wrong resume codes long expired, with no attempt since
        conn.execute(sa.text("insert into resume_attempts values ('c', '1000.0', 1900.0)"))
    assert store.purge(dt.timedelta(days=30)) == (0, 0)
    later = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=31)
    assert store.purge(dt.timedelta(days=30), now=later) == (1, 1)  # the picture (its thumbnail goes too)
    assert client.get("/check").status_code == 302
    with store.engine.connect() as conn:
        assert [conn.execute(sa.text(f"select count(*) from {t}")).scalar()
                for t in ("drafts", "evidence_files", "pdf_cache", "resume_attempts")] == [0, 0, 0, 0]


def test_starting_the_app_purges_nothing_and_the_purge_command_says_what_it_deleted(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    for name, value in {"SECRET_KEY": "x" * 40, "DATABASE_URL": url}.items():
        monkeypatch.setenv(name, value)
    assert CliRunner().invoke(cli, ["init-db"]).exit_code == 0
    app = create_app()
    first = Wizard(app.test_client())
    first.complete()
    first.answer("/evidence", {"pictures": [(io.BytesIO(png()), "a.png"), (io.BytesIO(png(9)), "b.png")]})
    with app.extensions["complaint_store"].engine.begin() as conn:  # untouched for 31 days
        conn.execute(sa.text("update drafts set updated_at = :then"),
                     {"then": dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=31)})
    create_app()  # a worker starting
    assert "陈晓燕" in first.get("/check").get_data(as_text=True), "a worker's start deletes nothing"
    result = app.test_cli_runner().invoke(cli, ["purge"])
    assert result.exit_code == 0 and "deleted 1 draft(s) and 2 evidence file(s)" in result.output
    assert first.get("/check").status_code == 302


def test_workers_never_create_tables_and_say_to_run_init_db(tmp_path, monkeypatch, caplog):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": url})
    client = app.test_client()
    client.set_cookie("lang", "en")
    page = client.get("/")
    assert page.status_code == 503 and "This service is not ready yet" in page.get_data(as_text=True)
    assert "run `complaint init-db`" in caplog.text
    assert sa.inspect(app.extensions["complaint_store"].engine).get_table_names() == []
    for name, value in {"SECRET_KEY": "x" * 40, "DATABASE_URL": url}.items():
        monkeypatch.setenv(name, value)
    assert CliRunner().invoke(cli, ["init-db"]).exit_code == 0
    assert app.test_client().get("/").status_code == 200, "the running workers notice without a restart"


@pytest.mark.parametrize("database_url", DATABASES, indirect=True)
def test_the_migrations_build_exactly_the_tables_the_code_uses(app):
    with app.extensions["complaint_store"].engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), store_module.metadata) == []


def test_init_db_upgrades_a_database_made_before_migrations(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = Store(url)
    with old.engine.begin() as conn:  # the tables as `create_all` made them, with a draft in them
        command.upgrade(store_module._alembic_config(conn), "0001")
        conn.execute(sa.text("drop table alembic_version"))
    with old.engine.begin() as conn:
        conn.execute(sa.text("insert into drafts values ('d1', x'00', 'lookup', x'00', '2026-11-01 00:00:00')"))
    for name, value in {"SECRET_KEY": "x" * 40, "DATABASE_URL": url}.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(cli, ["init-db"])
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(cli, ["init-db"]).exit_code == 0, "running it again changes nothing"
    with old.engine.connect() as conn:
        assert conn.execute(sa.text("select id, revision from drafts")).all() == [("d1", 1)]
    assert old.ready()


def test_the_sqlite_database_and_its_folder_are_private(tmp_path, monkeypatch, caplog):
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    monkeypatch.setenv("INSTANCE_PATH", str(instance))
    create_app({"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{instance / 'complaint.sqlite3'}"})
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700, "the instance folder, where the database is by default"
    assert stat.S_IMODE((instance / "complaint.sqlite3").stat().st_mode) == 0o600
    new = tmp_path / "new" / "data"
    create_app({"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{new / 'db.sqlite3'}"})
    assert stat.S_IMODE(new.stat().st_mode) == 0o700 and stat.S_IMODE((new / "db.sqlite3").stat().st_mode) == 0o600
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    (shared / "db.sqlite3").touch(mode=0o644)
    create_app({"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{shared / 'db.sqlite3'}"})
    assert stat.S_IMODE((shared / "db.sqlite3").stat().st_mode) == 0o600
    assert f"the database's folder {shared} is open to other users" in caplog.text


@pytest.mark.parametrize("database_url", DATABASES, indirect=True)
def test_a_cookie_with_a_wrong_key_opens_nothing(app, client):
    Wizard(client).complete()
    draft_id, _, _ = client.get_cookie("draft").value.partition(".")
    forged = app.test_client()
    forged.set_cookie("draft", draft_id + "." + "A" * 43)
    assert forged.get("/check").status_code == 302


@pytest.mark.parametrize("database_url", DATABASES, indirect=True)
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
                             (b'{"format": "complaint-case", "version": 1, "person": {"name": ""}}',
                              "被修改过或已损坏")):
        token = other.token("/")
        response = other.client.post("/open", data={"csrf_token": token, "case_file": (BytesIO(content), "x.json")})
        assert message in response.get_data(as_text=True)
    assert other.client.get_cookie("draft") is None, "nothing was created"
