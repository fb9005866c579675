"""Benchmark: median time to render a Chinese complaint PDF with 5, 20 and 200 incidents in a warm process.

Prints a table, then as its last line a JSON object: {"render_median_s": {"5": ..., "20": ..., "200": ...}}.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import time

from complaint import letters, preflight
from complaint.model import Case, Collectors, Documents, Incident, Loan, Person, Wants

SIZES = (5, 20, 200)
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
        incidents=[Incident(date=(start + dt.timedelta(days=n // 3)).isoformat(), time=f"{(21 + n) % 24:02d}:{n % 60:02d}",
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


def main() -> None:
    report = preflight.check()
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor()) if os.path.exists("/proc/cpuinfo") else platform.processor()
    print(f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"Pango {report.pango}, HarfBuzz {report.harfbuzz}, subsetting with {report.subsetting}")
    letters.pdf(letters.build(sample_case(5), "lender", "zh", dt.date(2026, 11, 28)))  # warm up: fonts, templates
    results = {}
    for size in SIZES:
        results[str(size)] = round(median_render_seconds(size), 3)
        print(f"{size:>4} incidents: median {results[str(size)]:.3f} s over {RUNS} renders")
    print(json.dumps({"render_median_s": results}))


if __name__ == "__main__":
    main()
