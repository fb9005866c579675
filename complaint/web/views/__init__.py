"""The web pages: blueprints, the helpers every template uses, and friendly error pages."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask import Flask, current_app, g, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from wtforms import FieldList

from complaint.law import rules
from complaint.letters import wording
from complaint.storage import crypto
from complaint.web import forms, logs, steps
from complaint.web.i18n import current_locale
from complaint.web.views import current, documents, drafts, evidence, incidents, pages, wizard

STEP_ENDPOINTS = {"incidents": "incidents.summary", "evidence": "evidence.index", "check": "documents.check"}


def step_url(slug: str, **values) -> str:
    return url_for(STEP_ENDPOINTS.get(slug, f"wizard.{slug}"), **values)


def error_links(form) -> list[tuple[str, str]]:
    """(anchor, message) for the error summary, in the order the fields appear on the page."""
    links = [("main", message) for message in form.form_errors]  # about the whole page, not one answer
    for field in form:
        if field.name == "csrf_token" or not field.errors:
            continue
        if isinstance(field, FieldList):
            links += [(entry.id, entry.errors[0]) for entry in field.entries if entry.errors]
        elif field.type == "MultipleFileField":  # one message for each file refused
            links += [(field.id, message) for message in field.errors]
        elif field.type in ("RadioField", "SelectMultipleField"):
            links.append((f"{field.id}-0", field.errors[0]))
        else:
            links.append((field.id, field.errors[0]))
    return links


def format_day(day: dt.date, month_only: bool = False) -> str:
    """A date in the interface language, written as the letters write it (1 December 2026, 2026年12月1日)."""
    return wording.date(day, current_locale(), month_only)


def format_incident_when(incident) -> str:
    """An incident's date and time in the interface language."""
    if incident.month_only:
        return _("%(month)s (day not known)", month=format_day(incident.first_day, month_only=True))
    written = format_day(incident.first_day)
    return f"{written} {incident.time}" if incident.time else written


def format_partial_date(value: str) -> str:
    """A day or a month ("2026-03") in the interface language; "" when not given."""
    if not value:
        return ""
    if len(value) == 7:
        return format_day(dt.date.fromisoformat(value + "-01"), month_only=True)
    return format_day(dt.date.fromisoformat(value))


def region_name(key: str) -> str:
    region = rules.load().regions.get(key)
    return region.name(current_locale()) if region else ""


def join_list(items, names: dict | None = None) -> str:
    """A list in running text (each item by its name in `names`, when given): 、 between Chinese items, a comma
    in English."""
    return ("、" if current_locale() == "zh" else ", ").join(str(names[i] if names else i) for i in items)


def incident_name(n: int) -> str:
    return _("Incident %(n)s", n=n)


def format_yuan(amount: str) -> str:
    return _("%(amount)s yuan", amount=format_decimal(Decimal(amount), "#,##0.00")) if amount else ""


def _template_context() -> dict:
    draft = current.current_draft()
    return {
        "draft": draft,
        "resume_code": crypto.format_resume_code(draft.resume_code) if draft else "",
        "kept_on_device": current.kept_on_device(),
        "retention_days": current_app.config["DRAFT_RETENTION_DAYS"],
        "neutral_titles": pages.plain_titles(),
        "form_expired": g.get("form_expired", False),
        "in_wechat": pages.in_wechat(),
    }


def _error_page(error: HTTPException):
    # Every refusal gets a page in the user's language, never a stack trace or a bare 500.
    code = error.code or 500
    kind = "csrf" if isinstance(error, CSRFError) else code if code in (400, 404, 405, 413, 503) else "other"
    return render_template("error.html", kind=kind), code


def _expired_form(error: CSRFError):
    """A form posted without a valid token (WeChat closed the page and the session went with it): show the
    same page again with what was posted and a fresh token, and ask her to press the button again.

    Nothing is saved: every form also checks the token itself, so `validate_on_submit()` is false here and
    the view only renders."""
    view = current_app.view_functions.get(request.endpoint or "")
    if request.method != "POST" or view is None:
        return _error_page(error)
    g.form_expired = "files" if any(f.filename for f in request.files.values()) else "text"
    try:
        return current_app.make_response(view(**(request.view_args or {})))
    except HTTPException as refused:  # the page itself refuses (no such incident, say): its own error page
        return _error_page(refused)


def _unexpected(error: Exception):
    logs.log_unexpected(current_app.logger, error)
    return render_template("error.html", kind="other"), 500


def init_app(app: Flask) -> None:
    for blueprint in (pages.bp, drafts.bp, wizard.bp, incidents.bp, evidence.bp, documents.bp):
        app.register_blueprint(blueprint)
    app.context_processor(_template_context)
    app.jinja_env.filters["format_long_date"] = format_day
    app.jinja_env.filters.update(join_list=join_list, incident_name=incident_name)
    app.jinja_env.globals.update(step_url=step_url, steps=steps, error_links=error_links, labels=forms,
                                 behaviours=rules.load().behaviours, format_incident_when=format_incident_when,
                                 format_yuan=format_yuan, format_partial_date=format_partial_date,
                                 region_name=region_name, revision_field=current.revision_field)
    app.after_request(current.write_cookie)
    app.register_error_handler(CSRFError, _expired_form)
    app.register_error_handler(HTTPException, _error_page)
    app.register_error_handler(Exception, _unexpected)
