"""Benchmark: render times, the big letter with evidence, and importing a call log. Medians, warm process.

"Warm" means what each typesetting worker of `complaint serve` does before it takes letters:
complaint.letters.warm.warm_typesetter() (two letters made, then what is loaded frozen out of garbage collection); the
letters here are typeset in this process, as a worker would. The compact letter fonts are used when built
(`make bench` builds them).

- render_median_s: the Chinese lender letter with 5, 20 and 200 incidents;
- side_by_side_s: the same letter's HTML at 20 and 200 incidents typeset in turn by the app, by plain WeasyPrint and
  by a warm headless Chromium (scripts/bench_chromium.py), medians and ratios;
- evidence_letter_s / evidence_letter_peak_mb / evidence_letter_mb: 500 incidents, the chart and 20 phone
  screenshots as exhibits, rendered in a fresh process so its peak memory is its own;
- import_10k_calls_s: reading and de-duplicating a 10,000-call backup (scripts/bench_import.py);
- pdf_download_s: the 20-incident letter through the site (SQLite), first request (typeset, then kept encrypted)
  and the median of repeated ones (查看 then 下载: served from the cache of the draft's revision).

Prints the figures, then as its last line one JSON object with all of them.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from complaint import letters
from complaint.evidence import images
from complaint.evidence.imports import deduplicate, read_log
from complaint.letters import preflight
from complaint.letters.warm import warm_typesetter
from complaint.model import Case, Collectors, Documents, EarlierComplaint, EvidenceItem, Incident, Loan, Person, Wants

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_chromium import side_by_side  # noqa: E402
from bench_import import CALLS as IMPORT_CALLS  # noqa: E402
from bench_import import write_backup

SIZES = (5, 20, 200)
SIDE_BY_SIDE = (20, 200)
RUNS = 7
BEHAVIOURS = ["night_calls", "excessive_calls", "insult", "threat_expose", "third_party_contact", "impersonation"]
CHANNELS = ["call", "sms", "chat", "third_party"]


def sample_case(incidents: int) -> Case:
    start = dt.date(2026, 1, 1)
    return Case(
        person=Person(name="陈晓燕", phone="139 1234 5678", id_number="11010519850705004X", contact="上海市徐汇区"),
        loan=Loan(lender="某某消费金融股份有限公司", lender_type="consumer_finance", disputed="yes", illegal="no",
                  product="随借花App", account="HT20250318", borrowed="20000.00", claimed="26480.55"),
        collectors=Collectors(agency="某某信息咨询有限公司", names=["王经理"], numbers=["170 0000 1234"]),
        incidents=[Incident(date=(start + dt.timedelta(days=n // 3)).isoformat(),
                            time=f"{(21 + n) % 24:02d}:{n % 60:02d}",
                            channel=CHANNELS[n % len(CHANNELS)], source=f"170 0000 {n:04d}", times=1 + n % 5,
                            targets=["self", "family"] if n % 4 == 3 else ["self"],
                            description="对方在电话里说再不还钱就通知我所有的联系人，还骂我是老赖。" * (1 + n % 3),
                            behaviours=BEHAVIOURS[n % 3:n % 3 + 3], evidence=["call_log", "messages"][: 1 + n % 2])
                   for n in range(incidents)],
        wants=Wants(requests=["stop_unlawful", "name_agency", "stop_third_parties", "apologise"]),
        documents=Documents(kinds=["lender"]),
    )


def median_render_seconds(incidents: int) -> float:
    case = sample_case(incidents)
    today = dt.date(2026, 11, 28)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        letters.pdf(letters.build(case, "lender", "zh", today))
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def phone_screenshot(seed: int) -> bytes:
    """A 1080x2400 chat screenshot with text-like detail, as a phone saves it (PNG)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1080, 2400), (237, 237, 237))
    draw = ImageDraw.Draw(image)
    for row in range(18):
        top = 60 + row * 128
        left = 40 if (row + seed) % 2 else 300
        bubble = (149, 236, 105) if left > 40 else (255,) * 3
        draw.rounded_rectangle((left, top, left + 740, top + 100), 18, fill=bubble)
        for line in range(3):
            for word in range(12):
                x = left + 24 + word * 58
                draw.rectangle((x, top + 18 + line * 26, x + 40 + (seed * word + row) % 14, top + 32 + line * 26),
                               fill=(60, 60, 60))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def evidence_letter() -> dict:
    """Child process: 500 incidents, the chart, 20 screenshots; time, peak memory and PDF size."""
    case = sample_case(500)
    files = {}
    for n in range(20):
        cleaned = images.sanitise(phone_screenshot(n))
        item = EvidenceItem(kind="image", caption=f"催收短信截图{n + 1}", sha256=cleaned.sha256, mime=cleaned.mime,
                            width=cleaned.width, height=cleaned.height, size=len(cleaned.data))
        case.evidence.append(item)
        files[item.ref] = cleaned.data
    doc = letters.build(case, "lender", "zh", dt.date(2026, 11, 28))
    warm_typesetter()
    letters.pdf(doc, files.get)  # and the exhibits' code paths
    timings, size = [], 0
    for _ in range(3):
        started = time.perf_counter()
        size = len(letters.pdf(doc, files.get))
        timings.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"evidence_letter_s": round(statistics.median(timings), 3), "evidence_letter_peak_mb": round(peak_mb),
            "evidence_letter_mb": round(size / 1e6, 2)}


