"""Pages that need no draft: the start page, using the service safely, and the language switch."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from complaint import forms
from complaint.i18n import LANG_COOKIE, LOCALES
from complaint.views.current import current_draft

bp = Blueprint("pages", __name__)


@bp.get("/")
def start():
    return render_template("start.html", start_form=forms.ConfirmForm(), resume_form=forms.ResumeForm(),
                           file_form=forms.CaseFileForm(), lost=request.args.get("lost") == "1" and not current_draft())


@bp.get("/safety")
def safety():
    return render_template("safety.html")


def _local_path(target: str) -> str:
    """Only paths on this site, so the switch cannot be used to send people elsewhere."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("pages.start")
    return target


NEUTRAL_COOKIE = "neutral_titles"


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
