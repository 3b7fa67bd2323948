"""Tailoring files: each kind of change on top of a standard, marked in reports, and bad files
reported in Chinese with file, line and column."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from decimal import Decimal

import pytest

from tests.helpers import PROFILES, finding, score
from ucm_check.cli import main
from ucm_check.engine.scoring import evaluate
from ucm_check.model import COMPLIANT, DEDUCTED, NOT_APPLICABLE, OVERDUE, PENDING
from ucm_check.profile.tailoring import InvalidTailoring, apply_files, parse_text

TYPICAL = str(PROFILES / "hunan-county-typical.toml")


def tailor(standards, body: str, file: str = "t.toml"):
    return parse_text(file, textwrap.dedent(body), standards)[1]


@pytest.fixture(scope="module")
def standards(packs_host):
    return packs_host.standards


def test_disabling_a_rule_makes_it_not_applicable_with_the_reason_and_costs_nothing(standards):
    base = standards["hunan-2020"]
    tailored = tailor(standards, """
        standard = "hunan-2020"
        [rules.HN-03-2]
        disable = true
        reason = "本市另行考核"
    """)
    before = finding(score(base, {"uniform.dress_violations": 7}), "HN-03-2")
    after = finding(score(tailored, {"uniform.dress_violations": 7}), "HN-03-2")
    assert (before.status, before.points) == (DEDUCTED, Decimal("1.4"))
    assert (after.status, after.points) == (NOT_APPLICABLE, 0)
    assert after.note == "已由裁剪文件停用：本市另行考核（t.toml:3）"
    assert after.rule.tailored == ("停用：本市另行考核（t.toml:3）",)


def test_changing_a_fixed_deduction(standards):
    tailored = tailor(standards, 'standard = "hunan-2020"\n[rules.HN-01-1]\npoints = 1.5\n')
    found = finding(score(tailored, {"party.organization_established": False}), "HN-01-1")
    assert found.points == Decimal("1.5") and found.rule.max_points == Decimal("1.5")
    assert found.rule.tailored == ("分值：基础 2 → 裁剪 1.5（t.toml:2）",)


def test_changing_step_and_cap(standards):
    tailored = tailor(standards, 'standard = "hunan-2020"\n[rules.HN-03-2]\nstep = 0.1\ncap = 1\n')
    assert finding(score(tailored, {"uniform.dress_violations": 7}), "HN-03-2").points == Decimal("0.7")
    assert finding(score(tailored, {"uniform.dress_violations": 12}), "HN-03-2").points == Decimal("1")


def test_changing_the_step_inside_a_gate_changes_the_inner_rule(standards):
    rule = standards["hunan-2020"].rule("HN-02-3")   # Gate(practice held, 2, MissingItems(step 0.5, cap 2))
    tailored = tailor(standards, 'standard = "hunan-2020"\n[rules.HN-02-3]\nstep = 0.25\n')
    assert tailored.rule("HN-02-3").shape.then.step == Decimal("0.25")
    assert tailored.rule("HN-02-3").shape.points == rule.shape.points == Decimal("2")


def test_changing_the_points_of_each_state_of_a_choice(standards):
    tailored = tailor(standards, '''
        standard = "hunan-2020"
        [rules.HN-02-1]
        points = { "未制定培训计划" = 3, "已制定未完成任务" = 0.5, "已制定并完成任务" = 0 }
    ''')
    assert finding(score(tailored, {"training.training_plan": "已制定未完成任务"}), "HN-02-1").points == Decimal("0.5")


def test_changing_band_edges(standards):
    # HN-10-3 base: 95 and above 0, 80 to below 95 lose 1, below 80 lose 2
    tailored = tailor(standards, '''
        standard = "hunan-2020"
        [rules.HN-10-3]
        bands = [[90, 0], [70, 1], [0, 2]]
        edges = {}
    ''')
    assert finding(score(tailored, {"supervision.on_time_closure_rate": 90}), "HN-10-3").points == 0
    assert finding(score(tailored, {"supervision.on_time_closure_rate": Decimal("69.9")}), "HN-10-3").points == 2
    assert finding(score(tailored, {"supervision.on_time_closure_rate": 80}), "HN-10-3").note == ""


@pytest.mark.parametrize("reading, points", [("lower", Decimal(1)), ("upper", Decimal(2))])
def test_picking_the_reading_of_an_ambiguous_boundary(standards, reading, points):
    tailored = tailor(standards, f'standard = "hunan-2020"\n[rules.HN-10-3]\nedge_reading = "{reading}"\n')
    found = finding(score(tailored, {"supervision.on_time_closure_rate": 80}), "HN-10-3")
    assert found.points == points
    assert "裁剪" in found.rule.reading


def test_moving_a_deadline_of_a_dated_obligation(standards):
    tailored = tailor(standards, 'standard = "henan-2021"\n[rules.HEN-23-4]\ndue = 2027-03-31\nsoon_days = 60\n')
    facts = {"management": {"auxiliary_rules": False, "auxiliary_rules_guided": False}}
    unit = {"level": "省辖市", "standard": "henan-2021"}
    as_of = dt.date(2026, 11, 24)
    base = next(f for f in evaluate(unit, facts, standards["henan-2021"], as_of=as_of).findings if f.rule.code == "HEN-23-4")
    moved = next(f for f in evaluate(unit, facts, tailored, as_of=as_of).findings if f.rule.code == "HEN-23-4")
    assert (base.status, moved.status, moved.due) == (OVERDUE, PENDING, dt.date(2027, 3, 31))
    assert moved.rule.tailored == ("完成时限：基础 2021-12-31 → 裁剪 2027-03-31（t.toml:2）",
                                   "即将到期提前天数：基础 30 → 裁剪 60（t.toml:2）")


ADD = '''
    standard = "hunan-2020"
    name = "某市细则"

    [[add]]
    area = "supervision"
    code = "CS-10-5"
    title = "夜间巡查"
    text = "未开展夜间巡查的扣1分。"
    clause = { document = "某城管〔2024〕1号", path = "三（二）" }
    remedy = "建立夜间巡查制度"
    shape = "flag"
    fact = { key = "night_patrol", kind = "bool", label = "是否开展夜间巡查" }
    points = 1
'''


def test_adding_a_rule_to_an_area_adds_its_fact_and_scores_it(standards):
    tailored = tailor(standards, ADD)
    area = tailored.area("supervision")
    assert [r.code for r in area.rules][-1] == "CS-10-5" and area.facts[-1].key == "night_patrol"
    found = finding(score(tailored, {"supervision.night_patrol": False}), "CS-10-5")
    assert (found.status, found.points, str(found.rule.clause)) == (DEDUCTED, 1, "某城管〔2024〕1号 三（二）")
    assert found.rule.tailored == ("新增（t.toml:5）",)
    assert tailored.title.endswith("（某市细则裁剪）")
    assert standards["hunan-2020"].rule("CS-10-5") is None   # the base standard is untouched


def test_tailoring_files_stack_in_order(standards, tmp_path):
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text('standard = "hunan-2020"\n[rules.HN-01-1]\npoints = 1.5\n', encoding="utf-8")
    second.write_text('standard = "hunan-2020"\n[rules.HN-01-1]\npoints = 1\n', encoding="utf-8")
    rule = apply_files([str(first), str(second)], standards)["hunan-2020"].rule("HN-01-1")
    assert rule.shape.points == 1 and len(rule.tailored) == 2


def test_tailored_rules_are_marked_in_the_reports(capsys, tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('standard = "hunan-2020"\n[rules.HN-03-2]\nstep = 0.1\n', encoding="utf-8")
    code = main(["--log-level", "error", "check", TYPICAL, "--no-entry-points", "--tailoring", str(path)])
    out = capsys.readouterr().out
    gap = out[out.index("[HN-03-2]"):].split("\n[")[0]
    assert code == 0 and "扣 0.7 分" in gap and f"裁剪：每项分值：基础 0.2 → 裁剪 0.1（{path}:2）" in gap
    main(["--log-level", "error", "check", TYPICAL, "--no-entry-points", "--format", "json", "--tailoring", str(path)])
    rules = json.loads(capsys.readouterr().out)["rules"]
    assert rules["HN-03-2"]["tailored"] == [f"每项分值：基础 0.2 → 裁剪 0.1（{path}:2）"]
    assert rules["HN-03-1"]["tailored"] == []


def test_explain_shows_the_base_and_the_tailored_value(capsys, tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('standard = "hunan-2020"\n[rules.HN-03-2]\ncap = 1\n', encoding="utf-8")
    code = main(["--log-level", "error", "explain", "HN-03-2", "--no-entry-points", "--tailoring", str(path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "分值：最多扣 1 分" in out and "基础分值：最多扣 2 分（裁剪前）" in out
    assert f"上限：基础 2 → 裁剪 1（{path}:2）" in out


@pytest.mark.parametrize("body, line, column, message", [
    ('standard = "hunan-2020"\n[rules.HN-01-1\npoints = 1\n', 2, 15, "TOML 语法错误"),
    ('name = "x"\n', 1, 1, "缺少 standard"),
    ('standard = "hunan-2002"\n', 1, 12, "未知的评价标准 “hunan-2002”，是否想写 “hunan-2020”？"),
    ('standard = "hunan-2020"\n\n[rules.HN-99-9]\ndisable = true\n', 3, 1, "没有编号为 “HN-99-9” 的规则"),
    ('standard = "hunan-2020"\n[rules.HN-03-2]\ncapp = 1\n', 3, 1, "未知字段 “capp”，是否想写 “cap”？"),
    ('standard = "hunan-2020"\n[rules.HN-03-2]\nstep = "0.1"\n', 3, 8, 'step（每项分值）应为数字，实际为字符串 "0.1"'),
    ('standard = "hunan-2020"\n[rules.HN-03-2]\ncap = -1\n', 3, 7, "不能为负数"),
    ('standard = "hunan-2020"\n[rules.HN-01-1]\nbands = [[1, 0]]\n', 3, 9, "没有可裁剪的 bands"),
    ('standard = "hunan-2020"\n[rules.HN-10-3]\nbands = [[80, 1], [95, 0]]\n', 3, 9, "下限应从高到低排列"),
    ('standard = "hunan-2020"\n[rules.HN-10-3]\nedge_reading = "middle"\n', 3, 16, 'edge_reading 应为 "lower"'),
    ('standard = "hunan-2020"\n[rules.HN-02-1]\npoints = 1\n', 3, 10, "points 应为表，且恰好列出每个状态"),
    ('standard = "henan-2021"\n[rules.HEN-23-4]\ndue = "2022-01-01"\n', 3, 7, "due（完成时限）应为日期"),
    ('standard = "hunan-2020"\n[rules.HN-01-1]\nreason = "x"\n', 3, 1, "应与 disable = true 一起写"),
    ('standard = "henan-2021"\n[rules.HEN-24-2a]\nmonths = 0\n', 3, 10, "至少为 1"),
    (ADD.replace('area = "supervision"', 'area = "supervison"'), 6, 8, "没有区域 “supervison”，是否想写 “supervision”？"),
    (ADD.replace('clause = { document = "某城管〔2024〕1号", path = "三（二）" }', 'clause = "某城管"'), 10, 10, "每条规则都要注明出处"),
    (ADD.replace('code = "CS-10-5"', 'code = "HN-01-1"'), 7, 8, "规则编号 HN-01-1 已存在"),
    (ADD.replace('kind = "bool"', 'kind = "count"'), 13, 8, "fact.kind 应为 bool"),
])
def test_a_bad_tailoring_file_is_reported_with_line_and_column_in_chinese(standards, body, line, column, message):
    body = textwrap.dedent(body)
    with pytest.raises(InvalidTailoring) as info:
        parse_text("t.toml", body, standards)
    problem = info.value.errors[0]
    assert (problem.line, problem.column) == (line, column), str(problem)
    assert message in problem.message
    assert str(problem).startswith(f"t.toml:{line}:{column}: 错误：")


def test_every_problem_in_a_file_is_reported_at_once(standards):
    body = 'standard = "hunan-2020"\n[rules.HN-03-2]\nstep = "x"\ncapp = 1\n[rules.HN-99]\ndisable = true\n'
    with pytest.raises(InvalidTailoring) as info:
        parse_text("t.toml", body, standards)
    assert [(e.line, e.column) for e in info.value.errors] == [(3, 8), (4, 1), (5, 1)]


def test_a_bad_tailoring_file_stops_the_command_with_exit_2_and_no_traceback(capsys, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('standard = "hunan-2020"\n[rules.HN-03-2]\nstep = "x"\n', encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["--log-level", "error", "check", TYPICAL, "--no-entry-points", "--tailoring", str(path)])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert f"{path}:3:8: 错误：规则 HN-03-2：step（每项分值）应为数字" in err and "Traceback" not in err


def test_the_local_norms_example_adds_the_staffing_ratio_to_hunan_2020_as_a_dated_duty(standards):
    from tests.plugins.conftest import ROOT
    from tests.helpers import with_facts

    example = ROOT / "plugins" / "localnorms" / "examples" / "hunan-2020-staffing.toml"
    tailored = parse_text(str(example), example.read_text(encoding="utf-8"), standards)[1]
    unit = {"level": "县市区", "standard": "hunan-2020", "name": "某县"}
    as_of = dt.date(2026, 11, 24)
    for staff, status in ((193, COMPLIANT), (192, OVERDUE)):    # 386000 × 5 ÷ 10000 = 193
        facts = with_facts(tailored, {"patrol.population": 386000, "patrol.enforcement_staff": staff})
        result = evaluate(unit, facts, tailored, as_of=as_of)
        found = finding(result, "LN-STAFF-HN")
        assert (found.status, found.points, found.due) == (status, 0, dt.date(2020, 12, 31))
    base = evaluate(unit, with_facts(standards["hunan-2020"], {}), standards["hunan-2020"], as_of=as_of)
    assert result.total == base.total        # the Hunan score is unchanged


def test_an_added_ratio_needs_its_ratio(standards):
    body = ADD.replace('shape = "flag"', 'shape = "at_least_per"\nper_fact = { key = "population", kind = "count", label = "人口" }') \
              .replace('kind = "bool"', 'kind = "count"').replace("points = 1", "per = [5]")
    with pytest.raises(InvalidTailoring) as info:
        parse_text("t.toml", textwrap.dedent(body), standards)
    assert "per 应为 [分子, 分母]" in info.value.errors[0].message


def test_shortening_the_cycle_of_a_recurring_duty(standards):
    tailored = tailor(standards, 'standard = "henan-2021"\n[rules.HEN-24-2a]\nmonths = 24\n')
    facts = {"capacity": {"senior_cadres": 2, "senior_cadre_training_last": dt.date(2024, 11, 1)}}
    found = next(f for f in evaluate({"level": "省辖市"}, facts, tailored, as_of=dt.date(2026, 11, 24)).findings
                 if f.rule.code == "HEN-24-2a")
    assert (found.status, found.due) == (OVERDUE, dt.date(2026, 11, 1))    # 2024-11-01 + 24 months
