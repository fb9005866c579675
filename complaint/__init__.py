"""催收投诉助手: a guided complaint builder for people harassed by debt collectors."""
from __future__ import annotations

import logging
import os

from flask import Flask, abort, current_app, request
from flask_wtf.csrf import CSRFProtect

from complaint import config
from complaint.storage.store import Store
from complaint.web import compression, i18n, logs, security
from complaint.web.throttle import Throttle

log = logging.getLogger(__name__)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app from the environment, or from `test_config` when given (tests).

    Building touches nothing beyond the private instance folder (development key, SQLite file): tables are made
    by `complaint init-db` alone, drafts purged by `complaint purge` and `complaint serve`, and the PDF set-up
    warnings and warm-up (complaint.letters.warm) come from what serves: `complaint serve` and app.py.
    """
    # templates/ and static/ are the package's own (links to the project's folders in a source checkout). Without
    # INSTANCE_PATH, Flask's default: the project's instance/ in a checkout, <venv>/var/complaint-instance installed.
    app = Flask(__name__, instance_path=config.setting("INSTANCE_PATH"))
    app.config.from_mapping(config.defaults(app.instance_path))
    app.config.update(config.from_environment() if test_config is None else test_config)
    config.ensure_secret_key(app.config, app.instance_path)

    logs.init()
    i18n.init_app(app)
    CSRFProtect(app)
    security.init_app(app)
    compression.init_app(app)

    os.makedirs(app.instance_path, exist_ok=True)
    os.chmod(app.instance_path, 0o700)  # it holds the SQLite database and the development key
    # Tables are made by `complaint init-db` alone: workers creating them at once on PostgreSQL raced and failed.
    store = Store(app.config["DATABASE_URL"])
    app.extensions["complaint_store"] = store
    app.extensions["resume_throttle"] = Throttle(store.engine, app.config["SECRET_KEY"], app.config["RESUME_ATTEMPTS"],
                                                 app.config["RESUME_WINDOW_MINUTES"] * 60)
    app.before_request(_require_database)

    from complaint.web import views

    views.init_app(app)
    return app


NOT_INITIALISED = "the database has no tables or older ones: run `complaint init-db` once, then restart the workers"


def _require_database():
    """Until `complaint init-db` has run, pages say the service is unavailable (503) instead of failing."""
    if request.endpoint != "static" and not current_app.extensions["complaint_store"].ready():
        log.error(NOT_INITIALISED)
        abort(503)
