"""A date given as a day or only a month: typed boxes read as a person means them, case-file text read strictly,
month-only dates spanning the whole month, and dates in the order the incidents are numbered."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaint.dates import DateProblem, PartialDate

TODAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize("year, month, day, result", [
    ("2026", "3", "15", "2026-03-15"),
    ("2026", "3", "", "2026-03"),
    ("2026", "11", "28", "2026-11-28"),
    ("２０２６", "０３", "１５", "2026-03-15"),  # full-width digits from a Chinese keyboard
    (" 2026 ", "03", "05", "2026-03-05"),
    ("2024", "2", "29", "2024-02-29"),
    ("2026", "11", "29", "future"),
    ("2026", "12", "", "future"),
    ("2026", "2", "29", "real"),
    ("1999", "1", "1", "too_early"),
    ("1999", "2", "30", "too_early"),  # the year is told first
    ("", "", "", "missing_month"),
    ("2026", "", "3", "missing_month"),
    ("", "3", "", "missing_year"),
    ("26", "3", "1", "year"),
    ("2026", "0", "1", "month"),
    ("2026", "3", "0", "real"),
    ("2026", "3", "፩", "real"),  # a digit in another script, which int() would read
    ("2026", "3", "-1", "real"),
    ("2026", "3", "1e1", "real"),
    ("2026", "3", "99999999999999999999", "real"),
    ("2026", "NaN", "1", "month"),
    ("2026", "\x00", "1", "month"),
    ("<script>", "3", "1", "year"),
    ("20262026", "3", "1", "year"),
    ("-2026", "3", "1", "year"),
    ("2026.0", "3", "1", "year"),
    ("{{7*7}}", "{{7*7}}", "{{7*7}}", "year"),
])
def test_typed_boxes_are_read_as_a_person_means_them(year, month, day, result):
    if "-" in result:
        assert PartialDate.typed(year, month, day, TODAY).iso() == result
        return
    with pytest.raises(DateProblem) as refused:
        PartialDate.typed(year, month, day, TODAY)
    assert refused.value.code == result


def test_a_later_latest_day_allows_dates_ahead():
    assert PartialDate.typed("2027", "1", "27", TODAY + dt.timedelta(days=60)) == PartialDate(2027, 1, 27)
    with pytest.raises(DateProblem, match="future"):
        PartialDate.typed("2027", "1", "28", TODAY + dt.timedelta(days=60))


@pytest.mark.parametrize("text", [
    "", "2026", "2026-3", "2026-03-1", "2026-3-15", "2026/03/15", "20260315", "2026-03-15T00:00", " 2026-03-15",
    "2026-03-15\n", "２０２６-03-15", "2026-02-30", "2026-13", "2026-00", "2026-03-00", "0000-01-01", "2026-03-15-01",
])
def test_case_file_text_other_than_a_real_day_or_month_is_refused(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


@pytest.mark.parametrize("year, month, last", [
    (2024, 2, 29), (2026, 2, 28), (2000, 2, 29), (2100, 2, 28), (2026, 12, 31), (2026, 4, 30), (2026, 1, 31),
])
def test_a_month_runs_from_its_first_to_its_last_day(year, month, last):
    month_only = PartialDate(year, month)
    assert month_only.month_only and month_only.iso() == f"{year}-{month:02d}"
    assert month_only.first_day == dt.date(year, month, 1)
    assert month_only.last_day == dt.date(year, month, last)


def test_a_day_is_its_own_first_and_last_day():
    day = PartialDate(2024, 2, 29)
    assert not day.month_only and day.first_day == day.last_day == dt.date(2024, 2, 29)


def test_no_such_day_is_refused():
    for year, month, day in ((2026, 2, 29), (2026, 13, None), (2026, 4, 31), (2026, 4, 0)):
        with pytest.raises(ValueError):
            PartialDate(year, month, day)


def test_a_month_comes_after_its_first_day_and_before_its_second():
    dates = [PartialDate(2026, 3, 2), PartialDate(2026, 3), PartialDate(2026, 2, 28), PartialDate(2026, 3, 1),
             PartialDate(2025, 12)]
    assert [d.iso() for d in sorted(dates)] == ["2025-12", "2026-02-28", "2026-03-01", "2026-03", "2026-03-02"]
    assert PartialDate(2026, 3) == PartialDate(2026, 3) != PartialDate(2026, 3, 1)
    assert max(PartialDate(2026, 3), PartialDate(2026, 2, 28)) == PartialDate(2026, 3)


partial_dates = st.builds(lambda day, whole: PartialDate.of(day) if whole else PartialDate(day.year, day.month),
                          st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)), st.booleans())


@given(partial_dates)
def test_written_then_read_is_the_same_date(when):
    assert PartialDate.parse(when.iso()) == when


@given(partial_dates.filter(lambda when: when.year >= 2000 and when.first_day <= TODAY))
def test_its_own_boxes_typed_back_are_the_same_date(when):
    assert PartialDate.typed(str(when.year), str(when.month), str(when.day or ""), TODAY) == when


@given(partial_dates, partial_dates)
def test_order_follows_the_first_day_then_a_day_before_a_month(a, b):
    assert (a < b) == ((a.first_day, a.month_only) < (b.first_day, b.month_only))
