"""Response hardening: security headers, no caching of anything personal, cookies marked Secure under HTTPS, and
X-Forwarded-* believed only from the configured proxies."""
from __future__ import annotations

import ipaddress

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from complaint.config import ConfigError

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
])
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
}
HSTS = "max-age=31536000"  # a year; sent only on HTTPS responses, as browsers ignore it over HTTP anyway
# Every header a client could use to claim another address, scheme or host (WSGI environ names).
FORWARDED_HEADERS = ("HTTP_FORWARDED", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
                     "HTTP_X_FORWARDED_PORT", "HTTP_X_FORWARDED_PREFIX", "HTTP_X_REAL_IP")


class TrustedProxies:
    """Believe X-Forwarded-* only on connections from `addresses`, and only the last `count` hops of them.

    The same code runs under Waitress and gunicorn, so both servers see the same client address and scheme:
    a proxy's hop is taken from the right of X-Forwarded-For (what a client wrote to its left is ignored), and a
    client connecting directly gets its forwarded headers removed.
    """

    def __init__(self, app, count: int, addresses: str):
        self.app = app
        try:
            self.networks = [ipaddress.ip_network(item.strip()) for item in addresses.split(",") if item.strip()]
        except ValueError as error:
            raise ConfigError(f"TRUSTED_PROXY_ADDRESSES must list addresses or networks, e.g. "
                              f"127.0.0.1,10.0.0.0/8 ({error})") from error
        self.forwarded = ProxyFix(app, x_for=count, x_proto=count, x_host=count, x_port=count) if count else None

    def _trusted(self, peer: str) -> bool:
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        address = getattr(address, "ipv4_mapped", None) or address  # ::ffff:127.0.0.1 on a dual-stack socket
        return any(address in network for network in self.networks)

    def __call__(self, environ, start_response):
        if self.forwarded and self._trusted(environ.get("REMOTE_ADDR", "")):
            return self.forwarded(environ, start_response)
        for name in FORWARDED_HEADERS:
            environ.pop(name, None)
        return self.app(environ, start_response)


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed session cookie, but Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return request.is_secure or super().get_cookie_secure(app)


def _harden(response: Response) -> Response:
    # On every response type (PDFs, pictures, calendars and static files too): a PDF or SVG opened on its own is
    # a document as well.
    response.headers.update(HEADERS)
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    if request.endpoint != "static":
        # Every dynamic page may show someone's answers: never keep it in a cache or the back-forward store.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    return response


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    app.wsgi_app = TrustedProxies(app.wsgi_app, app.config["TRUSTED_PROXIES"], app.config["TRUSTED_PROXY_ADDRESSES"])
    app.after_request(_harden)
