"""The web pages: blueprints, the helpers every template uses, and friendly error pages."""
from __future__ import annotations

from flask import Flask, current_app, g, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from wtforms import FieldList

from complaint.law import rules
from complaint.storage import crypto
from complaint.web import formatting, forms, logs, steps
from complaint.web.datefield import PartialDateField
from complaint.web.views import (
    current,
    documents,
    drafts,
    evidence,
    history,
    incidents,
    navigation,
    pages,
    review,
    wizard,
)


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
        elif isinstance(field, PartialDateField):
            links.append((field.wrong_box_id, field.errors[0]))
        else:
            links.append((field.id, field.errors[0]))
    return links


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
    for blueprint in (pages.bp, drafts.bp, wizard.bp, incidents.bp, evidence.bp, documents.bp, history.bp, review.bp):
        app.register_blueprint(blueprint)
    app.context_processor(_template_context)
    app.jinja_env.filters["format_long_date"] = formatting.format_day
    app.jinja_env.filters.update(join_list=formatting.join_list, incident_name=formatting.incident_name)
    app.jinja_env.globals.update(step_url=navigation.step_url, continue_url=navigation.continue_url, steps=steps,
                                 error_links=error_links, labels=forms, behaviours=rules.load().behaviours,
                                 format_incident_when=formatting.format_incident_when,
                                 revision_field=current.revision_field)
    app.after_request(current.write_cookie)
    app.register_error_handler(CSRFError, _expired_form)
    app.register_error_handler(HTTPException, _error_page)
    app.register_error_handler(Exception, _unexpected)
