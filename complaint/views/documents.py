"""Check your answers, the documents page, and each document as PDF (download or view) and as text."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, abort, render_template, request

from complaint import letters, steps
from complaint.model import DOCUMENTS, LETTER_LANGUAGES
from complaint.views import current
from complaint.views.wizard import guard

bp = Blueprint("documents", __name__)
CHECK = steps.BY_SLUG["check"]


@bp.get("/check")
@current.with_draft
def check(draft):
    if blocked := guard(CHECK, draft.case):
        return blocked
    return render_template("check.html", step=CHECK, case=draft.case)


@bp.get("/documents")
@current.with_draft
def index(draft):
    if blocked := guard(CHECK, draft.case):
        return blocked
    # WeChat's own browser cannot download files: explain, and point to the inline view and text.
    in_wechat = "MicroMessenger" in request.headers.get("User-Agent", "")
    return render_template("documents.html", case=draft.case, in_wechat=in_wechat)


def _document(draft, kind: str, lang: str) -> letters.Document:
    if kind not in DOCUMENTS or lang not in LETTER_LANGUAGES:
        abort(404)
    try:
        return letters.build(draft.case, kind, lang, current.today())
    except letters.IncompleteCase:
        abort(404)


def _disposition(kind: str, lang: str, how: str, suffix: str) -> str:
    today = current.today()
    ascii_name = letters.filename(kind, "en", today, suffix)
    local_name = quote(letters.filename(kind, lang, today, suffix))
    return f"{how}; filename=\"{ascii_name}\"; filename*=UTF-8''{local_name}"


@bp.get("/documents/<kind>.<lang>.pdf")
@current.with_draft
def pdf(draft, kind: str, lang: str):
    if blocked := guard(CHECK, draft.case):
        return blocked
    how = "attachment" if request.args.get("download") == "1" else "inline"
    body = letters.pdf(_document(draft, kind, lang))
    return Response(body, mimetype="application/pdf",
                    headers={"Content-Disposition": _disposition(kind, lang, how, "pdf")})


@bp.get("/documents/<kind>.<lang>.txt")
@current.with_draft
def text(draft, kind: str, lang: str):
    if blocked := guard(CHECK, draft.case):
        return blocked
    doc = _document(draft, kind, lang)
    return render_template("text.html", kind=kind, lang=lang, text=letters.text(doc))
