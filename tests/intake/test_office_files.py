"""The office's own files beside a bundle (spot checks, surveys): validated with located Chinese
messages and exit 2, while every submission is still received and reported."""

from __future__ import annotations

import pytest

from tests.helpers import PROFILES
from tests.intake.conftest import ROSTER, run, write
from ucm_check.intake.social import InvalidSocial, parse_social
from ucm_check.intake.spotcheck import InvalidCheck, parse_check

GOOD_CHECK = '[check]\nunit = "430100"\ninspectors = ["王五"]\ndate = 2020-11-25\n[facts.uniform]\ndress_violations = 3\n'


@pytest.mark.parametrize("text, where, message", [
    (GOOD_CHECK.replace("dress_violations = 3", "dress_violations = -1"), "6:20", "应为不小于 0 的整数"),
    (GOOD_CHECK.replace("dress_violations", "dress_violation"), "6:1", "未知字段 “dress_violation”，是否想写 “dress_violations”？"),
    (GOOD_CHECK.replace("[facts.uniform]", "[facts.uniforms]"), "5:1", "[facts.uniforms] 不是评价标准的区域"),
    (GOOD_CHECK.replace("date = 2020-11-25", 'date = "11月25日"'), "4:8", "check.date（核查日期）应为日期"),
    (GOOD_CHECK.replace('inspectors = ["王五"]', "inspectors = []"), "3:14", "应为非空的姓名数组"),
    (GOOD_CHECK.replace('date = 2020-11-25\n', ""), "1:1", "[check] 缺少必填字段 date"),
    (GOOD_CHECK + '[rule_notes]\nHN-99 = "x"\n', "8:1", "“HN-99” 不是规则编号"),
    (GOOD_CHECK.split("[facts")[0], "1:1", "没有核实任何事实"),
])
def test_a_broken_spot_check_names_line_column_and_what_is_expected(hunan, text, where, message):
    with pytest.raises(InvalidCheck) as caught:
        parse_check("长沙市.check.toml", text, hunan)
    shown = [str(e) for e in caught.value.errors]
    assert any(s.startswith(f"长沙市.check.toml:{where}: 错误：") and message in s for s in shown), shown


@pytest.mark.parametrize("text, where, message", [
    ('[social]\nunit = "430100"\nsatisfaction_rate = 101\n', "3:21", "应为 0 到 100 之间的数字"),
    ('[social]\nunit = "430100"\nsatisfaction_rate = "85%"\n', "3:21", "实际为字符串 \"85%\""),
    ('[social]\nunit = "430100"\n', "1:1", "缺少必填字段 satisfaction_rate"),
    ('[social]\nunit = "430100"\nsatisfaction_rate = 85\nrespondents = 0\n', "4:15", "样本量）应为正整数"),
])
def test_a_broken_survey_names_line_column_and_what_is_expected(text, where, message):
    with pytest.raises(InvalidSocial) as caught:
        parse_social("长沙市.social.toml", text)
    shown = [str(e) for e in caught.value.errors]
    assert any(s.startswith(f"长沙市.social.toml:{where}: 错误：") and message in s for s in shown), shown


@pytest.fixture
def inbox(capsys, tmp_path):
    text = (PROFILES / "hunan-city.toml").read_text(encoding="utf-8").replace("某市", "长沙市")
    write(tmp_path / "长沙市.toml", text)
    (tmp_path / "in").mkdir()
    code, _, err = run(capsys, "bundle", str(tmp_path / "长沙市.toml"), "-o", str(tmp_path / "in" / "长沙市.zip"),
                       "--as-of", "2020-11-15")
    assert code == 0, err
    return tmp_path / "in"


def test_a_broken_spot_check_exits_2_but_the_bundle_is_still_received(capsys, inbox):
    write(inbox / "长沙市.check.toml", GOOD_CHECK.replace("= 3", "= 三"))
    code, out, err = run(capsys, "intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-20")
    assert code == 2 and "长沙市.check.toml:6:20: 错误：TOML 语法错误" in err and "Traceback" not in err
    line = next(li for li in out.splitlines() if "430100" in li)
    assert "按时报送" in line and "已核查" not in line


