"""Gzip text responses for browsers that accept it: pages must stay small on a slow phone connection."""
from __future__ import annotations

import gzip

from flask import Flask, Response, request

COMPRESSIBLE = ("text/html", "text/css", "text/plain", "text/calendar", "application/javascript",
                "text/javascript", "application/json", "image/svg+xml")
MINIMUM_BYTES = 500


def _gzip(response: Response) -> Response:
    if (response.mimetype not in COMPRESSIBLE or response.status_code < 200 or response.status_code >= 300
            or "Content-Encoding" in response.headers
            or "gzip" not in request.headers.get("Accept-Encoding", "").lower()):
        return response
    response.direct_passthrough = False  # static files stream from disk; read them so they can be compressed
    body = response.get_data()
    if len(body) < MINIMUM_BYTES:
        return response
    response.set_data(gzip.compress(body, compresslevel=6, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    if etag := response.headers.get("ETag"):
        response.headers["ETag"] = etag if etag.startswith("W/") else "W/" + etag  # same file, other bytes
    response.vary.add("Accept-Encoding")
    return response


def init_app(app: Flask) -> None:
    app.after_request(_gzip)
