"""Check your answers, the documents page, and each document as PDF, text (plain or masked) and calendar."""
from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext

from complaint import clock, letters
from complaint.evidence import chart
from complaint.law import calendar, rules
from complaint.law.continuing import after_letter
from complaint.law.deadlines import REVIEW, escalation, follow_ups, reminder, review, review_governs
from complaint.law.plan import plan
from complaint.letters import chunks, masking, pack, page_images, pdfcache, typesetting
from complaint.letters.changes import Changes, changes
from complaint.letters.document import PRIVATE_PROSECUTION, REMINDER_DAYS, cite
from complaint.model import DOCUMENTS, FOLLOW_UPS, LETTER_LANGUAGES
from complaint.web import forms, steps
from complaint.web.i18n import current_locale
from complaint.web.views import current, navigation
from complaint.web.views.pages import plain_titles

bp = Blueprint("documents", __name__)
CHECK = steps.BY_SLUG["check"]
CHUNK_LIMITS = (500, 1000, 2000, 5000)  # characters per part when pasting into online forms
RETRY_AFTER_SECONDS = 30


@bp.errorhandler(typesetting.Busy)
def busy(_error):
    """Every typesetter is taken, or the letter took too long: say so, and offer the same document again."""
    return render_template("busy.html"), 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


@bp.get("/check")
@navigation.guard("check")
def check(draft):
    picture = chart.harassment_chart(draft.case.incidents, current_locale(), frame=chart.SCREEN)
    summaries = {step.slug: _summary(step, draft.case) for step in steps.STEPS if step.form}
    return render_template(CHECK.template, step=CHECK, case=draft.case, chart=picture, summaries=summaries)


def _summary(step: steps.Step, case) -> list[forms.SummaryRow]:
    """A question's answers for the check page, as its own form writes them out."""
    form = step.form(data=step.form.data_from(case), meta={"csrf": False})  # shown, never posted: no token
    return form.summary(case)


def _plan(case):
    """The analysis, routing and deadlines for the documents page and the calendar file."""
    return plan(case, rules.load(), current.today())


@bp.get("/documents")
@navigation.guard("check")
def index(draft):
    the_plan = _plan(draft.case)
    escalate = escalation(draft.case, the_plan.deadlines, current.today())
    # The provisions behind the lender's 15 days and the regulator's forwarding, as the rules state them.
    basis = [cite(d.basis, current_locale()) for d in the_plan.deadlines
             if escalate and d.basis and d.key in ("lender_reply", "regulator_forward")]
    # A letter quotes the user's own words as written: say so when they are in the other language.
    chinese_words = any("\u4e00" <= ch <= "\u9fff" for i in draft.case.incidents for ch in i.description)
    mixed = chinese_words != (draft.case.documents.letter_lang == "zh")
    # 刑法 第二百四十六条 is prosecuted on the victim's own complaint: the person must know before relying on it.
    private_prosecution = any(c.reference.key in PRIVATE_PROSECUTION and "police" in c.reference.documents
                              for c in the_plan.analysis.citations)
    return render_template("documents.html", case=draft.case, route=the_plan.route, deadlines=the_plan.deadlines,
                           lang=current_locale(), today=current.today(), **_next_documents(draft.case, the_plan),
                           pack_parts=pack.parts(draft.case, current_app.config["EVIDENCE_PACK_BYTES"]),
                           mixed_language=mixed, private_prosecution=private_prosecution, escalate=escalate,
                           basis=basis, after=after_letter(draft.case, the_plan.analysis),
                           changes={kind: _changes(draft.case, kind) for kind in draft.case.documents.kinds},
                           pack_limit=current_app.config["EVIDENCE_PACK_BYTES"])


def _changes(case, kind: str) -> list[tuple[str, Changes]]:
    """Her changes to one document in each letter language she changed it in, the chosen language first: an edit
    made in the other language before she switched is kept, and she is told it exists."""
    chosen = case.documents.letter_lang
    found = ((lang, changes(case, kind, lang, current.today()))
             for lang in sorted(LETTER_LANGUAGES, key=lambda lang: lang != chosen))
    return [(lang, changed) for lang, changed in found if changed]


