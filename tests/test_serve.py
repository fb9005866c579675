"""The real servers (Waitress via `complaint serve`, and gunicorn) behind a proxy, and the PDF workers, by socket."""
from __future__ import annotations

import concurrent.futures
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest
from helpers import ROOT, STANDARD_ANSWERS, pdf_fonts, pdf_text

BIN = Path(sys.executable).parent
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
PROXY = "127.0.0.1"  # the "proxy" connects from here; a stranger connecting directly comes from 127.0.0.2
STRANGER = "127.0.0.2"
START_SECONDS = 120  # the machine may be busy: workers warm up before the server listens
REQUEST_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server started as its own process group on 127.0.0.1, always killed with its workers."""

    def __init__(self, kind: str, tmp_path: Path, **settings):
        self.port = _free_port()
        env = {**os.environ, "SECRET_KEY": "serve-test", "INSTANCE_PATH": str(tmp_path),
               "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}", "HOST": "127.0.0.1",
               "PORT": str(self.port), **{name: str(value) for name, value in settings.items()}}
        env.pop("COMPLAINT_ENV", None)
        # As a deployment does: the tables first, once, then the server (workers never create them).
        subprocess.run([str(BIN / "complaint"), "init-db"], cwd=ROOT, env=env, check=True, capture_output=True,
                       timeout=60)
        command = ([str(BIN / "complaint"), "serve"] if kind == "waitress"
                   else [str(BIN / "gunicorn"), "--workers", "1", "--timeout", "120", "app:app"])
        self.log_path = tmp_path / f"{kind}.log"
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()  # whatever it left running in its group
                raise RuntimeError(f"{kind} exited: {self.log_path.read_text()[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{kind} did not listen within {START_SECONDS} s")

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # the server, its forkserver and its typesetting workers
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        self.log.close()

    def descendants(self) -> dict[int, int]:
        """pid → parent pid of every process below the server."""
        parents = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(stat.parent.name)] = int(fields[1])
        below, frontier = {}, {self.process.pid}
        while frontier:
            children = {pid: parent for pid, parent in parents.items() if parent in frontier}
            below.update(children)
            frontier = set(children)
        return below

    def typesetters(self) -> set[int]:
        """The typesetting workers: the children of multiprocessing's fork server."""
        below = self.descendants()
        servers = {pid for pid in below if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()}
        return {pid for pid, parent in below.items() if parent in servers}


class Client:
    """One browser, behind the proxy (its address forwarded) or connecting directly from `source`."""

    def __init__(self, server: Server, forwarded_for: str | None = None, proto: str = "http",
                 source: str = PROXY, lang: str = "zh", extra: dict | None = None):
        self.server, self.source = server, source
        self.cookies = {"lang": lang}
        self.proxy_headers = extra or {}
        if forwarded_for is not None:
            self.proxy_headers = {"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": proto, **self.proxy_headers}

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=REQUEST_SECONDS,
                                          source_address=(self.source, 0))
        try:
            cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            conn.request(method, path, body=body or None,
                         headers={"Cookie": cookie, **self.proxy_headers, **(headers or {})})
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response, data

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, fields: dict):
        page = "/" if path == "/start" else path  # the start page holds the form that posts to /start
        token = TOKEN.search(self.get(page)[1].decode()).group(1)
        body = urlencode({"csrf_token": token, **fields}, doseq=True).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def upload(self, path: str, field: str, filename: str, content: bytes):
        token = TOKEN.search(self.get("/")[1].decode()).group(1)  # the start page holds the upload form
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\n"
                f"Content-Type: application/json\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        return self.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def complete(self):
        """Answer every question as helpers' Wizard does, over HTTP."""
        assert self.post("/start", {})[0].status == 302
        for url in ("/about-you", "/loan", "/collectors"):
            assert self.post(url, STANDARD_ANSWERS[url])[0].status == 302, url
        for incident in STANDARD_ANSWERS["incidents"]:
            assert self.post("/incidents/new", incident)[0].status == 302
        assert self.post("/incidents", {"answer": "no"})[0].status == 302
        for url in ("/wants", "/earlier", "/recipient"):
            assert self.post(url, STANDARD_ANSWERS[url])[0].status == 302, url
        return self


