"""The case at a glance: the history page, and the same on one printed page for a case meeting."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template

from complaint import letters
from complaint.law import rules
from complaint.letters import pdfcache, typesetting
from complaint.letters.folds import NEWEST, fold
from complaint.letters.history import history
from complaint.model import FOLLOW_UPS, LETTER_LANGUAGES
from complaint.web.i18n import current_locale
from complaint.web.views import current, documents, navigation

bp = Blueprint("history", __name__)
bp.register_error_handler(typesetting.Busy, documents.busy)


@bp.get("/history")
@navigation.guard("check")
def index(draft):
    recorded = history(draft.case, rules.load(), current.today(), current_locale())
    return render_template("history.html", history=recorded, events=fold(recorded.events),
                           case=draft.case, newest=NEWEST, follow_up_kinds=FOLLOW_UPS)


@bp.get("/history.<lang>.pdf")
@navigation.guard("check")
def summary(draft, lang: str):
    """The one-page summary, in either language whatever the interface's."""
    if lang not in LETTER_LANGUAGES:
        abort(404)
    today = current.today()
    body = pdfcache.cached(current.store(), draft, ("summary", lang, today.isoformat()),
                           lambda: letters.summary_pdf(history(draft.case, rules.load(), today, lang)))
    return Response(body, mimetype="application/pdf",
                    headers={"Content-Disposition": documents._disposition("summary", lang, "attachment", "pdf")})
