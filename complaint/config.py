"""Settings from the environment, with safe defaults; a development secret key kept in the instance folder."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from complaint import images


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
    for name in ("COMPLAINT_ENV", "SECRET_KEY", "DATABASE_URL", "QUICK_EXIT_URL", "TIMEZONE"):
        if os.environ.get(name):
            config[name] = os.environ[name]
    for name, default in (("DRAFT_RETENTION_DAYS", 30), ("TRUSTED_PROXIES", 0), ("RESUME_ATTEMPTS", 10),
                          ("RESUME_WINDOW_MINUTES", 15),
                          ("EVIDENCE_FILE_BYTES", 10 * 1024 * 1024), ("EVIDENCE_CASE_BYTES", 60 * 1024 * 1024),
                          ("EVIDENCE_PACK_BYTES", 2 * 1024 * 1024), ("EVIDENCE_IMAGE_PIXELS", images.MAX_PIXELS),
                          ("EVIDENCE_REQUEST_PIXELS", images.REQUEST_PIXELS)):
        config[name] = _int(name, default)
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
