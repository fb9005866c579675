"""The PDF: A4, page numbers, embedded Chinese fonts, user text only as text, a fetcher that fetches nothing else."""
from __future__ import annotations

import html
import io
import logging
import re
import socket
import subprocess
from itertools import pairwise

import pytest
from helpers import ROOT, TODAY, pdf_fonts, pdf_text
from pypdf import PdfReader

from complaint import letters
from complaint.letters.weasy import LETTER_ASSETS, LetterAssetFetcher, RefusedURL, render_pdf
from complaint.model import DOCUMENTS, EarlierComplaint, Incident, Person
from complaint.storage import casefile


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    f"file://{LETTER_ASSETS}/../../pyproject.toml",
    f"file://{LETTER_ASSETS}/%2e%2e/%2e%2e/complaint/config.py",
    "http://example.com/x.png",
    "https://example.com/x.css",
    "data:text/css,body{}",
    "ftp://example.com/x",
    "file://evil.example/share/letter.css",
])
def test_fetcher_refuses_anything_but_letter_assets(url):
    with pytest.raises(RefusedURL):
        LetterAssetFetcher().fetch(url)


def test_fetcher_serves_the_letter_stylesheet():
    response = LetterAssetFetcher().fetch((LETTER_ASSETS / "letter.css").as_uri())
    assert b"@page" in response.read() and response.content_type == "text/css"


def test_rendering_never_touches_the_network_or_other_files(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the PDF renderer tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    html = ('<html><head><link rel="stylesheet" href="http://example.com/evil.css">'
            '<link rel="stylesheet" href="file:///etc/passwd"></head><body><p>测试</p>'
            '<img src="https://example.com/track.png"><img src="file:///etc/hostname"></body></html>')
    pdf = render_pdf(html)
    assert "测试" in pdf_text(pdf)


def test_script_typed_into_a_field_comes_out_as_text(wizard):
    from helpers import STANDARD_ANSWERS

    attack = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    wizard.complete({"/about-you": {**STANDARD_ANSWERS["/about-you"], "name": attack}})
    page = wizard.get("/check").get_data(as_text=True)
    assert attack not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    text = pdf_text(wizard.get("/documents/lender.zh.pdf").data).replace("\n", "")
    assert "<script>alert('x')</script>" in text


def test_letter_is_a4_with_page_numbers_and_embedded_fonts(case_factory):
    case = case_factory(incidents=[Incident(date="2026-02-10", time="23:15", channel="call",
                                            description="深夜打电话辱骂" * 40, behaviours=["night_calls", "insult"])
                                   for _ in range(12)])
    pdf = letters.pdf(letters.build(case, "lender", "zh", TODAY))
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert pages >= 2
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert round(width / 72 * 25.4) == 210 and round(height / 72 * 25.4) == 297
    assert f"第 1 页 共 {pages} 页" in reader.pages[0].extract_text()
    assert f"第 {pages} 页 共 {pages} 页" in reader.pages[-1].extract_text()
    fonts = pdf_fonts(pdf)
    assert all(embedded for _, embedded in fonts)
    assert all("+" in name for name, _ in fonts), "fonts are embedded as subsets"


def test_english_letter_numbers_pages_in_english(case_factory):
    pdf = letters.pdf(letters.build(case_factory(), "lender", "en", TODAY))
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert f"Page 1 of {pages}" in pdf_text(pdf) and f"Page {pages} of {pages}" in pdf_text(pdf)


def test_hotline_call_sheet_is_one_page_even_for_a_long_case(case_factory):
    many = [Incident(date=f"2026-02-{d:02d}", time="22:30", channel="call", source=f"170 0000 {d:04d}",
                     description="又打来了", behaviours=["night_calls", "excessive_calls", "insult", "threat_expose",
                                                        "third_party_contact"]) for d in range(1, 29)]
    case = case_factory(incidents=many)
    case.wants.requests = ["stop_unlawful", "name_agency", "stop_third_parties", "contact_limits", "correct_amount",
                           "apologise", "investigate", "compensation"]
    for lang in ("zh", "en"):
        pdf = letters.pdf(letters.build(case, "hotline", lang, TODAY))
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1, lang


def test_pdf_text_is_selectable_chinese(case_factory):
    case = case_factory(person=Person(name="欧阳娜娜", phone="139 1234 5678"))
    text = pdf_text(letters.pdf(letters.build(case, "regulator", "zh", TODAY)))
    assert "欧阳娜娜" in text and "投诉书" in text.replace(" ", "")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_numbers_copied_out_of_the_pdf_are_as_typed(case_factory, lang):
    # Invisible word joiners keep numbers on one line (complaint/letters/nobreak.py): none may come out when copied.
    incidents = [Incident(date="2026-02-10", time="23:15", channel="call", source="170 0000 1234", times=4,
                          description="欠款20,000.00元，合同号DF-TS-2026", behaviours=["insult"])]
    text = pdf_text(letters.pdf(letters.build(case_factory(incidents=incidents), "lender", lang, TODAY)))
    assert "170 0000 1234" in text and "20,000.00元" in text and "DF-TS-2026" in text
    assert "\u2060" not in text


def test_pdf_is_tagged_with_title_and_language(case_factory):
    reader = PdfReader(io.BytesIO(letters.pdf(letters.build(case_factory(), "lender", "zh", TODAY))))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]).startswith("zh")
    assert reader.metadata.title == "投诉书"


