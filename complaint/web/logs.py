"""Logging that never writes what people typed: errors by type and place, font tools' messages held back."""
from __future__ import annotations

import logging
import traceback

# Their messages can quote a letter's characters (a missing glyph, a font subset) or a path built from them.
QUOTING_LOGGERS = ("weasyprint", "fontTools")


def _holding_back(make_record):
    """A log-record factory that replaces these libraries' messages by who said them (children included)."""
    def factory(*args, **kwargs):
        record = make_record(*args, **kwargs)
        if record.name.partition(".")[0] in QUOTING_LOGGERS:
            record.msg, record.args = "%s message held back (it can quote the letter's text)", (record.name,)
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return record

    factory.holds_back = True
    return factory


def init() -> None:
    """Hold back the quoting libraries' messages, whoever handles them (once per process)."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "holds_back", False):
        logging.setLogRecordFactory(_holding_back(current))


def log_unexpected(logger: logging.Logger, error: BaseException) -> None:
    """Log an error by its type and where it happened; its message and values can quote the answers."""
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = " < ".join(f"{frame.filename.rsplit('/', 2)[-1]}:{frame.lineno} in {frame.name}"
                       for frame in reversed(frames))
    logger.error("unexpected %s at %s", type(error).__name__, where or "?")
