"""The draft this browser is working on: read from and written to its cookie (id and key, never answers)."""
from __future__ import annotations

import base64
import binascii
import functools

from flask import current_app, g, make_response, redirect, render_template, request, url_for
from markupsafe import Markup

from complaint import clock
from complaint.model import Case
from complaint.storage.store import Draft, StaleDraft, Store, UnreadableDraft

DRAFT_COOKIE = "draft"
HIDDEN_COOKIE = "hidden"  # set by quick exit: pages with answers show nothing until she asks for them again
REVISION_FIELD = "revision"
DEVICE_FIELD = "device"  # posted with Start, a resume code or a case file: "keep" keeps the draft on this phone
KEEP_FLAG = "keep"  # the draft cookie's third part when she chose to keep it; without it the cookie is a session one


def store() -> Store:
    return current_app.extensions["complaint_store"]


def today():
    return clock.today(current_app.config["TIMEZONE"])


def _from_cookie() -> tuple[str, bytes] | None:
    value = request.cookies.get(DRAFT_COOKIE, "")
    draft_id, _, encoded = value.partition(".")
    encoded = encoded.removesuffix("." + KEEP_FLAG)
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


def kept_on_device() -> bool:
    """Whether this phone keeps the draft for the retention period: chosen with the form just posted (Start, a
    resume code or a case file), else as remembered in the cookie. Anything else forgets it when the browser
    closes."""
    if "keep" not in g:
        g.keep = request.cookies.get(DRAFT_COOKIE, "").endswith("." + KEEP_FLAG)
    return g.keep


def _choose_keep() -> None:
    g.keep = request.form.get(DEVICE_FIELD) == "keep"


def begin(case: Case) -> Draft:
    """Start a new draft for this browser, replacing any other it had."""
    forget()
    g.draft = store().create(case)
    g.cookie = "set"
    _choose_keep()
    return g.draft


def adopt(draft: Draft | UnreadableDraft) -> None:
    """Make a draft opened with its resume code this browser's draft (a damaged one, to be deleted)."""
    g.draft, g.damaged = (None, draft) if isinstance(draft, UnreadableDraft) else (draft, None)
    g.cookie = "set"
    _choose_keep()


def save(draft: Draft) -> None:
    """Write the draft; raises StaleDraft when another tab or device saved it since it was read."""
    draft.case.sort_incidents()
    store().save(draft)
    g.cookie = "set"  # renew the cookie's lifetime with the draft's


def revision_field() -> Markup:
    """The hidden field that tells a save which revision of the answers its page was made from."""
    draft = current_draft()
    if draft is None:
        return Markup("")
    return Markup('<input type="hidden" name="{}" value="{}">').format(REVISION_FIELD, draft.revision)


def _posted_revision() -> int | None:
    value = request.form.get(REVISION_FIELD, "") if request.method == "POST" else ""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def forget() -> None:
    """Delete this browser's draft, readable or not, from the server and the cookie from the browser."""
    if (draft := current_draft()) is not None:
        store().delete(draft.id)
    elif (damaged := damaged_draft()) is not None:
        store().delete(damaged.draft_id)
    g.draft, g.damaged = None, None
    g.cookie = "clear"


def forget_on_close(response) -> None:
    """Make a kept draft cookie last only until the browser closes (quick exit): the resume code brings it back."""
    if _from_cookie() is not None:
        value = request.cookies[DRAFT_COOKIE].removesuffix("." + KEEP_FLAG)
        response.set_cookie(DRAFT_COOKIE, value, httponly=True, samesite="Lax", secure=request.is_secure)


def hidden() -> bool:
    """Whether she left with quick exit and has not asked for her answers back."""
    return request.cookies.get(HIDDEN_COOKIE) == "1"


def write_cookie(response):
    """After each request: set or clear the draft cookie as the view asked."""
    action = g.get("cookie")
    if action in ("set", "clear") and hidden():
        response.delete_cookie(HIDDEN_COOKIE, httponly=True, samesite="Lax", secure=request.is_secure)
    kept = g.get("draft") or g.get("damaged")
    if action == "set" and kept is not None:
        draft_id = kept.id if isinstance(kept, Draft) else kept.draft_id
        key = base64.urlsafe_b64encode(kept.key).decode().rstrip("=")
        if kept_on_device():
            response.set_cookie(DRAFT_COOKIE, f"{draft_id}.{key}.{KEEP_FLAG}",
                                max_age=current_app.config["DRAFT_RETENTION_DAYS"] * 86400,
                                httponly=True, samesite="Lax", secure=request.is_secure)
        else:
            response.set_cookie(DRAFT_COOKIE, f"{draft_id}.{key}", httponly=True, samesite="Lax",
                                secure=request.is_secure)
    elif action == "clear":
        response.delete_cookie(DRAFT_COOKIE, httponly=True, samesite="Lax", secure=request.is_secure)
    return response


def hidden_page(next_path: str = ""):
    """The page shown instead of answers after quick exit: nothing of hers, and a button to show them."""
    from complaint.web import forms

    return render_template("hidden.html", form=forms.ConfirmForm(), neutral_titles=True,
                           next=next_path or request.full_path.rstrip("?"))


def with_draft(view):
    """Views that need answers: without a draft, send the user to the start page to begin or resume; after
    quick exit, a page that shows none (Back from the exit site lands here).

    A page posted from an older revision of the answers (another tab or device saved since), or whose save lost a
    race with another, is shown again with what was typed and a notice, and saves nothing (409): the forms refuse
    to validate while `g.stale_draft` is set.
    """
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        draft = current_draft()
        if draft is None:
            if damaged_draft() is not None:
                return redirect(url_for("drafts.damaged"))
            return redirect(url_for("pages.start", lost=1))
        if hidden() and request.method == "GET":
            return hidden_page()
        posted = _posted_revision()
        g.stale_draft = posted is not None and posted != draft.revision
        try:
            response = view(draft, *args, **kwargs)
        except StaleDraft:
            g.pop("draft")
            g.stale_draft = True
            if (draft := current_draft()) is None:
                return redirect(url_for("pages.start", lost=1))
            response = view(draft, *args, **kwargs)  # over the newer answers, now that the form will refuse
        response = make_response(response)
        if g.stale_draft and response.status_code == 200:
            response.status_code = 409
        return response
    return wrapper