@pytest.mark.parametrize("kind, lang, signature, schedule", [
    ("lender", "zh", "投诉人（签名）", "附表一：催收事件时间表"),
    ("regulator", "en", "Signature:", "Schedule 1: Timeline of incidents"),
    ("police", "zh", "报案人（签名）", "附表一：事件时间表"),
])
def test_schedules_follow_the_signature_from_a_page_of_their_own(case_factory, kind, lang, signature, schedule):
    case = case_factory()
    case.incidents[0].behaviours = ["threat_violence", "night_calls"]
    case.documents.kinds = [kind]
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(letters.pdf(letters.build(case, kind, lang,
                                                                                             TODAY)))).pages]
    signed = next(n for n, text in enumerate(pages) if signature in text)
    assert schedule not in [line.strip() for line in pages[signed].splitlines()]  # only named in 附件 there
    assert pages[signed + 1].lstrip().startswith(schedule)


def test_phone_numbers_in_the_narrative_keep_their_ordinary_spacing(case_factory, tmp_path):
    # Justified lines used to pour a line's slack into the spaces of a number: "170     0000     0005".
    incidents = [Incident(date="2026-02-10", time=f"{hour:02d}:15", channel="call", source=f"170 0000 {hour:04d}",
                          description="又打来电话骂人，说要找我单位领导" * (1 + hour % 3), behaviours=["insult"])
                 for hour in range(8, 20)]
    path = tmp_path / "letter.pdf"
    path.write_bytes(letters.pdf(letters.build(case_factory(incidents=incidents), "lender", "zh", TODAY)))
    subprocess.run(["pdftotext", "-bbox", str(path), str(tmp_path / "words.html")], check=True)
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</word>',
                       (tmp_path / "words.html").read_text(encoding="utf-8"))
    gaps = [float(after[0]) - float(before[2]) for before, after in pairwise(words)
            if before[1] == after[1] and re.search(r"(170|0000)$", before[3]) and re.match(r"\d{4}", after[3])]
    assert len(gaps) >= 24, "two gaps in each of twelve numbers"
    assert max(gaps) < 5, "a space in a number stays about a quarter of an em"


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# A line end that cuts a number, a date or a reference: "170 0000 / 1234", "DF- / TS-2026", "（4 / 次）", "10 / March".
_SPLIT = [
    (r"\d[.:,]?$", r"^\d"),
    (r"[\dA-Za-z][\-/]$", r"^[\dA-Za-z]"),
    (r"\d$", r"^[次起元个项页天年月日时分号]"),
    (r"\d$", rf"^{_MONTH}"),
    (rf"(?:{_MONTH}|CNY)$", r"^\d"),
    (r"\(\d+$", r"^[a-z]"),  # "(4 / incidents)"
]


def _lines(pdf: bytes, tmp_path) -> list[list[str]]:
    """The lines of each text block of the PDF, as pdftotext lays them out."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftotext", "-bbox-layout", str(path), str(tmp_path / "layout.html")], check=True)
    layout = (tmp_path / "layout.html").read_text(encoding="utf-8")
    blocks = re.findall(r"<block [^>]*>(.*?)</block>", layout, flags=re.S)
    return [[html.unescape(" ".join(re.findall(r"<word [^>]*>([^<]*)</word>", line)))
             for line in re.findall(r"<line [^>]*>(.*?)</line>", block, flags=re.S)] for block in blocks]


def _split_numbers(blocks: list[list[str]]) -> list[tuple[str, str]]:
    return [(a, b) for lines in blocks for a, b in pairwise(lines)
            if any(re.search(end, a.rstrip()) and re.search(start, b.lstrip()) for end, start in _SPLIT)]


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.json")), ids=lambda p: p.stem)
def test_no_number_date_or_reference_breaks_across_lines(path, tmp_path):
    case = casefile.loads(path.read_bytes(), today=TODAY)
    splits = []
    for kind in DOCUMENTS:
        for lang in ("zh", "en"):
            blocks = _lines(letters.pdf(letters.build(case, kind, lang, TODAY)), tmp_path)
            splits += [(kind, lang, a[-20:], b[:20]) for a, b in _split_numbers(blocks)]
    assert not splits


EMOJI_AND_SYMBOLS = "他发来🔪💀😡👊🏻🙏❤️‍🔥🇨🇳👨‍👩‍👧🤬，还有★☆✓✔✗☎⚠️♥→←©®™€£•…№①②③"


def _missing_glyphs(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "weasyprint" and ".notdef" in r.getMessage()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_emoji_and_symbols_print_as_themselves_never_as_boxes(case_factory, caplog, lang):
    case = case_factory(incidents=[Incident(date="2026-02-10", time="23:15", channel="chat", source="刀哥😈",
                                            description=EMOJI_AND_SYMBOLS, behaviours=["threat_violence"])])
    caplog.set_level(logging.WARNING, logger="weasyprint")
    pdf = letters.pdf(letters.build(case, "police", lang, TODAY))
    assert not _missing_glyphs(caplog)
    assert any("Emoji" in name for name, embedded in pdf_fonts(pdf) if embedded), "the emoji font is embedded"
    assert "★☆✓✔✗☎" in pdf_text(pdf).replace("\n", "")
    plain = letters.pdf(letters.build(case_factory(), "police", lang, TODAY))
    assert not any("Emoji" in name for name, _ in pdf_fonts(plain)), "digits and text never come from the emoji font"
    saved = casefile.loads(casefile.dumps(case), today=TODAY)
    assert saved.incidents[0].description == EMOJI_AND_SYMBOLS and saved.incidents[0].source == "刀哥😈"


def test_the_ticked_box_on_the_hotline_sheet_is_a_real_glyph(case_factory, caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    case = case_factory(earlier=EarlierComplaint(made="no"))
    text = pdf_text(letters.pdf(letters.build(case, "hotline", "zh", TODAY)))
    assert "□ 是 ■ 否" in text.replace("　", " ") and not _missing_glyphs(caplog)
