"""Benchmark: median time to import a 10,000-call "SMS Backup & Restore" XML file, over 5 runs.

Prints the file size and the timings, then as its last line a JSON object: {"import_10k_calls_s": ...}.
"""
from __future__ import annotations

import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

from complaint.imports import deduplicate, read_log

CALLS = 10_000
RUNS = 5
START_MS = 1_767_225_600_000  # 2026-01-01 00:00 UTC


def write_backup(path: Path, calls: int = CALLS) -> None:
    """A backup shaped like the app's own: every attribute it writes, a call every 7 minutes or so."""
    with path.open("w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
        out.write(f'<calls count="{calls}" backup_set="bench" backup_date="{START_MS}" type="full">\n')
        for n in range(calls):
            number = f"+86170{n % 400:08d}" if n % 23 else "-2"  # a few hundred numbers, as on a real phone
            out.write(f'  <call number="{number}" duration="{n % 300}" date="{START_MS + n * 419_000}" '
                      f'type="{1 + n % 6}" presentation="{1 if n % 23 else 2}" subscription_id="1" '
                      f'post_dial_digits="" subscription_component_name="null" readable_date="2026-01-01" '
                      f'contact_name="(Unknown)" />\n')
        out.write("</calls>\n")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calls-bench.xml"
        write_backup(path)
        print(f"Python {platform.python_version()}, {CALLS} calls, {path.stat().st_size / 1e6:.1f} MB")
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            records = deduplicate(read_log(path))
            timings.append(time.perf_counter() - started)
        assert len(records) == CALLS, len(records)
    print("runs (s): " + ", ".join(f"{t:.3f}" for t in timings))
    print(f"median: {statistics.median(timings):.3f} s")
    print(json.dumps({"import_10k_calls_s": round(statistics.median(timings), 4)}))


if __name__ == "__main__":
    main()
