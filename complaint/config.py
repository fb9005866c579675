"""Settings from the environment, with safe defaults; a development secret key kept in the instance folder."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from complaint.evidence import images


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says which and how to fix it."""


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from exc


def _seconds(name: str, default: float) -> float:
    value = os.environ.get(name, "")
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number of seconds, not {value!r}") from exc
    if not 0 < seconds < 3600:
        raise ConfigError(f"{name} must be more than 0 and less than 3600 seconds, not {value!r}")
    return seconds


def defaults(instance_path: str) -> dict:
    return {
        "COMPLAINT_ENV": "production",
        "DATABASE_URL": f"sqlite:///{Path(instance_path) / 'complaint.sqlite3'}",
        "DRAFT_RETENTION_DAYS": 30,
        # Wrong resume codes allowed from one address in RESUME_WINDOW_MINUTES before it must wait.
        "RESUME_ATTEMPTS": 10,
        "RESUME_WINDOW_MINUTES": 15,
        # Where the quick-exit button goes: any neutral page. 中国天气网 by default.
        "QUICK_EXIT_URL": "https://www.weather.com.cn/",
        "TRUSTED_PROXIES": 0,
        # Only connections from these addresses may speak for a client with X-Forwarded-* (a proxy on this host).
        "TRUSTED_PROXY_ADDRESSES": "127.0.0.1,::1",
        # Letters are typeset in this many worker processes (per server process), each given PDF_TIME_LIMIT
        # seconds; PDF_QUEUE more may wait for a free worker, and any further one gets the busy page at once.
        "PDF_WORKERS": 2,
        "PDF_TIME_LIMIT": 10,
        "PDF_QUEUE": 4,
        # Several phone photos in one upload; each is checked against EVIDENCE_FILE_BYTES as well.
        "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,
        "EVIDENCE_FILE_BYTES": 10 * 1024 * 1024,
        "EVIDENCE_CASE_BYTES": 60 * 1024 * 1024,
        "EVIDENCE_PACK_BYTES": 2 * 1024 * 1024,  # online portals often cap attachments near 2 MB
        # Pixels of one picture, and of all the pictures in one upload, read from their headers before decoding.
        "EVIDENCE_IMAGE_PIXELS": images.MAX_PIXELS,
        "EVIDENCE_REQUEST_PIXELS": images.REQUEST_PIXELS,
        "TIMEZONE": "Asia/Shanghai",
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_NAME": "complaint_session",
        "WTF_CSRF_TIME_LIMIT": None,  # a frightened user may leave a page open for hours
        # Pages send Referrer-Policy: no-referrer, so HTTPS posts carry no Referer to compare; the token and
        # SameSite=Lax cookies are the protection.
        "WTF_CSRF_SSL_STRICT": False,
    }


def from_environment() -> dict:
    """Read COMPLAINT_ENV, SECRET_KEY, DATABASE_URL and the other settings the README lists."""
    config = {}
    for name in ("COMPLAINT_ENV", "SECRET_KEY", "DATABASE_URL", "QUICK_EXIT_URL", "TIMEZONE",
                 "TRUSTED_PROXY_ADDRESSES"):
        if os.environ.get(name):
            config[name] = os.environ[name]
    for name, default in (("DRAFT_RETENTION_DAYS", 30), ("TRUSTED_PROXIES", 0), ("RESUME_ATTEMPTS", 10),
                          ("RESUME_WINDOW_MINUTES", 15),
                          ("EVIDENCE_FILE_BYTES", 10 * 1024 * 1024), ("EVIDENCE_CASE_BYTES", 60 * 1024 * 1024),
                          ("EVIDENCE_PACK_BYTES", 2 * 1024 * 1024), ("PDF_WORKERS", 2), ("PDF_QUEUE", 4),
                          ("EVIDENCE_IMAGE_PIXELS", images.MAX_PIXELS), ("EVIDENCE_REQUEST_PIXELS", images.REQUEST_PIXELS)):
        config[name] = _int(name, default)
    config["PDF_TIME_LIMIT"] = _seconds("PDF_TIME_LIMIT", 10.0)
    if config["PDF_WORKERS"] < 1 or config["PDF_QUEUE"] < 0:
        raise ConfigError("PDF_WORKERS must be at least 1 and PDF_QUEUE at least 0")
    return config


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
