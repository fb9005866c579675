"""Starting, resuming, opening, downloading and deleting a draft."""
from __future__ import annotations

import math

from flask import Blueprint, Response, current_app, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from complaint import answers
from complaint.model import Case
from complaint.storage import casefile, crypto, protected
from complaint.storage.store import UnreadableDraft
from complaint.web import forms
from complaint.web.views import current, navigation

bp = Blueprint("drafts", __name__)

CASE_FILE_MESSAGES = {
    "not_json": _l("This is not a case file from this service. Choose the .json file you downloaded."),
    "not_case": _l("This is not a case file from this service. Choose the .json file you downloaded."),
    "newer": _l("This case file comes from a newer version of this service and cannot be opened here."),
    "invalid": _l("This case file has been changed or damaged and cannot be opened."),
    "too_large": _l("This file is too large to be a case file."),
    "too_many_incidents": _l("This case file holds more than %(limit)s incidents, the most a case can hold, so it "
                             "was not opened.", limit=answers.MAX_INCIDENTS),
    "too_many_evidence": _l("This case file lists more than %(limit)s pieces of evidence, the most a case can "
                            "hold, so it was not opened.", limit=answers.MAX_EVIDENCE),
}
PASSWORD_MESSAGES = {
    "password_needed": _l("This case file is protected with a password. Enter the password and choose the file "
                          "again."),
    "wrong_password": _l("The password does not open this case file. Check it and choose the file again."),
}
SAVE_ERRORS = "save_errors"  # the session key holding the save page's messages across its redirect


@bp.post("/start")
def start():
    """A new, empty case; a case file chosen on the start page is opened instead."""
    if getattr(request.files.get("case_file"), "filename", ""):
        # Enter in the case file's password box presses the form's first button, Start: she meant to open it.
        return open_case_file()
    if not forms.ConfirmForm().validate_on_submit():
        return redirect(url_for("pages.start"))
    current.begin(Case())
    return redirect(url_for("wizard.about-you"))


@bp.route("/resume", methods=["GET", "POST"])
def resume():
    form = forms.ResumeForm()
    throttle, client = current_app.extensions["resume_throttle"], request.remote_addr or ""
    if form.validate_on_submit():
        wait = throttle.attempt(client)
        if wait:
            form.code.errors.append(_l("Too many codes have been tried from here. Wait %(minutes)s minutes, then "
                                       "try again.", minutes=math.ceil(wait / 60)))
            return render_template("resume.html", form=form), 429
        try:
            draft = current.store().open_with_code(crypto.normalise_resume_code(form.code.data))
        except UnreadableDraft as damaged:
            current.adopt(damaged)
            return redirect(url_for("drafts.damaged"))
        if draft is not None:
            throttle.succeeded(client)
            current.adopt(draft)
            return redirect(navigation.continue_url(draft.case))
        form.code.errors.append(_l("No answers were found with this code. Check it, or start again: answers "
                                   "are deleted after %(days)s days without use.",
                                   days=current_app.config["DRAFT_RETENTION_DAYS"]))
    return render_template("resume.html", form=form)


@bp.post("/open")
def open_case_file():
    form = forms.CaseFileForm()
    if form.validate_on_submit():
        try:
            case = casefile.loads(form.case_file.data.read(casefile.MAX_FILE_BYTES + 1), today=current.today(),
                                  password=form.password.data)
        except casefile.CaseFileError as error:
            if error.code in PASSWORD_MESSAGES:
                form.password.errors.append(PASSWORD_MESSAGES[error.code])
            else:
                form.case_file.errors.append(CASE_FILE_MESSAGES[error.code])
        else:
            current.begin(case)
            return redirect(navigation.continue_url(case))
    return render_template("open.html", form=form)


@bp.route("/save", methods=["GET", "POST"])
@current.with_draft  # not navigation.guard: answers are worth keeping at any step
def save_case_file(draft):
    """The case file to keep: protected with a password when one is given."""
    form = forms.SaveCaseFileForm()
    if form.validate_on_submit():
        if form.password.data:
            return _case_file_response(protected.protect(casefile.dumps(draft.case), form.password.data),
                                       "case-protected")
        return _case_file_response(casefile.dumps(draft.case), "case")
    if form.is_submitted() and not form.csrf_token.errors:
        # Show the messages on a page fetched by GET: a download leaves the page in place, and reloading a
        # posted page would post the refused passwords again and bring the old message back.
        session[SAVE_ERRORS] = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        return redirect(url_for("drafts.save_case_file"))
    for name, messages in session.pop(SAVE_ERRORS, {}).items():
        if name in form:
            form[name].errors = messages
    return render_template("save.html", form=form, min_password=protected.MIN_PASSWORD)


def _case_file_response(text: str, stem: str) -> Response:
    return Response(text, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="{stem}-{current.today().isoformat()}.json"'})


@bp.route("/delete", methods=["GET", "POST"])
def delete():
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        current.forget()
        return redirect(url_for("drafts.deleted"))
    return render_template("delete.html", form=form)


@bp.get("/damaged")
def damaged():
    """A draft that can no longer be read is offered for deletion, instead of breaking every page."""
    if current.damaged_draft() is None:
        return redirect(url_for("pages.start"))
    return render_template("damaged.html", form=forms.ConfirmForm())


@bp.get("/deleted")
def deleted():
    return render_template("deleted.html")