def import_seconds() -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calls-bench.xml"
        write_backup(path)
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            deduplicate(read_log(path))
            timings.append(time.perf_counter() - started)
    return round(statistics.median(timings), 3)


def pdf_download_seconds() -> dict:
    """First and repeated GET of one letter's PDF through the app, on a fresh SQLite database."""
    import base64

    from complaint import create_app

    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"})
        store = app.extensions["complaint_store"]
        store.migrate()
        case = sample_case(20)
        case.earlier = EarlierComplaint(made="no")
        client = app.test_client()

        def use(draft):
            client.set_cookie("draft", f"{draft.id}.{base64.urlsafe_b64encode(draft.key).decode().rstrip('=')}")

        use(store.create(case))
        client.get("/documents/lender.zh.pdf")  # readies the app's pages and queries, as a served app would be
        use(store.create(case))
        timings = []
        for query in ("", "?download=1", "", "?download=1", "", "?download=1"):
            started = time.perf_counter()
            response = client.get(f"/documents/lender.zh.pdf{query}")
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200 and response.data.startswith(b"%PDF"), response.status_code
        store.engine.dispose()
    return {"first_s": round(timings[0], 3), "repeated_s": round(statistics.median(timings[1:]), 4)}


def main() -> None:
    report = preflight.check()
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor()) if os.path.exists("/proc/cpuinfo") else platform.processor()
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"Pango {report.pango}, HarfBuzz {report.harfbuzz}, subsetting with {report.subsetting}, "
          f"letter fonts: {', '.join(report.letter_fonts) or 'not built'}")
    warm_typesetter()
    results = {}
    for size in SIZES:
        results[str(size)] = round(median_render_seconds(size), 3)
        print(f"{size:>4} incidents: median {results[str(size)]:.3f} s over {RUNS} renders")
    compared = {}
    for size in SIDE_BY_SIDE:
        doc = letters.build(sample_case(size), "lender", "zh", dt.date(2026, 11, 28))
        compared[str(size)] = found = side_by_side(doc, RUNS)
        print(f"{size:>4} incidents side by side, medians over {RUNS} turns: app {found['app']:.3f} s, "
              f"WeasyPrint {found['weasyprint']:.3f} s ({found['pages']['weasyprint']} pages), "
              f"Chromium {found['chromium']:.3f} s ({found['pages']['chromium']} pages); "
              f"app/WeasyPrint {found['app_over_weasyprint']:.2f}x, "
              f"WeasyPrint/Chromium {found['weasyprint_over_chromium']:.2f}x, "
              f"app/Chromium {found['app_over_chromium']:.2f}x")
    child = subprocess.run([sys.executable, __file__, "--evidence-letter"], capture_output=True, text=True)
    if child.returncode:
        sys.exit(f"the evidence letter failed:\n{child.stderr[-3000:]}")
    evidence = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"500 incidents + chart + 20 screenshots: median {evidence['evidence_letter_s']:.3f} s, "
          f"peak {evidence['evidence_letter_peak_mb']} MB, PDF {evidence['evidence_letter_mb']} MB")
    imported = import_seconds()
    print(f"import {IMPORT_CALLS} calls: median {imported:.3f} s over 5 runs")
    download = pdf_download_seconds()
    print(f"PDF through the site, 20 incidents: first {download['first_s']:.3f} s, "
          f"repeated {download['repeated_s'] * 1000:.1f} ms (cached for the draft's revision)")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    print(json.dumps({"render_median_s": results, "side_by_side_s": compared, **evidence,
                      "import_10k_calls_s": imported,
                      "pdf_download_s": download}))


if __name__ == "__main__":
    if sys.argv[1:] == ["--evidence-letter"]:
        print(json.dumps(evidence_letter()))
    else:
        main()
