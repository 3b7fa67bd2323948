"""Dated obligations: each shape at the day its status changes, with dates worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ucm_check.engine.scoring import evaluate
from ucm_check.model import (
    COMPLIANT, DUE_SOON, MET_LATE, NOT_APPLICABLE, NOT_MET, OVERDUE, PENDING, Area, Context, Fact, Rule, Standard,
)
from ucm_check.rulekit import area, clause_maker, count, yes_no
from ucm_check.shapes import MISSING, AllOf, AllTrue, AtLeastPer, Every, NoneOf, Obligation, Periodic, add_months

D = dt.date
DONE = yes_no("done", "是否已制定", "Done")
DONE_ON = Fact("done_on", "date", "制定日期", "Date done")
LAST = Fact("last", "date", "上次日期", "Last time")
PEOPLE = count("people", "人数", "People", "人")


def run(shape, facts: dict, as_of: dt.date):
    return shape.evaluate(lambda key: facts.get(key, MISSING), Context({}, as_of))


BY_END_2021 = Obligation(AllTrue((DONE,)), due=D(2021, 12, 31), soon_days=30, done_on=DONE_ON)


@pytest.mark.parametrize("as_of, status, note", [
    (D(2021, 11, 30), PENDING, "完成时限 2021-12-31，还有 31 天"),
    (D(2021, 12, 1), DUE_SOON, "完成时限 2021-12-31，还有 30 天"),
    (D(2021, 12, 31), DUE_SOON, "完成时限 2021-12-31，还有 0 天"),
    (D(2022, 1, 1), OVERDUE, "完成时限 2021-12-31，已逾期 1 天"),
])
def test_an_obligation_not_done_turns_due_soon_then_overdue_the_day_after_its_deadline(as_of, status, note):
    outcome = run(BY_END_2021, {"done": False}, as_of)
    assert (outcome.status, outcome.note, outcome.due, outcome.points) == (status, note, D(2021, 12, 31), 0)


def test_an_obligation_done_is_met_whatever_the_date_and_a_late_one_is_met_late_not_plain_met():
    on_time = run(BY_END_2021, {"done": True, "done_on": D(2021, 12, 31)}, D(2026, 1, 1))
    late = run(BY_END_2021, {"done": True, "done_on": D(2022, 1, 10)}, D(2026, 1, 1))
    assert (on_time.status, on_time.note) == (COMPLIANT, "")
    assert (late.status, late.note) == (MET_LATE, "已完成，但晚于完成时限 2021-12-31 10 天")


def test_the_completion_date_is_optional_but_the_duty_itself_is_not():
    assert run(BY_END_2021, {"done": True}, D(2026, 1, 1)).status == COMPLIANT
    missing = run(BY_END_2021, {"done_on": D(2021, 5, 1)}, D(2026, 1, 1))
    assert not missing.answered and "是否已制定" in missing.observed


def test_a_standing_duty_without_a_date_is_not_met_rather_than_overdue():
    outcome = run(Obligation(AllTrue((DONE,))), {"done": False}, D(2026, 1, 1))
    assert (outcome.status, outcome.due) == (NOT_MET, None)


def test_every_condition_of_an_obligation_must_hold():
    other = yes_no("office", "是否已明确处室", "Office named")
    shape = Obligation(AllTrue((DONE, other)), due=D(2022, 6, 30))
    assert run(shape, {"done": True, "office": False}, D(2022, 7, 1)).status == OVERDUE
    assert run(shape, {"done": True, "office": True}, D(2022, 7, 1)).status == COMPLIANT


def test_all_of_counts_the_shortfall():
    trained = count("trained", "已培训人数", "Trained", "人")
    shape = Obligation(AllOf(PEOPLE, trained))
    short = run(shape, {"people": 5, "trained": 3}, D(2026, 1, 1))
    assert (short.status, short.observed) == (NOT_MET, "人数：5人；已培训人数：3人；差2人")
    assert run(shape, {"people": 0, "trained": 0}, D(2026, 1, 1)).status == COMPLIANT


@pytest.mark.parametrize("population, staff, met", [
    (200000, 100, True),   # 200000 × 5/10000 = 100: 不低于 includes 100
    (200000, 99, False),
    (12345, 6, False),     # 12345 × 5/10000 = 6.1725
    (12345, 7, True),
])
def test_at_least_per_ten_thousand_is_exact(population, staff, met):
    pop = count("population", "人口", "Population", "人")
    condition = AtLeastPer(PEOPLE, pop, Decimal(5), Decimal(10000))
    assert condition.check({"people": staff, "population": population}.get)[0] is met
    assert condition.required(12345) == Decimal("6.1725")


def test_none_of_is_met_only_when_every_count_is_zero():
    late = count("late", "超时起数", "Late", "起")
    assert NoneOf((late, PEOPLE)).check({"late": 0, "people": 0}.get)[0] is True
    assert NoneOf((late, PEOPLE)).check({"late": 0, "people": 1}.get)[0] is False


@pytest.mark.parametrize("day, months, expected", [
    (D(2020, 2, 29), 36, D(2023, 2, 28)),  # no 29 February in 2023: the month's last day
    (D(2021, 5, 10), 36, D(2024, 5, 10)),
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2026, 3, 31), -1, D(2026, 2, 28)),
    (D(2026, 1, 15), -3, D(2025, 10, 15)),
])
def test_add_months_lands_on_the_corresponding_day(day, months, expected):
    assert add_months(day, months) == expected


EVERY_3_YEARS = Every(LAST, months=36, soon_days=30, among=PEOPLE)


@pytest.mark.parametrize("as_of, status", [
    (D(2023, 1, 29), COMPLIANT),   # 30 days before 2023-02-28 is 2023-01-29: still plainly met
    (D(2023, 1, 30), DUE_SOON),
    (D(2023, 2, 28), DUE_SOON),
    (D(2023, 3, 1), OVERDUE),
])
def test_a_three_yearly_duty_is_due_on_the_corresponding_day_three_years_on(as_of, status):
    outcome = run(EVERY_3_YEARS, {"people": 4, "last": D(2020, 2, 29)}, as_of)
    assert (outcome.status, outcome.due) == (status, D(2023, 2, 28))


def test_a_duty_on_people_a_unit_does_not_have_is_not_applicable():
    outcome = run(EVERY_3_YEARS, {"people": 0}, D(2026, 1, 1))
    assert outcome.status == NOT_APPLICABLE and outcome.answered
    assert not run(EVERY_3_YEARS, {"people": 2}, D(2026, 1, 1)).answered


MONTHLY = Periodic(LAST, "month", soon_days=7)
QUARTERLY = Periodic(LAST, "quarter", soon_days=15)
YEARLY_DEC_15 = Periodic(LAST, "year", soon_days=30, due_month=12, due_day=15)


@pytest.mark.parametrize("shape, last, as_of, status, due, note", [
    (MONTHLY, D(2026, 11, 2), D(2026, 11, 24), COMPLIANT, D(2026, 11, 30), "2026年11月已报送"),
    (MONTHLY, D(2026, 10, 30), D(2026, 11, 22), PENDING, D(2026, 11, 30), "2026年11月完成时限 2026-11-30，还有 8 天"),
    (MONTHLY, D(2026, 10, 30), D(2026, 11, 24), DUE_SOON, D(2026, 11, 30), "2026年11月完成时限 2026-11-30，还有 6 天"),
    (MONTHLY, D(2026, 9, 30), D(2026, 11, 1), OVERDUE, D(2026, 10, 31), "2026年10月未报送（应于 2026-10-31 前）"),
    (QUARTERLY, D(2026, 7, 1), D(2026, 11, 24), PENDING, D(2026, 12, 31), "2026年第4季度完成时限 2026-12-31，还有 37 天"),
    (QUARTERLY, D(2026, 6, 30), D(2026, 11, 24), OVERDUE, D(2026, 9, 30), "2026年第3季度未报送（应于 2026-09-30 前）"),
    (YEARLY_DEC_15, D(2025, 12, 12), D(2026, 11, 15), DUE_SOON, D(2026, 12, 15), "2026年度完成时限 2026-12-15，还有 30 天"),
    (YEARLY_DEC_15, D(2025, 12, 12), D(2026, 12, 15), DUE_SOON, D(2026, 12, 15), "2026年度完成时限 2026-12-15，还有 0 天"),
    (YEARLY_DEC_15, D(2025, 12, 12), D(2026, 12, 16), OVERDUE, D(2026, 12, 15), "2026年度未报送（应于 2026-12-15 前）"),
    (YEARLY_DEC_15, D(2024, 12, 12), D(2026, 1, 5), OVERDUE, D(2025, 12, 15), "2025年度未报送（应于 2025-12-15 前）"),
    (YEARLY_DEC_15, D(2026, 1, 3), D(2026, 12, 31), COMPLIANT, D(2027, 12, 15), "2026年度已报送；下一期2027年度应于 2027-12-15 前"),
])
def test_a_bare_date_from_an_old_profile_is_still_read_as_the_last_report_filed(shape, last, as_of, status, due, note):
    outcome = run(shape, {"last": last}, as_of)
    assert (outcome.status, outcome.due, outcome.note) == (status, due, note)


def _standard(*rules: Rule) -> Standard:
    duties: Area = area("duties", "一", "义务", "Duties", "t", "0", rules=rules, order=1)
    return Standard("t", "测试", "测试〔2026〕1号", ("县",), Decimal(0), Decimal(0), (duties,), scored=False)


def _rule(code: str, shape) -> Rule:
    return Rule(code=code, clause=clause_maker("测试〔2026〕1号")("一"), title=code, text=code, shape=shape, remedy="整改")


def test_the_engine_keeps_the_shapes_status_and_lists_only_unmet_duties_as_gaps():
    standard = _standard(
        _rule("A", BY_END_2021), _rule("B", Obligation(AllTrue((yes_no("b", "b", "b"),)), due=D(2030, 1, 1))),
        _rule("C", Obligation(AllTrue((yes_no("c", "c", "c"),)))), _rule("E", Obligation(AllTrue((yes_no("e", "e", "e"),)))),
    )
    facts = {"duties": {"done": False, "b": False, "c": False, "e": True}}
    result = evaluate({"level": "县"}, facts, standard, as_of=D(2026, 11, 24))
    statuses = {f.rule.code: (f.status, f.due) for f in result.findings}
    assert statuses == {"A": (OVERDUE, D(2021, 12, 31)), "B": (PENDING, D(2030, 1, 1)), "C": (NOT_MET, None), "E": (COMPLIANT, None)}
    assert [f.rule.code for f in result.gaps()] == ["A", "C"]
    assert result.complete
