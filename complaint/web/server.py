"""The servers' own refusals hardened (Waitress and gunicorn), and `complaint serve` with Waitress."""
from __future__ import annotations

from io import BytesIO

from flask import Flask
from gunicorn.http.errors import ParseException
from gunicorn.workers.gthread import ThreadWorker
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask, WSGITask
from waitress.utilities import RequestEntityTooLarge

from complaint.web import security

# What a refusal written by a server itself carries: the site's security headers, and never a cache.
REFUSAL_HEADERS = [*security.HEADERS.items(), ("Cache-Control", "no-store")]


class _HardenedErrorTask(ErrorTask):
    """A refusal Waitress writes itself (a bad request line, headers too large), with the site's security headers.

    Waitress answers these before any application code runs and offers no setting for their headers; its channel
    and error-task classes are the place it builds them.
    """

    def execute(self):
        self.response_headers.extend(REFUSAL_HEADERS)
        super().execute()


class _TooLargeTask(WSGITask):
    """A body Waitress refused at the limit, answered by the app's own page (translated, with its headers), which
    sees the request without its body and with a length over its limit, as gunicorn would let it see it."""

    def get_environment(self):
        environ = super().get_environment()
        environ["CONTENT_LENGTH"] = str(self.channel.server.adj.max_request_body_size + 1)
        environ["wsgi.input"] = BytesIO()
        return environ

    def execute(self):
        self.set_close_on_finish()  # the rest of the body is never read
        super().execute()


def _refusal_task(channel, request):
    """The task that answers a request Waitress refused: the app's page for a body too large, else its own."""
    too_large = isinstance(request.error, RequestEntityTooLarge)
    return (_TooLargeTask if too_large else _HardenedErrorTask)(channel, request)


class _Channel(HTTPChannel):
    error_task_class = staticmethod(_refusal_task)


class _RefusalSocket:
    """The client's socket, through which gunicorn writes its own refusal: the security headers go in after the
    status line (gunicorn writes the whole refusal in one sendall and has no hook for its headers)."""

    def __init__(self, sock):
        self._sock = sock

    def __getattr__(self, name):
        return getattr(self._sock, name)

    def sendall(self, data: bytes) -> None:
        status, rest = data.split(b"\r\n", 1)
        headers = "".join(f"{name}: {value}\r\n" for name, value in REFUSAL_HEADERS).encode("latin-1")
        self._sock.sendall(status + b"\r\n" + headers + rest)


def _unquoted(error: Exception) -> Exception:
    """The same refusal, whose message names its kind instead of quoting what the client sent.

    gunicorn puts the message of a request it could not read in its log and in the refusal's page; a request line
    can hold anything typed. Other errors (of the server itself) are left as they are.
    """
    if not isinstance(error, ParseException):
        return error
    kind = type(error)
    quiet = type(kind.__name__, (kind,), {"__str__": lambda self: kind.__name__})
    copy = BaseException.__new__(quiet)
    copy.__dict__.update(error.__dict__)
    return copy


class HardenedWorker(ThreadWorker):
    """gunicorn's threaded worker, whose own refusals (a malformed request line or header, headers too large)
    carry the security headers and quote nothing the client sent. gunicorn.conf.py names it."""

    def handle_error(self, req, client, addr, exc):
        super().handle_error(req, _RefusalSocket(client), addr, _unquoted(exc))


def serve(app: Flask, host: str, port: int, threads: int = 8) -> None:
    """Serve until stopped.

    `clear_untrusted_proxy_headers=False`: Waitress would otherwise drop every X-Forwarded-* header before the app
    sees it (it trusts a single proxy address of its own). The app's TrustedProxies decides instead, exactly as
    under gunicorn.
    `max_request_body_size`: Waitress reads a whole body into a temporary file before the app sees it (by default
    up to 1 GB); at the app's own limit it now stops, at once from the Content-Length, and the app answers. Both
    refuse a body of MAX_CONTENT_LENGTH bytes or more (Werkzeug's stream refuses one that fills the limit exactly).
    """
    sockets = {}  # Waitress registers one listening server here per address ("localhost" may give two)
    server = create_server(app, map=sockets, host=host, port=port, threads=threads, ident="complaint",
                           clear_untrusted_proxy_headers=False,
                           max_request_body_size=app.config["MAX_CONTENT_LENGTH"])
    for listener in list(sockets.values()):
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = _Channel
    server.run()
