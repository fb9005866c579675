"""The harassment picture: contacts per day and the hours they came, as a standalone SVG for screen and print."""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass
from html import escape as _escape

from babel import Locale

from complaint.law import rules
from complaint.law.findings import NIGHT_ENDS, NIGHT_STARTS, is_night_time
from complaint.model import Incident

NIGHT_FROM, NIGHT_UNTIL = int(NIGHT_STARTS[:2]), int(NIGHT_ENDS[:2])
HOUR_LABELS = (0, 8, 12, 18, 22)
FONT = "'Noto Sans CJK SC', sans-serif"
# In a letter the chart borrows the letter's body font and weight: another font to embed costs a tenth of a second.
LETTER_FONT = "'Letter Serif CJK', 'Noto Serif CJK SC', serif"


@dataclass(frozen=True)
class Frame:
    """The picture's size and type sizes, in user units."""
    width: int
    left: int  # room for the axis labels
    text: int
    heading: int
    bars_height: int
    max_ticks: int
    on_paper: bool  # 4 units to the millimetre, 160 mm wide; otherwise a unit is a CSS pixel
    right: int = 12
    row: int = 6  # one hour on the strip
    max_slot: int = 24  # a bar is never wider than this, however few days there are

    @property
    def plot(self) -> int:
        return self.width - self.left - self.right

    @property
    def bars_top(self) -> int:
        return self.heading + self.text + 10

    @property
    def hours_top(self) -> int:
        return self.bars_top + self.bars_height + 2 * self.text + self.heading + 21

    @property
    def legend_top(self) -> int:
        return self.hours_top + 24 * self.row + self.text + 11

    @property
    def height(self) -> int:
        # The two legend items sit side by side on paper, one above the other on a phone.
        return self.legend_top + (26 if self.on_paper else 2 * self.text + 22)


# The text width of an A4 letter.
PAPER = Frame(width=640, left=52, text=9, heading=11, bars_height=120, max_ticks=14, on_paper=True)
# A phone screen about 360 px wide shows it at nearly full size: 12 px labels, a few dates on the axis.
SCREEN = Frame(width=360, left=44, text=12, heading=13, bars_height=100, max_ticks=4, on_paper=False, max_slot=20)

# Characters XML 1.0 forbids even escaped: one in a number from a case file or a call log would make the whole
# picture unreadable, and browsers and WeasyPrint then drop it without a word.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text made safe to put in the SVG: escaped, and without the characters XML cannot hold."""
    return _escape(_NOT_XML.sub("", text))


@dataclass(frozen=True)
class ChartSummary:
    contacts: int  # every contact, month-only incidents included
    undated: int  # contacts on incidents with only a month, left out of the daily picture
    nights: int  # distinct nights with contact between 22:00 and 08:00 (07:00 counts for the night before)
    worst_day: dt.date
    worst_count: int
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class Chart:
    svg: str
    summary: ChartSummary
    text: str  # the same picture in a sentence or two, for screen readers and alt text
    frame: Frame


def harassment_chart(incidents: list[Incident], lang: str = "zh", font: str = FONT, heading_weight: str = "bold",
                     frame: Frame = PAPER, merged: bool = False) -> Chart | None:
    """The picture of the contacts by day and hour; None when no incident has a day to put it on.

    `merged` draws all the bars, and all the hour cells of one shade, as one path each: the same picture for paper,
    without the per-day tooltips and data, which WeasyPrint draws in a fraction of the time (a rectangle per day and
    hour cost a sixth of a 200-incident letter).
    """
    labels = _words("labels", "en" if lang == "en" else "zh")
    dated = [i for i in incidents if not i.month_only]
    if not dated:
        return None
    per_day: Counter[dt.date] = Counter()
    per_hour: Counter[tuple[dt.date, int]] = Counter()
    nights: set[dt.date] = set()
    for incident in dated:
        count = incident.times or 1
        day = incident.first_day
        per_day[day] += count
        if incident.time:
            hour = int(incident.time[:2])
            per_hour[day, hour] += count  # an incident's calls are drawn at the hour it started
            if is_night_time(incident.time):
                nights.add(day if incident.time >= NIGHT_STARTS else day - dt.timedelta(days=1))
    worst_day = max(sorted(per_day), key=per_day.__getitem__)
    summary = ChartSummary(
        contacts=sum(i.times or 1 for i in incidents),
        undated=sum(i.times or 1 for i in incidents if i.month_only),
        nights=len(nights), worst_day=worst_day, worst_count=per_day[worst_day],
        first=min(per_day), last=max(per_day),
    )
    text = _sentence(summary, lang)
    svg = _svg(per_day, per_hour, summary, labels, lang, text, _sources(incidents), font, heading_weight, frame,
               merged)
    return Chart(svg, summary, text, frame)


