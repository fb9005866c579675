"""The incidents loop: a summary list, one incident per page, change, remove (confirmed), import from a call log."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from complaint import answers, model
from complaint.evidence import imports
from complaint.evidence.imports import grouping
from complaint.evidence.imports.records import MAX_RECORDS, MAX_ROWS
from complaint.law import rules
from complaint.storage import casefile
from complaint.web import forms, steps
from complaint.web.i18n import current_locale
from complaint.web.views import current, navigation
from complaint.web.views.navigation import next_url, returning_to_check

bp = Blueprint("incidents", __name__, url_prefix="/incidents")
STEP = steps.BY_SLUG["incidents"]


def _incident_or_404(draft, n: int):
    if not 1 <= n <= len(draft.case.incidents):
        abort(404)
    return draft.case.incidents[n - 1]


def _back_to(draft) -> str:
    """Where an incident page returns: the check page when it came from there, else the list."""
    if returning_to_check():
        return url_for("documents.check")
    return url_for("incidents.summary")


FULL = _l("A case holds at most %(limit)s incidents. Remove one to add another.", limit=answers.MAX_INCIDENTS)


@bp.route("", methods=["GET", "POST"])
@navigation.guard(STEP.slug)
def summary(draft):
    if not draft.case.incidents:
        return redirect(url_for("incidents.new"))
    form = forms.YesNoForm(question=_l("Do you want to add another incident?"),
                           message=_l("Select yes if you want to add another incident"))
    if form.validate_on_submit():
        if form.answer.data == "no":
            return redirect(next_url(STEP.slug, draft.case))
        if len(draft.case.incidents) < answers.MAX_INCIDENTS:
            return redirect(url_for("incidents.new"))
        form.answer.errors.append(FULL)
    return render_template(STEP.template, form=form, step=STEP, max_incidents=answers.MAX_INCIDENTS)


def _posted_page() -> int | None:
    """Which of the incident's pages was posted; None for all the answers at once (a full post)."""
    page = request.form.get("page", type=int)
    return page if page in range(1, len(forms.IncidentForm.PAGES) + 1) else None


def _next_page(form, posted: int | None) -> tuple[int | None, bool]:
    """The page to show after a post and whether with its messages; None when the incident can be saved."""
    last = len(form.PAGES)
    if posted and request.form.get("go") == "back":
        return max(posted - 1, 1), False
    valid = form.validate_on_submit()
    if form.form_errors or form.csrf_token.errors:  # refused as a whole: the same page again, nothing lost
        return posted or 1, True
    if valid and posted in (None, last):
        return None, False
    wrong = form.first_page_with_errors(posted or last)
    return (wrong, True) if wrong else (min((posted or 0) + 1, last), False)


def _edit(draft, n: int | None):
    existing = _incident_or_404(draft, n) if n else None
    if n is None and len(draft.case.incidents) >= answers.MAX_INCIDENTS:
        return redirect(url_for("incidents.summary"))
    like = request.args.get("like", type=int)
    if existing is None and like and 1 <= like <= len(draft.case.incidents):
        data = forms.IncidentForm.like(draft.case.incidents[like - 1])
    else:
        data = forms.IncidentForm.data_from(existing)
    form = forms.IncidentForm(data=data, today=current.today())
    # A new incident can be saved with the next one started like it, when there is room for one more.
    repeatable = (existing is None and not returning_to_check()
                  and len(draft.case.incidents) + 1 < answers.MAX_INCIDENTS)
    page = 1
    if request.method == "POST":
        page, with_errors = _next_page(form, _posted_page())
        if page is None:
            incident = form.incident()
            if existing is None:
                draft.case.incidents.append(incident)
            else:
                incident.ref = existing.ref  # evidence stays linked to the incident it belongs to
                draft.case.incidents[n - 1] = incident
            current.save(draft)
            if request.form.get("then") == "like" and repeatable:
                return redirect(url_for("incidents.new", like=len(draft.case.incidents)))
            return redirect(_back_to(draft))
        form.only_errors_on(page)
        if not with_errors:  # a page opens without messages about answers not given yet
            form.form_errors.clear()
            for field in form:
                field.errors = []
    number = n or len(draft.case.incidents) + 1
    lang = current_locale()
    hints = {key: behaviour.hint(lang) for key, behaviour in rules.load().behaviours.items()}
    return render_template("incidents/incident.html", form=form, step=STEP, number=number, page=page,
                           pages=len(form.PAGES), repeatable=repeatable, behaviour_hints=hints, back=_back_to(draft))


@bp.route("/new", methods=["GET", "POST"])
@navigation.guard(STEP.slug)
def new(draft):
    return _edit(draft, None)


