"""The question pages in order: slug, heading, form, the page showing each, and when each counts as answered.

This registry is the only wiring: the wizard serves a page for every question with a form, links and the guard
against skipping ahead follow this order, and the check page shows each form's answers in it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from complaint.model import Case
from complaint.web import forms


@dataclass(frozen=True)
class Step:
    slug: str  # also the URL
    title: object  # lazy translated heading
    form: type[forms.StepForm] | None
    is_complete: Callable[[Case], bool]
    endpoint: str  # the view showing the step, for url_for
    template: str


def _question(slug: str, title, form: type[forms.StepForm], is_complete: Callable[[Case], bool]) -> Step:
    """A page of one form, served by the wizard: its endpoint and template named after its slug."""
    return Step(slug, title, form, is_complete, endpoint=f"wizard.{slug}", template=f"steps/{slug}.html")


STEPS = (
    _question("about-you", _l("About you"), forms.AboutYouForm, lambda case: case.person is not None),
    _question("loan", _l("The loan"), forms.LoanForm, lambda case: case.loan is not None),
    _question("collectors", _l("Who is collecting"), forms.CollectorsForm, lambda case: case.collectors is not None),
    Step("incidents", _l("What happened"), None, lambda case: bool(case.incidents),
         endpoint="incidents.summary", template="incidents/summary.html"),
    # Evidence is optional: the page never holds anyone back.
    Step("evidence", _l("Your evidence"), None, lambda case: True,
         endpoint="evidence.index", template="evidence/index.html"),
    _question("wants", _l("What you want"), forms.WantsForm, lambda case: case.wants is not None),
    _question("earlier", _l("Complaining to the lender"), forms.EarlierForm, lambda case: case.earlier is not None),
    _question("recipient", _l("Your documents"), forms.RecipientForm, lambda case: case.documents is not None),
    Step("check", _l("Check your answers"), None, lambda case: False,
         endpoint="documents.check", template="check.html"),
)
BY_SLUG = {step.slug: step for step in STEPS}


def number(slug: str) -> int:
    return [step.slug for step in STEPS].index(slug) + 1


def previous(slug: str) -> Step | None:
    n = number(slug)
    return STEPS[n - 2] if n > 1 else None


def following(slug: str) -> Step:
    return STEPS[number(slug)]


def first_unfinished(case: Case, before: str) -> Step | None:
    """The first earlier step still unanswered: nobody skips ahead past a question the letter needs."""
    for step in STEPS[:number(before) - 1]:
        if not step.is_complete(case):
            return step
    return None
