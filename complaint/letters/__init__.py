"""The documents made from a case: build one, then render it as HTML, plain text or PDF."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from complaint.letters.document import Document, IncompleteCase, build
from complaint.letters.history import History
from complaint.letters.render import html, summary_html, text
from complaint.letters.typesetting import typeset

__all__ = ["Document", "IncompleteCase", "build", "html", "text", "pdf", "summary_pdf", "filename"]


def pdf(doc: Document, files: Callable[[str], bytes | None] | None = None) -> bytes:
    """The document as PDF, with the chart and, when `files` can fetch them, the pictures as exhibits."""
    resources = {}
    if doc.chart:
        resources["chart.svg"] = (doc.chart.svg.encode(), "image/svg+xml")
    for exhibit in doc.exhibits:
        data = files(exhibit.ref) if files else None
        if data is not None:
            item = doc.case.evidence_item(exhibit.ref)
            resources[exhibit.ref] = (data, item.mime)
    return typeset(html(doc, frozenset(resources)), resources)


def summary_pdf(history: History) -> bytes:
    """The case on one A4 page, typeset like the letters."""
    return typeset(summary_html(history))


FILE_STEMS = {"lender": ("投诉书-致贷款机构", "complaint-to-lender"),
              "regulator": ("投诉书-致监管部门", "complaint-to-regulator"),
              "hotline": ("热线通话提纲", "hotline-call-sheet"),
              "police": ("情况说明-报案材料", "statement-to-police"),
              "summary": ("案件摘要", "case-summary"),
              "reminder": ("催告函-致贷款机构", "reminder-to-lender"),
              "review": ("书面申请核查", "application-for-review")}


def filename(kind: str, lang: str, today: dt.date, suffix: str = "pdf") -> str:
    """A file name that says what the document is, without any personal data."""
    stem = FILE_STEMS[kind][0 if lang == "zh" else 1]
    return f"{stem}-{today.isoformat()}.{suffix}"

