"""The plan file: where it lives, round trips, and bad hand edits reported by line and column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ucm_check.plan import (
    IN_PROGRESS, ONGOING, DeadlineChange, InvalidPlan, Item, Milestone, Plan, dumps, load_plan, parse_plan,
    plan_path_for, save_plan,
)


def test_the_plan_lives_beside_the_profile_with_plan_before_toml():
    assert plan_path_for("/x/y/county.toml") == Path("/x/y/county.plan.toml")
    assert plan_path_for(Path("a.b.toml")) == Path("a.b.plan.toml")
    assert plan_path_for("noext") == Path("noext.plan.toml")


def test_a_plan_with_every_field_survives_a_save_and_load(tmp_path):
    item = Item(
        "HN-03-2", "执法着装规范：7起", rule="HN-03-2", area="三 统一执法人员着装", clause="湘建执函〔2020〕94号 附件 一（三）2（2）",
        points=Decimal("1.4"), measures="开展着装风纪督查", lead_unit="督查科", responsible_units=["一中队", "二中队"],
        cooperating_units=["办公室"], person="张三", deadline=dt.date(2027, 1, 31), status=IN_PROGRESS,
        milestones=[Milestone(dt.date(2026, 12, 15), "开展第一轮督查", True)], evidence=["督查通报（2026）3号.pdf"],
        history=[DeadlineChange(dt.date(2026, 12, 1), dt.date(2026, 12, 31), dt.date(2027, 1, 31), "年底集中整治顺延")],
        created=dt.date(2026, 11, 24), gap_closed=dt.date(2026, 12, 20), note="备注",
    )
    plan = Plan("county.toml", "某县城市管理和综合执法局", "hunan-2020", dt.date(2026, 11, 24),
                [item, Item("自定-1", "手工事项", deadline=ONGOING)])
    path = tmp_path / "county.plan.toml"
    save_plan(plan, path)
    loaded = load_plan(path)
    assert loaded == plan
    assert loaded.items[0].points == Decimal("1.4") and isinstance(loaded.items[0].points, Decimal)
    assert 'deadline = "长期"' in path.read_text(encoding="utf-8")


def _errors(text: str) -> list[str]:
    with pytest.raises(InvalidPlan) as info:
        parse_plan("p.plan.toml", text)
    return [str(e) for e in info.value.errors]


GOOD = dumps(Plan("c.toml", items=[Item("A", "问题一", deadline=dt.date(2027, 1, 1)), Item("B", "问题二")]))


def test_a_wrong_status_in_the_second_item_is_reported_at_its_line_and_value_column():
    lines = GOOD.splitlines()
    second = [n for n, line in enumerate(lines) if line == "[[items]]"][1]
    status = next(n for n in range(second, len(lines)) if lines[n].startswith("status"))
    lines[status] = 'status = "进行中"'
    (message,) = _errors("\n".join(lines))
    assert message.startswith(f"p.plan.toml:{status + 1}:10: 错误：status 应为以下之一：未开始、整改中、已完成、已销号")


def test_a_deadline_that_is_neither_a_date_nor_ongoing_is_explained():
    text = GOOD.replace("deadline = 2027-01-01", 'deadline = "2027年1月"')
    line = next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith("deadline"))
    (message,) = _errors(text)
    assert message.startswith(f"p.plan.toml:{line}:12: 错误：deadline 应为日期")
    assert "长期" in message


def test_every_problem_is_reported_at_once_with_unknown_keys_suggested():
    text = GOOD.replace("person = ", "persn = ", 1).replace('id = "B"', 'id = "A"')
    messages = _errors(text)
    assert len(messages) == 2
    assert any("未知字段 “persn”，是否想写 “person”" in m for m in messages)
    assert any("编号 “A” 与第 1 个事项重复" in m for m in messages)


def test_a_milestone_without_a_date_is_located_in_its_own_table():
    plan = Plan("c.toml", items=[Item("A", "问题", milestones=[Milestone(dt.date(2027, 1, 1), "起草")]),
                                 Item("B", "问题", milestones=[Milestone(dt.date(2027, 1, 1), "起草"), Milestone(dt.date(2027, 2, 1), "印发")])])
    text = dumps(plan).replace("{ date = 2027-02-01, ", "{ ")
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "印发" in l)
    (message,) = _errors(text)
    assert message == f"p.plan.toml:{line}:5: 错误：阶段节点缺少日期 date"


def test_a_bad_milestone_date_in_a_hand_written_table_header_is_located_at_its_value():
    text = "".join(GOOD.rsplit("milestones = []\n", 1)) + '\n[[items.milestones]]\ndate = "下月"\ntext = "起草"\n'
    lines = text.splitlines()
    line = lines.index('date = "下月"') + 1
    messages = _errors(text)
    assert f"p.plan.toml:{line}:8: 错误：date 应为日期，实际为字符串 \"下月\"" in messages


def test_a_toml_syntax_error_is_chinese_with_its_position():
    (message,) = _errors('[plan]\nprofile = "c.toml\n')
    assert message.startswith("p.plan.toml:2:") and "TOML 语法错误" in message


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(InvalidPlan, match="无法读取整改台账"):
        load_plan(tmp_path / "nope.plan.toml")


def test_saving_never_leaves_a_temporary_file_behind(tmp_path):
    save_plan(Plan("c.toml"), tmp_path / "c.plan.toml")
    assert [p.name for p in tmp_path.iterdir()] == ["c.plan.toml"]
