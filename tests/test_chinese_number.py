"""Chinese numerals as a Chinese letter prints them when numbering its parts."""
from __future__ import annotations

import pytest

from complaint import answers
from complaint.letters.wording import chinese_number

KNOWN = {
    1: "一", 9: "九", 10: "十", 11: "十一", 15: "十五", 20: "二十", 21: "二十一", 99: "九十九",
    100: "一百", 101: "一百零一", 110: "一百一十", 111: "一百一十一", 120: "一百二十", 200: "二百", 205: "二百零五",
    310: "三百一十", 499: "四百九十九", 500: "五百", 1000: "一千", 1001: "一千零一", 1010: "一千零一十",
    1100: "一千一百", 2024: "二千零二十四", 10_000: "一万", 10_010: "一万零一十", 12_345: "一万二千三百四十五",
    100_000: "十万", 105_000: "十万五千",
}


@pytest.mark.parametrize(("n", "written"), KNOWN.items())
def test_known_values(n, written):
    assert chinese_number(n) == written


def test_every_count_a_letter_can_print_is_written_once_and_in_chinese():
    limit = max(answers.MAX_INCIDENTS, answers.MAX_EVIDENCE)
    written = [chinese_number(n) for n in range(1, limit + 1)]
    assert len(set(written)) == limit
    assert all(set(w) <= set("零一二三四五六七八九十百千万") for w in written)
