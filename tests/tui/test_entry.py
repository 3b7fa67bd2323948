"""Typed dates in the forms clerks write them, impossible days named, ambiguous percents flagged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ucm_check.profile.editing import CLEARED
from ucm_check.model import Fact
from ucm_check.tui.entry import AMBIGUOUS, parse_date, parse_entry

DAY = Fact("d", "date", "制度印发日期", "issued on")
RATE = Fact("r", "percent", "持证率", "rate", unit="%")


@pytest.mark.parametrize("text", ["2023-03-01", "2023/3/1", "2023.3.1", "2023年3月1日", " 2023 年 3 月 1 日 ", "2023-3-1"])
def test_every_usual_way_of_writing_a_date_reads_as_that_day(text):
    assert parse_entry(DAY, text) == (dt.date(2023, 3, 1), "")


@pytest.mark.parametrize("text, problem", [
    ("2023-02-30", "2月没有30日"),
    ("2023年2月29日", "2月没有29日：2023年2月只有28天（2023年不是闰年）"),
    ("2023/4/31", "4月没有31日"),
    ("2023.13.1", "没有13月"),
    ("2023/0/1", "没有0月"),
    ("2023-01-00", "1月没有0日"),
])
def test_an_impossible_day_is_named_not_answered_with_the_format(text, problem):
    value, said = parse_date(text)
    assert value is None and problem in said and said != "bad_date"


def test_the_last_day_of_february_in_a_leap_year_is_a_day():
    assert parse_date("2024年2月29日") == (dt.date(2024, 2, 29), "")


@pytest.mark.parametrize("text", ["2023-3", "三月一日", "2023-03-01T10:00", "20230301"])
def test_text_that_is_no_date_asks_for_one_of_the_forms(text):
    assert parse_date(text) == (None, "bad_date")


@pytest.mark.parametrize("text, ambiguous", [
    ("0.85", True), ("1", True), ("0.5%", True), ("0.01", True),
    ("0", False), ("1.5", False), ("85", False), ("100", False),
])
def test_a_percent_above_zero_and_up_to_one_is_flagged_as_ambiguous(text, ambiguous):
    value, problem = parse_entry(RATE, text)
    assert value == Decimal(text.rstrip("%"))
    assert (problem == AMBIGUOUS) is ambiguous


def test_an_empty_entry_is_a_clear_request():
    assert parse_entry(RATE, "  ") == (CLEARED, "")


RECORD = Fact("annual", "reports", "年度工作总结报送记录", "annual summaries", options=("year",))


@pytest.mark.parametrize("text", ["2027=2027/1/5", "2027=2027年1月5日", "2027：2027.1.5", "2027 = 2027-01-05"])
def test_a_record_of_reports_reads_its_dates_with_the_questions_date_reader(text):
    record, problem = parse_entry(RECORD, text)
    assert problem == "" and [(p.key, d) for p, d in record.filed] == [("2027", dt.date(2027, 1, 5))]


def test_an_impossible_day_in_a_record_is_named_as_in_a_date_question():
    record, problem = parse_entry(RECORD, "2026=2026-12-03；2027=2027/2/30")
    assert record is None and problem == "「2027=2027/2/30」：2月没有30日：2027年2月只有28天"
