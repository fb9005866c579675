"""Fixtures: an app on a throwaway database, a client, a wizard that answers pages as a person would (helpers.py)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from helpers import CHROMIUM, LAUNCH_ARGS, Wizard
from werkzeug.serving import make_server

from complaint import create_app
from complaint.model import Case, Collectors, Documents, Incident, Loan, Person, Wants
from complaint.storage.store import Store, metadata

# Debian's postgresql package (in the Makefile's TEST_PACKAGES); the newest version installed.
POSTGRES_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))


# ── Databases: SQLite per test; one throwaway PostgreSQL cluster per session, emptied after each test ───

@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A SQLite file brought up to the schema by the migrations (as `complaint init-db` does), copied per test."""
    path = tmp_path_factory.mktemp("schema") / "migrated.sqlite3"
    store = Store(f"sqlite:///{path}")
    store.migrate()
    store.engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgresql_server():
    """A PostgreSQL cluster of its own on a private socket, migrated once; its URL."""
    if not POSTGRES_BIN:
        pytest.skip("PostgreSQL is not installed (`make setup-test` installs Debian's postgresql)")
    bindir, root = POSTGRES_BIN[-1], Path(tempfile.mkdtemp(prefix="complaint-pg-"))
    user = "nobody" if os.geteuid() == 0 else None  # PostgreSQL refuses to run as root
    if user:
        shutil.chown(root, user)

    def pg(*args):
        subprocess.run([bindir / args[0], *args[1:]], check=True, capture_output=True, user=user, timeout=120)

    pg("initdb", "-D", root / "data", "-U", "complaint", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
    pg("pg_ctl", "-D", root / "data", "-l", root / "log", "-w", "-o", f"-k {root} -c listen_addresses= -F", "start")
    try:
        url = f"postgresql://complaint@/postgres?host={root}"
        store = Store(url)
        store.migrate()
        store.engine.dispose()
        yield url
    finally:
        pg("pg_ctl", "-D", root / "data", "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgresql_url(postgresql_server):
    yield postgresql_server
    engine = Store(postgresql_server).engine
    with engine.begin() as conn:
        # A connection a test left open would hold TRUNCATE up for ever: end it first.
        conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        conn.execute(sa.text("TRUNCATE " + ", ".join(t.name for t in metadata.sorted_tables)))
    engine.dispose()


@pytest.fixture
def database_url(request, tmp_path) -> str:
    """SQLite unless a test asks for more: `@pytest.mark.parametrize("database_url", DATABASES, indirect=True)`."""
    if getattr(request, "param", "sqlite") == "postgresql":
        return request.getfixturevalue("postgresql_url")
    path = tmp_path / "test.sqlite3"
    shutil.copyfile(request.getfixturevalue("migrated_sqlite"), path)
    return f"sqlite:///{path}"


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app({
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        "COMPLAINT_ENV": "testing",
    })
    app.config["DATABASE_FILE"] = tmp_path / "test.sqlite3"
    yield app
    app.extensions["complaint_store"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def wizard(client):
    return Wizard(client)


@pytest.fixture
def case_factory():
    def make(**overrides) -> Case:
        case = Case(
            person=Person(name="陈晓燕", phone="139 1234 5678", id_number="110101199003074514", contact=""),
            loan=Loan(lender="某某消费金融股份有限公司", lender_type="consumer_finance", disputed="no", illegal="no"),
            collectors=Collectors(),
            incidents=[Incident(date="2026-02-10", time="23:15", channel="call", description="深夜打电话辱骂",
                                behaviours=["night_calls", "insult"])],
            wants=Wants(requests=["stop_unlawful"]),
            documents=Documents(kinds=["lender"]),
        )
        for key, value in overrides.items():
            setattr(case, key, value)
        case.sort_incidents()
        return case
    return make


# ── A real browser, for the tests marked `browser` ────────────────────────────────────────────────────────

def _serve(wsgi_app):
    server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _weather_site(environ, start_response):
    """Stands in for the neutral site quick exit goes to: the tests never need the internet."""
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [b"<!doctype html><title>Weather</title><h1>Weather</h1>"]


@pytest.fixture
def live_server(app):
    """The app served on a free local port, its quick exit pointed at a local stand-in weather site."""
    weather = _serve(_weather_site)
    app.config["QUICK_EXIT_URL"] = f"http://localhost:{weather.server_port}/"
    server = _serve(app)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    weather.shutdown()


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()
