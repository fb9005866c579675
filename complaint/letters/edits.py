"""Her own wording in a letter: which sections each document lets her reword, and how an edit is printed and checked."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from complaint.letters.plaintext import html_to_text
from complaint.model import LetterEdits

# The sections each document lets her reword, in the order the letter prints them. "further" (补充说明) is hers
# alone: the letter has no generated text there. The parties, the legal section, the signature and the schedules
# are always generated, so nothing outside the rules can be cited and nothing about her can be lost.
SECTIONS = {
    "lender": ("requests", "background", "facts", "further", "closing"),
    "regulator": ("requests", "background", "earlier", "facts", "further", "closing"),
    "hotline": ("opening", "facts", "requests", "further"),
    "police": ("facts", "further", "requests"),
    "reminder": ("facts", "requests", "further"),
    "review": ("requests", "facts", "further"),
}
# A citation looks like one of these: the title of a law, regulation or standard in 《》 (not any title: 《起诉通知书》
# is the fake notice she was sent), an article number, or "Article 12" / "Art. 12".
_CITATION = re.compile(r"《[^》\n]{0,80}(?:法|条例|办法|规定|解释|决定|指引|规范|标准|准则)[^》\n]{0,20}》"
                       r"|第[0-9零〇一二三四五六七八九十百千]+条|\bArt(?:icle|\.)\s*[0-9]+", re.I)
_LINE_BREAKS = re.compile(r"\r\n?")
# Sections whose generated dates follow today while the letter is unsent, and what a written date looks like.
DATED_SECTIONS = ("closing",)
_DATES = re.compile(r"[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{1,2} [A-Z][a-z]+ [0-9]{4}")


@dataclass(frozen=True)
class Section:
    """One section as the review page shows it: the generated text and her version, if any."""

    key: str
    generated: str  # plain text, one paragraph per line; "" for "further"
    edited: str | None  # her text, or None when the letter prints the generated text
    stale: bool  # the answers changed the generated text since she edited it
    # Citations in her text that the generated text no longer makes (she switched them off, or the answers changed):
    # while there are any, the letter prints the generated text here, and her text waits for her to take them out.
    withheld: tuple[str, ...] = ()


def fingerprint(generated: str, key: str = "") -> str:
    """What an edit remembers of the generated text it replaced (not the text: the case file keeps hers only).

    The closing's dates are left out: until the letter is sent they count from today ("if you receive it on …, by
    …"), so they move every day, and the sentence stays true of whichever day she wrote."""
    if key in DATED_SECTIONS:
        generated = _DATES.sub("", generated)
    return hashlib.sha256(generated.strip().encode()).hexdigest()


def clean(text: str) -> str:
    """Her text as kept: one kind of line break, no trailing spaces, no empty lines at either end."""
    lines = [line.rstrip() for line in _LINE_BREAKS.sub("\n", text).split("\n")]
    return "\n".join(lines).strip("\n")


def typed_citations(text: str, generated: str) -> list[str]:
    """Citations in her text that the generated text of the same section does not have: citations are switched
    on or off, never typed in, so the letter cites nothing legal-basis.md does not allow."""
    allowed = set(_CITATION.findall(generated))
    return [found for found in dict.fromkeys(_CITATION.findall(text)) if found not in allowed]


def paragraphs(text: str, css: str = "body") -> Markup:
    """Her text as the letter prints it: each line a paragraph, every character escaped."""
    return Markup("\n").join(Markup('<p class="{}">{}</p>').format(css, line)
                             for line in (line.strip() for line in text.split("\n")) if line)


def as_text(generated_html: str) -> str:
    """The generated section as the text box offers it."""
    return html_to_text(generated_html).strip()


@jinja2.pass_context
def edited(context, generated_html: str, key: str, css: str = "body") -> Markup:
    """A letter template's section: her text when she reworded it, else the generated one (recorded for review)."""
    collected = context.get("generated_sections")
    edits: LetterEdits = context["doc"].edits
    edit = edits.sections.get(key)
    generated = as_text(generated_html) if collected is not None or edit is not None else ""
    if collected is not None:
        collected[key] = generated
    if edit is None or typed_citations(edit.text, generated):
        # Her text cites what the letter no longer makes here: it never prints a citation she switched off (or her
        # answers no longer support); the review and documents pages say her text waits for her.
        return Markup(generated_html)
    return paragraphs(edit.text, css)


def sections(kind: str, edits: LetterEdits, generated: dict[str, str]) -> list[Section]:
    """Each section of one document that she may reword, with what the letter prints there now."""
    found = []
    for key in SECTIONS.get(kind, ()):
        if key not in generated and key != "further":
            continue  # a section this letter does not print (the regulator's "earlier" when she has none)
        text = generated.get(key, "")
        edit = edits.sections.get(key)
        stale = edit is not None and key != "further" and edit.based_on != fingerprint(text, key)
        withheld = tuple(typed_citations(edit.text, text)) if edit else ()
        found.append(Section(key, text, edit.text if edit else None, stale, withheld))
    return found

