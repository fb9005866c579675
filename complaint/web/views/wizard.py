"""The single-form question pages (about you, the loan, the collectors, what you want, documents)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request

from complaint.web import steps, suggestions
from complaint.web.i18n import current_locale
from complaint.web.views import current, navigation

bp = Blueprint("wizard", __name__)


def _extra(step: steps.Step, case) -> dict:
    """What a page shows beyond its form: the routing's reasons on the documents question."""
    if step.slug != "recipient":
        return {}
    lang = current_locale()
    return {"hints": {s.kind: s.reason(lang) for s in suggestions.for_case(case)}}


def _view_for(step: steps.Step):
    @navigation.guard(step.slug)
    def view(draft):
        form = step.form(data=step.form.data_from(draft.case), today=current.today())
        if form.validate_on_submit():
            form.apply(draft.case)
            current.save(draft)
            if not form.add_row(request.form.get("add", "")):
                return redirect(navigation.next_url(step.slug, draft.case))
        return render_template(step.template, form=form, step=step, **_extra(step, draft.case))

    view.__name__ = step.slug.replace("-", "_")
    return view


for _step in steps.STEPS:
    if _step.endpoint.startswith(f"{bp.name}."):
        bp.add_url_rule(f"/{_step.slug}", endpoint=_step.endpoint.removeprefix(f"{bp.name}."),
                        view_func=_view_for(_step), methods=["GET", "POST"])
