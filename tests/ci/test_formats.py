"""Every report format, parsed back: JUnit XML, SARIF, GitHub workflow commands, GitLab Code
Quality, Markdown, TAP, and ``--output`` writing one of them while the console keeps the text."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.ci.conftest import CITY, COMPLIANT, INCOMPLETE, TYPICAL, run
from ucm_check.ci.outcome import ERROR, NOTE, WARNING, Issue, repo_path
from ucm_check.ci.formats import github


def line_of(path, number: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[number - 1]


def test_junit_has_a_failure_per_deduction_a_skip_per_unanswered_rule_and_an_error_per_invalid_file(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[unit\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(TYPICAL), str(INCOMPLETE), str(bad), "--format", "junit", "--min-score", "90")
    assert code == 2
    root = ET.fromstring(out)
    typical, incomplete, broken = root.findall("testsuite")
    assert typical.get("name") == str(TYPICAL)
    failures = [c.get("name") for c in typical.iter("testcase") if c.find("failure") is not None]
    assert len(failures) == 17 + 1 and "门槛 min_score：最低分（--min-score）" in failures
    assert typical.get("failures") == "18" and typical.get("tests") == str(len(typical.findall("testcase")))
    dress = next(c for c in typical.iter("testcase") if c.get("name").startswith("HN-03-2"))
    assert dress.find("failure").get("message") == "扣 1.4 分：发现着装不规范的起数：7起"
    assert int(incomplete.get("skipped")) == sum(1 for c in incomplete.iter("testcase") if c.find("skipped") is not None) > 0
    assert broken.find("testcase/error").get("type") == "invalid" and "语法错误" in broken.find("testcase/error").text


def test_junit_escapes_markup_in_text(capsys, tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(TYPICAL.read_text(encoding="utf-8").replace('name = "某县', 'name = "<&某县\\"'), encoding="utf-8")
    _, out, _ = run(capsys, "check", str(path), "--format", "junit")
    props = {p.get("name"): p.get("value") for p in ET.fromstring(out).iter("property")}
    assert props["unit"].startswith('<&某县"') and props["total"] == "86.2"


def test_sarif_results_point_at_the_line_of_the_offending_key(capsys):
    _, out, _ = run(capsys, "check", str(TYPICAL), "--format", "sarif")
    doc = json.loads(out)
    assert doc["version"] == "2.1.0"
    sarif_run = doc["runs"][0]
    rules = sarif_run["tool"]["driver"]["rules"]
    results = {r["ruleId"]: r for r in sarif_run["results"]}
    cert = results["HN-06-4"]
    assert rules[cert["ruleIndex"]]["id"] == "HN-06-4" and cert["level"] == "warning"
    region = cert["locations"][0]["physicalLocation"]["region"]
    assert line_of(TYPICAL, region["startLine"]).startswith("certificate_rate = 93.8")
    assert cert["properties"]["points"] == 3
    assert len(sarif_run["results"]) == 17 and sarif_run["invocations"][0]["executionSuccessful"] is True


def test_sarif_marks_unanswered_rules_as_notes_at_their_table(capsys):
    _, out, _ = run(capsys, "check", str(INCOMPLETE), "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    plan = next(r for r in results if r["ruleId"] == "HN-01-3")
    assert plan["level"] == "note"
    line = plan["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert line_of(INCOMPLETE, line) == "[party]"


def test_sarif_uris_are_relative_and_percent_encoded(capsys, tmp_path, monkeypatch):
    folder = tmp_path / "湖南 县"
    folder.mkdir()
    (folder / "档案.toml").write_text(TYPICAL.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "check", "湖南 县/档案.toml", "--format", "sarif")
    uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E6%B9%96%E5%8D%97%20%E5%8E%BF/%E6%A1%A3%E6%A1%88.toml"


def test_github_commands_escape_percent_cr_lf_and_property_delimiters():
    issue = Issue(ERROR, "HN-1", "a:b,c", "100% 完成\r\n第二行", "dir/a,b:c.toml", 7, 3)
    assert github.command(issue) == (
        "::error file=dir/a%2Cb%3Ac.toml,line=7,col=3,title=HN-1 a%3Ab%2Cc::100%25 完成%0D%0A第二行")


def test_github_shows_the_ten_worst_of_each_severity_and_puts_the_rest_in_the_step_summary(capsys, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run(capsys, "check", str(TYPICAL), str(INCOMPLETE), str(CITY), "--format", "github", "--min-score", "90")
    assert code == 1
    commands = out.splitlines()
    kinds = [c.split(" ", 1)[0] for c in commands]
    assert kinds.count("::error") == 2 and kinds.count("::warning") == 10 and kinds.count("::notice") == 10
    assert kinds == sorted(kinds, key=["::error", "::warning", "::notice"].index)
    points = [float(re.search(r"::扣 ([\d.]+) 分", c).group(1)) for c in commands if c.startswith("::warning")]
    assert points == sorted(points, reverse=True) and points[0] == 3
    first = commands[2]
    assert first.startswith(f"::warning file={repo_path(str(TYPICAL))},line=58,col=1,title=HN-06-4 持执法证率::")
    text = summary.read_text(encoding="utf-8")
    rest = re.findall(r"^\| (warning|notice) \|", text, re.M)
    doc = json.loads(run(capsys, "check", str(TYPICAL), str(INCOMPLETE), str(CITY), "--format", "json")[1])
    deductions = sum(len(p["gaps"]) for p in doc["profiles"])
    unanswered = sum(p["completeness"]["unanswered"] for p in doc["profiles"])
    assert rest.count("warning") == deductions - 10 and rest.count("notice") == unanswered - 10
    assert "排名汇总" in text and "未作为注释显示的问题" in text


def test_github_without_a_step_summary_lists_the_rest_on_stdout(capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    _, out, _ = run(capsys, "check", str(TYPICAL), str(CITY), "--format", "github")
    assert "超出注释上限" in out and re.search(r"^\S+\.toml:\d+:\d+: warning: HN-", out, re.M)


def test_github_split_keeps_order_and_limits_each_severity():
    issues = [Issue(WARNING, f"W{i}", "", "", "f", points=i) for i in range(12)] + [Issue(NOTE, "N", "", "", "f")]
    shown, rest = github.split(issues, limit=10)
    assert [i.code for i in shown][:2] == ["W11", "W10"] and len(shown) == 11
    assert [i.code for i in rest] == ["W1", "W0"]


def test_gitlab_code_quality_issues_have_unique_fingerprints_severities_and_lines(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[unit\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(TYPICAL), str(INCOMPLETE), str(bad), "--format", "gitlab")
    issues = json.loads(out)
    assert all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by_check = {(i["location"]["path"], i["check_name"]): i for i in issues}
    typical, incomplete, broken = (repo_path(str(p)) for p in (TYPICAL, INCOMPLETE, bad))
    cert = by_check[(typical, "HN-06-4")]
    assert cert["severity"] == "major" and cert["location"]["lines"]["begin"] == 58
    assert by_check[(typical, "HN-03-2")]["severity"] == "minor"
    assert by_check[(broken, "UCM-INVALID")]["severity"] == "blocker"
    assert by_check[(incomplete, "HN-01-3")]["severity"] == "info"


def test_gitlab_fingerprints_are_stable_between_runs(capsys):
    first = run(capsys, "check", str(TYPICAL), "--format", "gitlab")[1]
    assert first == run(capsys, "check", str(TYPICAL), "--format", "gitlab")[1]


def test_markdown_has_the_ranking_then_a_section_per_profile_with_escaped_cells(capsys, tmp_path):
    path = tmp_path / "pipe.toml"
    path.write_text(TYPICAL.read_text(encoding="utf-8").replace('name = "某县', 'name = "A|B某县'), encoding="utf-8")
    _, out, _ = run(capsys, "check", str(path), str(COMPLIANT), "--format", "markdown")
    assert out.index("### 排名汇总") < out.index("## ✅ A\\|B某县")
    row = next(line for line in out.splitlines() if line.startswith("| 2 |"))
    assert row.count(" | ") == len(next(line for line in out.splitlines() if line.startswith("| 名次")).split(" | ")) - 1
    assert "| HN-03-2 执法着装规范 | 1.4 |" in out


def test_tap_has_a_point_per_profile_and_the_plan_at_the_end(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[unit\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(TYPICAL), str(bad), str(COMPLIANT), "--format", "tap", "--min-score", "90")
    lines = out.splitlines()
    assert lines[0] == "TAP version 14" and lines[-1] == "1..3"
    points = [line for line in lines if re.match(r"^(not )?ok \d+ - ", line)]
    assert [p.split(" - ")[0] for p in points] == ["not ok 1", "not ok 2", "ok 3"]
    assert "总分 86.2" in points[0] and '    - "未通过门槛 --min-score：总分 86.2 低于要求的 90（差 3.8 分）"' in lines
    assert lines.count("  ---") == lines.count("  ...") == 3 and code == 2


def test_output_writes_the_format_to_a_file_while_the_console_keeps_the_text_report(capsys, tmp_path):
    target = tmp_path / "report.sarif"
    code, out, _ = run(capsys, "check", str(TYPICAL), "--output", str(target))
    assert code == 0 and "总分 86.2" in out
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    junit = tmp_path / "r.out"
    run(capsys, "check", str(TYPICAL), "--format", "junit", "--output", str(junit))
    assert ET.parse(junit).getroot().tag == "testsuites"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ucm-")] == []


@pytest.mark.parametrize("argv, message", [
    (["--output", "r.txt"], "无法从 “r.txt” 的扩展名判断格式"),
    (["--format", "text", "--output", "r.json"], "--output 需要 text 以外的格式"),
])
def test_output_without_a_usable_format_is_a_usage_error(capsys, tmp_path, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", str(TYPICAL), *argv)
    assert code == 2 and message in err and list(tmp_path.iterdir()) == []


def test_pretty_json_is_the_same_document_as_compact_json(capsys):
    import datetime as dt
    import io

    from ucm_check.ci.batch import outcomes

    from ucm_check.engine.host import build_host
    from ucm_check.ci.formats.json import Writer
    from ucm_check.ci.formats.summary import Run

    host = build_host(entry_points=False)
    docs = []
    for pretty in (True, False):
        buf = io.StringIO()
        report = Run(dt.date(2026, 11, 24))
        w = Writer(buf, report, pretty=pretty)
        for o in outcomes([str(TYPICAL), str(CITY)], host, as_of=report.as_of, policy=None):
            report.rows.append(o.row)
            w.add(o)
        w.finish(report)
        docs.append(buf.getvalue())
    assert docs[0] != docs[1] and json.loads(docs[0]) == json.loads(docs[1])
    assert json.loads(docs[0])["as_of"] == "2026-11-24"


SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def sarif_errors(doc) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft7Validator(SARIF_SCHEMA)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_sarif_validates_against_the_sarif_2_1_0_schema_for_gaps_unanswered_rules_gates_and_invalid_files(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[unit\n", encoding="utf-8")
    policy = tmp_path / "policy.toml"
    policy.write_text('min_total = 99\nveto = ["HN-06-4"]\n[min_area]\nparty = 8\n', encoding="utf-8")
    _, out, _ = run(capsys, "check", str(TYPICAL), str(INCOMPLETE), str(CITY), str(bad), "--policy", str(policy), "--format", "sarif")
    doc = json.loads(out)
    assert sarif_errors(doc) == []
    ids = {r["ruleId"] for r in doc["runs"][0]["results"]}
    assert {"UCM-INVALID", "UCM-GATE-MIN-TOTAL", "UCM-GATE-MIN-AREA", "HN-06-4", "HN-01-3"} <= ids


def test_the_schema_check_would_catch_a_result_without_a_message(capsys):
    doc = json.loads(run(capsys, "check", str(TYPICAL), "--format", "sarif")[1])
    del doc["runs"][0]["results"][0]["message"]
    doc["runs"][0]["results"][1]["level"] = "fatal"
    assert len(sarif_errors(doc)) == 2


def test_an_output_file_that_cannot_be_written_is_invalid_input_and_stdout_still_works(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(TYPICAL), "--output", str(tmp_path / "no" / "such" / "r.sarif"))
    assert code == 2 and "无法写入 --output" in err and out == ""
    assert "总分 86.2" in run(capsys, "check", str(TYPICAL))[1]


def test_ci_paths_are_relative_to_the_checkout_when_inside_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert repo_path(str(tmp_path / "subs" / "a.toml")) == "subs/a.toml"
    assert repo_path("./subs/a.toml") == "subs/a.toml"
    outside = str(tmp_path.parent / "x.toml")
    assert repo_path(outside) == outside


def test_an_output_file_gets_ordinary_permissions_and_keeps_those_of_the_file_it_replaces(capsys, tmp_path):
    import os
    import stat

    target = tmp_path / "r.json"
    old = os.umask(0o022)
    try:
        run(capsys, "check", str(TYPICAL), "--output", str(target))
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o640)
        run(capsys, "check", str(TYPICAL), "--output", str(target))
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    finally:
        os.umask(old)
