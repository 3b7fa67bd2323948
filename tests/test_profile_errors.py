"""Bad profiles get one Chinese message per problem, naming file, line and column; never a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from ucm_check.profile.reading import InvalidProfile, load_profile

HEAD = """\
[unit]
name = "测试县城市管理和综合执法局"
level = "县市区"
standard = "hunan-2020"
"""


def problems(tmp_path, body, standards, *, head=HEAD, raw=None):
    path = tmp_path / "p.toml"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    with pytest.raises(InvalidProfile) as info:
        load_profile(str(path), standards)
    return [(e.line, e.column, e.message) for e in info.value.errors], str(path)


@pytest.fixture
def standards(host):
    return host.standards


def test_malformed_toml_names_the_line_and_column_in_chinese(tmp_path, standards):
    found, _ = problems(tmp_path, """
        [party]
        organization_established = 是
    """, standards)
    assert len(found) == 1
    line, col, message = found[0]
    assert (line, col) == (7, 28)
    assert "TOML 语法错误" in message and "无效的值" in message


def test_unknown_key_is_located_and_gets_a_did_you_mean(tmp_path, standards):
    found, _ = problems(tmp_path, """
        [party]
        organisation_established = true
    """, standards)
    assert found == [(7, 1, found[0][2])]
    assert "未知字段" in found[0][2] and "organization_established" in found[0][2]


def test_unknown_table_gets_a_did_you_mean(tmp_path, standards):
    found, _ = problems(tmp_path, """
        [partty]
        organization_established = true
    """, standards)
    assert found[0][:2] == (6, 1) and "“party”" in found[0][2]


def test_wrong_type_points_at_the_value(tmp_path, standards):
    found, _ = problems(tmp_path, """
        [party]
        organization_established = "是"
    """, standards)
    assert found[0][:2] == (7, 28)
    assert "true 或 false" in found[0][2]


def test_negative_count_is_refused(tmp_path, standards):
    found, _ = problems(tmp_path, """
        [uniform]
        dress_violations = -1
    """, standards)
    assert found[0][:2] == (7, 20) and "不小于 0 的整数" in found[0][2]


def test_fractional_count_is_refused(tmp_path, standards):
    found, _ = problems(tmp_path, "\n[uniform]\ndress_violations = 1.5\n", standards)
    assert found[0][:2] == (7, 20) and "整数" in found[0][2]


@pytest.mark.parametrize("value", ["100.5", "-0.1", "120"])
def test_rates_outside_0_to_100_are_refused(tmp_path, standards, value):
    found, _ = problems(tmp_path, f"\n[service]\nsatisfaction_rate = {value}\n", standards)
    assert found[0][:2] == (7, 21) and "0 到 100" in found[0][2]


def test_rate_edges_0_and_100_are_accepted(tmp_path, standards):
    path = tmp_path / "ok.toml"
    path.write_text(HEAD + "[service]\nsatisfaction_rate = 0\n[discipline]\ncertificate_rate = 100.0\n", encoding="utf-8")
    profile = load_profile(str(path), standards)
    assert str(profile.facts["discipline"]["certificate_rate"]) == "100.0"


def test_choice_outside_its_options_lists_them(tmp_path, standards):
    found, _ = problems(tmp_path, '\n[vehicles]\nvehicle_rules = "已建立并落实了"\n', standards)
    assert found[0][:2] == (7, 17) and "“已建立并落实”" in found[0][2]


def test_item_list_with_an_unknown_item_is_refused(tmp_path, standards):
    found, _ = problems(tmp_path, '\n[systems]\npublicity_stages = ["事前公开", "事后公示"]\n', standards)
    assert found[0][:2] == (7, 20) and "事后公示" in found[0][2] and "事后公开" in found[0][2]


def test_unknown_standard_id_lists_the_known_ones(tmp_path, standards):
    head = HEAD.replace("hunan-2020", "hunan-2021")
    found, _ = problems(tmp_path, "", standards, head=head)
    assert found[0][:2] == (4, 12)
    assert "未知的评价标准" in found[0][2] and "hunan-2020" in found[0][2]


def test_unknown_level_lists_the_standards_levels(tmp_path, standards):
    found, _ = problems(tmp_path, "", standards, head=HEAD.replace('"县市区"', '"县级"'))
    assert found[0][:2] == (3, 9) and "设区市" in found[0][2]


def test_missing_unit_table_and_missing_required_unit_keys(tmp_path, standards):
    found, _ = problems(tmp_path, "", standards, head="[party]\norganization_established = true\n")
    assert found[0][:2] == (1, 1) and "[unit]" in found[0][2]
    found, _ = problems(tmp_path, "", standards, head='[unit]\nname = "x"\n')
    messages = " ".join(m for _, _, m in found)
    assert "level" in messages and "standard" in messages and all(f[:2] == (1, 1) for f in found)


def test_every_problem_in_a_file_is_reported_at_once_in_line_order(tmp_path, standards):
    found, _ = problems(tmp_path, """
        [uniform]
        dress_violations = -2
        staff_not_fully_equipped = "两人"
        [service]
        satisfaction_rate = 101
        [opinon]
        major_negative_events = 0
    """, standards)
    assert [f[:2] for f in found] == [(7, 20), (8, 28), (10, 21), (11, 1)]


def test_unreadable_file_and_non_utf8_file(tmp_path, standards):
    with pytest.raises(InvalidProfile) as info:
        load_profile(str(tmp_path / "missing.toml"), standards)
    assert "无法读取文件" in info.value.errors[0].message
    found, _ = problems(tmp_path, "", standards, raw=HEAD.encode("utf-8") + "[party]\n# 注释\n".encode("gbk"))
    # GBK 注 happens to be valid UTF-8 (one character); 释 is where decoding fails: column 4.
    assert found[0][:2] == (6, 4) and "UTF-8" in found[0][2]


def test_a_utf8_bom_from_windows_editors_is_accepted(tmp_path, standards):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + HEAD.encode("utf-8"))
    assert load_profile(str(path), standards).unit["level"] == "县市区"


def test_the_cli_reports_bad_input_with_exit_2_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(HEAD + "[uniform]\ndress_violations = -1\n[service]\nsatisfaction_rate = 150\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "ucm_check", "check", str(bad), str(tmp_path / "nope.toml")],
                         capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert f"{bad}:6:20: 错误：" in lines[0] and f"{bad}:8:21: 错误：" in lines[1]
    assert "nope.toml: 错误：无法读取文件" in lines[2]
