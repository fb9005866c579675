"""Split a document's text into pieces that fit an online form's character limit, at natural breaks."""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[。！？；.!?;])")


def _pieces(paragraph: str, limit: int) -> list[str]:
    """A paragraph too long for one piece: split after sentences, and cut only a sentence longer than the limit."""
    pieces = []
    for sentence in (s for s in _SENTENCE_END.split(paragraph) if s):
        while len(sentence) > limit:
            pieces.append(sentence[:limit])
            sentence = sentence[limit:]
        pieces.append(sentence)
    return pieces


def split(text: str, limit: int) -> list[str]:
    """Chunks of at most `limit` characters, each made of whole paragraphs where possible."""
    chunks, current = [], ""
    for paragraph in text.strip().split("\n"):
        for index, piece in enumerate([paragraph] if len(paragraph) <= limit else _pieces(paragraph, limit)):
            # A new paragraph starts on a new line; the sentences of a split paragraph run on.
            joined = current + ("\n" if index == 0 else "") + piece if current else piece
            if len(joined) <= limit:
                current = joined
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return [c.strip("\n") for c in chunks if c.strip()]
