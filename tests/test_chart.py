"""The harassment chart: what it draws matches the incidents, it reads in print, and it is safe to embed."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest

from complaint.evidence.chart import PAPER, SCREEN, harassment_chart
from complaint.model import Incident

SVG = "{http://www.w3.org/2000/svg}"


def incident(date: str, time: str = "", times: int | None = None, source: str = "170 0000 1234") -> Incident:
    return Incident(date=date, time=time, channel="call", description="打电话催收", behaviours=["other"],
                    source=source, times=times)


def three_nights() -> list[Incident]:
    return [
        incident("2026-02-10", "23:15", times=6),
        incident("2026-02-10", "09:00"),
        incident("2026-02-11", "01:30", times=2),  # still the night of the 10th
        incident("2026-02-11", "08:00"),  # morning, not night
        incident("2026-02-12", "07:59"),  # the night of the 11th
        incident("2026-02-12", "22:00", times=3),  # the night of the 12th
        incident("2026-02-14", times=4),  # no time: a bar, but nowhere on the hour strip
        incident("2026-02", times=5),  # only the month: counted, not drawn
    ]


def parsed(chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def drawn(root: ET.Element, kind: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}rect") if e.get("class") == kind]


def test_bars_and_cells_count_what_the_incidents_say():
    chart = harassment_chart(three_nights(), "zh")
    root = parsed(chart)
    bars = {bar.get("data-date"): int(bar.get("data-count")) for bar in drawn(root, "bar")}
    assert bars == {"2026-02-10": 7, "2026-02-11": 3, "2026-02-12": 4, "2026-02-14": 4}
    cells = {(c.get("data-date"), int(c.get("data-hour"))): int(c.get("data-count")) for c in drawn(root, "cell")}
    assert cells == {("2026-02-10", 23): 6, ("2026-02-10", 9): 1, ("2026-02-11", 1): 2, ("2026-02-11", 8): 1,
                     ("2026-02-12", 7): 1, ("2026-02-12", 22): 3}
    tallest = max(drawn(root, "bar"), key=lambda bar: float(bar.get("height")))
    assert tallest.get("data-date") == "2026-02-10"


def test_the_summary_counts_contacts_nights_and_the_worst_day():
    summary = harassment_chart(three_nights(), "zh").summary
    assert summary.contacts == 6 + 1 + 2 + 1 + 1 + 3 + 4 + 5
    assert summary.undated == 5
    assert summary.nights == 3
    assert (summary.worst_day, summary.worst_count) == (dt.date(2026, 2, 10), 7)
    assert (summary.first, summary.last) == (dt.date(2026, 2, 10), dt.date(2026, 2, 14))


def test_the_sentence_tells_the_same_story_in_each_language():
    zh = harassment_chart(three_nights(), "zh")
    assert zh.text.startswith("共记录约23次联系，其中3个夜晚有夜间联系；联系最多的一天是2026年2月10日（7次）。")
    assert "另有5次只记得月份" in zh.text
    en = harassment_chart(three_nights(), "en")
    assert en.text.startswith("About 23 contacts recorded, on 3 nights between 22:00 and 08:00; "
                              "the worst day was 10 February 2026 (7 contacts).")
    root = parsed(en)
    assert root.find(f"{SVG}desc").text.startswith(en.text)
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Contacts per day" in words and "Night 22:00–08:00" in words and "每天" not in words
    assert "每天的联系次数" in " ".join(t.text or "" for t in parsed(zh).iter(f"{SVG}text"))


def test_the_night_band_is_hatched_for_black_and_white_print():
    root = parsed(harassment_chart(three_nights(), "zh"))
    bands = drawn(root, "night")
    hours_top = min(float(b.get("y")) for b in bands)
    row = float(bands[0].get("height")) / 8
    spans = sorted((round((float(b.get("y")) - hours_top) / row), round(float(b.get("height")) / row)) for b in bands)
    assert spans == [(0, 8), (22, 2)]  # 00:00–08:00 and 22:00–24:00
    assert all(b.get("fill") == "url(#night-hatch)" for b in bands)
    pattern = root.find(f".//{SVG}pattern[@id='night-hatch']")
    assert pattern is not None and pattern.find(f"{SVG}line") is not None  # lines, not just a tint


def test_text_from_the_user_is_escaped():
    hostile = [incident("2026-02-10", "23:00", source='<script>alert("x")</script> & 1')]
    chart = harassment_chart(hostile, "en")
    assert "<script>" not in chart.svg
    root = parsed(chart)  # still well-formed
    assert '<script>alert("x")</script> & 1' in root.find(f"{SVG}desc").text
    assert root.find(f".//{SVG}script") is None


@pytest.mark.parametrize("source", ["170\x00 0000\x1f1234", "170\ud800 0000 1234", "\x0b\x0c\ufffe"])
def test_characters_xml_cannot_hold_are_left_out_not_the_picture(source):
    # From a case file or an old call-log import; one such character made browsers and WeasyPrint drop the picture.
    chart = harassment_chart([incident("2026-02-10", "23:00", times=3, source=source)], "zh")
    assert len(drawn(parsed(chart), "bar")) == 1


def test_the_picture_is_standalone_and_a4_wide():
    chart = harassment_chart(three_nights(), "zh")
    root = parsed(chart)
    assert root.get("width") == "160mm" and root.get("viewBox").startswith("0 0 640 ")
    assert "Noto Sans CJK SC" in root.get("font-family")
    hrefs = [value for e in root.iter() for key, value in e.attrib.items() if key.endswith("href")]
    assert hrefs == [] and "http://" not in chart.svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert root.find(f".//{SVG}image") is None and root.find(f".//{SVG}style") is None


def test_no_incidents_or_only_months_give_no_chart():
    assert harassment_chart([], "zh") is None
    assert harassment_chart([incident("2026-02", times=3)], "en") is None


def test_a_single_day_is_one_narrow_bar():
    chart = harassment_chart([incident("2026-02-10", "23:15", times=6)], "zh")
    [bar] = drawn(parsed(chart), "bar")
    assert float(bar.get("width")) <= 24  # 6 mm, not the whole page
    assert chart.summary.first == chart.summary.last == dt.date(2026, 2, 10)
    assert chart.text == "共记录约6次联系，其中1个夜晚有夜间联系；联系最多的一天是2026年2月10日（6次）。"


def test_one_contact_is_not_about_one():
    one = [incident("2026-02-10", "10:00")]
    assert harassment_chart(one, "zh").text == "共记录1次联系。"
    assert harassment_chart(one, "en").text == "1 contact recorded."


def a_year_of_incidents(count: int = 520) -> list[Incident]:
    start = dt.date(2025, 3, 1)
    return [incident((start + dt.timedelta(days=n * 7 % 365)).isoformat(), f"{n * 5 % 24:02d}:{n % 60:02d}",
                     times=1 + n % 7, source=f"170 0000 {n % 9:04d}") for n in range(count)]


def test_a_year_of_incidents_is_drawn_completely():
    incidents = a_year_of_incidents()
    root = parsed(harassment_chart(incidents, "zh"))
    assert sum(int(b.get("data-count")) for b in drawn(root, "bar")) == sum(i.times for i in incidents)
    assert sum(int(c.get("data-count")) for c in drawn(root, "cell")) == sum(i.times for i in incidents)
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]
    assert ticks[0] == "2025年3月" and "2026年1月" in ticks and len(ticks) <= 13


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_bar_sits_inside_the_picture(lang):
    root = parsed(harassment_chart(a_year_of_incidents(60) + three_nights(), lang))
    width = float(root.get("viewBox").split()[2])
    for bar in drawn(root, "bar") + drawn(root, "cell"):
        assert 0 <= float(bar.get("x")) and float(bar.get("x")) + float(bar.get("width")) <= width


def label_width(text: str, size: float) -> float:
    """A generous estimate of a label's width: a full em for Chinese, 0.6 em for anything else."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.6 * size for c in text)


