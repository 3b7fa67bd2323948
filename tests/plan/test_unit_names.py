"""The plan file's unit-name table and relative deadlines: read, written back, and refused with a
located Chinese message when wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from ucm_check.plan import InvalidPlan, Item, Plan, dumps, parse_plan
from ucm_check.plan.units import UnitNames

HEAD = '[plan]\nprofile = "yzh.toml"\n'
ITEM = '[[items]]\nid = "YZH-08"\nproblem = "依法制定公布权责清单"\n'


def test_the_unit_table_and_a_relative_deadline_survive_a_save():
    plan = Plan("yzh.toml", items=[Item("YZH-08", "权责清单", lead_unit="法制办", relative="职能机构调整到位后3个月内",
                                        event=dt.date(2018, 1, 15))],
                names=UnitNames.of({"区法制办": ["法制办"]}, {"各镇(街道)": ["阳宗镇", "七甸街道", "汤池街道"]}))
    again = parse_plan("yzh.plan.toml", dumps(plan))
    assert again == plan and again.item("YZH-08").relative_due == dt.date(2018, 4, 15)
    assert plan.units_of(plan.items[0]) == (("区法制办", "牵头"),)


def test_a_plan_without_the_new_fields_is_written_as_before():
    text = dumps(Plan("a.toml", items=[Item("1", "甲")]))
    assert "[units" not in text and "relative" not in text and "event" not in text


@pytest.mark.parametrize("extra, where, words", [
    ('relative = "调整到位以后尽快"\n', (6, 12), "relative（相对时限）\"调整到位以后尽快\" 应写作“事件后N个月内”"),
    ('event = "2018-01-15"\n', (6, 9), "event 应为日期，实际为字符串 \"2018-01-15\""),
])
def test_a_wrong_relative_deadline_is_refused_at_its_line(extra, where, words):
    with pytest.raises(InvalidPlan) as caught:
        parse_plan("yzh.plan.toml", HEAD + ITEM + extra)
    problem = caught.value.errors[0]
    assert (problem.line, problem.column) == where and words in problem.message


def test_an_alias_that_is_not_a_list_of_names_is_refused():
    with pytest.raises(InvalidPlan) as caught:
        parse_plan("yzh.plan.toml", HEAD + '[units.aliases]\n"区法制办" = "法制办"\n' + ITEM)
    assert "[units.aliases] \"区法制办\" 应为字符串数组" in caught.value.errors[0].message
