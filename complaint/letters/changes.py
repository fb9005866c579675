"""What she changed in one document: how many sections she reworded, which no longer match the answers or cite what
the letter no longer makes, and how many citations she switched off (for the notice on the documents page)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from complaint.letters import render
from complaint.letters.document import build
from complaint.model import Case


@dataclass(frozen=True)
class Changes:
    reworded: int  # sections in her words ("further" included)
    stale: int  # of those, the ones whose generated text the answers have changed since (withheld ones aside)
    off: int  # citations of this letter she switched off
    withheld: int = 0  # sections whose text cites what the letter no longer makes: the generated text prints there


def changes(case: Case, kind: str, lang: str, today: dt.date) -> Changes | None:
    """Her changes to one document in one language, or None when she made none that the letter shows."""
    edits = case.edits(kind, lang)
    if not edits.sections and not edits.off:
        return None  # the common case: nothing to build
    doc = build(case, kind, lang, today)
    sections = [s for s in render.sections(doc) if s.edited is not None]
    found = Changes(reworded=len(sections), stale=sum(s.stale and not s.withheld for s in sections),
                    off=sum(c.key in edits.off for c in doc.switchable),
                    withheld=sum(bool(s.withheld) for s in sections))
    return found if found.reworded or found.off else None