SPANS = {"one day": [incident("2026-02-10", "23:15")],
         "a fortnight": three_nights() + [incident("2026-02-23", "12:00")],
         "ten weeks": three_nights() + [incident("2026-04-20", "10:00")], "a year": a_year_of_incidents(60)}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("span", SPANS)
def test_on_a_phone_the_labels_are_legible_apart_and_inside_the_picture(lang, span):
    # The check page shows the picture across a 360 px phone's content width (about 330 px).
    root = parsed(harassment_chart(SPANS[span], lang, frame=SCREEN))
    width = float(root.get("viewBox").split()[2])
    scale = 330 / width
    texts = list(root.iter(f"{SVG}text"))
    for text in texts:
        size = float(text.get("font-size") or root.get("font-size"))
        assert size * scale >= 11, text.text
        x, anchor, w = float(text.get("x")), text.get("text-anchor", "start"), label_width(text.text, size)
        left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        assert 0 <= left and left + w <= width, text.text
    ticks = sorted((float(t.get("x")), label_width(t.text, float(root.get("font-size"))))
                   for t in texts if t.get("class") == "tick")
    for (x1, w1), (x2, w2) in pairwise(ticks):
        assert x2 - x1 >= (w1 + w2) / 2, "tick labels overlap"


def test_on_paper_the_picture_keeps_its_print_size_and_every_date_of_a_fortnight():
    chart = harassment_chart(SPANS["a fortnight"], "zh")
    assert chart.frame == PAPER
    ticks = [t for t in parsed(chart).iter(f"{SVG}text") if t.get("class") == "tick"]
    assert len(ticks) == 14  # 10 to 23 February, a date under every bar


def test_the_letter_chart_draws_the_same_bars_and_hours_as_one_path_per_shade():
    incidents = a_year_of_incidents(60) + three_nights()
    plain, merged = (parsed(harassment_chart(incidents, "zh", merged=merged)) for merged in (False, True))
    rects = sorted((e.get("fill"), e.get("fill-opacity"), *(float(e.get(a)) for a in ("x", "y", "width", "height")))
                   for e in drawn(plain, "bar") + drawn(plain, "cell"))
    paths = sorted((e.get("fill"), e.get("fill-opacity"), *map(float, box)) for e in merged.iter(f"{SVG}path")
                   for box in re.findall(r"M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)h-[\d.]+z", e.get("d")))
    assert paths == rects and len(rects) > 100
    assert not drawn(merged, "bar") and not drawn(merged, "cell")
