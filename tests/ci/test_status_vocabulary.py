"""One status vocabulary in every output and gate: overdue and unmet dated duties fail, a duty due
soon warns, pending and met duties pass — in SARIF, JUnit, GitLab, GitHub, TAP, Markdown, the
ranking and the policy gates. Driven through the CLI with the Henan and local-norms example
profiles as of a fixed day; a Hunan profile keeps its own results."""

from __future__ import annotations

import json
import re

import pytest

from tests.ci.conftest import INCOMPLETE, TYPICAL, run
from tests.ci.test_formats import sarif_errors
from tests.helpers import PROFILES

HENAN = PROFILES / "henan-city.toml"
LOCAL = PROFILES / "localnorms-county.toml"
AS_OF = "2026-12-01"
#: What each status must become, written out here independently of the code's table.
SARIF = {"overdue": "error", "not_met": "error", "due_soon": "warning", "met_late": "warning"}
GITLAB = {"overdue": "critical", "not_met": "critical", "due_soon": "minor", "met_late": "minor"}
JUNIT = {"overdue": "failure", "not_met": "failure", "due_soon": None, "pending": None, "compliant": None,
         "met_late": None}

pytestmark = pytest.mark.usefixtures("installed_packs")


def check(capsys, *argv, profiles=(HENAN, LOCAL), as_of=AS_OF):
    return run(capsys, "check", *map(str, profiles), "--as-of", as_of, *argv)


def statuses(capsys, profiles=(HENAN, LOCAL), as_of=AS_OF) -> dict[str, str]:
    doc = json.loads(check(capsys, "--format", "json", profiles=profiles, as_of=as_of)[1])
    return {f["code"]: f["status"] for p in doc["profiles"] for a in p["areas"] for f in a["findings"]}


@pytest.fixture
def truth(capsys):
    found = statuses(capsys)
    # as the issue found them on 2026-12-01: one overdue, one not met and two due soon in Henan
    assert found["HEN-23-2"] == "overdue" and found["HEN-24-3"] == "not_met"
    assert found["HEN-24-2a"] == found["HEN-00-1"] == "due_soon"
    assert found["HEN-23-6"] == "met_late"   # 2022年6月底前 出台监督考核办法, done 2022-09-01
    assert found["LN-STAFF-1"] == "overdue" and found["LN-1010"] == "not_met"
    return found


def test_sarif_reports_failed_duties_as_errors_and_due_soon_as_warnings_with_the_deadline(capsys, truth):
    code, out, _ = check(capsys, "--format", "sarif")
    doc = json.loads(out)
    assert code == 0 and sarif_errors(doc) == []
    results = {r["ruleId"]: r for r in doc["runs"][0]["results"]}
    expected = {c: SARIF[s] for c, s in truth.items() if s in SARIF}
    assert {c: r["level"] for c, r in results.items()} == expected
    assert "完成时限 2022-12-31，已逾期 1431 天" in results["HEN-23-2"]["message"]["text"]
    assert "2026-12-10" in results["HEN-24-2a"]["message"]["text"]


def test_junit_fails_overdue_and_unmet_duties_with_their_type_and_passes_the_rest(capsys, truth):
    from junitparser import Failure, JUnitXml, Skipped

    _, out, _ = check(capsys, "--format", "junit")
    xml = JUnitXml.fromstring(out.encode("utf-8"))
    seen = {}
    for suite in xml:
        for case in suite:
            code = case.name.split(" ")[0]
            results = case.result
            seen[code] = results[0] if results else None
    for code, status in truth.items():
        result = seen[code]
        if JUNIT.get(status) == "failure":
            assert isinstance(result, Failure) and result.type == status, code
        elif status in JUNIT:
            assert result is None or not isinstance(result, (Failure, Skipped)), code
    assert xml.failures == sum(1 for s in truth.values() if s in ("overdue", "not_met"))
    assert xml.tests == len(truth)


def test_gitlab_severities_follow_the_statuses_and_categories_are_code_climate_ones(capsys, truth):
    issues = json.loads(check(capsys, "--format", "gitlab")[1])
    assert {i["check_name"]: i["severity"] for i in issues} == {c: GITLAB[s] for c, s in truth.items() if s in GITLAB}
    assert {c for i in issues for c in i["categories"]} <= {
        "Bug Risk", "Clarity", "Compatibility", "Complexity", "Duplication", "Performance", "Security", "Style"}


