"""Settings from the environment, with safe defaults; a development secret key kept in the instance folder."""
from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says which and how to fix it."""


def _text(name: str, value: str) -> str:
    return value


def _whole_number(name: str, value: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from exc


def _seconds(name: str, value: str) -> float:
    try:
        seconds = float(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number of seconds, not {value!r}") from exc
    if not 0 < seconds < 3600:
        raise ConfigError(f"{name} must be more than 0 and less than 3600 seconds, not {value!r}")
    return seconds


@dataclass(frozen=True)
class Setting:
    """One environment variable: how its text is read, its value when unset (None: none), what it does."""

    name: str
    read: Callable[[str, str], object]
    default: object
    doc: str


MB = 1024 * 1024

# Every setting the environment may give, written once; README's Configuration table says the same for people.
SETTINGS = (
    Setting("COMPLAINT_ENV", _text, "production", "in development a secret key is generated into the instance folder"),
    Setting("SECRET_KEY", _text, None, "signs the session and CSRF tokens (required outside development)"),
    Setting("DATABASE_URL", _text, None, "SQLite or PostgreSQL; unset: complaint.sqlite3 in the instance folder"),
    Setting("INSTANCE_PATH", _text, None, "where the SQLite database and development key live; unset: ./instance"),
    Setting("DRAFT_RETENTION_DAYS", _whole_number, 30, "drafts untouched this long are purged"),
    Setting("RESUME_ATTEMPTS", _whole_number, 10, "wrong resume codes one address may try in the window"),
    Setting("RESUME_WINDOW_MINUTES", _whole_number, 15, "the window of RESUME_ATTEMPTS"),
    # Any neutral page: 中国天气网 by default.
    Setting("QUICK_EXIT_URL", _text, "https://www.weather.com.cn/", "where the quick-exit button goes"),
    Setting("TRUSTED_PROXIES", _whole_number, 0, "reverse proxies in front whose X-Forwarded-* hops are believed"),
    Setting("TRUSTED_PROXY_ADDRESSES", _text, "127.0.0.1,::1",
            "the only addresses that may speak for a client with X-Forwarded-* (a proxy on this host)"),
    # Each typesetting worker makes one letter at a time; PDF_QUEUE more may wait for a free worker, and any
    # further one gets the busy page at once.
    Setting("PDF_WORKERS", _whole_number, 2, "typesetting processes each server process starts"),
    Setting("PDF_TIME_LIMIT", _seconds, 10.0, "seconds one letter may take"),
    Setting("PDF_QUEUE", _whole_number, 4, "letters that may wait for a free typesetting worker"),
    Setting("EVIDENCE_FILE_BYTES", _whole_number, 10 * MB, "bytes of one uploaded picture"),
    Setting("EVIDENCE_CASE_BYTES", _whole_number, 60 * MB, "bytes of all a case's pictures"),
    # Online portals often cap attachments near 2 MB.
    Setting("EVIDENCE_PACK_BYTES", _whole_number, 2 * MB, "the size each part of the evidence pack stays under"),
    # Read from the pictures' headers before decoding. Phones take 12 MP (iPhones 24 MP) by default, a long
    # screenshot 1080 px wide stops near 30,000 px; their full 48-50 MP modes are refused (and mostly exceed
    # 10 MB). A picture costs 4 bytes a pixel decoded, and a 150 KB PNG can claim 40 MP.
    Setting("EVIDENCE_IMAGE_PIXELS", _whole_number, 32_000_000, "pixels of one picture"),
    Setting("EVIDENCE_REQUEST_PIXELS", _whole_number, 100_000_000,
            "pixels decoded in one upload of several pictures (8 phone photos)"),
    Setting("TIMEZONE", _text, "Asia/Shanghai", "“today”, and the zone call logs are converted to"),
    Setting("HOST", _text, "127.0.0.1", "where `complaint serve` and gunicorn listen"),
    Setting("PORT", _whole_number, 5000, "the port `complaint serve` and gunicorn listen on"),
)
_BY_NAME = {setting.name: setting for setting in SETTINGS}
DEFAULTS = {setting.name: setting.default for setting in SETTINGS}

# Fixed: not read from the environment.
FIXED = {
    "MAX_CONTENT_LENGTH": 64 * MB,  # several phone photos in one upload; each is checked against EVIDENCE_FILE_BYTES
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_NAME": "complaint_session",
    "WTF_CSRF_TIME_LIMIT": None,  # a frightened user may leave a page open for hours
    # Pages send Referrer-Policy: no-referrer, so HTTPS posts carry no Referer to compare; the token and
    # SameSite=Lax cookies are the protection.
    "WTF_CSRF_SSL_STRICT": False,
}


def defaults(instance_path: str) -> dict:
    """Every setting's value when the environment gives none."""
    values = {name: value for name, value in DEFAULTS.items() if value is not None}
    values["DATABASE_URL"] = f"sqlite:///{Path(instance_path) / 'complaint.sqlite3'}"
    return {**values, **FIXED}


def from_environment() -> dict:
    """The settings the environment gives, read as their types (ConfigError naming any that is wrong)."""
    config = {setting.name: setting.read(setting.name, os.environ[setting.name])
              for setting in SETTINGS if os.environ.get(setting.name)}
    if config.get("PDF_WORKERS", 1) < 1 or config.get("PDF_QUEUE", 0) < 0:
        raise ConfigError("PDF_WORKERS must be at least 1 and PDF_QUEUE at least 0")
    return config


def setting(name: str):
    """One setting from the environment, else its default: for what runs before or without an app."""
    value = os.environ.get(name)
    return _BY_NAME[name].read(name, value) if value else DEFAULTS[name]


def ensure_secret_key(config: dict, instance_path: str) -> None:
    """Outside development a SECRET_KEY must be given; in development one is made once and kept."""
    if config.get("SECRET_KEY"):
        return
    if config.get("COMPLAINT_ENV") != "development":
        raise ConfigError("SECRET_KEY is not set. Set it in the environment (e.g. "
                          "`export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')`), "
                          "or set COMPLAINT_ENV=development for a local key.")
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created with owner-only permissions before anything is written to it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    config["SECRET_KEY"] = path.read_text().strip()
