"""The files we write for other programs, judged as those programs would: SARIF paths, help and
fingerprints as GitHub code scanning needs them, GitLab Code Quality fingerprints and fields as
Code Climate's spec has them, JUnit read by junitparser, Markdown that shows names literally."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.ci.conftest import INCOMPLETE, TYPICAL, run
from tests.ci.test_formats import sarif_errors

CODE_CLIMATE_CATEGORIES = {"Bug Risk", "Clarity", "Compatibility", "Complexity", "Duplication", "Performance",
                           "Security", "Style"}
CODE_CLIMATE_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git checkout holding profiles (a typical, an incomplete one) and a policy."""
    root = tmp_path / "repo"
    (root / "profiles").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "profiles" / "县.toml").write_text(TYPICAL.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "profiles" / "incomplete.toml").write_text(INCOMPLETE.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "policy.toml").write_text('min_total = 90\nmax_unanswered = 0\n[min_area]\nparty = 8\n', encoding="utf-8")
    return root


def sarif(capsys, *argv) -> dict:
    return json.loads(run(capsys, "check", *argv, "--format", "sarif")[1])


def artifacts(doc) -> list[dict]:
    return [loc["physicalLocation"]["artifactLocation"] for r in doc["runs"][0]["results"] for loc in r["locations"]]


def test_sarif_run_from_another_folder_names_files_relative_to_the_git_top_level(capsys, repo, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    doc = sarif(capsys, str(repo / "profiles"), "--policy", str(repo / "policy.toml"))
    found = {(a["uri"], a.get("uriBaseId")) for a in artifacts(doc)}
    assert found == {("profiles/%E5%8E%BF.toml", "%SRCROOT%"), ("profiles/incomplete.toml", "%SRCROOT%")}
    assert sarif_errors(doc) == []


def test_sarif_names_files_relative_to_the_ci_workspace_when_it_holds_them(capsys, repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo / "profiles"))
    uris = {a["uri"] for a in artifacts(sarif(capsys, str(repo / "profiles" / "incomplete.toml")))}
    assert uris == {"incomplete.toml"}


