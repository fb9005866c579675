"""Render a built document with its own template (one per document kind and letter language)."""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from complaint.law import rules
from complaint.letters import edits, wording
from complaint.letters.document import Document, cite
from complaint.letters.history import History
from complaint.letters.nobreak import nobreak
from complaint.letters.plaintext import html_to_text

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "letters"
TEMPLATE_OF = {"lender": "complaint", "regulator": "complaint", "hotline": "hotline", "police": "police",
               "reminder": "reminder", "review": "review"}
# What the one-page summary lists one by one (recent incidents, coming deadlines, incidents after a letter); the rest
# of a long case is counted (see templates/letters/summary.*).
SUMMARY_INCIDENTS, SUMMARY_DEADLINES, SUMMARY_NAMED = 6, 4, 10


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["chinese_number"] = wording.chinese_number
    env.globals["plural"] = wording.plural
    env.globals["join_words"] = wording.join
    env.filters["sentence"] = wording.sentence
    env.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
    env.filters["lower_first"] = lambda text: text[:1].lower() + text[1:]
    env.filters["nobreak"] = nobreak
    env.filters["edited"] = edits.edited
    return env


def html(doc: Document, attached: frozenset[str] = frozenset(), generated: dict[str, str] | None = None) -> str:
    """The document's HTML, with her wording where she gave it; `attached` names the pictures whose files go with
    it (printed as exhibits); `generated`, when given, receives the generated text of each section she may edit."""
    template = _environment().get_template(f"{TEMPLATE_OF[doc.kind]}.{doc.lang}.html")
    references = rules.load().references
    exhibits = [e for e in doc.exhibits if e.ref in attached]
    return template.render(doc=doc, amount=lambda value: wording.amount(value, doc.lang),
                           cite_key=lambda key: cite(references[key], doc.lang).name,
                           exhibits=exhibits, exhibit_anchors={e.anchor for e in exhibits},
                           generated_sections=generated)


def sections(doc: Document) -> list[edits.Section]:
    """The sections of the document she may reword: what is generated there now and what she wrote instead."""
    generated: dict[str, str] = {}
    html(doc, generated=generated)
    return edits.sections(doc.kind, doc.edits, generated)


def text(doc: Document) -> str:
    return html_to_text(html(doc))


def pack_html(doc: Document, exhibits: list, number: int, total: int) -> str:
    """Part `number` of `total` of the evidence pack: a list page, then the pictures."""
    template = _environment().get_template(f"pack.{doc.lang}.html")
    return template.render(doc=doc, exhibits=exhibits, number=number, total=total,
                           exhibit_anchors={e.anchor for e in exhibits})


def summary_html(history: History) -> str:
    """The case on one page for a case meeting, in the history's language."""
    template = _environment().get_template(f"summary.{history.lang}.html")
    lender_type = rules.load().term("lender_types", history.case.loan.lender_type)
    return template.render(doc=history, date=history.date(history.today),
                           amount=lambda value: wording.amount(value, history.lang),
                           lender_type=lender_type.text(history.lang),
                           recent=SUMMARY_INCIDENTS, deadlines=SUMMARY_DEADLINES, named=SUMMARY_NAMED)
