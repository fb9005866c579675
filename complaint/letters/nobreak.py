"""Keep numbers, dates, amounts and references on one line of a letter: word joiners inside each."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_UNBREAKABLE = re.compile(
    r"\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:\d{1,2}时\d{2}分)?"  # 2026年2月10日23时15分
    rf"|(?:\d{{1,2}} )?(?:{_MONTHS}) \d{{4}}"  # 10 February 2026, March 2026
    r"|(?<![A-Za-z0-9_])(?:CNY )?\+?[A-Za-z0-9_]+"  # a word: a number, an amount, a reference …
    r"(?:[\-/.:,][A-Za-z0-9_]+|(?<=\d) \d+(?![A-Za-z0-9_]*[A-Za-z_]))*"  # … its parts: DF-TS-2026, 170 0000 1234
    r"(?:(?<=\d)至\d+)?"  # … a range of incidents: 1至200
    r"(?:[次起元个项页天日人号]|时\d{2}分)?"  # … and its Chinese counter: 4次, 3起, 20,000.00元
)
# Longer runs (a fingerprint) may break rather than run out of a table cell.
LONGEST = 32
# U+2060 WORD JOINER: no line break on either side, no width, no glyph in the PDF (so copied text has none).
# Typesetting an invisible character costs nothing; a no-break span around each number cost WeasyPrint an inline
# box to lay out, draw and tag: a quarter of a 200-incident letter.
WORD_JOINER = "\u2060"
# Between two ASCII letters or digits Unicode never breaks a line, so no joiner is needed there.
_BREAKABLE = re.compile(r"(?<=.)(?<![A-Za-z0-9])(?=.)|(?<=.)(?=[^A-Za-z0-9])", re.S)


def joined(piece: str) -> str:
    """The piece with a word joiner wherever a line could otherwise break inside it."""
    return _BREAKABLE.sub(WORD_JOINER, piece)


def nobreak(value) -> Markup:
    """The value, escaped, with each number, date or reference kept on one line by word joiners. A sentence a letter
    macro wrote (Markup, already escaped) is read as the text it stands for, so it is escaped once."""
    text = value.unescape() if isinstance(value, Markup) else str(value)
    parts, last = [], 0
    for match in _UNBREAKABLE.finditer(text):
        piece = match.group(0)
        kept = len(piece) <= LONGEST and any(ch.isdigit() for ch in piece)  # words without digits may break
        parts += [escape(text[last:match.start()]), escape(joined(piece) if kept else piece)]
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
