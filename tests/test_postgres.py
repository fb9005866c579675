"""A whole journey on PostgreSQL, served by two app servers at once as behind a proxy: what one saves, the other
shows; PDFs, evidence, resume codes and deletion work the same as on SQLite."""
from __future__ import annotations

import io
import re
import threading

import pytest
import sqlalchemy as sa
from helpers import STANDARD_ANSWERS, Wizard, pdf_text
from PIL import Image

from complaint import create_app
from complaint.storage.store import Store


@pytest.fixture
def second_server(postgresql_url):
    app = create_app({"SECRET_KEY": "test-secret", "DATABASE_URL": postgresql_url, "COMPLAINT_ENV": "testing"})
    yield app
    app.extensions["complaint_store"].engine.dispose()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_journey_on_postgresql_across_two_servers(app, second_server):
    assert app.extensions["complaint_store"].engine.dialect.name == "postgresql"
    one = Wizard(app.test_client())
    one.complete()
    two = Wizard(second_server.test_client())  # the same browser, its next request sent to the other server
    two.client.set_cookie("draft", one.client.get_cookie("draft").value)
    picture = io.BytesIO()
    Image.new("RGB", (80, 60), (200, 40, 40)).save(picture, "PNG")
    assert two.answer("/evidence", {"pictures": [(io.BytesIO(picture.getvalue()), "shot.png")]}).status_code == 302
    page = one.get("/evidence").get_data(as_text=True)
    ref = re.search(r'/evidence/([0-9a-f]+)/(?:picture|thumbnail)', page).group(1)
    assert one.get(f"/evidence/{ref}/picture").mimetype == "image/png", "server one reads what server two kept"
    first = one.get("/documents/lender.zh.pdf")
    assert "半夜连打六次" in pdf_text(first.data).replace("\n", "")
    assert two.get("/documents/lender.zh.pdf?download=1").data == first.data, "the cached PDF, from either server"
    changed = {**STANDARD_ANSWERS["incidents"][0], "description": "凌晨两点又打来，骂我是骗子。"}
    assert two.answer("/incidents/1", changed).status_code == 302
    assert "凌晨两点又打来" in pdf_text(one.get("/documents/lender.zh.pdf").data).replace("\n", "")
    code = re.search(r'<p class="code" lang="en">([0-9A-Z-]+)</p>', one.get("/check").get_data(as_text=True)).group(1)
    phone = Wizard(second_server.test_client(), "en")
    assert phone.answer("/resume", {"code": code}).status_code == 302
    assert "凌晨两点又打来" in phone.get("/check").get_data(as_text=True)
    assert one.answer("/delete", {}).status_code == 302
    assert phone.get("/check").status_code == 302, "deleted everywhere"
    with app.extensions["complaint_store"].engine.connect() as conn:
        assert [conn.execute(sa.text(f"select count(*) from {table}")).scalar()
                for table in ("drafts", "evidence_files", "pdf_cache")] == [0, 0, 0]


def test_two_init_db_at_once_on_an_empty_postgresql_both_succeed(postgresql_server):
    admin = sa.create_engine(postgresql_server.replace("postgresql://", "postgresql+psycopg://"),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text("DROP DATABASE IF EXISTS fresh"))
        conn.execute(sa.text("CREATE DATABASE fresh"))
    url = postgresql_server.replace("/postgres?", "/fresh?")
    stores, failures = [Store(url) for _ in range(4)], []  # four servers deploying at the same moment

    def init(store):
        try:
            store.migrate()
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            failures.append(error)

    threads = [threading.Thread(target=init, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures and all(store.ready() for store in stores)
    for store in stores:
        store.engine.dispose()
    with admin.connect() as conn:
        conn.execute(sa.text("DROP DATABASE fresh"))
    admin.dispose()
