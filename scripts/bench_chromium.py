"""Side by side: one letter's HTML typeset by the app, by plain WeasyPrint and by a warm headless Chromium, interleaved.

Chromium (Debian's /usr/bin/chromium through Playwright, the test extra) gets the same HTML with the letter
stylesheet and the same compact fonts inlined, and reaches nothing outside this machine: the page is served from
an address that never resolves (`http://letter.invalid/`), answered from static/letters and the letter's own
pictures, and every other request is refused.
"""
from __future__ import annotations

import io
import shutil
import statistics
import time
from urllib.parse import urlsplit

from pypdf import PdfReader

from complaint import letters
from complaint.letters.weasy import ASSET_TYPES, LETTER_ASSETS, font_faces, render_pdf

ORIGIN = "http://letter.invalid/"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]


def letter_html(doc) -> tuple[str, dict[str, tuple[bytes, str]]]:
    """The HTML and pictures `letters.pdf` hands to WeasyPrint for this document."""
    memory = {"chart.svg": (doc.chart.svg.encode(), "image/svg+xml")} if doc.chart else {}
    return letters.html(doc, frozenset(memory)), memory


def for_chromium(html: str) -> str:
    """The same HTML with the letter stylesheet (and its @font-face rules) inlined and pictures under ORIGIN."""
    style = f"<style>{font_faces()}{(LETTER_ASSETS / 'letter.css').read_text(encoding='utf-8')}</style>"
    return html.replace("</head>", style + "</head>", 1).replace('src="memory:', f'src="{ORIGIN}memory/')


class Chromium:
    """One warm headless Chromium page that prints letters to PDF, with no network."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        self._page = self._browser.new_page()
        self._page.route("**/*", self._answer)
        self._html, self._memory = "", {}
        self.refused: list[str] = []

    def _answer(self, route) -> None:
        url = route.request.url
        if not url.startswith(ORIGIN):
            self.refused.append(url)
            route.abort("blockedbyclient")
            return
        path = urlsplit(url).path.lstrip("/")
        if path == "letter.html":
            route.fulfill(body=self._html, content_type="text/html; charset=utf-8")
        elif path.startswith("memory/") and path[len("memory/"):] in self._memory:
            data, mime = self._memory[path[len("memory/"):]]
            route.fulfill(body=data, content_type=mime)
        else:
            file = (LETTER_ASSETS / path).resolve()
            if file.is_relative_to(LETTER_ASSETS) and file.suffix in ASSET_TYPES and file.is_file():
                route.fulfill(body=file.read_bytes(), content_type=ASSET_TYPES[file.suffix])
            else:
                self.refused.append(url)
                route.abort("blockedbyclient")

    def pdf(self, html: str, memory: dict[str, tuple[bytes, str]]) -> bytes:
        self._html, self._memory = for_chromium(html), memory
        self._page.goto(ORIGIN + "letter.html", wait_until="load")
        return self._page.pdf(prefer_css_page_size=True, print_background=True, tagged=True)

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()


def side_by_side(doc, runs: int) -> dict:
    """Median seconds for the app (build's output to PDF), plain WeasyPrint and Chromium, taken in turn."""
    html, memory = letter_html(doc)
    chromium = Chromium()
    try:
        chromium.pdf(html, memory)  # warm: the fonts loaded, the first page laid out
        times = {"app": [], "weasyprint": [], "chromium": []}
        last = {}
        makers = {"app": lambda: letters.pdf(doc), "weasyprint": lambda: render_pdf(html, memory),
                  "chromium": lambda: chromium.pdf(html, memory)}
        for _ in range(runs):
            for name, make in makers.items():
                started = time.perf_counter()
                data = make()
                times[name].append(time.perf_counter() - started)
                last[name] = data
        refused = list(chromium.refused)
    finally:
        chromium.close()
    if refused:
        raise RuntimeError(f"Chromium asked for something other than the letter's assets: {refused[:3]}")
    result = {name: round(statistics.median(values), 3) for name, values in times.items()}
    result["pages"] = {name: len(PdfReader(io.BytesIO(data)).pages) for name, data in last.items() if name != "app"}
    result["app_over_weasyprint"] = round(result["app"] / result["weasyprint"], 2)
    result["weasyprint_over_chromium"] = round(result["weasyprint"] / result["chromium"], 2)
    result["app_over_chromium"] = round(result["app"] / result["chromium"], 2)
    return result
