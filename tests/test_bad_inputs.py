"""Issue 10, first table: each minimal reproducer of a bad input gets exit 2 and a located Chinese
message, never exit 3 or 4, a traceback, a Python repr or a truncated report."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import PROFILES
from ucm_check.cli import main

TYPICAL = PROFILES / "hunan-county-typical.toml"
LOCATED = re.compile(r":(\d+):(\d+): 错误：")
REPRS = ("Decimal(", "datetime.", "{'", "['", "Traceback", "内部错误")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--log-level", "error", *map(str, argv)])
    except SystemExit as exc:  # usage errors found while building the host (tailoring files)
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_located_chinese(err: str, file: Path, line: int | None = None) -> None:
    assert not any(r in err for r in REPRS), err
    found = [m for m in LOCATED.finditer(err)]
    assert found and str(file) in err, err
    if line is not None:
        assert int(found[0].group(1)) == line, err


def edited(tmp_path: Path, old: str, new: str, name: str = "u.toml") -> Path:
    text = TYPICAL.read_text(encoding="utf-8")
    assert re.search(old, text, re.M), old
    path = tmp_path / name
    path.write_text(re.sub(old, new, text, count=1, flags=re.M), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "+nan"])
def test_a_non_finite_rate_in_a_profile_is_invalid_input_at_its_line(capsys, tmp_path, value):
    path = edited(tmp_path, r"^certificate_rate = .*$", f"certificate_rate = {value}")
    code, _, err = run(capsys, "check", path)
    assert code == 2
    assert_located_chinese(err, path, line_of(path, "certificate_rate ="))
    assert "不是有限的数" in err


def test_a_thirty_digit_count_is_invalid_input_not_a_plugin_failure(capsys, tmp_path):
    path = edited(tmp_path, r"^dress_violations = .*$", "dress_violations = " + "1" * 30)
    code, _, err = run(capsys, "check", path)
    assert code == 2
    assert_located_chinese(err, path, line_of(path, "dress_violations ="))
    assert "插件" not in err and "数值过大" in err


def test_the_largest_accepted_count_still_scores(capsys, tmp_path):
    path = edited(tmp_path, r"^dress_violations = .*$", "dress_violations = " + "9" * 15)
    code, out, err = run(capsys, "check", path, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["profiles"][0]["valid"] is True


def deep(n: int) -> str:
    return "[" * n + "]" * n


@pytest.mark.parametrize("kind", ["profile", "policy", "tailoring", "plan"])
def test_arrays_nested_a_thousand_deep_are_invalid_input_in_every_reader(capsys, tmp_path, kind):
    profile = tmp_path / "u.toml"
    shutil.copy(TYPICAL, profile)
    bad = tmp_path / f"bad-{kind}.toml"
    args: list = ["check", profile]
    if kind == "profile":
        profile.write_text(TYPICAL.read_text(encoding="utf-8") + f"\n[x]\ny = {deep(1000)}\n", encoding="utf-8")
        bad = profile
    elif kind == "policy":
        bad.write_text(f"min_total = 80\nveto = {deep(1000)}\n", encoding="utf-8")
        args += ["--policy", bad]
    elif kind == "tailoring":
        bad.write_text(f'standard = "hunan-2020"\n[rules.HN-03-2]\nstep = {deep(1000)}\n', encoding="utf-8")
        args += ["--tailoring", bad]
    else:
        bad = tmp_path / "u.plan.toml"
        bad.write_text(f"[plan]\nunit = {deep(1000)}\n", encoding="utf-8")
        args = ["plan", profile]
    code, _, err = run(capsys, *args)
    assert code == 2, err
    assert_located_chinese(err, bad)
    assert "嵌套层数超过" in err


@pytest.mark.parametrize("body, line", [
    ("min_total = inf\n", 1),
    ("min_total = 1e30\n", 1),
    ("min_total = nan\n", 1),
    ("min_total = 80\n\n[min_area]\ndiscipline = nan\n", 4),
])
def test_a_policy_with_a_non_finite_or_huge_number_is_invalid_input(capsys, tmp_path, body, line):
    policy = tmp_path / "policy.toml"
    policy.write_text(body, encoding="utf-8")
    code, out, err = run(capsys, "check", TYPICAL, "--policy", policy)
    assert code == 2 and out == ""
    assert_located_chinese(err, policy, line)


@pytest.mark.parametrize("change, line", [
    ("step = nan", 3), ("cap = 1e30", 3), ("edge_reading = []", 3), ("step = 1e-40", 3),
])
def test_a_tailoring_file_with_a_bad_number_or_reading_is_invalid_input(capsys, tmp_path, change, line):
    code_of = "HN-03-2" if "edge" not in change else "HN-08-2"
    tailoring = tmp_path / "t.toml"
    tailoring.write_text(f'standard = "hunan-2020"\n[rules.{code_of}]\n{change}\n', encoding="utf-8")
    code, _, err = run(capsys, "check", TYPICAL, "--tailoring", tailoring)
    assert code == 2
    assert_located_chinese(err, tailoring, line)


def test_a_plan_item_with_nan_points_is_invalid_input_and_left_untouched(capsys, tmp_path):
    profile = tmp_path / "u.toml"
    shutil.copy(TYPICAL, profile)
    assert run(capsys, "plan", profile, "--as-of", "2026-11-24")[0] == 0
    plan = tmp_path / "u.plan.toml"
    text = plan.read_text(encoding="utf-8")
    broken = re.sub(r"^points = .*$", "points = nan", text, count=1, flags=re.M)
    plan.write_text(broken, encoding="utf-8")
    code, _, err = run(capsys, "plan", profile, "--as-of", "2026-11-24")
    assert code == 2
    assert_located_chinese(err, plan, line_of(plan, "points = nan"))
    assert plan.read_text(encoding="utf-8") == broken


def test_check_json_with_an_invalid_policy_still_prints_one_json_document(capsys, tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text("min_total = nan\n", encoding="utf-8")
    code, out, err = run(capsys, "check", TYPICAL, "--policy", policy, "--format", "json")
    assert code == 2
    doc = json.loads(out)
    assert doc["exit_code"] == 2 and doc["profiles"] == []
    assert doc["policy"]["valid"] is False and doc["policy"]["errors"][0]["line"] == 1
    assert "不是有限的数" in err


def test_check_json_with_an_invalid_tailoring_file_still_prints_one_json_document(capsys, tmp_path):
    tailoring = tmp_path / "t.toml"
    tailoring.write_text('standard = "hunan-2020"\n[rules.HN-03-2]\nstep = nan\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", TYPICAL, "--tailoring", tailoring, "--format", "json")
    doc = json.loads(out)
    assert code == 2 and doc["exit_code"] == 2 and doc["profiles"] == []
    assert [(e["file"], e["line"]) for e in doc["errors"]] == [(str(tailoring), 3)]


def test_one_bad_profile_in_a_batch_leaves_the_json_whole_and_exits_2(capsys, tmp_path):
    for i in range(5):
        shutil.copy(TYPICAL, tmp_path / f"u{i}.toml")
    bad = edited(tmp_path, r"^certificate_rate = .*$", "certificate_rate = nan", name="u2.toml")
    code, out, err = run(capsys, "check", tmp_path, "--format", "json")
    assert code == 2
    doc = json.loads(out)
    assert [p["valid"] for p in doc["profiles"]] == [True, True, False, True, True]
    assert len(doc["ranking"]) == 4
    assert_located_chinese(err, bad)


@pytest.mark.parametrize("old, new, shown", [
    (r"^dress_violations = .*$", "dress_violations = 7.0", "实际为小数 7.0"),
    (r"^organization_established = .*$", "organization_established = 2020-01-01", "实际为日期 2020-01-01"),
    (r"^organization_established = .*$", "organization_established = { a = 1 }", "实际为表 { a = 1 }"),
    (r"^organization_established = .*$", "organization_established = [1, 2.5]", "实际为数组 [1, 2.5]"),
])
def test_values_in_messages_are_shown_as_the_user_wrote_them(capsys, tmp_path, old, new, shown):
    path = edited(tmp_path, old, new)
    code, _, err = run(capsys, "check", path)
    assert code == 2 and shown in err
    assert_located_chinese(err, path)


def test_an_unknown_dotted_table_is_reported_at_its_own_line(capsys, tmp_path):
    path = tmp_path / "u.toml"
    path.write_text(TYPICAL.read_text(encoding="utf-8") + "\n[foo.bar]\nx = 1\n", encoding="utf-8")
    code, _, err = run(capsys, "check", path)
    assert code == 2 and "未知的表 [foo]" in err
    assert_located_chinese(err, path, line_of(path, "[foo.bar]"))


def test_bundle_of_a_profile_that_is_not_utf8_names_the_line_and_column(capsys, tmp_path):
    path = tmp_path / "u.toml"
    raw = TYPICAL.read_text(encoding="utf-8").encode("utf-8")
    path.write_bytes(raw.replace('region = "湖南省'.encode(), 'region = "湖南省'.encode("gbk"), 1))
    code, _, err = run(capsys, "bundle", path, "-o", tmp_path / "b.zip")
    assert code == 2 and "不是 UTF-8 编码" in err
    assert_located_chinese(err, path, line_of(TYPICAL, 'region = "湖南省'))
    assert not (tmp_path / "b.zip").exists()


def test_an_unreadable_profile_is_reported_in_chinese_with_its_path(capsys, tmp_path):
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    code, _, err = run(capsys, "check", tmp_path / "missing.toml", "--format", "json")
    assert code == 2 and "文件或目录不存在" in err and "missing.toml" in err
    assert "No such file" not in err