@pytest.fixture(scope="module", params=["waitress", "gunicorn"])
def server(request, tmp_path_factory):
    running = Server(request.param, tmp_path_factory.mktemp(request.param), TRUSTED_PROXIES=1,
                     TRUSTED_PROXY_ADDRESSES=PROXY, RESUME_ATTEMPTS=3, PDF_WORKERS=1, PDF_QUEUE=1,
                     PDF_TIME_LIMIT=60)
    yield running
    running.stop()


def _draft_cookie(response) -> str:
    return next(c for c in response.headers.get_all("Set-Cookie") if c.startswith("draft="))


def test_forwarded_https_makes_the_draft_cookie_secure_and_sends_hsts(server):
    browser = Client(server, forwarded_for="203.0.113.7", proto="https")
    response, _ = browser.post("/start", {})
    assert "Secure" in _draft_cookie(response)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_plain_http_gets_no_secure_cookie_and_no_hsts(server):
    response, _ = Client(server, forwarded_for="203.0.113.7", proto="http").post("/start", {})
    assert "Secure" not in _draft_cookie(response)
    assert "Strict-Transport-Security" not in response.headers


def test_a_stranger_connecting_directly_cannot_claim_https(server):
    browser = Client(server, forwarded_for="203.0.113.7", proto="https", source=STRANGER)
    response, _ = browser.post("/start", {})
    assert "Secure" not in _draft_cookie(response)
    assert "Strict-Transport-Security" not in response.headers


def _guess_until_refused(browser: Client) -> int:
    """Wrong resume codes until the page says to wait; how many were tried."""
    for attempt in range(1, 6):
        response, body = browser.post("/resume", {"code": "AAAA-AAAA-AAAA-AAAA"})
        if response.status == 429:
            assert "尝试的恢复码太多" in body.decode()
            return attempt
    return 0


def test_the_resume_throttle_counts_each_forwarded_client_apart(server):
    # RESUME_ATTEMPTS=3: the fourth wrong code from one person is refused, and nobody else is locked out with them.
    assert _guess_until_refused(Client(server, forwarded_for="198.51.100.1")) == 4
    response, body = Client(server, forwarded_for="198.51.100.2").post("/resume", {"code": "AAAA-AAAA-AAAA-AAAA"})
    assert response.status == 200 and "没有找到" in body.decode()


def test_a_client_cannot_escape_the_throttle_by_writing_its_own_forwarded_for(server):
    # The proxy appends the real address; what the client wrote to its left is not believed.
    tries = iter(f"192.0.2.{n}, 198.51.100.3" for n in range(1, 10))
    browser = Client(server, forwarded_for=next(tries))
    for _ in range(3):
        browser.post("/resume", {"code": "AAAA-AAAA-AAAA-AAAA"})
        browser.proxy_headers["X-Forwarded-For"] = next(tries)
    response, _ = browser.post("/resume", {"code": "AAAA-AAAA-AAAA-AAAA"})
    assert response.status == 429


def test_a_stranger_connecting_directly_cannot_spoof_its_address(server):
    # Counted as 127.0.0.2 whatever X-Forwarded-For says, so changing it each time does not help.
    browser = Client(server, source=STRANGER, extra={"X-Forwarded-For": "192.0.2.100"})
    for n in range(3):
        browser.proxy_headers["X-Forwarded-For"] = f"192.0.2.{100 + n}"
        browser.post("/resume", {"code": "AAAA-AAAA-AAAA-AAAA"})
    browser.proxy_headers["X-Forwarded-For"] = "192.0.2.200"
    assert browser.post("/resume", {"code": "AAAA-AAAA-AAAA-AAAA"})[0].status == 429