def _sources(incidents: list[Incident]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for incident in incidents:
        if incident.source:
            counts[incident.source] += incident.times or 1
    return counts.most_common(5)


def _svg(per_day, per_hour, summary: ChartSummary, labels: dict, lang: str, text: str, sources, font: str,
         heading_weight: str, f: Frame, merged: bool) -> str:
    days = (summary.last - summary.first).days + 1
    slot = f.plot / days
    width = slot if slot < 4 else min(slot * 0.8, f.max_slot)  # thin bars touch; wide ones keep a gap
    peak_hour = max(per_hour.values(), default=1)
    nudge = f.text // 3  # from a label's baseline to the middle of its line

    def x(day: dt.date) -> float:
        return f.left + slot * ((day - summary.first).days + 0.5) - width / 2

    size = (f'width="{f.width / 4:g}mm" height="{f.height / 4:g}mm"' if f.on_paper
            else f'width="{f.width}" height="{f.height}"')
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" {size} '
           f'viewBox="0 0 {f.width} {f.height}" role="img" aria-labelledby="chart-title chart-desc" '
           f'font-family="{escape(font)}" font-size="{f.text}" fill="#000">',
           f'<title id="chart-title">{escape(labels["title"])}</title>',
           f'<desc id="chart-desc">{escape(_description(text, sources, lang))}</desc>',
           '<defs><pattern id="night-hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
           'patternTransform="rotate(45)"><rect width="4" height="4" fill="#f2f2f2"/>'
           '<line x1="0" y1="0" x2="0" y2="4" stroke="#b0b0b0" stroke-width="1.2"/></pattern></defs>',
           '<rect width="100%" height="100%" fill="#fff"/>']

    # Bars: contacts per day.
    out.append(f'<text x="{f.left}" y="{f.bars_top - f.text - 3}" font-size="{f.heading}" '
               f'font-weight="{heading_weight}">{escape(labels["bars"])}</text>')
    base = f.bars_top + f.bars_height
    peak = summary.worst_count
    right = f.left + f.plot
    out.append(f'<line class="axis" x1="{f.left}" y1="{base}" x2="{right}" y2="{base}" stroke="#000" '
               f'stroke-width="0.8"/>')
    out.append(f'<line x1="{f.left}" y1="{f.bars_top}" x2="{right}" y2="{f.bars_top}" stroke="#ccc" '
               f'stroke-width="0.5" stroke-dasharray="2 2"/>')
    out.append(f'<text x="{f.left - 4}" y="{f.bars_top + nudge}" text-anchor="end">{peak}</text>')
    out.append(f'<text x="{f.left - 4}" y="{base + nudge}" text-anchor="end">0</text>')
    if f.on_paper:  # on a phone the heading says what the bars count, and the margin is narrow
        out.append(f'<text x="{f.left - 4}" y="{f.bars_top + f.bars_height / 2 + nudge:g}" text-anchor="end">'
                   f'{escape(labels["axis"])}</text>')
    bars = []
    for day, count in sorted(per_day.items()):
        height = max(f.bars_height * count / peak, 1.5)
        if merged:
            bars.append(_box(x(day), base - height, width, height))
            continue
        out.append(f'<rect class="bar" data-date="{day.isoformat()}" data-count="{count}" x="{x(day):.2f}" '
                   f'y="{base - height:.2f}" width="{width:.2f}" height="{height:.2f}" fill="#333">'
                   f'<title>{escape(_date(day, lang))}: {count}</title></rect>')
    if bars:
        out.append(f'<path d="{"".join(bars)}" fill="#333"/>')
    for n, day in enumerate(_ticks(summary.first, summary.last, f.max_ticks)):
        centre = x(day) + width / 2
        out.append(f'<line x1="{centre:.2f}" y1="{base}" x2="{centre:.2f}" y2="{base + 3}" stroke="#000" '
                   f'stroke-width="0.6"/>')
        out.append(f'<text class="tick" x="{centre:.2f}" y="{base + f.text + 4}" text-anchor="middle">'
                   f'{escape(_tick_label(day, days, n == 0, lang))}</text>')

    # Heat strip: hour of day by date, the night band hatched so it survives black-and-white printing.
    out.append(f'<text x="{f.left}" y="{f.hours_top - 10}" font-size="{f.heading}" font-weight="{heading_weight}">'
               f'{escape(labels["hours"])}</text>')
    for first_hour, last_hour in ((0, NIGHT_UNTIL), (NIGHT_FROM, 24)):
        out.append(f'<rect class="night" x="{f.left}" y="{f.hours_top + first_hour * f.row}" width="{f.plot}" '
                   f'height="{(last_hour - first_hour) * f.row}" fill="url(#night-hatch)"/>')
    out.append(f'<rect x="{f.left}" y="{f.hours_top}" width="{f.plot}" height="{24 * f.row}" fill="none" '
               f'stroke="#000" stroke-width="0.6"/>')
    for hour in HOUR_LABELS:
        y = f.hours_top + hour * f.row
        out.append(f'<line x1="{f.left - 3}" y1="{y}" x2="{right}" y2="{y}" stroke="#888" stroke-width="0.4"/>')
        out.append(f'<text x="{f.left - 5}" y="{y + nudge}" text-anchor="end">{escape(_hour(hour, lang))}</text>')
    shades: dict[str, list[str]] = {}
    for (day, hour), count in sorted(per_hour.items()):
        shade = 0.35 + 0.65 * count / peak_hour  # never lighter than the hatching, so one call still shows
        if merged:
            shades.setdefault(f"{shade:.2f}", []).append(_box(x(day), f.hours_top + hour * f.row, width, f.row))
            continue
        out.append(f'<rect class="cell" data-date="{day.isoformat()}" data-hour="{hour}" data-count="{count}" '
                   f'x="{x(day):.2f}" y="{f.hours_top + hour * f.row}" width="{width:.2f}" height="{f.row}" '
                   f'fill="#000" fill-opacity="{shade:.2f}"><title>{escape(_date(day, lang))} '
                   f'{hour:02d}:00–{hour:02d}:59: {count}</title></rect>')
    out += [f'<path d="{"".join(boxes)}" fill="#000" fill-opacity="{shade}"/>' for shade, boxes in shades.items()]

    # Legend: the hatching, then the shades (beside it on paper, under it on a phone).
    legend, start = f.legend_top, (f.left if f.on_paper else 8)
    out.append(f'<rect x="{start}" y="{legend - 8}" width="16" height="10" fill="url(#night-hatch)" stroke="#888" '
               f'stroke-width="0.4"/>')
    out.append(f'<text x="{start + 22}" y="{legend}">{escape(labels["night"])}</text>')
    shades_x, shades_y = (start + 200, legend) if f.on_paper else (start, legend + f.text + 8)
    out.append(f'<rect x="{shades_x}" y="{shades_y - 8}" width="16" height="10" fill="#000" fill-opacity="0.4"/>'
               f'<rect x="{shades_x + 16}" y="{shades_y - 8}" width="16" height="10" fill="#000"/>')
    out.append(f'<text x="{shades_x + 38}" y="{shades_y}">{escape(labels["darker"])}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _box(x: float, y: float, width: float, height: float) -> str:
    """A rectangle as path data, at the precision the rectangles are written with."""
    return f"M{x:.2f} {y:.2f}h{width:.2f}v{height:.2f}h-{width:.2f}z"


def _ticks(first: dt.date, last: dt.date, most: int) -> list[dt.date]:
    """Dates to label on the axis: every day, week, month, quarter or year, thinned out to `most`."""
    every = _every_tick(first, last)
    step = -(-len(every) // most)
    return every[::step]


def _every_tick(first: dt.date, last: dt.date) -> list[dt.date]:
    span = (last - first).days + 1
    if span <= 14:
        return [first + dt.timedelta(days=n) for n in range(span)]
    if span <= 84:
        return [first + dt.timedelta(days=n) for n in range(0, span, 7)]
    months = 1 if span <= 400 else 3 if span <= 1200 else 12
    ticks, year, month = [], first.year, first.month
    while True:
        day = dt.date(year, month, 1)
        if day > last:
            return ticks
        if day >= first and (month - 1) % months == 0:
            ticks.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _tick_label(day: dt.date, span: int, first: bool, lang: str) -> str:
    if span <= 84:
        return _format(day, "tick_day", lang)
    return _format(day, "tick_month_year" if first or day.month == 1 else "tick_month", lang)


def _hour(hour: int, lang: str) -> str:
    return _dates(lang)["hour"].format(hour=hour)


def _date(day: dt.date, lang: str) -> str:
    return _format(day, "day", lang)


def _format(day: dt.date, pattern: str, lang: str) -> str:
    """A date written with one of the chart's patterns (rules/chart.toml)."""
    wide, abbreviated = _months(lang)
    return _dates(lang)[pattern].format(year=day.year, month=day.month, day=day.day, month_name=wide[day.month],
                                        month_abbr=abbreviated[day.month])


# Looked up once: a long chart writes a thousand dates, and Babel's own formatting would cost a tenth of a second.
@functools.cache
def _dates(lang: str) -> dict[str, str]:
    return _words("dates", lang)


@functools.cache
def _months(lang: str) -> tuple[dict[int, str], dict[int, str]]:
    """The language's month names, in full and abbreviated (CLDR)."""
    months = Locale.parse(lang).months["format"]
    return dict(months["wide"]), dict(months["abbreviated"])


def _words(group: str, lang: str) -> dict[str, str]:
    """One group of the chart's wording (rules/chart.toml) in one language, by key."""
    return {key: text(lang) for key, text in rules.load().phrases["chart"][group].items()}


def _sentence(summary: ChartSummary, lang: str) -> str:
    words = _words("sentence", lang)
    first, last, worst = (_date(d, lang) for d in (summary.first, summary.last, summary.worst_day))
    nights = (words["night" if summary.nights == 1 else "nights"].format(n=summary.nights) if summary.nights
              else "")
    # A busiest day means something only when some day had more than one contact.
    worst = words["worst_day"].format(day=worst, n=summary.worst_count) if summary.worst_count > 1 else ""
    text = words["contacts" if summary.contacts > 1 else "contacts_one"].format(n=summary.contacts, nights=nights,
                                                                                worst=worst)
    text += words["span"].format(first=first, last=last) if first != last else ""
    text += words["undated"].format(n=summary.undated) if summary.undated else ""
    return text


def _description(text: str, sources: list[tuple[str, int]], lang: str) -> str:
    if not sources:
        return text
    words = _words("sentence", lang)
    joined = ("、" if lang == "zh" else ", ").join(words["number"].format(source=source, n=n) for source, n in sources)
    return text + words["numbers"].format(numbers=joined)
