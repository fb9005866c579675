"""Logging that never writes what people typed: errors by type and place, font tools' messages held back."""
from __future__ import annotations

import logging
import traceback

# Their messages can quote a letter's characters (a missing glyph, a font subset) or a path built from them.
QUOTING_LOGGERS = ("weasyprint", "fontTools")


class _HeldBack(logging.Handler):
    """Pass a library's message on to the root handlers with its text replaced: who said it and how loud only."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger().handle(logging.makeLogRecord({
            "name": record.name, "levelno": record.levelno, "levelname": record.levelname,
            "pathname": record.pathname, "lineno": record.lineno, "created": record.created,
            "msg": "%s message held back (it can quote the letter's text)", "args": (record.name,)}))


def init() -> None:
    """Route the quoting libraries' messages through the hold-back (once per process; children included)."""
    for name in QUOTING_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(h, _HeldBack) for h in logger.handlers):
            logger.addHandler(_HeldBack())
        logger.propagate = False


def log_unexpected(logger: logging.Logger, error: BaseException) -> None:
    """Log an error by its type and where it happened; its message and values can quote the answers."""
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = " < ".join(f"{frame.filename.rsplit('/', 2)[-1]}:{frame.lineno} in {frame.name}"
                       for frame in reversed(frames))
    logger.error("unexpected %s at %s", type(error).__name__, where or "?")
