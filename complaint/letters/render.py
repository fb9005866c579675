"""Render a built document with its own template (one per document kind and letter language)."""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from complaint import rules
from complaint.letters import wording
from complaint.letters.document import Document, cite
from complaint.letters.plaintext import html_to_text

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates" / "letters"
TEMPLATE_OF = {"lender": "complaint", "regulator": "complaint", "hotline": "hotline", "police": "police"}


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["chinese_number"] = wording.chinese_number
    env.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
    env.filters["lower_first"] = lambda text: text[:1].lower() + text[1:]
    return env


def html(doc: Document) -> str:
    template = _environment().get_template(f"{TEMPLATE_OF[doc.kind]}.{doc.lang}.html")
    references = rules.load().references
    return template.render(doc=doc, amount=lambda value: wording.amount(value, doc.lang),
                           cite_key=lambda key: _cited_name(cite(references[key], doc.lang), doc.lang))


def _cited_name(cited, lang: str) -> str:
    return cited.name if lang == "zh" else f"{cited.article} of the {cited.instrument}"


def text(doc: Document) -> str:
    return html_to_text(html(doc))
