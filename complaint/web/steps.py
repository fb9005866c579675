"""The question pages in order: slug, heading, form, and when each counts as answered."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from complaint.model import Case
from complaint.web import forms


@dataclass(frozen=True)
class Step:
    slug: str  # also the URL, the endpoint name and the template name
    title: object  # lazy translated heading
    form: type[forms.StepForm] | None
    is_complete: Callable[[Case], bool]


STEPS = (
    Step("about-you", _l("About you"), forms.AboutYouForm, lambda case: case.person is not None),
    Step("loan", _l("The loan"), forms.LoanForm, lambda case: case.loan is not None),
    Step("collectors", _l("Who is collecting"), forms.CollectorsForm, lambda case: case.collectors is not None),
    Step("incidents", _l("What happened"), None, lambda case: bool(case.incidents)),
    # Evidence is optional: the page never holds anyone back.
    Step("evidence", _l("Your evidence"), None, lambda case: True),
    Step("wants", _l("What you want"), forms.WantsForm, lambda case: case.wants is not None),
    Step("earlier", _l("Complaining to the lender"), forms.EarlierForm, lambda case: case.earlier is not None),
    Step("recipient", _l("Your documents"), forms.RecipientForm, lambda case: case.documents is not None),
    Step("check", _l("Check your answers"), None, lambda case: False),
)
BY_SLUG = {step.slug: step for step in STEPS}
FORM_STEPS = tuple(step for step in STEPS if step.form is not None)


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