def _next_documents(case, the_plan) -> dict:
    """The follow-ups to offer (a reminder, an application for review), why, and the provisions behind them."""
    loaded, today, found = rules.load(), current.today(), the_plan.deadlines
    by_key = {d.key: d for d in found}
    lender_basis = by_key["lender_reply"].basis
    offered = follow_ups(case, loaded, found, today)
    return {"follow_ups": offered, "remind": reminder(case, found, today),
            # Recorded as sent, though what she recorded since no longer calls for it: still shown, to change.
            "earlier_follow_ups": [k for k in FOLLOW_UPS if k in case.documents.sent and k not in offered],
            "review_state": review(case, loaded), "reminder_days": REMINDER_DAYS,
            "review_deadline": by_key.get("review"),
            "follow_basis": {"reminder": [cite(lender_basis, current_locale())] if lender_basis else [],
                             "review": [cite(loaded.references[REVIEW], current_locale())]}}


@bp.route("/documents/<kind>/sent", methods=["GET", "POST"])
@navigation.guard("check")
def sent(draft, kind: str):
    """When and how she sent one document (a follow-up included), and the answer to it: that document's deadlines
    count from the day."""
    if not _recordable(draft.case, kind):
        abort(404)
    form = forms.SentForm(data=forms.SentForm.data_from(draft.case, kind), kind=kind, today=current.today(),
                          asks_branch=kind == "lender" and review_governs(draft.case, rules.load()))
    if request.form.get("action") == "clear":  # "I have not sent it yet": the record goes, and today counts again
        clear = forms.DraftForm()
        if clear.validate_on_submit():
            draft.case.documents.sent.pop(kind, None)
            current.save(draft)
            return redirect(url_for("documents.index") + f"#{anchor(kind)}")
        form.form_errors.extend(clear.form_errors)
    elif form.validate_on_submit():
        form.apply(draft.case)
        current.save(draft)
        return redirect(url_for("documents.index") + f"#{anchor(kind)}")
    return render_template("sent.html", form=form, kind=kind, anchor=anchor(kind),
                           recorded=kind in draft.case.documents.sent)


def _recordable(case, kind: str) -> bool:
    """A document she chose, or a follow-up offered now or already recorded (kept, to change or remove, when what
    she later recorded about the lender letter no longer calls for it)."""
    if kind in FOLLOW_UPS:
        return kind in case.documents.sent or kind in follow_ups(case, rules.load(), _plan(case).deadlines,
                                                                 current.today())
    return kind in case.documents.kinds


def anchor(kind: str) -> str:
    """Where a document sits on the documents page: a follow-up in its notice."""
    return f"next-{kind}" if kind in FOLLOW_UPS else kind


@bp.get("/documents/deadlines.ics")
@navigation.guard("check")
def deadlines_calendar(draft):
    lang = current_locale()
    dates = _plan(draft.case).deadlines
    title = "催收投诉" if lang == "zh" else "Collection complaint"
    upcoming = [d for d in dates if d.date >= current.today()]  # a reminder for a day gone by helps nobody
    neutral = None
    if plain_titles():
        neutral = (gettext("Reminder"), gettext("Something is due today: see the papers you saved."))
    body = calendar.ics(upcoming, lang, clock.now(current_app.config["TIMEZONE"]), title, neutral)
    name = "reminders.ics" if neutral else "complaint-deadlines.ics"
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": f'attachment; filename="{name}"'})


def document(draft, kind: str, lang: str) -> letters.Document:
    """One of her documents in one letter language, made from her answers; 404 for one she cannot have (an unknown
    kind or language, a case too incomplete to write it, or a follow-up her records do not call for)."""
    if kind not in (*DOCUMENTS, *FOLLOW_UPS) or lang not in LETTER_LANGUAGES:
        abort(404)
    try:
        doc = letters.build(draft.case, kind, lang, current.today())
    except letters.IncompleteCase:
        abort(404)
    # The letter's own deadlines decide whether a follow-up is called for, so the case is analysed once: they are the
    # case's (the findings behind the police deadlines do not depend on which document cites them).
    if kind in FOLLOW_UPS and kind not in follow_ups(draft.case, rules.load(), [d for *_, d in doc.deadlines],
                                                     current.today()):
        abort(404)
    return doc


