"""What the walkthrough accepts as typed text for count, percent and date facts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ucm_check.profile.editing import CLEARED
from ucm_check.model import Fact
from ucm_check.tui.screens import EMPTY, FILLED, bar
from ucm_check.tui.widgets import parse_entry

COUNT = Fact("n", "count", "发现的起数", "cases", unit="起")
RATE = Fact("r", "percent", "持证率", "rate", unit="%")
DAY = Fact("d", "date", "制度印发日期", "issued on")


@pytest.mark.parametrize("fact, text, expected", [
    (COUNT, " 3 ", 3),
    (COUNT, "0", 0),
    (RATE, "85.5", Decimal("85.5")),
    (RATE, "95%", Decimal("95")),
    (RATE, "100", Decimal("100")),
    (DAY, "2021-12-31", dt.date(2021, 12, 31)),
    (COUNT, "", CLEARED),
    (RATE, "   ", CLEARED),
])
def test_valid_entries_become_exact_values(fact, text, expected):
    value, problem = parse_entry(fact, text)
    assert problem == "" and value == expected and type(value) is type(expected)


@pytest.mark.parametrize("fact, text, problem", [
    (COUNT, "3.5", "bad_count"),
    (COUNT, "三", "bad_count"),
    (RATE, "abc", "bad_percent"),
    (RATE, "NaN", "bad_percent"),
    (DAY, "31/12/2021", "bad_date"),
    (DAY, "2021-02-30", "2月没有30日：2021年2月只有28天"),
])
def test_unparseable_entries_name_their_problem(fact, text, problem):
    assert parse_entry(fact, text) == (None, problem)


@pytest.mark.parametrize("fact, text, words", [(COUNT, "-1", "不小于 0"), (RATE, "100.5", "0 到 100")])
def test_out_of_range_entries_get_the_profile_checkers_chinese_message(fact, text, words):
    value, problem = parse_entry(fact, text)
    assert value is None and words in problem and fact.label in problem


def test_the_bar_fills_in_proportion_and_never_overflows():
    assert bar(Decimal("2.6"), Decimal("4"), 10) == "▐" * 7 + "░" * 3  # 6.5 rounds half up
    assert bar(Decimal("0"), Decimal("8"), 8) == "░" * 8
    assert bar(Decimal("25"), Decimal("20"), 4) == "▐▐▐▐"
    assert bar(Decimal("1"), Decimal("0"), 4) == "░░░░"


def test_bar_glyphs_take_one_cell_even_where_ambiguous_characters_take_two():
    import unicodedata

    assert {unicodedata.east_asian_width(ch) for ch in FILLED + EMPTY} == {"N"}
