"""What the tests share besides fixtures: the Wizard that walks the site, standard answers, page and PDF checks,
sample files. Tests import these by name (`from helpers import Wizard`); fixtures stay in conftest.py."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from PIL import ExifTags, Image
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 28)
DATABASES = ["sqlite", "postgresql"]


# ── Pages: every HTML page the Wizard fetches is checked for the structure all pages share ───────────────

ERROR_PREFIXES = ("Error: ", "错误：")
FIELDS = ("input", "select", "textarea")


def page_problems(html: str) -> list[str]:
    """What is wrong with a page's structure: not one h1, a <title> that names another page, an id used twice,
    an error summary that links to no field, or errors shown under a title that does not say so."""
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    headings = [" ".join(h1.get_text().split()) for h1 in soup.find_all("h1")]
    if len(headings) != 1:
        problems.append(f"{len(headings)} h1 elements: {headings}")
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    shown_as_error = title.startswith(ERROR_PREFIXES)
    named = title.removeprefix(ERROR_PREFIXES[0]).removeprefix(ERROR_PREFIXES[1]).rsplit(" – ", 1)[0]
    if len(headings) == 1 and named not in (headings[0], "Notes", "笔记"):  # neutral titles name no page
        problems.append(f"the title {title!r} does not agree with the h1 {headings[0]!r}")
    ids = Counter(element["id"] for element in soup.find_all(id=True))
    problems += [f"id {name!r} used {count} times" for name, count in ids.items() if count > 1]
    summaries = soup.select("[data-error-summary]")
    if len(summaries) > 1:
        problems.append(f"{len(summaries)} error summaries")
    if summaries and not shown_as_error:
        problems.append(f"an error summary under a title that does not say so: {title!r}")
    for link in soup.select("[data-error-summary] a"):
        target = soup.find(id=link.get("href", "").removeprefix("#"))
        if target is None or (target.name not in FIELDS and target.get("id") != "main"):
            problems.append(f"the error summary links {link.get('href')!r}, which is not a field")
    return problems


def page_width(page) -> int:
    """How wide a browser page lays out, once its stylesheet has loaded (after a click the new page may be measured
    before it has, and an unstyled page is as wide as its widest picture)."""
    page.wait_for_load_state()
    return page.evaluate("document.documentElement.scrollWidth")


def check_page(response):
    """The response, after asserting that an HTML page it carries has no page_problems."""
    if response.mimetype == "text/html" and response.status_code != 302:
        problems = page_problems(response.get_data(as_text=True))
        assert not problems, (response.request.path, problems)
    return response


# ── Walking the site ─────────────────────────────────────────────────────────────────────────────────────

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class Wizard:
    """Walks the site like a user: reads each page, answers it with the page's own CSRF token, follows on."""

    def __init__(self, client, lang: str = "zh"):
        self.client = client
        self.lang = lang
        self.client.set_cookie("lang", lang)

    def get(self, url: str, **kwargs):
        return check_page(self.client.get(url, **kwargs))

    def post(self, url: str, **kwargs):
        """A post built by the test itself (files, hostile bodies); the page that comes back is checked too."""
        return check_page(self.client.post(url, **kwargs))

    def token(self, url: str) -> str:
        page = self.get(url)
        assert page.status_code == 200, (url, page.status_code)
        return _TOKEN.search(page.get_data(as_text=True)).group(1)

    def answer(self, url: str, data: dict | None = None, follow: bool = False, **kwargs):
        """Fetch the page (for its token), then submit it."""
        form = {"csrf_token": self.token(url), **(data or {})}
        return check_page(self.client.post(url, data=form, follow_redirects=follow, **kwargs))

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


# ── PDFs ──────────────────────────────────────────────────────────────────────────────────────────────────

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


# ── Sample files ────────────────────────────────────────────────────────────────────────────────────────────

def screenshot(width: int = 540, height: int = 1200) -> bytes:
    """A chat screenshot: flat background, a few coloured bubbles, as phones save them (PNG)."""
    image = Image.new("RGB", (width, height), (237, 237, 237))
    for n in range(10):
        image.paste((149, 236, 105) if n % 2 else (255, 255, 255), (40, 60 + n * 110, width - 40, 140 + n * 110))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Xiaomi"
    exif[ExifTags.Base.Model] = "Redmi Note 13"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (31.0, 11.0, 38.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (121.0, 26.0, 12.0)
    return exif


CALLS = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<calls count="4">
  <call number="17000001234" duration="0" date="1770732000000" type="3"
        presentation="1" readable_date="x" contact_name="null" />
  <call number="+86 170 0000 1234" duration="12" date="1770732600000" type="1"
        presentation="1" readable_date="x" contact_name="null" />
  <call number="17000001234" duration="0" date="1770733200000" type="3"
        presentation="1" readable_date="x" contact_name="null" />
  <call number="13900000000" duration="60" date="1770733800000" type="1"
        presentation="1" readable_date="x" contact_name="妈妈" />
</calls>
"""


# ── A real browser (tests marked `browser`) ─────────────────────────────────────────────────────────────────

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
# Debian's Chromium as root, with nothing that reaches out to the network on its own.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
BUDGET_BYTES = 60 * 1024
SERIOUS = ("serious", "critical")


class Audit:
    """Loads pages, records what each load transferred and where from, and runs axe on it."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.host = urlsplit(base).netloc
        self.problems: dict[str, list[str]] = {}
        self.weights: dict[str, int] = {}
        self._requests = []
        page.on("requestfinished", lambda request: self._requests.append(request))
        page.on("requestfailed", lambda request: self._requests.append(request))

    def _record(self, name: str) -> None:
        total, foreign = 0, []
        for request in self._requests:
            if urlsplit(request.url).netloc not in (self.host, "") and not request.url.startswith("data:"):
                foreign.append(request.url)
            if request.url.startswith("http"):
                sizes = request.sizes()
                total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        self._requests.clear()
        self.weights[name] = total
        if foreign:
            self.problems.setdefault(name, []).append(f"requests to other hosts: {foreign}")
        if total > BUDGET_BYTES:
            self.problems.setdefault(name, []).append(f"{total} bytes transferred, budget {BUDGET_BYTES}")
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [node["target"] for node in violation["nodes"]][:3]
                self.problems.setdefault(name, []).append(f"{violation['id']} ({violation['impact']}): {targets}")

    def visit(self, name: str, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        self._record(name)

    def submit(self, name: str, button: str) -> None:
        """Press a page's button (for the error state), then audit the page that comes back."""
        self.page.locator("main button[type=submit]", has_text=button).first.click()
        self.page.wait_for_load_state("load")
        self._record(name)
