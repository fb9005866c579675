"""Typeset PDFs kept per draft revision (encrypted in the store), so a repeated download costs milliseconds."""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from complaint.storage.store import Draft, Store

PACKAGE = Path(__file__).resolve().parents[1]
# What makes a letter's bytes besides the answers: a deploy that changes any of these must not serve old PDFs.
# The whole package, since the rules data, findings, routing, deadlines and the chart all shape the letter (its
# walk does not enter templates/ and static/, which are links in a source checkout: their letter parts are named).
LETTER_SOURCES = (".", "templates/letters", "static/letters")


@functools.cache
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for source in LETTER_SOURCES:
        path = PACKAGE / source
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            # Compiled files come and go with imports and builds; their sources stand for them.
            if file.is_file() and file.suffix not in (".mo", ".pyc"):
                size = file.stat().st_size  # the fonts are megabytes: their size stands for them
                digest.update(f"{file.relative_to(PACKAGE)}:{size}\n".encode())
                digest.update(file.read_bytes() if size < 1 << 20 else b"")
    return digest.hexdigest()


def cached(store: Store, draft: Draft, parts: tuple[str, ...], make: Callable[[], bytes]) -> bytes:
    """The PDF typeset from this revision of the draft for `parts` (document, language, date...), else `make()`."""
    key = hashlib.sha256("\n".join((_code_fingerprint(), *parts)).encode()).hexdigest()
    body = store.get_pdf(draft, key)
    if body is None:
        body = make()
        store.put_pdf(draft, key, body)
    return body
