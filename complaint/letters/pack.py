"""The evidence pack: the pictures alone, split into PDFs small enough for portals that cap attachments."""
from __future__ import annotations

from collections.abc import Callable

from complaint.letters.document import Document, Exhibit
from complaint.model import Case

OVERHEAD_BYTES = 60 * 1024  # fonts, page furniture and the list page of each part


def parts(case: Case, limit: int) -> list[list[int]]:
    """The exhibit numbers of the uploaded pictures (the order a letter attaches them in), packed greedily so each
    part's pictures stay under `limit` bytes.

    A single picture larger than the limit gets a part of its own (a portal will refuse it either way, and the
    documents page says so).
    """
    packed: list[list[int]] = []
    size = 0
    pictures = [item for item in case.evidence if item.kind == "image"]
    for number, item in enumerate(pictures, start=1):
        item_size = item.size or 0
        if packed and size + item_size + OVERHEAD_BYTES <= limit:
            packed[-1].append(number)
            size += item_size
        else:
            packed.append([number])
            size = item_size
    return packed


def pdf(doc: Document, part: list[Exhibit], number: int, total: int,
        files: Callable[[str], bytes | None]) -> bytes:
    """One part of the pack as PDF."""
    from complaint.letters.render import pack_html
    from complaint.letters.typesetting import typeset

    resources = {}
    for exhibit in part:
        data = files(exhibit.ref)
        if data is not None:
            resources[exhibit.ref] = (data, doc.case.evidence_item(exhibit.ref).mime)
    return typeset(pack_html(doc, [e for e in part if e.ref in resources], number, total), resources)