def test_github_annotates_failed_duties_as_errors_first(capsys, truth, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    out = check(capsys, "--format", "github")[1]
    found = dict(re.findall(r"^::(\w+) file=[^,]+,line=\d+,col=\d+,title=(\S+) ", out, re.M))
    want = {c: {"error": "error", "warning": "warning"}[SARIF[s]] for c, s in truth.items() if s in SARIF}
    assert {code: kind for kind, code in re.findall(r"^::(\w+) .*?title=(\S+) ", out, re.M)} == want
    assert found and out.startswith("::error")


def test_tap_points_are_not_ok_when_a_duty_failed_and_name_the_deadline(capsys, truth):
    out = check(capsys, "--format", "tap")[1]
    points = re.findall(r"^(ok|not ok) \d+ - (.*)$", out, re.M)
    assert [p[0] for p in points] == ["not ok", "not ok"]
    assert "逾期 1 项、未落实 1 项、即将到期 2 项" in points[0][1] and "总分" not in out
    assert '"HEN-23-2 执法人员管理信息子系统 逾期：完成时限 2022-12-31，已逾期 1431 天"' in out
    assert "扣 0 分" not in out


def test_tap_point_is_ok_when_every_duty_is_met_or_only_due_soon(capsys, tmp_path):
    text = HENAN.read_text(encoding="utf-8").replace("staff_subsystem = false", "staff_subsystem = true")
    text = text.replace("lawyers_engaged = false", "lawyers_engaged = true")
    path = tmp_path / "henan-fixed.toml"
    path.write_text(text, encoding="utf-8")
    out = check(capsys, "--format", "tap", profiles=(path,))[1]
    assert out.splitlines()[1].startswith("ok 1 - ") and "即将到期 2 项" in out


def test_markdown_marks_failed_duties_and_lists_each_with_its_status_and_deadline(capsys, truth):
    out = check(capsys, "--format", "markdown")[1]
    assert "## ❌ 某市城市管理局" in out and "## ❌ 某县城市管理综合行政执法局" in out
    assert "| HEN-23-2 执法人员管理信息子系统 | 逾期：完成时限 2022-12-31，已逾期 1431 天 | 2022-12-31 |" in out
    assert "| HEN-24-3 律师参与执法 | 未落实" in out and "| 长期 |" in out
    assert "扣 0 分" not in out and "总分 **0**" not in out and "| 通过 |" not in out


def test_the_ranking_counts_failed_duties_instead_of_a_total_of_zero(capsys, truth, tmp_path):
    fixed = tmp_path / "fixed.toml"
    fixed.write_text(HENAN.read_text(encoding="utf-8").replace("lawyers_engaged = false", "lawyers_engaged = true")
                     .replace('name = "某市城市管理局"', 'name = "乙市城市管理局"'), encoding="utf-8")
    out = check(capsys, profiles=(HENAN, fixed))[1]
    lines = out.splitlines()
    assert lines[0] == "排名汇总（henan-2021，省辖市，2 个单位，按逾期和未落实项从少到多）"
    assert lines[1].split() == ["名次", "单位", "逾期", "未落实", "即将到期", "逾期完成", "状态"]
    assert lines[2].split()[:5] == ["1", "乙市城市管理局", "1", "0", "2"]
    assert lines[3].split()[:5] == ["2", "某市城市管理局", "1", "1", "2"] and "通过" not in out
    doc = json.loads(check(capsys, "--format", "json", profiles=(HENAN, fixed))[1])
    assert [(r["rank"], r["unit"], r["duties"]) for r in doc["ranking"]] == [
        (1, "乙市城市管理局", {"overdue": 1, "not_met": 0, "due_soon": 2, "met_late": 1}),
        (2, "某市城市管理局", {"overdue": 1, "not_met": 1, "due_soon": 2, "met_late": 1})]


def test_pending_duties_pass_everywhere(capsys):
    found = statuses(capsys, profiles=(HENAN,), as_of="2022-06-01")
    assert found["HEN-23-2"] == "pending"
    sarif = json.loads(check(capsys, "--format", "sarif", profiles=(HENAN,), as_of="2022-06-01")[1])
    assert "HEN-23-2" not in {r["ruleId"] for r in sarif["runs"][0]["results"]}
    junit = check(capsys, "--format", "junit", profiles=(HENAN,), as_of="2022-06-01")[1]
    case = junit[junit.index('name="HEN-23-2'):]
    assert case.index("</testcase>") < case.index("<system-out>") + 200 and "<failure" not in case[:case.index("</testcase>")]


def policy(tmp_path, text: str) -> str:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_veto_on_the_dated_rules_fails_the_run_for_overdue_and_unmet_duties(capsys, tmp_path, truth):
    code, out, err = check(capsys, "--policy", policy(tmp_path, 'veto = ["HEN-*", "LN-*"]\n'), "--format", "json")
    assert code == 1
    gates = {g["file"]: g for g in json.loads(out)["gates"]}
    assert gates[str(HENAN)]["rules"] == ["HEN-23-2", "HEN-24-3"]
    assert set(gates[str(LOCAL)]["rules"]) == {c for c, s in truth.items() if c.startswith("LN-") and s in ("overdue", "not_met")}
    assert "HEN-23-2 执法人员管理信息子系统（逾期：完成时限 2022-12-31" in err


def test_a_veto_on_a_duty_that_is_only_due_soon_passes(capsys, tmp_path):
    code, _, err = check(capsys, "--policy", policy(tmp_path, 'veto = ["HEN-24-2a", "HEN-00-1"]\n'), profiles=(HENAN,))
    assert code == 0 and "未通过" not in err


def test_sarif_marks_a_vetoed_due_soon_duty_still_as_a_warning(capsys, tmp_path):
    out = check(capsys, "--policy", policy(tmp_path, 'veto = ["HEN-*"]\n'), "--format", "sarif", profiles=(HENAN,))[1]
    levels = {r["ruleId"]: r["level"] for r in json.loads(out)["runs"][0]["results"]}
    assert levels["HEN-24-2a"] == "warning" and levels["HEN-23-2"] == "error"


@pytest.mark.parametrize("limit, fails", [(0, True), (1, True), (2, False), (3, False)])
def test_max_overdue_counts_overdue_and_unmet_duties(capsys, tmp_path, limit, fails):
    code, out, err = check(capsys, "--policy", policy(tmp_path, f"max_overdue = {limit}\n"), "--format", "json", profiles=(HENAN,))
    gate = json.loads(out)["gates"][0]
    assert (code, gate["passed"], gate["value"]) == ((1, False, 2) if fails else (0, True, 2))
    if fails:
        assert "2 项逾期（HEN-23-2 逾期、HEN-24-3 未落实）" in err


def test_max_unanswered_counts_unanswered_duties(capsys, tmp_path):
    path = tmp_path / "henan-gap.toml"
    path.write_text(HENAN.read_text(encoding="utf-8").replace("lawyers_engaged = false\n", ""), encoding="utf-8")
    gate = policy(tmp_path, "max_unanswered = 0\n")
    code, _, err = check(capsys, "--policy", gate, profiles=(path,))
    assert code == 1 and "1 项未填写" in err
    assert check(capsys, "--policy", gate, profiles=(HENAN,))[0] == 0


@pytest.mark.parametrize("argv", [["--policy", "POLICY"], ["--min-score", "90"]])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_total_score_gate_on_a_standard_without_points_is_refused_as_invalid_input(capsys, tmp_path, argv, fmt):
    argv = [policy(tmp_path, 'name = "x"\nmin_total = 90\n') if a == "POLICY" else a for a in argv]
    code, out, err = check(capsys, *argv, "--format", fmt, profiles=(TYPICAL, HENAN))
    assert code == 2 and "总分 0" not in err + out
    assert "不能用于没有分值的标准 henan-2021" in err and "veto" in err and str(HENAN) in err
    if argv[0] == "--policy":
        assert f"{argv[1]}:2:1: 错误：min_total（最低总分）不能用于" in err
    if fmt == "json":  # still one document, saying why
        doc = json.loads(out)
        assert doc["exit_code"] == 2 and doc["profiles"] == []
        assert "不能用于没有分值的标准" in doc["policy"]["errors"][0]["message"]


def test_a_score_gate_still_applies_when_only_scored_profiles_are_checked(capsys, tmp_path):
    code, _, err = check(capsys, "--policy", policy(tmp_path, "min_total = 90\n"), profiles=(TYPICAL,))
    assert code == 1 and "总分 86.2 低于要求的 90" in err


def test_min_area_on_an_area_of_a_standard_without_points_is_refused_when_the_policy_loads(capsys, tmp_path):
    code, _, err = check(capsys, "--policy", policy(tmp_path, "[min_area]\nmanagement = 1\n"), profiles=(TYPICAL,))
    assert code == 2 and ":2:1: 错误：min_area.management（区域最低得分）不能用于没有分值的标准 henan-2021" in err


def test_a_hunan_profile_keeps_its_levels_and_tap_point(capsys):
    out = run(capsys, "check", str(TYPICAL), str(INCOMPLETE), "--format", "sarif")[1]
    levels = {r["level"] for r in json.loads(out)["runs"][0]["results"]}
    assert levels == {"warning", "note"}
    tap = run(capsys, "check", str(TYPICAL), "--format", "tap")[1]
    assert tap.splitlines()[1].startswith("ok 1 - ") and "扣 1.4 分" in tap
