"""Ready a serving process: typeset a letter in each language, then exempt what is loaded from garbage collection."""
from __future__ import annotations

import datetime as dt
import gc

from complaint import letters
from complaint.model import Case, Documents, Incident, Loan, Person, Wants


def warm_up() -> None:
    """Load fonts, stylesheet, rules and templates by making two letters, then freeze them out of collection.

    Everything loaded now lives as long as the process. Frozen, it is no longer walked by each full collection while
    a letter is made: about 0.05 s of a 20-incident letter, measured with scripts/bench.py's sample.
    """
    case = Case(person=Person(name="示例", phone="000"),
                loan=Loan(lender="示例消费金融有限公司", lender_type="consumer_finance", disputed="no", illegal="no"),
                incidents=[Incident(date="2026-01-01", time="23:00", channel="call", description="示例 sample",
                                    behaviours=["night_calls"])],
                wants=Wants(requests=["stop_unlawful"]), documents=Documents(kinds=["lender"]))
    for lang in ("zh", "en"):
        letters.pdf(letters.build(case, "lender", lang, dt.date(2026, 1, 2)))
    gc.collect()
    gc.freeze()
