"""Serve the app with Waitress: proxy headers left to the app's own check, and Waitress's own refusals hardened."""
from __future__ import annotations

from flask import Flask
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask

from complaint.web import security


class _HardenedErrorTask(ErrorTask):
    """A refusal Waitress writes itself (a bad request line, headers too large), with the site's security headers.

    Waitress answers these before any application code runs and offers no setting for their headers; its channel
    and error-task classes are the place it builds them.
    """

    def execute(self):
        self.response_headers.extend(security.HEADERS.items())
        self.response_headers.append(("Cache-Control", "no-store"))
        super().execute()


class _Channel(HTTPChannel):
    error_task_class = _HardenedErrorTask


def serve(app: Flask, host: str, port: int, threads: int = 8) -> None:
    """Serve until stopped.

    `clear_untrusted_proxy_headers=False`: Waitress would otherwise drop every X-Forwarded-* header before the app
    sees it (it trusts a single proxy address of its own). The app's TrustedProxies decides instead, exactly as
    under gunicorn.
    """
    sockets = {}  # Waitress registers one listening server here per address ("localhost" may give two)
    server = create_server(app, map=sockets, host=host, port=port, threads=threads, ident="complaint",
                           clear_untrusted_proxy_headers=False)
    for listener in list(sockets.values()):
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = _Channel
    server.run()
