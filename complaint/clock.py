"""Today's date where the user lives, in the configured TIMEZONE (Beijing by default): letters and date checks use
it, never the server's own date."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

from complaint import config


def timezone() -> str:
    """The app's TIMEZONE inside a request or command, else the environment's (or the default)."""
    return current_app.config["TIMEZONE"] if has_app_context() else config.setting("TIMEZONE")


def now(zone: str | None = None) -> dt.datetime:
    return dt.datetime.now(ZoneInfo(zone or timezone()))


def today(zone: str | None = None) -> dt.date:
    return now(zone).date()