def _assert_hardened(response, what: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, what
    assert response.headers.get("X-Content-Type-Options") == "nosniff", what
    assert response.headers.get("Referrer-Policy") == "no-referrer", what
    assert response.headers.get("X-Frame-Options") == "DENY", what


def test_every_kind_of_response_carries_the_security_headers(server):
    browser = Client(server, forwarded_for="203.0.113.9", proto="https").complete()
    for path, mimetype in (("/static/css/app.css", "text/css"), ("/static/js/app.js", "javascript"),
                           ("/documents/lender.zh.pdf", "application/pdf"),
                           ("/documents/deadlines.ics", "text/calendar"), ("/no-such-page", "text/html"),
                           ("/check", "text/html"), ("/evidence/chart.svg", "image/svg+xml")):
        response, _ = browser.get(path)
        assert mimetype in response.headers["Content-Type"], path
        _assert_hardened(response, path)
        assert response.headers["Strict-Transport-Security"].startswith("max-age="), path
    case_file, _ = browser.post("/save", {"password": "", "confirm": ""})
    assert case_file.headers["Content-Type"].startswith("application/json")
    _assert_hardened(case_file, "case file")


def test_the_pdf_from_a_worker_is_the_person_s_letter(server):
    browser = Client(server, forwarded_for="203.0.113.10").complete()
    response, body = browser.get("/documents/lender.zh.pdf")
    assert response.status == 200
    text = pdf_text(body)
    assert "陈晓燕" in text and "某某消费金融股份有限公司" in text
    assert all(embedded for _, embedded in pdf_fonts(body))


def test_concurrent_letters_are_made_or_politely_deferred_never_an_error(server):
    # One worker and one queue place: of eight letters asked for at once, some must wait their turn or be
    # refused with the busy page; none may fail.
    browsers = [Client(server, forwarded_for=f"203.0.113.{20 + n}").complete() for n in range(8)]
    with concurrent.futures.ThreadPoolExecutor(len(browsers)) as pool:
        results = list(pool.map(lambda b: b.get("/documents/regulator.zh.pdf"), browsers))
    statuses = [response.status for response, _ in results]
    assert set(statuses) <= {200, 503}, statuses
    assert 200 in statuses and 503 in statuses, statuses
    for response, body in results:
        if response.status == 200:
            assert "陈晓燕" in pdf_text(body)
        else:
            assert response.headers["Retry-After"].isdigit()
            _assert_hardened(response, "busy page")
            page = body.decode()
            assert "你的文件还没有生成" in page and "请等半分钟后再试" in page
            assert 'href="/documents/regulator.zh.pdf"' in page  # try again
    log = server.log_path.read_text(errors="replace")
    assert "corrupted" not in log and "Traceback" not in log, log[-3000:]


MAX_BODY = 64 * 1024 * 1024  # the app's MAX_CONTENT_LENGTH: a body must be smaller (see complaint.web.server)
FRAGMENT = "陈晓燕的电话13912345678"  # what a request line or header may hold: it must come back nowhere


def _raw(server: Server, request: bytes, body_after: int = 0) -> tuple[str, dict, bytes]:
    """Send bytes as they are, and read the answer: its status line, headers (lower-case names) and body.

    The answer is read by its length, not to the end: a server may keep the connection open for a next request.
    """
    with socket.create_connection(("127.0.0.1", server.port), timeout=REQUEST_SECONDS) as sock:
        sock.sendall(request)
        answer = sock.makefile("rb")
        status = answer.readline().decode("latin-1").strip()
        headers = {}
        while line := answer.readline().decode("latin-1").strip():
            name, _, value = line.partition(":")
            headers[name.lower()] = value.strip()
        body = answer.read(int(headers.get("content-length", 0)))
    return status, headers, body


def _assert_refusal_hardened(headers: dict, what: str) -> None:
    assert "default-src 'none'" in headers.get("content-security-policy", ""), what
    assert headers.get("x-content-type-options") == "nosniff", what
    assert headers.get("referrer-policy") == "no-referrer", what
    assert headers.get("x-frame-options") == "DENY", what
    assert headers.get("cache-control") == "no-store", what


REFUSED_BY_THE_SERVER = {
    "malformed request line": (f"GET /{FRAGMENT} HTTP/1.1 extra\r\n\r\n", "400"),
    "header without a colon": (f"GET / HTTP/1.1\r\nHost: x\r\n{FRAGMENT}\r\n\r\n", "400"),
    "negative Content-Length": ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", "400"),
    # Just over Waitress's 256 KB (all of it read, so the refusal is not lost to a reset); gunicorn's is 8 KB a line.
    "headers too large": (f"GET / HTTP/1.1\r\nHost: x\r\nX-Big: {FRAGMENT}{'a' * 262_144}\r\n\r\n", "431"),
}


@pytest.mark.parametrize("what", REFUSED_BY_THE_SERVER)
def test_the_servers_own_refusals_carry_the_security_headers_and_quote_nothing(server, what):
    raw, expected = REFUSED_BY_THE_SERVER[what]
    status, headers, body = _raw(server, raw.encode())
    assert status.split()[1] == expected, (what, status)
    _assert_refusal_hardened(headers, what)
    # The number is plain ASCII: found however a server escapes or re-encodes the name around it.
    assert b"13912345678" not in body, body[:300]
    assert b"13912345678" not in server.log_path.read_bytes(), server.log_path.read_bytes()[-2000:]


def _upload_head(length: int, chunked: bool = False) -> bytes:
    size = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {length}"
    return (f"POST /open HTTP/1.1\r\nHost: x\r\nCookie: lang=en\r\n{size}\r\n"
            f"X-Forwarded-For: 203.0.113.30\r\nX-Forwarded-Proto: https\r\n"  # from the proxy, under HTTPS
            f"Content-Type: multipart/form-data; boundary=b\r\n\r\n").encode()


def test_a_body_over_the_limit_is_refused_from_its_length_before_it_is_sent(server):
    # Only the headers are sent: the answer, the site's own page in her language, must come without the server
    # waiting for 64 MB first.
    started = time.monotonic()
    status, headers, body = _raw(server, _upload_head(MAX_BODY + 1))
    assert status.split()[1] == "413" and time.monotonic() - started < 10, status
    _assert_refusal_hardened(headers, "413")
    assert headers["strict-transport-security"].startswith("max-age="), headers
    assert "That file is too large" in body.decode() and "Go back and choose a smaller file." in body.decode()


def test_a_streamed_body_is_refused_once_it_passes_the_limit(server):
    # Chunked, with no length to refuse it by: the server stops reading soon after the limit, not at its own 1 GB.
    chunk = b"%x\r\n%s\r\n" % (1024 * 1024, b"a" * 1024 * 1024)
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=REQUEST_SECONDS) as sock:
        sock.sendall(_upload_head(0, chunked=True))
        try:
            while sent < 2 * MAX_BODY:
                sock.sendall(chunk)
                sent += len(chunk)
            sock.sendall(b"0\r\n\r\n")  # not refused yet: the body ends, for the server to answer at last
        except OSError:  # the server answered and closed while we were still sending
            pass
        answer = sock.makefile("rb").read()
    assert answer.split(b"\r\n", 1)[0].split()[1] == b"413", answer[:200]
    assert "That file is too large" in answer.decode(errors="replace")
    assert sent < 2 * MAX_BODY, sent


