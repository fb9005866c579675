"""Benchmark: median time to import a 10,000-call "SMS Backup & Restore" XML file, over 5 runs; then what hostile
and huge files cost: XML of elements that never close (6 and 45 MB), and call lists of 50,000 rows (the most
read, grouped into the incidents a case can take) and 199,000 rows (refused).

Prints the file size and the timings, then as its last line a JSON object: {"import_10k_calls_s": ...,
"hostile": {...}}. Figures are printed, not asserted.
"""
from __future__ import annotations

import json
import platform
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from complaint.answers import MAX_INCIDENTS
from complaint.evidence.imports import LogImportError, deduplicate, read_log
from complaint.evidence.imports.grouping import grouped
from complaint.evidence.imports.records import MAX_ROWS

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


def measured(work) -> tuple[str, float, float]:
    """What `work()` gave (or the refusal's code), its seconds, and Python's peak memory in MB in a second run
    (tracing memory slows Python down several times)."""
    def run() -> str:
        try:
            return str(work())
        except LogImportError as refusal:
            return f"refused: {refusal.code}"
    started = time.perf_counter()
    outcome = run()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return outcome, seconds, peak


def hostile() -> dict:
    """Seconds and peak MB for the files that cost 4 GB and 96 s before their import was bounded."""
    figures = {}
    for megabytes in (6, 45):
        data = b"<?xml version='1.0'?><calls>" + b"<call>" * (megabytes * 1_000_000 // 6)
        outcome, seconds, peak = measured(lambda data=data: read_log(data))
        print(f"{megabytes} MB of unclosed elements: {outcome} in {seconds:.3f} s, peak {peak:.1f} MB")
        figures[f"unclosed_{megabytes}mb"] = {"s": round(seconds, 3), "peak_mb": round(peak, 1)}
    for count in (MAX_ROWS, 199_000):
        rows = "".join(f"2026-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d},170{n % 5000:08d},未接\n"
                       for n in range(count))
        data = f"通话时间,号码,类型\n{rows}".encode()

        def imported(data=data):
            kept, left_out = grouped(deduplicate(read_log(data)), room=MAX_INCIDENTS)
            return f"{len(kept)} incidents kept, {left_out['incidents']} left out"
        outcome, seconds, peak = measured(imported)
        print(f"{count:,}-row call list ({len(data) / 1e6:.1f} MB): {outcome} in {seconds:.2f} s, peak {peak:.0f} MB")
        figures[f"csv_{count}_rows"] = {"s": round(seconds, 2), "peak_mb": round(peak)}
    return figures


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
    print(json.dumps({"import_10k_calls_s": round(statistics.median(timings), 4), "hostile": hostile()}))


if __name__ == "__main__":
    main()
