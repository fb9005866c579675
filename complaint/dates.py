"""A date people give as a day, or only as a month when they don't remember the day: read, compared, written."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from complaint.answers import fold

EARLIEST_YEAR = 2000
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")


class DateProblem(ValueError):
    """Why typed day, month and year boxes are not a date they may give.

    `code`: missing_month | missing_year | year | month | too_early | real | future (and, from the date field when
    a day is required, missing_day).
    """

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@functools.total_ordering
@dataclass(frozen=True, eq=True)
class PartialDate:
    """A real day (year, month, day), or a whole month (day None); ordered by first day, a month after its 1st."""

    year: int
    month: int
    day: int | None = None

    def __post_init__(self):
        dt.date(self.year, self.month, 1 if self.day is None else self.day)  # ValueError when there is no such day

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read the ISO form a case file keeps ("2026-03" or "2026-03-15"); ValueError for anything else."""
        match = _ISO.fullmatch(text)
        if not match:
            raise ValueError(f"not a day or month: {text!r}")
        return cls(int(match[1]), int(match[2]), int(match[3]) if match[3] else None)

    @classmethod
    def typed(cls, year: str, month: str, day: str, latest: dt.date) -> PartialDate:
        """Read day, month and year boxes as typed (the day may be empty); raise DateProblem when they are not a
        date from EARLIEST_YEAR up to `latest`. The checks go in the order the messages should come."""
        year, month, day = fold(year), fold(month), fold(day)
        if not month:
            raise DateProblem("missing_month")
        if not year:
            raise DateProblem("missing_year")
        if not re.fullmatch("[0-9]{4}", year):
            raise DateProblem("year")
        if not (re.fullmatch("[0-9]{1,2}", month) and 1 <= int(month) <= 12):
            raise DateProblem("month")
        if int(year) < EARLIEST_YEAR:
            raise DateProblem("too_early")
        if day and not re.fullmatch("[0-9]{1,2}", day):  # isdigit() also takes digits int() refuses, like ፩
            raise DateProblem("real")
        try:
            when = cls(int(year), int(month), int(day) if day else None)
        except ValueError as exc:
            raise DateProblem("real") from exc
        if when.first_day > latest:
            raise DateProblem("future")
        return when

    @property
    def month_only(self) -> bool:
        return self.day is None

    @property
    def first_day(self) -> dt.date:
        """The earliest day it can be."""
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The latest day it can be."""
        return dt.date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])

    def iso(self) -> str:
        """"2026-03-15", or "2026-03" for a month: the form case files keep."""
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    __str__ = iso

    def __lt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.first_day, self.month_only) < (other.first_day, other.month_only)
