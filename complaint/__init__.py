"""催收投诉助手: a guided complaint builder for people harassed by debt collectors."""
from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from complaint import compression, config, i18n, logs, preflight, security
from complaint.store import Store
from complaint.throttle import Throttle

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app from the environment, or from `test_config` when given (tests)."""
    instance_path = os.environ.get("INSTANCE_PATH") or str(ROOT / "instance")
    app = Flask(__name__, instance_path=instance_path, template_folder=str(ROOT / "templates"),
                static_folder=str(ROOT / "static"))
    app.config.from_mapping(config.defaults(app.instance_path))
    app.config.update(config.from_environment() if test_config is None else test_config)
    config.ensure_secret_key(app.config, app.instance_path)

    logs.init()
    i18n.init_app(app)
    CSRFProtect(app)
    security.init_app(app)
    compression.init_app(app)

    os.makedirs(app.instance_path, exist_ok=True)
    store = Store(app.config["DATABASE_URL"])
    store.create_tables()
    app.extensions["complaint_store"] = store
    app.extensions["resume_throttle"] = Throttle(app.config["RESUME_ATTEMPTS"],
                                                 app.config["RESUME_WINDOW_MINUTES"] * 60)
    purged = store.purge(dt.timedelta(days=app.config["DRAFT_RETENTION_DAYS"]))
    if purged:
        log.info("purged %d drafts untouched for %d days", purged, app.config["DRAFT_RETENTION_DAYS"])

    from complaint import views

    views.init_app(app)
    _warn_about_pdf_setup()
    return app


def _warn_about_pdf_setup() -> None:
    report = preflight.check()
    for message in report.problems + report.warnings:
        log.warning("PDF set-up: %s (run `complaint check`)", message)
