"""Typeset letter HTML into PDF: the only module that imports WeasyPrint."""
from __future__ import annotations

import contextlib
import functools
import gc
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from complaint.letters import fonts as letter_fonts

LETTER_ASSETS = (Path(__file__).resolve().parents[1] / "static" / "letters").resolve()
ASSET_TYPES = {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg",
               ".otf": "font/otf"}


class RefusedURL(ValueError):
    """A letter asked for something other than the app's own letter assets."""


class LetterAssetFetcher(URLFetcher):
    """Serve files from static/letters and the letter's own pictures, and nothing else: no other file, no network.

    `memory:NAME` URLs are the pictures handed over with the letter (the case's evidence, the chart).
    """

    def __init__(self, assets: Path = LETTER_ASSETS, memory: dict[str, tuple[bytes, str]] | None = None):
        super().__init__(allowed_protocols=("file", "memory"), allow_redirects=False)
        self.assets = assets.resolve()
        self.memory = memory or {}

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "memory":
            if parts.path not in self.memory:
                raise RefusedURL("refused: no such picture")
            data, mime = self.memory[parts.path]
            return URLFetcherResponse(url, body=data, headers={"Content-Type": mime})
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused: {parts.scheme or '?'} URL")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.assets) or path.suffix not in ASSET_TYPES or not path.is_file():
            raise RefusedURL("refused: not a letter asset")
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": ASSET_TYPES[path.suffix]})


@functools.cache
def _fonts() -> FontConfiguration:
    # One font configuration per process: building it means asking fontconfig again each time.
    return FontConfiguration()


def font_faces() -> str:
    """@font-face rules for the compact letter fonts that have been built (the stylesheet falls back without them)."""
    return "".join(f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
                   f'src: url("fonts/{face.file}"); }}\n' for face in letter_fonts.built())


@functools.cache
def _letter_stylesheet() -> CSS:
    # Parsed once per process rather than fetched and parsed for every letter; the fonts are loaded once with it.
    path = LETTER_ASSETS / "letter.css"
    return CSS(string=font_faces() + path.read_text(encoding="utf-8"), base_url=path.as_uri(),
               url_fetcher=LetterAssetFetcher(), font_config=_fonts())


@contextlib.contextmanager
def _no_collection():
    # A letter makes hundreds of thousands of objects (boxes, styles, PDF objects); each full collection during it
    # walked all those still alive: a fifth of a 200-incident letter. Most are freed by reference counting when the
    # letter is done, the rest by the first collection after it.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render_pdf(html: str, memory: dict[str, tuple[bytes, str]] | None = None) -> bytes:
    """Typeset one letter with the letter stylesheet; fonts are embedded as subsets, the PDF is tagged.

    `memory` maps `memory:NAME` URLs to (bytes, MIME type): the pictures that go with this letter.
    """
    with _no_collection():
        document = HTML(string=html, base_url=LETTER_ASSETS.as_uri() + "/",
                        url_fetcher=LetterAssetFetcher(memory=memory))
        return document.write_pdf(stylesheets=[_letter_stylesheet()], font_config=_fonts(), pdf_tags=True)


def subsetting_backend() -> str:
    """'harfbuzz' when WeasyPrint can subset fonts with HarfBuzz, else 'fonttools' (about 30 times slower)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return "harfbuzz" if harfbuzz_subset is not None and harfbuzz.hb_version_atleast(4, 1, 0) else "fonttools"


