"""Policy gates: each passes at its threshold and fails just beyond it, saying which gate and by how
much; a bad policy file is invalid input with line and column; exit codes combine as documented."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.ci.conftest import CITY, COMPLIANT, INCOMPLETE, TYPICAL, copy_profile, run
from ucm_check.engine import host as host_module
from ucm_check.engine.host import DEFAULT_PLUGINS


def policy(tmp_path, text: str):
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def gates(capsys, *argv):
    code, out, err = run(capsys, "check", *argv, "--format", "json")
    return code, json.loads(out)["gates"], err


def test_min_total_passes_at_the_threshold_and_fails_just_above_it(capsys, tmp_path):
    assert gates(capsys, str(TYPICAL), "--policy", policy(tmp_path, "min_total = 86.2"))[0] == 0
    code, found, err = gates(capsys, str(TYPICAL), "--policy", policy(tmp_path, "min_total = 86.3"))
    assert code == 1
    assert found == [{"file": str(TYPICAL), "gate": "min_total", "threshold": 86.3, "value": 86.2, "passed": False,
                      "shortfall": 0.1, "message": "未通过门槛 min_total（最低总分）：总分 86.2 低于要求的 86.3（差 0.1 分）"}]
    assert f"{TYPICAL}: 未通过门槛 min_total（最低总分）" in err


def test_min_total_judges_an_incomplete_profile_by_its_lowest_possible_total(capsys, tmp_path):
    code, found, _ = gates(capsys, str(INCOMPLETE), "--policy", policy(tmp_path, "min_total = 60"))
    assert code == 1 and found[0]["value"] == 32 and "评价不完整，最低可能得分 32" in found[0]["message"]


def test_min_area_fails_by_the_points_missing_in_that_area(capsys, tmp_path):
    # 三 统一执法人员着装: 4 - 1.4 = 2.6
    assert gates(capsys, str(TYPICAL), "--policy", policy(tmp_path, "[min_area]\nuniform = 2.6\n"))[0] == 0
    code, found, _ = gates(capsys, str(TYPICAL), "--policy", policy(tmp_path, "[min_area]\nuniform = 3\n"))
    assert code == 1 and found[0]["area"] == "uniform" and found[0]["shortfall"] == 0.4
    assert "三 统一执法人员着装" in found[0]["message"] and "差 0.4 分" in found[0]["message"]


def test_min_area_counts_unanswered_rules_at_their_worst(capsys, tmp_path):
    # the incomplete county lost 2 on HN-01-2 and left HN-01-3 (up to 4 points) unanswered: 8 - 2 - 4 = 2
    assert gates(capsys, str(INCOMPLETE), "--policy", policy(tmp_path, "[min_area]\nparty = 2\n"))[0] == 0
    code, found, _ = gates(capsys, str(INCOMPLETE), "--policy", policy(tmp_path, "[min_area]\nparty = 2.1\n"))
    assert code == 1 and found[0]["value"] == 2 and "含未填写项按最不利计" in found[0]["message"]


def test_a_veto_rule_fails_the_run_whatever_the_total(capsys, tmp_path):
    text = "veto = [\"HN-06-4\"]\nmin_total = 50\n"
    code, found, err = gates(capsys, str(TYPICAL), "--policy", policy(tmp_path, text))
    veto = next(g for g in found if g["gate"] == "veto")
    assert code == 1 and veto["rules"] == ["HN-06-4"] and veto["value"] == 1
    assert "一票否决" in err and "HN-06-4 持执法证率（扣 3 分）" in err
    assert gates(capsys, str(COMPLIANT), "--policy", policy(tmp_path, text))[0] == 0


def test_a_veto_pattern_matches_rule_codes_and_an_unanswered_veto_rule_fails_too(capsys, tmp_path):
    code, found, _ = gates(capsys, str(INCOMPLETE), "--policy", policy(tmp_path, 'veto = ["HN-01-*"]'))
    assert code == 1 and found[0]["rules"] == ["HN-01-2", "HN-01-3"] and "未填写" in found[0]["message"]


def test_max_unanswered_passes_at_the_limit_and_fails_one_above(capsys, tmp_path):
    _, doc, _ = run(capsys, "check", str(INCOMPLETE), "--format", "json")
    n = json.loads(doc)["profiles"][0]["completeness"]["unanswered"]
    assert gates(capsys, str(INCOMPLETE), "--policy", policy(tmp_path, f"max_unanswered = {n}"))[0] == 0
    code, found, _ = gates(capsys, str(INCOMPLETE), "--policy", policy(tmp_path, f"max_unanswered = {n - 1}"))
    assert code == 1 and found[0]["shortfall"] == 1 and "超出 1 项" in found[0]["message"]


def test_evidence_required_fails_for_compliance_claims_without_evidence(capsys, tmp_path):
    text = 'evidence_required = ["HN-01-1", "HN-06-4"]'
    profile = copy_profile(tmp_path, extra='\n[evidence]\nHN-01-1 = ["佐证/批复.pdf"]\n')
    assert gates(capsys, str(profile), "--policy", policy(tmp_path, text))[0] == 0  # HN-06-4 is a gap, not a claim
    bare = copy_profile(tmp_path, name="bare.toml")
    code, found, _ = gates(capsys, str(bare), "--policy", policy(tmp_path, text))
    assert code == 1 and found[0]["gate"] == "evidence" and found[0]["rules"] == ["HN-01-1"]


def _plan(tmp_path, profile, deadline: str) -> None:
    from ucm_check.plan import plan_path_for

    plan_path_for(profile).write_text(
        '[plan]\nprofile = "county.toml"\nunit = "某县"\nstandard = "hunan-2020"\n\n'
        f'[[items]]\nid = "HN-06-4"\nproblem = "持证率 93.8%"\nrule = "HN-06-4"\ndeadline = {deadline}\nstatus = "整改中"\n',
        encoding="utf-8")


def test_max_overdue_counts_open_items_past_their_deadline_as_of_the_given_date(capsys, tmp_path):
    profile = copy_profile(tmp_path)
    _plan(tmp_path, profile, "2026-06-30")
    gate = policy(tmp_path, "max_overdue = 0")
    assert gates(capsys, str(profile), "--policy", gate, "--as-of", "2026-06-30")[0] == 0
    code, found, err = gates(capsys, str(profile), "--policy", gate, "--as-of", "2026-07-01")
    assert code == 1 and found[0]["gate"] == "max_overdue" and found[0]["rules"] == ["HN-06-4"]
    assert "1 项整改逾期（HN-06-4）" in err and "超出 1 项" in err


def test_an_invalid_plan_makes_the_profile_invalid_input(capsys, tmp_path):
    profile = copy_profile(tmp_path)
    _plan(tmp_path, profile, '"明天"')
    code, out, err = run(capsys, "check", str(profile), "--policy", policy(tmp_path, "max_overdue = 0"), "--format", "json")
    assert code == 2 and "county.plan.toml" in err
    assert json.loads(out)["profiles"][0]["errors"][0]["file"].endswith("county.plan.toml")


@pytest.mark.parametrize("text, where, message", [
    ("min_totl = 80\n", "1:1", "未知字段 “min_totl”，是否想写 “min_total”？"),
    ("min_total = \"八十\"\n", "1:13", "min_total（最低总分）应为不小于 0 的数字"),
    ("max_unanswered = 1.5\n", "1:18", "应为不小于 0 的整数"),
    ("veto = [\"HN-99-1\"]\n", "1:8", "“HN-99-1” 不匹配任何规则编号"),
    ("[min_area]\nparty = 9\n", "2:9", "超过该区域满分 8"),
    ("[min_area]\nparti = 1\n", "2:1", "“parti” 不是区域编号，是否想写 “party”？"),
    ("min_total = \n", "1:13", "TOML 语法错误"),
])
def test_a_bad_policy_file_is_invalid_input_with_line_and_column(capsys, tmp_path, text, where, message):
    path = policy(tmp_path, text)
    code, out, err = run(capsys, "check", str(TYPICAL), "--policy", path)
    assert code == 2 and out == ""
    assert f"{path}:{where}: 错误：" in err and message in err


def test_invalid_input_outranks_a_failed_gate(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[unit\n", encoding="utf-8")
    assert run(capsys, "check", str(TYPICAL), str(bad), "--min-score", "99")[0] == 2


def test_a_failed_plugin_outranks_a_failed_gate_and_the_rest_is_still_reported(capsys, tmp_path, monkeypatch):
    (tmp_path / "ucmtest_ci_broken.py").write_text("raise ImportError('坏插件')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(host_module, "DEFAULT_PLUGINS", (*DEFAULT_PLUGINS, "ucmtest_ci_broken"))
    code, out, err = run(capsys, "check", str(TYPICAL), str(CITY), "--min-score", "99", "--format", "sarif", "--no-entry-points")
    assert code == 3 and "ucmtest_ci_broken" in err
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 3
    assert "ucmtest_ci_broken" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_every_gate_passing_exits_0(capsys, tmp_path):
    text = 'min_total = 100\nmax_unanswered = 0\nveto = ["HN-06-*"]\n[min_area]\ndiscipline = 15\n'
    code, found, _ = gates(capsys, str(COMPLIANT), "--policy", policy(tmp_path, text), "--as-of", str(dt.date(2026, 11, 24)))
    assert code == 0 and {g["gate"] for g in found} == {"min_total", "max_unanswered", "veto", "min_area"}
    assert all(g["passed"] and g["shortfall"] == 0 and g["message"] == "" for g in found)


def test_a_bug_in_ucm_check_exits_4_with_a_chinese_message_and_no_traceback(capsys, monkeypatch):
    import ucm_check.ci.batch

    def broken(*args, **kwargs):
        raise RuntimeError("行汇总出错")

    monkeypatch.setattr(ucm_check.ci.batch, "row_for", broken)
    code, _, err = run(capsys, "check", str(TYPICAL), "--format", "junit")
    assert code == 4 and "内部错误：RuntimeError: 行汇总出错" in err and "Traceback" not in err
