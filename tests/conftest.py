"""Fixtures: an app on a throwaway database, a client, a wizard that answers pages as a person would."""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from werkzeug.serving import make_server

from complaint import create_app
from complaint.model import Case, Collectors, Documents, Incident, Loan, Person, Wants
from complaint.storage.store import Store, metadata

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 28)
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


DATABASES = ["sqlite", "postgresql"]


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


_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class Wizard:
    """Walks the site like a user: reads each page, answers it with the page's own CSRF token, follows on."""

    def __init__(self, client, lang: str = "zh"):
        self.client = client
        self.lang = lang
        self.client.set_cookie("lang", lang)

    def get(self, url: str, **kwargs):
        return self.client.get(url, **kwargs)

    def token(self, url: str) -> str:
        page = self.client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        return _TOKEN.search(page.get_data(as_text=True)).group(1)

    def answer(self, url: str, data: dict | None = None, follow: bool = False, **kwargs):
        """Fetch the page (for its token), then submit it."""
        form = {"csrf_token": self.token(url), **(data or {})}
        return self.client.post(url, data=form, follow_redirects=follow, **kwargs)

    def begin(self):
        token = self.token("/")
        response = self.client.post("/start", data={"csrf_token": token})
        assert response.status_code == 302
        return response

    def complete(self, case: dict | None = None):
        """Answer every question with the standard answers (or `case` overrides), ending at the check page."""
        answers = {**STANDARD_ANSWERS, **(case or {})}
        self.begin()
        for url in ("/about-you", "/loan", "/collectors"):
            response = self.answer(url, answers[url])
            assert response.status_code == 302, (url, response.get_data(as_text=True)[:2000])
        for incident in answers["incidents"]:
            response = self.answer("/incidents/new", incident)
            assert response.status_code == 302, response.get_data(as_text=True)[:3000]
        assert self.answer("/incidents", {"answer": "no"}).status_code == 302
        for url in ("/wants", "/earlier", "/recipient"):
            response = self.answer(url, answers[url])
            assert response.status_code == 302, (url, response.get_data(as_text=True)[:2000])
        return self.get("/check")


STANDARD_ANSWERS = {
    "/about-you": {"name": "陈晓燕", "phone": "+86 139-1234-5678", "id_number": "11010519850705004x",
                   "contact": "上海市徐汇区漕溪北路88号"},
    "/loan": {"lender": "某某消费金融股份有限公司", "lender_type": "consumer_finance", "product": "随借花App",
              "account": "HT20250318", "borrowed": "20,000", "claimed": "¥26480.55", "disputed": "yes",
              "illegal": "no", "province": "shanghai"},
    "/collectors": {"agency": "深圳某某信息咨询有限公司", "names-0": "法务部张律师", "numbers-0": "170 0000 1234"},
    "incidents": [
        {"year": "2026", "month": "2", "day": "10", "time": "23:15", "channel": "call", "source": "170 0000 1234",
         "times": "6", "targets": ["self"], "description": "半夜连打六次，说不还钱就让我全家不得安宁。",
         "behaviours": ["night_calls", "threat_violence"], "evidence": ["call_log", "recording"]},
        {"year": "2026", "month": "3", "day": "", "time": "", "channel": "third_party", "source": "0755-8888 6666",
         "times": "", "targets": ["family", "work"], "description": "打给我母亲和单位人事，说我欠钱不还。",
         "behaviours": ["third_party_contact"], "evidence": ["witness"]},
    ],
    "/wants": {"requests": ["stop_unlawful", "stop_third_parties"], "other": "不要再给我母亲打电话"},
    "/earlier": {"made": "yes", "year": "2026", "month": "3", "day": "5", "outcome": "no_reply",
                 "reference": "TS-0305-88", "details": ""},
    "/recipient": {"kinds": ["lender", "regulator", "hotline"], "letter_lang": "zh"},
}


@pytest.fixture
def wizard(client):
    return Wizard(client)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font the PDF uses, descendants included."""
    fonts = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descendant = descendant.get_object()
                descriptor = descendant.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor else {}
                embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                fonts.append((str(descendant.get("/BaseFont")), embedded))
    return fonts


def raw_database_bytes(app) -> bytes:
    """Everything on disk for the database: the file plus any journal or WAL beside it."""
    path = Path(app.config["DATABASE_FILE"])
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


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

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
# Debian's Chromium as root, with nothing that reaches out to the network on its own.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]


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
