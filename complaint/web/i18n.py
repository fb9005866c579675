"""Interface language: the user's choice (a cookie set by the switch), else Accept-Language, else Chinese."""
from __future__ import annotations

from flask import Flask, request
from flask_babel import Babel, get_locale

LOCALES = ("zh", "en")
DEFAULT_LOCALE = "zh"
LANG_COOKIE = "lang"
HTML_LANG = {"zh": "zh-CN", "en": "en"}


def select_locale() -> str:
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES) or DEFAULT_LOCALE


def current_locale() -> str:
    return str(get_locale() or DEFAULT_LOCALE)


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale, default_locale=DEFAULT_LOCALE, default_timezone=app.config["TIMEZONE"])
    app.jinja_env.globals["html_lang"] = lambda: HTML_LANG[current_locale()]
    app.jinja_env.globals["current_locale"] = current_locale
