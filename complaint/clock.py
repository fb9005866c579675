"""Today's date where the user lives (Beijing time by default): letters and date checks use it."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def now(timezone: str = "Asia/Shanghai") -> dt.datetime:
    return dt.datetime.now(ZoneInfo(timezone))


def today(timezone: str = "Asia/Shanghai") -> dt.date:
    return now(timezone).date()
