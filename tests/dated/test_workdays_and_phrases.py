"""Working days from China's official calendar, and the documents' deadline phrases read as data.

Dates worked out by hand from the State Council's notices: 2025 国庆/中秋 ran 10-01 to 10-08, with
Sunday 09-28 and Saturday 10-11 moved to be working days (调休).
"""

from __future__ import annotations

import datetime as dt

import pytest

from ucm_check.dated.periods import Period
from ucm_check.dated.schedule import Relative, Schedule, parse, parse_date
from ucm_check.dated.workdays import add_workdays, estimate_note, is_workday

D = dt.date


def test_the_national_day_holiday_is_off_and_the_moved_saturday_is_a_working_day():
    assert is_workday(D(2025, 10, 6)) == (False, True)       # a Monday inside 国庆
    assert is_workday(D(2025, 10, 11)) == (True, True)       # Saturday, 调休 working day
    assert is_workday(D(2025, 9, 28)) == (True, True)        # Sunday, 调休 working day
    assert is_workday(D(2025, 10, 12)) == (False, True)      # an ordinary Sunday


def test_five_working_days_after_the_third_quarter_span_the_holiday_and_count_the_moved_saturday():
    # 10-01..10-08 off; 10-09 Thu (1), 10-10 Fri (2), 10-11 Sat 调休 (3), 10-13 Mon (4), 10-14 Tue (5)
    assert add_workdays(D(2025, 9, 30), 5) == (D(2025, 10, 14), ())
    # the day after a period ends is the first counted: 2025-07-01 Tue .. 07-04 Fri, 07-07 Mon
    assert add_workdays(D(2025, 6, 30), 5) == (D(2025, 7, 7), ())
    assert add_workdays(D(2025, 6, 30), 1) == (D(2025, 7, 1), ())


def test_a_year_the_calendar_does_not_know_counts_weekdays_and_says_it_is_an_estimate():
    due, unknown = add_workdays(D(2026, 12, 31), 5)
    assert unknown == (2027,)
    assert due == D(2027, 1, 7)           # Fri 01-01 (counted: unknown), Mon 04, Tue 05, Wed 06, Thu 07
    assert "尚无 2027 年的节假日安排" in estimate_note(unknown) and "周一至周五" in estimate_note(unknown)
    assert estimate_note(()) == ""


@pytest.mark.parametrize("phrase, expected", [
    ("每月", Schedule("month", text="每月")),
    ("每季度", Schedule("quarter", text="每季度")),
    ("每年4月", Schedule("month", months=(4,), text="每年4月")),
    ("4月份", Schedule("month", months=(4,), text="4月份")),
    ("3月和9月", Schedule("month", months=(3, 9), text="3月和9月")),
    ("9月、3月", Schedule("month", months=(3, 9), text="9月、3月")),
    ("每季度结束后5个工作日内", Schedule("quarter", after_workdays=5, text="每季度结束后5个工作日内")),
    ("每月（次月底前）", Schedule("month", after_months=1, text="每月（次月底前）")),
    ("10月底前", Schedule("year", due_month=10, text="10月底前")),
    ("12月底前", Schedule("year", due_month=12, text="12月底前")),
    ("年底前", Schedule("year", text="年底前")),
    ("每年12月15日前", Schedule("year", due_month=12, due_day=15, text="每年12月15日前")),
    ("完成后3个月内", Relative(months=3, text="完成后3个月内")),
    ("职能机构调整到位后3个月内", Relative(months=3, text="职能机构调整到位后3个月内")),
    ("长期", None),
])
def test_each_phrase_of_the_documents_reads_as_a_schedule(phrase, expected):
    assert parse(phrase) == expected


@pytest.mark.parametrize("phrase", ["每两周", "13月", "3月和3月", "月底前", ""])
def test_a_phrase_it_does_not_know_is_refused_in_chinese_with_the_forms_it_knows(phrase):
    with pytest.raises(ValueError, match="无法识别的时限写法.*每季度结束后5个工作日内"):
        parse(phrase)


@pytest.mark.parametrize("phrase, period, due", [
    ("每月", "2024-02", D(2024, 2, 29)),                       # leap day is the month's last day
    ("每月", "2026-02", D(2026, 2, 28)),
    ("每季度", "2026-Q1", D(2026, 3, 31)),
    ("每年4月", "2026-04", D(2026, 4, 30)),
    ("每月（次月底前）", "2024-01", D(2024, 2, 29)),
    ("每月（次月底前）", "2026-12", D(2027, 1, 31)),
    ("10月底前", "2026", D(2026, 10, 31)),
    ("年底前", "2026", D(2026, 12, 31)),
    ("每年12月15日前", "2026", D(2026, 12, 15)),
    ("每季度结束后5个工作日内", "2025-Q3", D(2025, 10, 14)),
])
def test_each_schedule_puts_the_deadline_on_the_day_the_text_names(phrase, period, due):
    schedule = parse(phrase)
    assert schedule.due(Period.parse(schedule.every, period)).day == due


@pytest.mark.parametrize("event, months, due", [
    (D(2017, 11, 30), 3, D(2018, 2, 28)),   # no 30 February: the month's last day
    (D(2023, 11, 29), 3, D(2024, 2, 29)),   # leap year
    (D(2024, 11, 29), 3, D(2025, 2, 28)),
    (D(2017, 12, 31), 3, D(2018, 3, 31)),
])
def test_a_relative_deadline_lands_on_the_corresponding_day(event, months, due):
    assert Relative(months=months).due(event).day == due


def test_occurrences_step_over_the_months_a_schedule_skips():
    twice = parse("3月和9月")
    march = Period.parse("month", "2026-03")
    assert twice.step(march).key == "2026-09" and twice.step(march, 2).key == "2027-03"
    assert twice.step(march, -1).key == "2025-09"
    assert twice.upcoming(D(2026, 6, 1)).key == "2026-09"
    assert twice.upcoming(D(2026, 3, 31)).key == "2026-03" and twice.upcoming(D(2026, 4, 1)).key == "2026-09"


@pytest.mark.parametrize("phrase, day", [
    ("2017年底前", D(2017, 12, 31)), ("2020年底前", D(2020, 12, 31)), ("2022年6月底前", D(2022, 6, 30)),
    ("2024年2月底前", D(2024, 2, 29)), ("2020年11月15日前", D(2020, 11, 15)), ("到2017年10月", D(2017, 10, 31)),
    ("长期", None), ("2020年2月30日前", None),
])
def test_one_off_deadlines_are_read_the_way_the_documents_write_them(phrase, day):
    assert parse_date(phrase) == day
