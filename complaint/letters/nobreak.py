"""Keep numbers, dates, amounts and references on one line of a letter: a no-break span around each."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_UNBREAKABLE = re.compile(
    r"\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:\d{1,2}时\d{2}分)?"  # 2026年2月10日23时15分
    rf"|(?:\d{{1,2}} )?(?:{_MONTHS}) \d{{4}}"  # 10 February 2026, March 2026
    r"|(?<![A-Za-z0-9_])(?:CNY )?\+?[A-Za-z0-9_]+"  # a word: a number, an amount, a reference …
    r"(?:[\-/.:,][A-Za-z0-9_]+|(?<=\d) \d+(?![A-Za-z0-9_]*[A-Za-z_]))*"  # … its parts: DF-TS-2026, 170 0000 1234
    r"(?:[次起元个项页天日人号]|时\d{2}分)?"  # … and its Chinese counter: 4次, 3起, 20,000.00元
)
# Longer runs (a fingerprint) may break rather than run out of a table cell.
LONGEST = 32


def nobreak(value, bare_digits: bool = True) -> Markup:
    """The value, escaped, with each number, date or reference in a span that never breaks (`.nb` in letter.css).

    `bare_digits=False` leaves a run of ASCII digits alone (Unicode line breaking keeps it whole anyway): for the
    evidence lists, where 200 incident numbers in spans cost WeasyPrint about a second per table cell. A sentence
    a letter macro wrote (Markup, already escaped) is read as the text it stands for, so it is escaped once.
    """
    text = value.unescape() if isinstance(value, Markup) else str(value)
    parts, last = [], 0
    for match in _UNBREAKABLE.finditer(text):
        piece = match.group(0)
        kept = (len(piece) <= LONGEST and any(ch.isdigit() for ch in piece)  # words without digits may break
                and (bare_digits or not (piece.isascii() and piece.isdigit())))
        parts += [escape(text[last:match.start()]),
                  Markup('<span class="nb">%s</span>') % piece if kept else escape(piece)]
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
