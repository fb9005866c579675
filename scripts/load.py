"""Load test: gunicorn on 127.0.0.1, N people walking the journey for a fixed time; latencies as the last JSON line.

Each simulated person starts a draft, answers every question (about you, the loan, the collectors, an incident,
what they want, an earlier complaint, which documents), opens the check and documents pages, downloads two
letters as PDF, and starts again, with a pause between pages like someone reading. Only 127.0.0.1 is contacted;
the run stops itself after --seconds (each request also gives up after 60 s) and the server is always killed.

"step" is every page that is not a PDF (GET and POST); "pdf" is each letter download (503 "busy" answers are
counted apart, not timed as letters).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
REQUEST_SECONDS = 60

ANSWERS = [
    ("/about-you", {"name": "陈晓燕", "phone": "+86 139-1234-5678", "id_number": "11010519850705004x",
                    "contact": "上海市徐汇区漕溪北路88号"}),
    ("/loan", {"lender": "某某消费金融股份有限公司", "lender_type": "consumer_finance", "product": "随借花App",
               "account": "HT20250318", "borrowed": "20,000", "claimed": "26480.55", "disputed": "yes",
               "illegal": "no", "province": "shanghai"}),
    ("/collectors", {"agency": "深圳某某信息咨询有限公司", "names-0": "法务部张律师", "numbers-0": "170 0000 1234"}),
    ("/incidents/new", {"year": "2026", "month": "2", "day": "10", "time": "23:15", "channel": "call",
                        "source": "170 0000 1234", "times": "6", "targets": ["self"],
                        "description": "半夜连打六次，说不还钱就让我全家不得安宁。",
                        "behaviours": ["night_calls", "threat_violence"], "evidence": ["call_log", "recording"]}),
    ("/incidents", {"answer": "no"}),
    ("/wants", {"requests": ["stop_unlawful", "stop_third_parties"], "other": ""}),
    ("/earlier", {"made": "yes", "year": "2026", "month": "3", "day": "5", "outcome": "no_reply",
                  "reference": "TS-0305-88", "details": ""}),
    ("/recipient", {"kinds": ["lender", "regulator", "hotline"], "letter_lang": "zh"}),
]
LETTERS = ("/documents/lender.zh.pdf", "/documents/regulator.zh.pdf")


class Results:
    """Latencies by kind of request, and what went wrong, shared by the simulated people."""

    def __init__(self):
        self.lock = threading.Lock()
        self.seconds = {"step": [], "pdf": []}
        self.busy = 0
        self.errors: dict[str, int] = {}

    def timed(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.seconds[kind].append(seconds)

    def deferred(self) -> None:
        with self.lock:
            self.busy += 1

    def failed(self, what: str) -> None:
        with self.lock:
            self.errors[what] = self.errors.get(what, 0) + 1


class Person:
    """One browser: its cookies, and the journey."""

    def __init__(self, port: int, results: Results, deadline: float, pause: float):
        self.port, self.results, self.deadline, self.pause = port, results, deadline, pause
        self.cookies = {"lang": "zh"}

    def _request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_SECONDS)
        try:
            cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            started = time.monotonic()
            conn.request(method, path, body=body, headers={"Cookie": cookie, **(headers or {})})
            response = conn.getresponse()
            data = response.read()
            elapsed = time.monotonic() - started
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response.status, data, elapsed

    def _page(self, method: str, path: str, fields: dict | None = None) -> str:
        body = urlencode(fields, doseq=True).encode() if fields is not None else None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        status, data, elapsed = self._request(method, path, body, headers)
        if status >= 400:
            self.results.failed(f"{method} {path.split('?')[0]} {status}")
        else:
            self.results.timed("step", elapsed)
        self._think()
        return data.decode("utf-8", "replace")

    def _letter(self, path: str) -> None:
        status, data, elapsed = self._request("GET", path)
        if status == 503:
            self.results.deferred()
        elif status != 200 or not data.startswith(b"%PDF"):
            self.results.failed(f"GET {path} {status}")
        else:
            self.results.timed("pdf", elapsed)
        self._think()

    def _think(self) -> None:
        time.sleep(random.uniform(0.5, 1.5) * self.pause)

    def _token(self, page: str) -> str:
        found = TOKEN.search(page)
        if not found:
            raise RuntimeError("no form on the page")
        return found.group(1)

    def journey(self) -> None:
        self.cookies = {"lang": "zh"}
        start = self._page("GET", "/")
        self._page("POST", "/start", {"csrf_token": self._token(start)})
        for path, answers in ANSWERS:
            page = self._page("GET", path)
            self._page("POST", path, {"csrf_token": self._token(page), **answers})
            if time.monotonic() > self.deadline:
                return
        self._page("GET", "/check")
        self._page("GET", "/documents")
        for path in LETTERS:
            self._letter(path)

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            try:
                self.journey()
            except (OSError, http.client.HTTPException, RuntimeError) as error:
                self.results.failed(type(error).__name__)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_gunicorn(workers: int, instance: str) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = {**os.environ, "SECRET_KEY": secrets.token_hex(16), "INSTANCE_PATH": instance,
           "DATABASE_URL": f"sqlite:///{instance}/load.sqlite3", "HOST": "127.0.0.1", "PORT": str(port)}
    # Workers never create tables (issue 9): the schema is made once, as `make run` does, before they start.
    subprocess.run([str(BIN / "complaint"), "init-db"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
                   timeout=120)
    server = subprocess.Popen([str(BIN / "gunicorn"), "--workers", str(workers), "app:app"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=open(Path(instance) / "gunicorn.log", "wb"),
                              start_new_session=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited: see {instance}/gunicorn.log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.5)
    os.killpg(server.pid, signal.SIGKILL)
    raise SystemExit("gunicorn did not answer within 180 s")


def _percentiles(values: list[float]) -> dict:
    if len(values) < 2:
        return {"count": len(values)}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"count": len(values), "p50": round(cuts[49], 3), "p95": round(cuts[94], 3), "p99": round(cuts[98], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--pause", type=float, default=1.0, help="mean seconds between a person's pages")
    args = parser.parse_args()
    if not (1 <= args.users <= 200 and 1 <= args.seconds <= 600):
        raise SystemExit("keep it bounded: 1-200 users, 1-600 seconds")

    load_before = os.getloadavg()[0]  # the machine may be shared: say how busy it was already
    instance = tempfile.mkdtemp(prefix="complaint-load-")
    server, port = _start_gunicorn(args.workers, instance)
    try:
        results = Results()
        started = time.monotonic()
        deadline = started + args.seconds
        people = [threading.Thread(target=Person(port, results, deadline, args.pause).run, daemon=True)
                  for _ in range(args.users)]
        for person in people:
            person.start()
            time.sleep(args.pause / args.users)  # arrive spread over one pause, not all in the same instant
        for person in people:
            person.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_SECONDS + 5)
        elapsed = time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGKILL)  # gunicorn, its workers and their typesetting workers
        server.wait(timeout=10)
    done = len(results.seconds["step"]) + len(results.seconds["pdf"])
    print(json.dumps({
        "users": args.users, "seconds": args.seconds, "gunicorn_workers": args.workers,
        "pdf_workers_per_process": int(os.environ.get("PDF_WORKERS", "2")), "pause_s": args.pause,
        "machine": f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
                   f"load average {load_before:.1f} before the run",
        "requests": done, "req_per_s": round(done / elapsed, 1),
        "step_s": _percentiles(results.seconds["step"]), "pdf_s": _percentiles(results.seconds["pdf"]),
        "pdf_busy": results.busy, "errors": results.errors,
    }))


if __name__ == "__main__":
    main()
