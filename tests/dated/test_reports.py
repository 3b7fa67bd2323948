"""A recurring duty is credited to the period each report covers, at every period boundary.

Deadlines worked out by hand; "as of" is the day the check is made.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ucm_check.dated.periods import Period, ReportLog, parse_log
from ucm_check.dated.schedule import Schedule, parse
from ucm_check.profile.editing import literal, parse_literal
from ucm_check.model import COMPLIANT, DUE_SOON, MET_LATE, OVERDUE, PENDING, Context
from ucm_check.profile.reading import check_fact
from ucm_check.rulekit import reports
from ucm_check.shapes import MISSING, Periodic

D = dt.date
ANNUAL = reports("summary", "年度工作总结报送记录", "Annual summaries", "year")
MONTHLY = reports("stats", "月度统计报送记录", "Monthly statistics", "month")
QUARTERLY = reports("cases", "季度报送记录", "Quarterly reports", "quarter")
DEC_15 = Periodic(ANNUAL, "year", soon_days=30, due_month=12, due_day=15)


def run(shape, value, as_of):
    log = value if not isinstance(value, dict) else parse_log(shape.last.options[0], value)[0]
    return shape.evaluate(lambda key: log if key == shape.last.key else MISSING, Context({}, as_of))


def test_a_2020_summary_filed_in_january_2021_is_2020s_and_2021_is_still_missing_in_december():
    outcome = run(DEC_15, {"2020": D(2021, 1, 10)}, D(2021, 12, 20))
    assert (outcome.status, outcome.due, outcome.note) == (
        OVERDUE, D(2021, 12, 15), "2021年度未报送（应于 2021-12-15 前）；2020年度于 2021-01-10 报送，晚于期限 2020-12-15 26 天")
    # the same day in the old form (a date alone) is read as the report for the window it was filed in
    legacy = run(DEC_15, D(2021, 1, 10), D(2021, 12, 20))
    assert legacy.status == COMPLIANT and "旧写法" in legacy.observed and "计为2021年度" in legacy.observed


def test_october_statistics_filed_on_3_november_are_octobers_late_and_november_is_still_due():
    outcome = run(Periodic(MONTHLY, "month", soon_days=7), {"2026-10": D(2026, 11, 3)}, D(2026, 11, 24))
    assert (outcome.status, outcome.due) == (DUE_SOON, D(2026, 11, 30))
    assert outcome.note == "2026年11月完成时限 2026-11-30，还有 6 天；2026年10月于 2026-11-03 报送，晚于期限 2026-10-31 3 天"


MONTH_END = Periodic(MONTHLY, "month", soon_days=7)


@pytest.mark.parametrize("record, as_of, status, due", [
    ({"2026-10": D(2026, 10, 31)}, D(2026, 10, 31), COMPLIANT, D(2026, 10, 31)),     # filed on the last day
    ({"2026-09": D(2026, 9, 30)}, D(2026, 10, 31), DUE_SOON, D(2026, 10, 31)),       # last day, not yet filed
    ({"2026-09": D(2026, 9, 30)}, D(2026, 11, 1), OVERDUE, D(2026, 10, 31)),         # the day after
    ({"2026-10": D(2026, 10, 31)}, D(2026, 11, 1), PENDING, D(2026, 11, 30)),        # October done, November begun
    ({"2024-01": D(2024, 1, 31)}, D(2024, 2, 29), DUE_SOON, D(2024, 2, 29)),         # leap day is February's last
    ({"2024-01": D(2024, 1, 31)}, D(2024, 3, 1), OVERDUE, D(2024, 2, 29)),
])
def test_month_end_and_leap_day(record, as_of, status, due):
    outcome = run(MONTH_END, record, as_of)
    assert (outcome.status, outcome.due) == (status, due)


QUARTER_END = Periodic(QUARTERLY, "quarter", soon_days=15)


@pytest.mark.parametrize("record, as_of, status, due, note", [
    ({"2026-Q2": D(2026, 6, 30)}, D(2026, 9, 30), DUE_SOON, D(2026, 9, 30), "2026年第3季度完成时限 2026-09-30，还有 0 天"),
    ({"2026-Q2": D(2026, 6, 30)}, D(2026, 10, 1), OVERDUE, D(2026, 9, 30), "2026年第3季度未报送（应于 2026-09-30 前）"),
    ({"2026-Q3": D(2026, 9, 30)}, D(2026, 10, 1), PENDING, D(2026, 12, 31), "2026年第4季度完成时限 2026-12-31，还有 91 天"),
])
def test_quarter_end(record, as_of, status, due, note):
    outcome = run(QUARTER_END, record, as_of)
    assert (outcome.status, outcome.due, outcome.note) == (status, due, note)


YEAR_END = Periodic(ANNUAL, schedule=parse("年底前"), soon_days=30)


@pytest.mark.parametrize("record, as_of, status, due", [
    ({"2025": D(2025, 12, 31)}, D(2025, 12, 31), COMPLIANT, D(2025, 12, 31)),
    ({"2024": D(2024, 12, 31)}, D(2025, 12, 31), DUE_SOON, D(2025, 12, 31)),
    ({"2024": D(2024, 12, 31)}, D(2026, 1, 1), OVERDUE, D(2025, 12, 31)),
    ({"2025": D(2026, 1, 1)}, D(2026, 1, 1), PENDING, D(2026, 12, 31)),   # late, but 2025's all the same
])
def test_year_end(record, as_of, status, due):
    outcome = run(YEAR_END, record, as_of)
    assert (outcome.status, outcome.due) == (status, due)


def test_a_report_filed_late_says_how_late_and_still_counts_for_its_own_year():
    outcome = run(YEAR_END, {"2025": D(2026, 1, 1)}, D(2026, 1, 1))
    assert outcome.note == "2026年度完成时限 2026-12-31，还有 364 天；2025年度于 2026-01-01 报送，晚于期限 2025-12-31 1 天"


WORKDAYS = Periodic(QUARTERLY, schedule=parse("每季度结束后5个工作日内"), soon_days=7)


@pytest.mark.parametrize("as_of, status", [
    (D(2025, 10, 6), PENDING),     # 8 calendar days before the deadline
    (D(2025, 10, 8), DUE_SOON),    # the last day of 国庆: 5 working days still to come
    (D(2025, 10, 11), DUE_SOON),   # the 调休 Saturday
    (D(2025, 10, 14), DUE_SOON),   # the fifth working day: still on time
    (D(2025, 10, 15), OVERDUE),
])
def test_a_working_day_deadline_spans_the_national_day_holiday_and_counts_the_moved_saturday(as_of, status):
    outcome = run(WORKDAYS, {"2025-Q2": D(2025, 7, 4)}, as_of)
    assert (outcome.status, outcome.due) == (status, D(2025, 10, 14))


def test_a_working_day_deadline_in_a_year_the_calendar_does_not_know_is_marked_as_an_estimate():
    outcome = run(WORKDAYS, {"2026-Q3": D(2026, 10, 9)}, D(2026, 12, 31))
    assert outcome.due == D(2027, 1, 7) and "尚无 2027 年的节假日安排" in outcome.note


def test_a_first_year_unit_that_never_filed_is_only_asked_for_periods_since_it_began():
    first_year = run(DEC_15, {"since": D(2026, 3, 1)}, D(2026, 11, 24))
    assert (first_year.status, first_year.due) == (DUE_SOON, D(2026, 12, 15))
    assert "无记录（记录自 2026-03-01 起）" in first_year.observed
    never = run(DEC_15, {}, D(2026, 11, 24))
    assert (never.status, never.due) == (OVERDUE, D(2025, 12, 15))


def test_every_missing_period_since_the_duty_began_is_named_oldest_first():
    since_2021 = Periodic(ANNUAL, "year", soon_days=30, due_month=12, due_day=15, start=D(2021, 6, 3))
    outcome = run(since_2021, {"2025": D(2025, 12, 12)}, D(2026, 11, 24))
    assert outcome.status == OVERDUE and outcome.due == D(2021, 12, 15)
    assert outcome.note == "2021年度、2022年度、2023年度 等 4 期未报送（最早一期应于 2021-12-15 前）"
    full = {str(y): D(y, 12, 10) for y in range(2021, 2026)}
    assert run(since_2021, full, D(2026, 11, 24)).status == DUE_SOON


def test_a_report_dated_after_the_as_of_day_was_not_filed_yet_on_that_day():
    assert run(DEC_15, {"2025": D(2025, 12, 1), "2026": D(2026, 12, 10)}, D(2026, 11, 24)).status == DUE_SOON
    assert run(DEC_15, {"2025": D(2025, 12, 1), "2026": D(2026, 12, 10)}, D(2026, 12, 10)).status == COMPLIANT


TWICE = Periodic(reports("contests", "竞赛开展记录", "Contests", "month"), schedule=parse("3月和9月"), verb="开展")


@pytest.mark.parametrize("record, as_of, status, due, note", [
    ({"2026-03": D(2026, 3, 20)}, D(2026, 6, 1), COMPLIANT, D(2026, 9, 30), "2026年3月已开展；下一期2026年9月应于 2026-09-30 前"),
    ({"2026-03": D(2026, 3, 20)}, D(2026, 9, 25), DUE_SOON, D(2026, 9, 30), "2026年9月完成时限 2026-09-30，还有 5 天"),
    ({"2026-03": D(2026, 3, 20)}, D(2026, 10, 1), OVERDUE, D(2026, 9, 30), "2026年9月未开展（应于 2026-09-30 前）"),
    ({"2025-09": D(2025, 9, 20)}, D(2026, 4, 1), OVERDUE, D(2026, 3, 31), "2026年3月未开展（应于 2026-03-31 前）"),
])
def test_a_duty_in_given_months_is_asked_for_in_those_months_only(record, as_of, status, due, note):
    outcome = run(TWICE, record, as_of)
    assert (outcome.status, outcome.due, outcome.note) == (status, due, note)


def test_training_every_april_held_in_may_counts_for_april_as_met_late():
    april = Periodic(reports("training", "培训开展记录", "Training", "month"), schedule=parse("每年4月"), verb="开展")
    outcome = run(april, {"2026-04": D(2026, 5, 6)}, D(2026, 6, 1))
    assert outcome.status == MET_LATE and "2026年4月于 2026-05-06 开展，晚于期限 2026-04-30 6 天" in outcome.note


def test_by_the_end_of_october_every_year():
    october = Periodic(ANNUAL, schedule=parse("10月底前"), soon_days=30)
    assert run(october, {"2025": D(2025, 10, 1), "2026": D(2026, 10, 31)}, D(2026, 10, 31)).status == COMPLIANT
    assert run(october, {"2025": D(2025, 10, 20)}, D(2026, 10, 31)).status == DUE_SOON
    late = run(october, {"2025": D(2025, 10, 20)}, D(2026, 11, 1))
    assert (late.status, late.due) == (OVERDUE, D(2026, 10, 31))


@pytest.mark.parametrize("value, problem", [
    ({"2025Q4": D(2026, 1, 5)}, "期间 “2025Q4” 应写作\"2026-Q3\""),
    ({"2026-Q4": D(2026, 9, 30)}, "2026年第4季度的报送日期 2026-09-30 早于该期间开始（2026-10-01）"),
    ({"2026-Q4": "2027-01-05"}, "“2026-Q4” 的值应为日期"),
    ("2026-Q4", "应为“期间 = 报送日期”的表"),
    ({"since": "2026"}, "“since” 的值应为日期"),
])
def test_a_bad_record_is_refused_with_what_is_expected(value, problem):
    normal, message = check_fact(QUARTERLY, value)
    assert normal is None and problem in message and "季度报送记录" in message


def test_a_record_round_trips_through_the_one_line_toml_the_editor_writes():
    log, _ = parse_log("quarter", {"since": D(2026, 1, 1), "2026-Q2": D(2026, 7, 3), "2026-Q1": D(2026, 4, 2)})
    text = literal(log)
    assert text == '{ since = 2026-01-01, "2026-Q1" = 2026-04-02, "2026-Q2" = 2026-07-03 }'
    assert check_fact(QUARTERLY, parse_literal(text)) == (log, "")
    assert literal(parse_log("year", {})[0]) == "{}"
    assert literal(parse_log("year", D(2025, 12, 12))[0]) == "2025-12-12"


def test_periods_name_themselves_as_reports_do():
    assert [Period.parse(k, key).label for k, key in (("year", "2026"), ("quarter", "2026-q3"), ("month", "2026-02"))] == [
        "2026年度", "2026年第3季度", "2026年2月"]
    assert Period.parse("month", "2024-02").end == D(2024, 2, 29)
    assert ReportLog().text() == "无记录"