def test_a_spot_check_for_another_unit_is_refused_as_misplaced(capsys, inbox):
    write(inbox / "长沙市.check.toml", GOOD_CHECK.replace("430100", "430200"))
    code, _, err = run(capsys, "intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-20")
    assert code == 2 and ("文件写的单位 “430200”（株洲市城市管理和综合执法局）与文件名所指的 “长沙市城市管理和综合执法局”"
                          "（430100）不符：放错了位置？") in err


def test_a_bundle_dated_after_the_intake_date_is_invalid(capsys, inbox):
    code, out, _ = run(capsys, "intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-14", "--format", "json")
    import json

    unit = json.loads(out)["units"][0]
    assert code == 0 and unit["status"] == "invalid"
    assert unit["reasons"] == ["提交包的评价日期 2020-11-15 晚于收件统计日期 2020-11-14"]


def test_a_bundle_whose_level_differs_from_the_roster_is_invalid(capsys, tmp_path):
    text = (PROFILES / "hunan-city.toml").read_text(encoding="utf-8").replace("某市", "株洲市").replace(
        'level = "设区市"', 'level = "县市区"')
    write(tmp_path / "p.toml", text)
    (tmp_path / "in").mkdir()
    run(capsys, "bundle", str(tmp_path / "p.toml"), "-o", str(tmp_path / "in" / "x.zip"), "--as-of", "2020-11-01")
    code, out, _ = run(capsys, "intake", str(tmp_path / "in"), "--roster", str(ROSTER), "--as-of", "2020-11-20")
    line = next(li for li in out.splitlines() if "430200" in li)
    assert code == 0 and "提交包无效" in line and "档案的单位层级 “县市区” 与名册的 “设区市” 不符" in line


def test_usage_errors_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "intake", str(tmp_path / "nope"), "--roster", str(ROSTER))
    assert code == 2 and "目录不存在" in err
    code, _, err = run(capsys, "intake", str(tmp_path), "--roster", str(ROSTER), "--format", "xlsx")
    assert code == 2 and "--format xlsx 须用 -o 指定输出文件" in err


def test_a_spot_check_beside_no_valid_bundle_is_listed_as_unused(capsys, inbox):
    write(inbox / "张家界市.check.toml", GOOD_CHECK.replace("430100", "430800"))
    code, out, _ = run(capsys, "intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-20", "--format", "json")
    import json

    assert code == 0 and json.loads(out)["stray"] == [
        {"file": "张家界市.check.toml", "reason": "核查文件未使用：张家界市城市管理和综合执法局 未报送提交包"}]


def test_a_symlink_entry_makes_the_bundle_invalid_without_following_it(capsys, inbox):
    import json
    import stat
    import zipfile

    path = inbox / "长沙市.zip"
    with zipfile.ZipFile(path, "a") as zf:
        link = zipfile.ZipInfo("佐证/passwd")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    code, out, _ = run(capsys, "intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-20", "--format", "json")
    unit = json.loads(out)["units"][0]
    assert code == 0 and unit["status"] == "invalid" and "是符号链接" in unit["reasons"][0]


def test_a_bundle_from_a_unit_not_on_the_roster_and_a_file_that_is_no_zip_are_set_aside(capsys, tmp_path):
    import json

    (tmp_path / "in").mkdir()
    write(tmp_path / "p.toml", (PROFILES / "hunan-city.toml").read_text(encoding="utf-8"))  # 某市: not on the roster
    run(capsys, "bundle", str(tmp_path / "p.toml"), "-o", str(tmp_path / "in" / "某市.zip"), "--as-of", "2020-11-01")
    (tmp_path / "in" / "扫描件.zip").write_bytes(b"%PDF-1.4 not a zip")
    code, out, _ = run(capsys, "intake", str(tmp_path / "in"), "--roster", str(ROSTER), "--as-of", "2020-11-20", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["counts"]["missing"] == 14
    assert [s["file"] for s in doc["stray"]] == ["扫描件.zip", "某市.zip"]
    assert doc["stray"][0]["reason"].startswith("无法识别单位：无法读取压缩包：不是有效的 zip 文件")
    assert doc["stray"][1]["reason"] == "名册中没有单位 “某市城市管理和综合执法局”"
