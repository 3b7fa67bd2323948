"""A duty done after its deadline is 逾期完成 (``met_late``) in every output, not 已落实 with the
lateness hidden in a note (issue 22, seed 001: 豫建执法〔2021〕152号 方案 二（三）6, "2022年6月底前出台监督考核
办法和有关标准"). The bundled Henan city profile records it done on 2022-09-01, 63 days late.

What each output must say is written out here from the seed's dates, not taken from the code's tables:
late is a warning (SARIF ``warning``, GitLab ``minor``, GitHub ``::warning``), never a failure (JUnit and
TAP pass, the exit code is 0 without a policy), never a gap (it is done: the plan closes its item), and
it ranks a unit behind an otherwise equal unit that met every deadline.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.ci.conftest import run
from tests.helpers import PROFILES

HENAN = PROFILES / "henan-city.toml"
AS_OF = "2026-11-24"
LATE_NOTE = "已完成，但晚于完成时限 2022-06-30 63 天"   # 2022-06-30 → 2022-09-01

pytestmark = pytest.mark.usefixtures("installed_packs")


def check(capsys, *argv, profiles=(HENAN,)):
    return run(capsys, "check", *map(str, profiles), "--as-of", AS_OF, *argv)


def on_time(tmp_path, name="乙市城市管理局"):
    """The same city, with the 监督考核办法 issued on the last day allowed (2022-06-30 is still on time)."""
    path = tmp_path / "on-time.toml"
    path.write_text(HENAN.read_text(encoding="utf-8")
                    .replace("assessment_measures_on = 2022-09-01", "assessment_measures_on = 2022-06-30")
                    .replace('name = "某市城市管理局"', f'name = "{name}"'), encoding="utf-8")
    return path


def findings(out: str) -> dict[str, dict]:
    (profile,) = json.loads(out)["profiles"]
    return {f["code"]: f for a in profile["areas"] for f in a["findings"]}


def test_json_says_met_late_with_the_days_and_the_last_day_itself_is_on_time(capsys, tmp_path):
    late = findings(check(capsys, "--format", "json")[1])["HEN-23-6"]
    assert (late["status"], late["note"], late["due"]) == ("met_late", LATE_NOTE, "2022-06-30")
    in_time = findings(check(capsys, "--format", "json", profiles=(on_time(tmp_path),))[1])["HEN-23-6"]
    assert (in_time["status"], in_time["note"]) == ("compliant", "")


def test_the_text_report_counts_it_apart_and_lists_it_under_its_own_heading(capsys):
    code, out, _ = check(capsys)
    assert code == 0
    assert "逾期完成 1，未到期 0，已落实 19" in out
    section = out[out.index("逾期完成（1 项）"):]
    assert section.splitlines()[1] == "[HEN-23-6] 监督考核办法  完成时限 2022-06-30"
    assert f"说明：{LATE_NOTE}" in section
    table = out[out.index("区域"):out.index("共 24 项")].splitlines()
    assert [line for line in table if len(line.encode("gbk")) > 80] == []   # fits 80 columns of a GBK console


def test_ci_formats_warn_and_never_fail_on_a_late_completion(capsys):
    sarif = json.loads(check(capsys, "--format", "sarif")[1])
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "HEN-23-6")
    assert result["level"] == "warning" and "逾期完成" in result["message"]["text"]
    github = check(capsys, "--format", "github")[1]
    assert re.search(r"^::warning file=[^,]+,line=\d+,col=1,title=HEN-23-6 监督考核办法::逾期完成：", github, re.M)
    gitlab = {i["check_name"]: i["severity"] for i in json.loads(check(capsys, "--format", "gitlab")[1])}
    assert gitlab["HEN-23-6"] == "minor"

    from junitparser import Failure, JUnitXml, Skipped

    xml = JUnitXml.fromstring(check(capsys, "--format", "junit")[1].encode("utf-8"))
    case = next(c for s in xml for c in s if c.name.startswith("HEN-23-6 "))
    assert not any(isinstance(r, (Failure, Skipped)) for r in case.result)
    assert case.system_out.startswith("逾期完成：" + LATE_NOTE)
    markdown = check(capsys, "--format", "markdown")[1]
    assert "**逾期完成事项（1 项）**" in markdown
    assert f"| HEN-23-6 监督考核办法 | 2022-06-30 | {LATE_NOTE} |" in markdown


def test_a_late_completion_ranks_a_unit_behind_an_otherwise_equal_one(capsys, tmp_path):
    doc = json.loads(check(capsys, "--format", "json", profiles=(HENAN, on_time(tmp_path)))[1])
    assert [(r["rank"], r["unit"], r["duties"]["met_late"]) for r in doc["ranking"]] == [
        (1, "乙市城市管理局", 0), (2, "某市城市管理局", 1)]
    table = check(capsys, profiles=(HENAN, on_time(tmp_path)))[1].splitlines()
    assert table[1].split() == ["名次", "单位", "逾期", "未落实", "即将到期", "逾期完成", "状态"]
    assert table[3].split()[:6] == ["2", "某市城市管理局", "1", "1", "2", "1"]


def test_a_gate_on_overdue_duties_does_not_count_a_late_completion(capsys, tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text("max_overdue = 2\n", encoding="utf-8")   # HEN-23-2 overdue + HEN-24-3 not met
    code, out, _ = check(capsys, "--policy", str(policy))
    assert code == 0, out


def test_the_plan_closes_the_gap_of_a_duty_done_late(capsys, tmp_path):
    profile = tmp_path / "city.toml"
    profile.write_text(HENAN.read_text(encoding="utf-8").replace("assessment_office = true", "assessment_office = false"),
                       encoding="utf-8")
    assert run(capsys, "plan", str(profile), "--as-of", AS_OF, "--format", "json")[0] == 0
    plan_file = tmp_path / "city.plan.toml"
    assert 'rule = "HEN-23-6"' in plan_file.read_text(encoding="utf-8")
    profile.write_text(profile.read_text(encoding="utf-8").replace("assessment_office = false", "assessment_office = true"),
                       encoding="utf-8")
    code, out, _ = run(capsys, "plan", str(profile), "--as-of", "2026-11-30", "--format", "json")
    assert code == 0
    items = {i["rule"]: i for i in json.loads(out)["items"]}
    assert items["HEN-23-6"]["gap_closed"] == "2026-11-30"
