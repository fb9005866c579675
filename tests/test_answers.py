"""What people type: ID numbers, phones, amounts and times are read the way a person means them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from complaint import answers


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


def test_free_text_keeps_chinese_punctuation_and_drops_control_characters():
    assert answers.clean("  他说：“还钱！”，否则……\r\n第二行\x00  ") == "他说：“还钱！”，否则……\n第二行"
