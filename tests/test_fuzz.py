"""One hostile value in one field, every other field valid: never a server error, and a refusal changes nothing.

Bounded in `make test`; `make fuzz` runs the long profile (HYPOTHESIS_PROFILE=fuzz, FUZZ_EXAMPLES=n).
"""
from __future__ import annotations

import io
import json
import os
from html.parser import HTMLParser

from helpers import STANDARD_ANSWERS, Wizard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaint.storage import casefile

settings.register_profile("bounded", max_examples=20, deadline=None, database=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "2000")), deadline=None,
                          database=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "bounded")
PDF_EVERY = 50  # the long run typesets a letter every this many posts; the bounded one once at the end

FORM_PAGES = ["/about-you", "/loan", "/collectors", "/incidents/1", "/incidents/new", "/wants", "/earlier",
              "/recipient", "/documents/lender/sent", "EVIDENCE_ITEM", "/evidence/listed/new"]
PAGES = ["/", "/safety", "/about-you", "/loan", "/collectors", "/incidents", "/incidents/1", "/incidents/new",
         "/evidence", "/wants", "/earlier", "/recipient", "/check", "/documents", "/documents/lender/sent",
         "/documents/deadlines.ics", "/history", "/documents/lender.zh/review",
         "/evidence/chart.svg", "/delete", "EVIDENCE_ITEM"]
DOCUMENTS = [f"/documents/{kind}.{lang}.txt" for kind in ("lender", "regulator", "hotline", "police")
             for lang in ("zh", "en")] + ["/documents/lender.zh.txt?masked=1&limit=500"]

KNOWN_BAD = ["", " ", "\x00", "\x01", "\x1b[0m", "\u202e", "\ufeff", "\r\n", "፩", "𐩀", "٢٠٢٦", "١٢", "㊿", "²", "Ⅻ",
             "１２", "9" * 5000, "99999999999999999999", "-1", "0", "1e309", "NaN", "2026-01-01\n", "23:59\n",
             "24:00", "+99:99", "<script>alert(1)</script>", "{{7*7}}", "%s%n", "../../etc/passwd", "x" * 3000,
             "😀" * 60, "\U00013000", "ǅ", "yes", "no", "self", "insult", "lender", "zh", "shanghai", "recording"]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)  # a form post is UTF-8
HOSTILE = st.one_of(
    st.sampled_from(KNOWN_BAD),
    TEXT,
    st.lists(st.one_of(st.sampled_from(KNOWN_BAD), TEXT), min_size=2, max_size=6),  # a field sent many times
    st.just("FILE"),  # a file posted under the field's name
)


class _Forms(HTMLParser):
    """The fields of a page's own POST form with their current values: what the browser would send."""

    def __init__(self, path: str):
        super().__init__()
        self.path, self.fields, self.inside, self.textarea, self.select = path, {}, False, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("method") == "post" and a.get("action") in (None, "", self.path)
        elif not self.inside:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "file", "button"):
            if a.get("type") in ("radio", "checkbox"):
                self.fields.setdefault(a["name"], [])
                if "checked" in a:
                    self.fields[a["name"]].append(a.get("value", "on"))
            else:
                self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = a["name"]
            self.fields[self.textarea] = ""
        elif tag == "select":
            self.select = a["name"]
            self.fields[self.select] = None
        elif tag == "option" and self.select and ("selected" in a or self.fields[self.select] is None):
            self.fields[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data.removeprefix("\n")


def baseline(wizard, page: str) -> dict:
    """The page's form as it stands: every field valid (the answers already given, or the page's defaults)."""
    response = wizard.get(page)
    assert response.status_code == 200, page
    parser = _Forms(page.partition("?")[0])
    parser.feed(response.get_data(as_text=True))
    return parser.fields


def case_file(wizard) -> str:
    response = wizard.answer("/save", {})
    assert response.mimetype == "application/json"
    return response.get_data(as_text=True)


def _walked(client) -> tuple[Wizard, str]:
    """A whole case, with one file listed as evidence; the address of that item's page."""
    wizard = Wizard(client)
    wizard.complete()
    wizard.answer("/evidence/listed/new", {"kind": "recording", "caption": "录音", "purpose": "", "year": "2026",
                                           "month": "2", "day": "10", "incidents": []})
    wizard.answer("/documents/lender/sent", {"year": "2026", "month": "11", "day": "2", "by": "email",
                                             "reply": "refused", "reply_year": "2026", "reply_month": "11",
                                             "reply_day": "20", "reference": "TS-1102"})
    ref = json.loads(case_file(wizard))["evidence"][0]["ref"]
    return wizard, f"/evidence/{ref}"


def _new_forms(wizard, page: str) -> dict:
    """Forms for something new start empty: fill them with valid answers, as a person would."""
    if page == "/incidents/new":
        return {**baseline(wizard, page), **STANDARD_ANSWERS["incidents"][0]}
    return {**baseline(wizard, page), "kind": "video", "caption": "视频", "year": "2026", "month": "3", "day": ""}


def test_one_hostile_value_per_field(client, capsys):
    wizard, item = _walked(client)
    posts = []

    def real(url: str) -> str:
        return item if url == "EVIDENCE_ITEM" else url

    @settings(settings.get_profile(PROFILE))
    @given(st.data())
    def post_one(data):
        page = real(data.draw(st.sampled_from(FORM_PAGES), label="page"))
        valid = _new_forms(wizard, page) if page.endswith("/new") else baseline(wizard, page)
        field = data.draw(st.sampled_from(sorted(k for k in valid if k != "csrf_token")), label="field")
        value = data.draw(HOSTILE, label="value")
        if value == "FILE":
            value = (io.BytesIO(b"\x89PNG\r\n\x1a\n not really"), "picture.png")
        before = case_file(wizard)
        response = wizard.client.post(page, data={**valid, field: value})
        posts.append(page)
        assert response.status_code < 500, (page, field)
        after = case_file(wizard)
        if response.status_code != 302:
            assert after == before, f"a refused {field} on {page} changed the case"
        casefile.loads(after)  # anything the site saves reopens as a case file
        for url in PAGES + DOCUMENTS:
            assert wizard.get(real(url)).status_code < 500, (page, field, url)
        if PROFILE == "fuzz" and len(posts) % PDF_EVERY == 0:
            assert wizard.get("/documents/police.zh.pdf").status_code < 500

    post_one()
    for url in ("/documents/lender.zh.pdf", "/documents/regulator.en.pdf"):
        assert wizard.get(url).status_code < 500, url
    with capsys.disabled():
        print(f"\nfuzz: {len(posts)} posts tried on {len(set(posts))} forms (profile {PROFILE})")