def _files(draft):
    """Read one of this draft's pictures (decrypted with the key this browser holds)."""
    return lambda ref: current.store().get_file(draft, ref)


@bp.get("/documents/evidence-<int:number>.<lang>.pdf")
@navigation.guard("check")
def evidence_pack(draft, number: int, lang: str):
    parts = pack.parts(draft.case, current_app.config["EVIDENCE_PACK_BYTES"])
    if not 1 <= number <= len(parts):
        abort(404)
    doc = document(draft, "lender", lang)
    exhibits = [doc.exhibits[n - 1] for n in parts[number - 1]]
    body = pack.pdf(doc, exhibits, number, len(parts), _files(draft))
    name = f"evidence-{number}-of-{len(parts)}-{current.today().isoformat()}.pdf"
    return Response(body, mimetype="application/pdf", headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _disposition(kind: str, lang: str, how: str, suffix: str) -> str:
    today = current.today()
    ascii_name = letters.filename(kind, "en", today, suffix)
    local_name = quote(letters.filename(kind, lang, today, suffix))
    return f"{how}; filename=\"{ascii_name}\"; filename*=UTF-8''{local_name}"


def letter_pdf(draft, kind: str, lang: str, doc: letters.Document | None = None) -> bytes:
    """The letter as PDF: the one place the web pages typeset a letter (the PDF and its page pictures); `doc`, when
    the page has built it already, is typeset rather than built again.

    Kept per draft revision, so viewing then downloading, or each page picture, does not typeset it again."""
    return pdfcache.cached(current.store(), draft, (kind, lang, current.today().isoformat()),
                           lambda: letters.pdf(doc or document(draft, kind, lang), files=_files(draft)))


@bp.get("/documents/<kind>.<lang>/pages")
@navigation.guard("check")
def pages(draft, kind: str, lang: str):
    """The letter as one picture per page, to press and hold in WeChat (save, forward), with the text beside."""
    total = page_images.count(letter_pdf(draft, kind, lang))
    return render_template("pages.html", kind=kind, lang=lang, total=total)


@bp.get("/documents/<kind>.<lang>/page-<int:number>")
@navigation.guard("check")
def page_image(draft, kind: str, lang: str, number: int):
    try:
        body, mime = page_images.render(letter_pdf(draft, kind, lang), number)
    except page_images.NoSuchPage:
        abort(404)
    return Response(body, mimetype=mime)


@bp.get("/documents/<kind>.<lang>.pdf")
@navigation.guard("check")
def pdf(draft, kind: str, lang: str):
    how = "attachment" if request.args.get("download") == "1" else "inline"
    body = letter_pdf(draft, kind, lang)
    return Response(body, mimetype="application/pdf",
                    headers={"Content-Disposition": _disposition(kind, lang, how, "pdf")})


@bp.route("/documents/<kind>.<lang>.txt", methods=["GET", "POST"])
@navigation.guard("check")
def text(draft, kind: str, lang: str):
    doc = document(draft, kind, lang)
    masked = request.args.get("masked") == "1"
    limit = request.args.get("limit", type=int)
    limit = limit if limit in CHUNK_LIMITS else None
    if request.method == "POST" and not masked:
        abort(405)  # only the masked text takes a list of words to hide
    body = letters.text(doc)
    extra = {}
    if masked:
        form = forms.HiddenWordsForm(data={"words": "\n".join(draft.case.documents.hidden)})
        if form.validate_on_submit():
            draft.case.documents.hidden = form.word_list
            current.save(draft)
            return redirect(url_for("documents.text", kind=kind, lang=lang, masked=1, limit=limit))
        body, extra = masking.mask(body, draft.case), {"form": form, "hidden": masking.hidden_kinds(draft.case)}
    parts = chunks.split(body, limit) if limit else [body]
    return render_template("text.html", kind=kind, lang=lang, parts=parts, masked=masked, limit=limit,
                           limits=CHUNK_LIMITS, **extra)
