"""The single-form question pages (about you, the loan, the collectors, what you want, documents)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request

from complaint.web import forms, steps
from complaint.web.i18n import current_locale
from complaint.web.views import current

bp = Blueprint("wizard", __name__)


def returning_to_check() -> bool:
    """Change links on the check page carry ?return=check so the answer goes straight back there."""
    return request.args.get("return") == "check"


def next_url(slug: str, case) -> str:
    from complaint.web.views import step_url

    if returning_to_check() and steps.first_unfinished(case, "check") is None:
        return step_url("check")
    return step_url(steps.following(slug).slug)


def guard(step: steps.Step, case):
    """A redirect to the first unanswered earlier step, or None when this step may be shown."""
    from complaint.web.views import step_url

    unfinished = steps.first_unfinished(case, step.slug)
    return redirect(step_url(unfinished.slug)) if unfinished else None


def _extra(step: steps.Step, case) -> dict:
    """What a page shows beyond its form: the routing's reasons on the documents question."""
    if step.slug != "recipient":
        return {}
    lang = current_locale()
    return {"hints": {s.kind: s.reason(lang) for s in forms.suggestions(case)}}


def _view_for(step: steps.Step):
    @current.with_draft
    def view(draft):
        if blocked := guard(step, draft.case):
            return blocked
        form = step.form(data=step.form.data_from(draft.case), today=current.today())
        if form.validate_on_submit():
            form.apply(draft.case)
            current.save(draft)
            if not form.add_row(request.form.get("add", "")):
                return redirect(next_url(step.slug, draft.case))
        return render_template(f"steps/{step.slug}.html", form=form, step=step, **_extra(step, draft.case))

    view.__name__ = step.slug.replace("-", "_")
    return view


for _step in steps.FORM_STEPS:
    bp.add_url_rule(f"/{_step.slug}", endpoint=_step.slug, view_func=_view_for(_step), methods=["GET", "POST"])
