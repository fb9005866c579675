"""Ready a serving process and its typesetting workers: make a letter in each language, then exempt what is loaded
from garbage collection."""
from __future__ import annotations

import datetime as dt
import gc
import logging

from flask import Flask

from complaint import letters
from complaint.letters import preflight, typesetting
from complaint.model import Case, Documents, Incident, Loan, Person, Wants

SAMPLE_DAY = dt.date(2026, 1, 2)
log = logging.getLogger(__name__)


def _sample_letters() -> list[letters.Document]:
    case = Case(person=Person(name="示例", phone="000"),
                loan=Loan(lender="示例消费金融有限公司", lender_type="consumer_finance", disputed="no", illegal="no"),
                incidents=[Incident(date="2026-01-01", time="23:00", channel="call", description="示例 sample",
                                    behaviours=["night_calls"])],
                wants=Wants(requests=["stop_unlawful"]), documents=Documents(kinds=["lender"]))
    return [letters.build(case, "lender", lang, SAMPLE_DAY) for lang in ("zh", "en")]


def _freeze() -> None:
    # Everything loaded now lives as long as the process. Frozen, it is no longer walked by each full collection
    # while a letter is made: about 0.05 s of a 20-incident letter, measured with scripts/bench.py's sample.
    gc.collect()
    gc.freeze()


def warm_typesetter() -> None:
    """Load fonts, stylesheet and WeasyPrint by typesetting two letters here (in a typesetting worker)."""
    for doc in _sample_letters():
        letters.pdf(doc)
    _freeze()


def warn_about_pdf_setup() -> None:
    """Log what `complaint check` would complain of, once as a server starts (not as each app is built)."""
    report = preflight.check()
    for message in report.problems + report.warnings:
        log.warning("PDF set-up: %s (run `complaint check`)", message)


def warm_up(app: Flask) -> None:
    """Say what is wrong with the PDF set-up, start the typesetting workers (each warms itself), load rules and
    templates here, and wait for the workers."""
    warn_about_pdf_setup()
    pool = typesetting.start(app.config["PDF_WORKERS"], app.config["PDF_TIME_LIMIT"], app.config["PDF_QUEUE"],
                             ready=warm_typesetter)
    for doc in _sample_letters():
        letters.html(doc)
    # Bounded below gunicorn's 30-s worker timeout; a worker not ready by then is waited for by its first letter.
    pool.wait_ready(seconds=20)
    _freeze()
