"""The draft this browser is working on: read from and written to its cookie (id and key, never answers)."""
from __future__ import annotations

import base64
import binascii
import functools

from flask import current_app, g, redirect, request, url_for

from complaint import clock
from complaint.model import Case
from complaint.store import Draft, Store, UnreadableDraft

DRAFT_COOKIE = "draft"


def store() -> Store:
    return current_app.extensions["complaint_store"]


def today():
    return clock.today(current_app.config["TIMEZONE"])


def _from_cookie() -> tuple[str, bytes] | None:
    value = request.cookies.get(DRAFT_COOKIE, "")
    draft_id, _, encoded = value.partition(".")
    if not draft_id or not encoded or len(value) > 200:
        return None
    try:
        key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        return None
    return (draft_id, key) if len(key) == 32 else None


def current_draft() -> Draft | None:
    """This browser's draft, or None (no cookie, expired, deleted, or a key that does not open it)."""
    if "draft" not in g:
        g.draft, g.damaged = None, None
        if found := _from_cookie():
            try:
                g.draft = store().load(*found)
            except UnreadableDraft as damaged:
                g.damaged = damaged
    return g.draft


def damaged_draft() -> UnreadableDraft | None:
    """This browser's draft when its key opens it but it can no longer be read: it can only be deleted."""
    current_draft()
    return g.damaged


def begin(case: Case) -> Draft:
    """Start a new draft for this browser, replacing any other it had."""
    forget()
    g.draft = store().create(case)
    g.cookie = "set"
    return g.draft


def adopt(draft: Draft | UnreadableDraft) -> None:
    """Make a draft opened with its resume code this browser's draft (a damaged one, to be deleted)."""
    g.draft, g.damaged = (None, draft) if isinstance(draft, UnreadableDraft) else (draft, None)
    g.cookie = "set"


def save(draft: Draft) -> None:
    draft.case.sort_incidents()
    store().save(draft)
    g.cookie = "set"  # renew the cookie's lifetime with the draft's


def forget() -> None:
    """Delete this browser's draft, readable or not, from the server and the cookie from the browser."""
    if (draft := current_draft()) is not None:
        store().delete(draft.id)
    elif (damaged := damaged_draft()) is not None:
        store().delete(damaged.draft_id)
    g.draft, g.damaged = None, None
    g.cookie = "clear"


def write_cookie(response):
    """After each request: set or clear the draft cookie as the view asked."""
    action = g.get("cookie")
    kept = g.get("draft") or g.get("damaged")
    if action == "set" and kept is not None:
        draft_id = kept.id if isinstance(kept, Draft) else kept.draft_id
        key = base64.urlsafe_b64encode(kept.key).decode().rstrip("=")
        response.set_cookie(DRAFT_COOKIE, f"{draft_id}.{key}",
                            max_age=current_app.config["DRAFT_RETENTION_DAYS"] * 86400,
                            httponly=True, samesite="Lax", secure=request.is_secure)
    elif action == "clear":
        response.delete_cookie(DRAFT_COOKIE, httponly=True, samesite="Lax", secure=request.is_secure)
    return response


def with_draft(view):
    """Views that need answers: without a draft, send the user to the start page to begin or resume."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        draft = current_draft()
        if draft is None:
            if damaged_draft() is not None:
                return redirect(url_for("drafts.damaged"))
            return redirect(url_for("pages.start", lost=1))
        return view(draft, *args, **kwargs)
    return wrapper
