"""Where the question pages lead: each step's address, the page after it, the way back to the check page, and the
guard against skipping ahead. Every blueprint takes these from here, in the order of complaint/web/steps.py."""
from __future__ import annotations

import functools

from flask import redirect, request, url_for

from complaint.web import steps
from complaint.web.views import current


def step_url(slug: str, **values) -> str:
    return url_for(steps.BY_SLUG[slug].endpoint, **values)


def returning_to_check() -> bool:
    """Change links on the check page carry ?return=check so the answer goes straight back there."""
    return request.args.get("return") == "check"


def next_url(slug: str, case) -> str:
    """Where a step's page goes once answered: the check page when it came from there and nothing is missing,
    else the next step."""
    if returning_to_check() and steps.first_unfinished(case, "check") is None:
        return step_url("check")
    return step_url(steps.following(slug).slug)


def continue_url(case) -> str:
    """Where a reopened draft carries on: the first step still unanswered, else the check page."""
    unfinished = steps.first_unfinished(case, "check")
    return step_url(unfinished.slug if unfinished else "check")


def guard(slug: str):
    """Views of step `slug` that need a draft (see current.with_draft) and every step before it answered: until
    then, a redirect to the first one unanswered.

    Used by every page of a step: the question pages, the incidents list and its add, change and import pages, the
    evidence page and its "list a file" page, and the check and documents pages with every document they offer.
    Left without it on purpose (each says why where it is defined): saving the case file (partial answers are
    worth keeping), removing an incident or a piece of evidence and describing a piece of evidence (they reach
    only an item that exists, and need nothing asked before it), and the pictures and chart drawn inside pages
    that are guarded already (a redirect is no picture).
    """
    step = steps.BY_SLUG[slug]

    def decorate(view):
        @functools.wraps(view)
        def guarded(draft, *args, **kwargs):
            if unfinished := steps.first_unfinished(draft.case, step.slug):
                return redirect(step_url(unfinished.slug))
            return view(draft, *args, **kwargs)

        return current.with_draft(guarded)

    return decorate