@bp.route("/<int:n>", methods=["GET", "POST"])
@navigation.guard(STEP.slug)
def change(draft, n: int):
    return _edit(draft, n)


@bp.route("/<int:n>/remove", methods=["GET", "POST"])
@current.with_draft  # not navigation.guard: removing an incident that exists needs no earlier answer
def remove(draft, n: int):
    incident = _incident_or_404(draft, n)
    form = forms.YesNoForm(question=_l("Are you sure you want to remove incident %(n)s?", n=n),
                           message=_l("Select yes to remove this incident"))
    if form.validate_on_submit():
        if form.answer.data == "yes":
            del draft.case.incidents[n - 1]
            current.save(draft)
        return redirect(_back_to(draft) if draft.case.incidents or returning_to_check()
                        else url_for("incidents.new"))
    return render_template("incidents/remove.html", form=form, step=STEP, number=n, incident=incident,
                           back=_back_to(draft))


IMPORT_PROBLEMS = {
    "empty": _l("The file is empty."),
    "too_large": _l("The file is too large to import."),
    "too_many": _l("The file holds more than %(limit)s records, too many to import at once. Export a shorter "
                   "period.", limit=f"{MAX_RECORDS:,}"),
    "too_many_rows": _l("The file has more than %(limit)s rows, too many to import at once. Export a shorter "
                        "period.", limit=f"{MAX_ROWS:,}"),
    "too_complex": _l("This file is built in a way no call log or message backup is (its parts are nested too "
                      "deeply, or one record holds too much), so it was not read."),
    "not_xml": _l("This file is not a call log or message backup we can read."),
    "not_backup": _l("This file is not a call log or message backup we can read."),
    "unknown_kind": _l("This file is not a call log or message backup we can read."),
    "unknown_columns": _l("The columns of this file were not recognised. It needs columns for the time and the "
                          "number, with headers such as 时间 and 号码, or date and number."),
    "unsafe_xml": _l("This file contains XML features that are not allowed, so it was not read."),
    "damaged": _l("The file is damaged or was cut off. Export it again and retry."),
    "bad_record": _l("A record in the file could not be read. Export it again and retry."),
    "unreadable": _l("The file could not be read."),
    "unknown_zone": _l("The time zone is not known."),
}


@bp.route("/import", methods=["GET", "POST"])
@navigation.guard(STEP.slug)
def import_log(draft):
    """Read a call log or message backup; keep what matches for the user to confirm on the next page."""
    known = draft.case.collectors.numbers if draft.case.collectors else []
    form = forms.ImportForm(data={"numbers": "\n".join(known)})
    if form.validate_on_submit():
        zone = current_app.config["TIMEZONE"]
        try:
            records = imports.read_log(form.log.data.read(), form.log.data.filename, tz=zone)
        except imports.LogImportError as problem:
            form.log.errors.append(IMPORT_PROBLEMS.get(problem.code, IMPORT_PROBLEMS["unreadable"]))
        else:
            since, until = form.window()
            chosen = imports.deduplicate(imports.select(records, form.wanted_numbers(), since, until))
            # Only what the case has room for is kept: every page reads the draft, pending incidents included.
            kept, left_out = grouping.grouped(chosen, zone, room=answers.MAX_INCIDENTS - len(draft.case.incidents))
            draft.pending, draft.pending_left_out = [model.to_dict(incident) for incident in kept], left_out
            current.save(draft)
            return redirect(url_for("incidents.confirm_import"))
    return render_template("incidents/import.html", form=form, step=STEP)


@bp.route("/import/confirm", methods=["GET", "POST"])
@navigation.guard(STEP.slug)
def confirm_import(draft):
    """Show what the import would add; add it only when the user says so."""
    if not draft.pending and not draft.pending_left_out:
        return redirect(url_for("incidents.import_log"))
    pending, dropped = casefile.valid_incidents(draft.pending, current.today())
    room = answers.MAX_INCIDENTS - len(draft.case.incidents)
    form = forms.YesNoForm(question=_l("Add these incidents to your complaint?"),
                           message=_l("Select yes to add them, or no to leave them out"))
    if form.validate_on_submit():
        if form.answer.data == "yes":
            draft.case.incidents.extend(pending[:room])
        draft.pending, draft.pending_left_out = [], {}
        current.save(draft)
        return redirect(url_for("incidents.summary"))
    return render_template("incidents/confirm_import.html", form=form, step=STEP, pending=pending,
                           contacts=sum(i.times or 1 for i in pending), room=room, limit=answers.MAX_INCIDENTS,
                           left_out=draft.pending_left_out, dropped=dropped,
                           night=sum(1 for i in pending if "night_calls" in i.behaviours))
