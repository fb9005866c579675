"""Pages that need no draft: the start page, quick exit, using the service safely, and the language switch."""
from __future__ import annotations

import re

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from complaint.web import forms
from complaint.web.i18n import LANG_COOKIE, LOCALES
from complaint.web.views.current import HIDDEN_COOKIE, current_draft, forget_on_close, hidden, hidden_page

bp = Blueprint("pages", __name__)


def in_wechat() -> bool:
    """WeChat's own browser (it cannot download files); its User-Agent says MicroMessenger."""
    return "MicroMessenger" in request.headers.get("User-Agent", "")


@bp.get("/")
def start():
    if hidden() and current_draft():
        return hidden_page()
    return render_template("start.html", file_form=forms.CaseFileForm(),
                           lost=request.args.get("lost") == "1" and not current_draft())


@bp.get("/exit")
def quick_exit():
    """Leave for the neutral site, hiding her answers on this browser until she asks for them again."""
    response = redirect(current_app.config["QUICK_EXIT_URL"])
    # Both last until the browser closes: then the phone no longer holds her answers, even if she chose to keep
    # them; until then Back shows nothing of hers.
    forget_on_close(response)
    response.set_cookie(HIDDEN_COOKIE, "1", httponly=True, samesite="Lax", secure=request.is_secure)
    return response


@bp.post("/show")
def show():
    """Show her answers again after a quick exit."""
    if not forms.ConfirmForm().validate_on_submit():
        return hidden_page(request.args.get("next", "/"))
    response = redirect(_local_path(request.args.get("next", "/")))
    response.delete_cookie(HIDDEN_COOKIE, httponly=True, samesite="Lax", secure=request.is_secure)
    return response


@bp.get("/safety")
def safety():
    return render_template("safety.html")


_SAFE_TARGET = re.compile(r"/(?!/)[A-Za-z0-9\-._~/?=&%+]*")


def _local_path(target: str) -> str:
    """Only this site's own pages, so the switch cannot be used to send people elsewhere.

    Browsers drop tabs and line breaks from an address and read a backslash as a slash, so anything but plain
    characters is refused outright; what is left must be a page this site has.
    """
    if not _SAFE_TARGET.fullmatch(target):
        return url_for("pages.start")
    path = target.partition("?")[0]
    try:
        current_app.url_map.bind("localhost").match(path, method="GET")
    except HTTPException:  # not found, a redirect, or a method it does not answer
        return url_for("pages.start")
    return target


NEUTRAL_COOKIE = "neutral_titles"


def plain_titles() -> bool:
    """Whether she chose plain page titles (and calendar entries) that say nothing about debt."""
    return request.cookies.get(NEUTRAL_COOKIE) == "1"


@bp.get("/neutral-titles/<setting>")
def neutral_titles(setting: str):
    """Switch plain page titles on or off (a browser tab or history entry then says nothing about debt)."""
    response = redirect(_local_path(request.args.get("next", "/")))
    if setting == "on":
        response.set_cookie(NEUTRAL_COOKIE, "1", max_age=365 * 86400, samesite="Lax", httponly=True,
                            secure=request.is_secure)
    elif setting == "off":
        response.delete_cookie(NEUTRAL_COOKIE, samesite="Lax", httponly=True, secure=request.is_secure)
    return response


@bp.get("/language/<code>")
def language(code: str):
    response = redirect(_local_path(request.args.get("next", "/")))
    if code in LOCALES:
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 86400, samesite="Lax", httponly=True,
                            secure=request.is_secure)
    return response