def test_the_largest_body_allowed_reaches_the_app_and_gets_its_translated_answer(server):
    client = Client(server, lang="en")
    token = TOKEN.search(client.get("/")[1].decode()).group(1)
    head = (f'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--b\r\nContent-Disposition: form-data; name="case_file"; filename="case.json"\r\n'
            f"Content-Type: application/json\r\n\r\n").encode()
    tail = b"\r\n--b--\r\n"
    filler = MAX_BODY - 1 - len(head) - len(tail)
    body = head + (b" " * 1023 + b"\n") * (filler // 1024) + b" " * (filler % 1024) + tail  # lines, as JSON has
    assert len(body) == MAX_BODY - 1
    response, page = client.request("POST", "/open", body, {"Content-Type": "multipart/form-data; boundary=b"})
    assert response.status == 200 and "This file is too large to be a case file." in page.decode(), page[:3000]


def _big_case_file() -> bytes:
    case = json.loads((ROOT / "examples" / "night-calls-consumer-finance.json").read_text())
    first = case["incidents"][0]
    case["incidents"] = [{**first, "date": f"2026-{1 + n % 9:02d}-{1 + n % 28:02d}",
                          "time": f"{n % 24:02d}:{n % 60:02d}"}
                         for n in range(300)]
    return json.dumps(case, ensure_ascii=False).encode()


@pytest.mark.parametrize("kind", ["waitress", "gunicorn"])
def test_a_letter_over_the_time_limit_gets_the_busy_page_and_its_worker_is_replaced(tmp_path, kind):
    server = Server(kind, tmp_path, PDF_WORKERS=1, PDF_QUEUE=0, PDF_TIME_LIMIT=0.3)
    try:
        browser = Client(server, lang="en")
        response, body = browser.upload("/open", "case_file", "case.json", _big_case_file())
        assert response.status == 302, body.decode()[:2000]
        before = server.typesetters()
        assert len(before) == 1
        started = time.monotonic()
        response, body = browser.get("/documents/lender.en.pdf")
        assert response.status == 503 and time.monotonic() - started < 10
        assert "Your letter is not ready yet" in body.decode()
        after = server.typesetters()
        assert len(after) == 1 and not after & before  # the stuck worker is gone, a new one stands in
    finally:
        server.stop()
