"""What people type: ID numbers, phones, amounts, times and dates are read the way a person means them."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from complaint import answers

TODAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize("number, problem", [
    ("110101199003074514", None),
    ("11010519850705004X", None),
    ("11010519850705004x", None),
    ("１１０１０１１９９００３０７４５１４", None),  # full-width digits from a Chinese keyboard
    ("110101199003074515", "check"),
    ("110101199013074514", "date"),
    ("110101189903074514", "date"),
    ("11010119900307451", "shape"),
    ("11010119900307451Y", "shape"),
])
def test_id_number_check_digit(number, problem):
    assert answers.id_number_problem(number) == problem


@pytest.mark.parametrize("typed, amount", [
    ("20000", Decimal("20000")), ("20,000.50", Decimal("20000.50")), ("¥3500.5", Decimal("3500.5")),
    ("8000元", Decimal("8000")), ("２００００", Decimal("20000")), ("12.345", None), ("-5", None),
    ("两万", None), ("1e5", None), ("9999999999999", None),
])
def test_amounts_are_exact(typed, amount):
    assert answers.parse_amount(typed) == amount


@pytest.mark.parametrize("typed, time", [
    ("22:40", "22:40"), ("2240", "22:40"), ("7:05", "07:05"), ("22点40分", "22:40"), ("22点", "22:00"),
    ("２２：４０", "22:40"), ("24:00", None), ("12:60", None), ("晚上", None), ("", None),
])
def test_times_on_the_24_hour_clock(typed, time):
    assert answers.parse_time(typed) == time


@pytest.mark.parametrize("year, month, day, result", [
    ("2026", "3", "15", (None, "2026-03-15")),
    ("2026", "3", "", (None, "2026-03")),
    ("2026", "11", "28", (None, "2026-11-28")),
    ("2026", "11", "29", ("future", "")),
    ("2026", "12", "", ("future", "")),
    ("2026", "2", "29", ("real", "")),
    ("2024", "2", "29", (None, "2024-02-29")),
    ("1999", "1", "1", ("too_early", "")),
    ("", "", "", ("missing_month", "")),
    ("2026", "", "3", ("missing_month", "")),
    ("", "3", "", ("missing_year", "")),
    ("26", "3", "1", ("year", "")),
    ("2026", "0", "1", ("month", "")),
])
def test_incident_dates(year, month, day, result):
    assert answers.incident_date_problem(year, month, day, TODAY) == result


def test_free_text_keeps_chinese_punctuation_and_drops_control_characters():
    assert answers.clean("  他说：“还钱！”，否则……\r\n第二行\x00  ") == "他说：“还钱！”，否则……\n第二行"