def test_a_file_outside_any_checkout_gets_an_absolute_uri_without_a_base(capsys, tmp_path, monkeypatch):
    outside = tmp_path / "loose" / "u.toml"
    outside.parent.mkdir()
    outside.write_text(TYPICAL.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    doc = sarif(capsys, str(outside))
    locations = artifacts(doc)
    assert all(a["uri"] == outside.as_uri() and "uriBaseId" not in a for a in locations)
    assert sarif_errors(doc) == []


def test_sarif_meets_the_github_code_scanning_rules(capsys, repo, monkeypatch):
    """GH1001/GH1003 location and region, GH1005 relative URIs, GH1007 formatted messages,
    SARIF2012 help on every rule, partialFingerprints on every result, GH1004 array limits."""
    monkeypatch.chdir(repo)
    bad = repo / "profiles" / "bad.toml"
    bad.write_text("[unit\n", encoding="utf-8")
    doc = sarif(capsys, "profiles", "--policy", "policy.toml")
    assert sarif_errors(doc) == []
    sarif_run = doc["runs"][0]
    rules = sarif_run["tool"]["driver"]["rules"]
    ids = {r["id"] for r in rules}
    assert {"UCM-INVALID", "UCM-GATE-MIN-TOTAL", "UCM-GATE-MIN-AREA", "UCM-GATE-MAX-UNANSWERED"} <= ids
    for rule in rules:
        assert rule["help"]["text"].strip() and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["name"] and not re.search(r"\s", rule["name"])
    results = sarif_run["results"]
    assert 0 < len(results) <= 25000 and len(rules) <= 25000
    for r in results:
        assert len(r["locations"]) == 1
        location = r["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert not re.match(r"^[a-z]+:", uri) and not uri.startswith("/")
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["region"]["startLine"] >= 1
        assert r["message"]["text"].strip() and "{0}" not in r["message"]["text"]
        assert r["partialFingerprints"]["ucmCheck/v1"]
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    keys = [(r["ruleId"], r["partialFingerprints"]["ucmCheck/v1"]) for r in results]
    assert len(set(keys)) == len(keys)


def test_partial_fingerprints_survive_a_changed_value_and_a_moved_line(capsys, repo, monkeypatch):
    monkeypatch.chdir(repo)
    profile = repo / "profiles" / "县.toml"

    def prints():
        return {r["ruleId"]: r["partialFingerprints"]["ucmCheck/v1"] for r in sarif(capsys, str(profile))["runs"][0]["results"]}

    before = prints()
    text = profile.read_text(encoding="utf-8")
    assert "dress_violations = 7" in text
    profile.write_text("# 新增一行注释\n" + text.replace("dress_violations = 7", "dress_violations = 8"), encoding="utf-8")
    after = prints()
    assert after == before and "HN-03-2" in after


def gitlab(capsys, *argv) -> list[dict]:
    return json.loads(run(capsys, "check", *argv, "--format", "gitlab")[1])


def test_gitlab_fingerprints_are_one_per_file_however_the_path_is_typed(capsys, repo, monkeypatch):
    monkeypatch.chdir(repo / "profiles")
    spellings = ["incomplete.toml", "./incomplete.toml", str(repo / "profiles" / "incomplete.toml"), "../profiles/incomplete.toml"]
    found = [sorted(i["fingerprint"] for i in gitlab(capsys, s)) for s in spellings]
    assert all(f == found[0] for f in found) and found[0]
    paths = {i["location"]["path"] for s in spellings for i in gitlab(capsys, s)}
    assert paths == {"profiles/incomplete.toml"}


def test_gitlab_gate_fingerprints_ignore_the_message_so_a_new_score_is_the_same_issue(capsys, repo, monkeypatch):
    monkeypatch.chdir(repo)

    def gate_prints():
        return {i["check_name"]: i["fingerprint"] for i in gitlab(capsys, "profiles/县.toml", "--policy", "policy.toml")
                if i["check_name"].startswith("UCM-GATE")}

    before = gate_prints()
    profile = repo / "profiles" / "县.toml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("dress_violations = 7", "dress_violations = 9"),
                       encoding="utf-8")
    assert gate_prints() == before and "UCM-GATE-MIN-TOTAL" in before


def test_gitlab_issues_have_code_climate_fields_categories_and_severities(capsys, repo, monkeypatch):
    monkeypatch.chdir(repo)
    (repo / "profiles" / "bad.toml").write_text("[unit\n", encoding="utf-8")
    issues = gitlab(capsys, "profiles", "--policy", "policy.toml")
    assert issues
    for i in issues:
        assert i["type"] == "issue" and isinstance(i["check_name"], str) and i["description"].strip()
        assert set(i["categories"]) <= CODE_CLIMATE_CATEGORIES and i["categories"]
        assert i["severity"] in CODE_CLIMATE_SEVERITIES
        assert re.fullmatch(r"[0-9a-f]{32}", i["fingerprint"])
        assert not i["location"]["path"].startswith(("/", "./")) and i["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["categories"][0] for i in issues if i["severity"] == "info"} == {"Clarity"}


def test_junit_tells_unanswered_from_not_applicable_and_counts_on_the_root(capsys):
    from junitparser import JUnitXml, Skipped

    out = run(capsys, "check", str(TYPICAL), str(INCOMPLETE), "--format", "junit")[1]
    xml = JUnitXml.fromstring(out.encode("utf-8"))
    skipped = [(case.name.split(" ")[0], case.result[0].type) for suite in xml for case in suite
               if case.result and isinstance(case.result[0], Skipped)]
    types = {t for _, t in skipped}
    assert types == {"unanswered", "not_applicable"}
    assert ("HN-07-3", "not_applicable") in skipped and ("HN-01-3", "unanswered") in skipped
    suites = list(xml)
    assert xml.tests == sum(s.tests for s in suites) == sum(len(list(s)) for s in suites)
    assert xml.skipped == len(skipped) and xml.failures == sum(s.failures for s in suites) > 0
    assert xml.errors == 0


def test_markdown_shows_html_and_emphasis_in_a_unit_name_literally(capsys, tmp_path):
    path = tmp_path / "u.toml"
    path.write_text(TYPICAL.read_text(encoding="utf-8").replace('name = "某县城市管理和综合执法局"', 'name = "某县|城管<b>局</b>*重点*_x_"'),
                    encoding="utf-8")
    out = run(capsys, "check", str(path), str(INCOMPLETE), "--format", "markdown")[1]
    assert "<b>" not in out and "&lt;b&gt;局&lt;/b&gt;" in out
    assert "某县\\|城管&lt;b&gt;局&lt;/b&gt;\\*重点\\*\\_x\\_" in out
    heading = next(line for line in out.splitlines() if line.startswith("## "))
    assert heading.startswith("## ✅ 某县\\|城管")
    row = next(line for line in out.splitlines() if "某县\\|" in line and line.startswith("| "))
    head = next(line for line in out.splitlines() if line.startswith("| 名次"))
    assert len(re.split(r"(?<!\\)\|", row)) == len(head.split("|"))


def test_markdown_keeps_a_file_name_with_a_backtick_inside_its_code_span(capsys, tmp_path):
    from ucm_check.files import markdown as mdtext

    assert mdtext.code("a`b.toml") == "``a`b.toml``"
    assert mdtext.code("a|b.toml") == "`a\\|b.toml`"
    assert mdtext.text("1\n2") == "1 2"
