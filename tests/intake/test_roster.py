"""The roster: who submits to whom, by when, validated with located Chinese messages."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.intake.conftest import ROSTER, run, write
from ucm_check.intake.roster import InvalidRoster, load_roster, parse_roster

CITIES = ["长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市", "张家界市", "益阳市", "郴州市",
          "永州市", "怀化市", "娄底市"]

HEAD = '[roster]\noffice = "省厅"\nstandard = "hunan-2020"\ndeadline = 2020-11-15\n'


def test_the_bundled_hunan_roster_lists_thirteen_cities_and_xiangxi_submitting_to_the_province(host):
    roster = load_roster(str(ROSTER), host.standards)
    top = roster.children()
    assert [u.region for u in top] == [*CITIES, "湘西州"]
    assert [u.level for u in top] == ["设区市"] * 13 + ["自治州"]
    assert roster.deadline == dt.date(2020, 11, 15) and roster.standard == "hunan-2020"
    jishou = roster.find("吉首市城市管理和综合执法局")
    assert jishou.parent == "433100" and jishou.level == "县市区" and roster.depth(jishou) == 1
    assert all(len(roster.children(u.id)) >= 1 for u in top)  # 检查面延伸到县: every city has a county
    assert roster.find("湘西土家族苗族自治州住房和城乡建设局").id == "433100"  # an alias
    assert roster.find(" 长沙市城市管理和综合执法局 ").id == "430100"


def test_roster_command_prints_the_tree_with_the_deadline_read_inclusively(capsys):
    code, out, err = run(capsys, "intake", "--roster", str(ROSTER))
    assert code == 0 and err == ""
    assert "截止日期：2020-11-15（含当日）" in out
    assert "433100  湘西自治州住房和城乡建设局  自治州\n  433101  吉首市城市管理和综合执法局  县市区" in out
    assert "共 28 个单位：设区市 13 个，自治州 1 个，县市区 14 个" in out


def test_office_option_shows_only_that_citys_counties(capsys):
    code, out, _ = run(capsys, "intake", "--roster", str(ROSTER), "--office", "433100")
    assert code == 0 and "433101  吉首市" in out and "长沙市" not in out
    code, _, err = run(capsys, "intake", "--roster", str(ROSTER), "--office", "999999")
    assert code == 2 and "--office “999999” 不是名册中的单位编号" in err


@pytest.mark.parametrize("body, where, message", [
    ('[[unit]]\nid = "1"\nname = "甲"\nlevel = "省辖市"\n', "8:9", "单位层级应为以下之一：设区市、自治州、县市区，实际为 “省辖市”"),
    ('[[unit]]\nid = "1"\nname = "甲"\nlevel = "设区市"\n[[unit]]\nid = "1"\nname = "乙"\nlevel = "设区市"\n', "10:6",
     "第 2 个 [[unit]]：单位编号 “1” 与第 1 个 [[unit]] 重复"),
    ('[[unit]]\nid = "1"\nname = "甲"\nlevel = "设区市"\n[[unit]]\nid = "2"\nname = " 甲"\nlevel = "县市区"\n', "11:8",
     "单位名称 “甲” 与第 1 个 [[unit]] 重复"),
    ('[[unit]]\nid = "1"\nname = "甲"\nlevel = "设区市"\nparent = "9"\n', "9:10", "上级单位 “9” 不在名册中"),
    ('[[unit]]\nid = "1"\nname = "甲"\nlevel = "设区市"\nparent = "2"\n[[unit]]\nid = "2"\nname = "乙"\nlevel = "设区市"\nparent = "1"\n',
     "9:10", "上级关系成环（1 → 2 → 1）"),
    ('[[unit]]\nid = "1"\nlevel = "设区市"\n', "5:1", "缺少必填字段 name（单位名称）"),
    ('[[unit]]\nid = "1"\nname = "甲"\nlevel = "设区市"\ndeadline = "11月15日"\n', "9:12", "应为日期，写作 2020-11-05"),
    ('[[unit]]\nid = "1"\nname = "甲"\nlevel = "设区市"\nlevle = "x"\n', "9:1", "未知字段 “levle”，是否想写 “level”？"),
    ('[scheme]\nsocial = "mixed"\n[[unit]]\nid = "1"\nname = "甲"\nlevel = "设区市"\n', "6:10", "应为以下之一：none、fact、weight"),
    ('[scheme]\nsocial = "weight"\n[[unit]]\nid = "1"\nname = "甲"\nlevel = "设区市"\n', "6:10", "必须写 social_weight"),
    ('[scheme]\nsocial_weight = 1.5\n[[unit]]\nid = "1"\nname = "甲"\nlevel = "设区市"\n', "6:17", "应在 0 到 1 之间，实际为 1.5"),
    ('[scheme]\nsocial_fact = "service.method_721"\n[[unit]]\nid = "1"\nname = "甲"\nlevel = "设区市"\n', "6:15", "应为评价标准中的百分数事实"),
    ('[scheme]\npraise_min = 80\ncriticise_below = 90\n[[unit]]\nid = "1"\nname = "甲"\nlevel = "设区市"\n', "7:19", "同一单位会既被表扬又被批评"),
])
def test_a_broken_roster_is_reported_with_line_column_and_what_is_expected(host, body, where, message):
    text = HEAD + body
    with pytest.raises(InvalidRoster) as caught:
        parse_roster("名册.toml", text, host.standards)
    shown = [str(e) for e in caught.value.errors]
    assert any(s.startswith(f"名册.toml:{where}: 错误：") and message in s for s in shown), shown


def test_a_roster_without_roster_table_or_units_names_both(host):
    with pytest.raises(InvalidRoster) as caught:
        parse_roster("r.toml", 'title = "x"\n', host.standards)
    shown = "\n".join(map(str, caught.value.errors))
    assert "缺少 [roster] 表" in shown and "没有任何 [[unit]]" in shown and "未知的表或字段 “title”" in shown


def test_a_broken_roster_exits_2_with_the_message_on_stderr(capsys, tmp_path):
    path = write(tmp_path / "r.toml", HEAD.replace("2020-11-15", "2020-13-01"))
    code, out, err = run(capsys, "intake", "--roster", str(path))
    assert code == 2 and out == "" and f"{path}:4:" in err and "TOML 语法错误" in err and "Traceback" not in err
