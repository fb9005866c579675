"""The incidents loop: a summary list, one incident per page, change and remove (with confirmation)."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

from complaint import answers, forms, rules, steps
from complaint.i18n import current_locale
from complaint.views import current
from complaint.views.wizard import guard, next_url, returning_to_check

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


@bp.route("", methods=["GET", "POST"])
@current.with_draft
def summary(draft):
    if blocked := guard(STEP, draft.case):
        return blocked
    if not draft.case.incidents:
        return redirect(url_for("incidents.new"))
    form = forms.YesNoForm(question=_l("Do you want to add another incident?"),
                           message=_l("Select yes if you want to add another incident"))
    if form.validate_on_submit():
        if form.answer.data == "yes":
            return redirect(url_for("incidents.new"))
        return redirect(next_url(STEP.slug, draft.case))
    return render_template("incidents/summary.html", form=form, step=STEP)


def _edit(draft, n: int | None):
    existing = _incident_or_404(draft, n) if n else None
    if n is None and len(draft.case.incidents) >= answers.MAX_INCIDENTS:
        abort(400)
    form = forms.IncidentForm(data=forms.IncidentForm.data_from(existing), today=current.today())
    if form.validate_on_submit():
        if existing is None:
            draft.case.incidents.append(form.incident())
        else:
            draft.case.incidents[n - 1] = form.incident()
        current.save(draft)
        return redirect(_back_to(draft))
    number = n or len(draft.case.incidents) + 1
    lang = current_locale()
    hints = {key: behaviour.hint(lang) for key, behaviour in rules.load().behaviours.items()}
    return render_template("incidents/incident.html", form=form, step=STEP, number=number,
                           behaviour_hints=hints, back=_back_to(draft))


@bp.route("/new", methods=["GET", "POST"])
@current.with_draft
def new(draft):
    if blocked := guard(STEP, draft.case):
        return blocked
    return _edit(draft, None)


@bp.route("/<int:n>", methods=["GET", "POST"])
@current.with_draft
def change(draft, n: int):
    if blocked := guard(STEP, draft.case):
        return blocked
    return _edit(draft, n)


@bp.route("/<int:n>/remove", methods=["GET", "POST"])
@current.with_draft
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
