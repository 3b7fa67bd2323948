"""The scheme and the roster as files people edit: every mistake located, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from ucm_check.assess.scheme import InvalidScheme, load_scheme, parse_scheme
from ucm_check.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "ucm_check" / "assess" / "example"


def test_the_bundled_scheme_carries_seed_004s_groups_and_weights():
    scheme = load_scheme(str(EXAMPLE / "scheme.toml"))
    weights = {g.name: [(s, int(w)) for s, w in g.weights] for g in scheme.groups.values()}
    assert weights == {
        "街道办事处组": [("third_party", 40), ("digital", 40), ("bureaus", 15), ("office", 5)],
        "区直局委组": [("third_party", 80), ("streets", 20)],
        "区直局委专项工作组": [("third_party", 40), ("digital", 20), ("internal", 20), ("office", 10), ("streets", 10)],
    }
    streets = scheme.groups["jiedao"]
    assert (streets.red, streets.black, streets.escalation.ladder) == (2, 1, ("约谈", "诫勉谈话", "停职"))
    funding = scheme.groups["zhuanxiang"].funding
    assert (funding.rule, funding.up, funding.down) == ("linear", 20, 20)


def test_the_bundled_roster_is_a_district_like_the_seeds(tmp_path):
    from ucm_check.assess.folder import open_folder

    folder = open_folder(str(EXAMPLE))
    sizes = {g: len(folder.roster.in_group(g)) for g in folder.scheme.groups}
    assert sizes == {"jiedao": 15, "juwei": 8, "zhuanxiang": 12}
    assert {"交警一大队", "交警四大队", "交警五大队"} <= {u.short for u in folder.roster.units}


def problems(text: str) -> list[str]:
    with pytest.raises(InvalidScheme) as caught:
        parse_scheme("s.toml", text)
    return [str(e) for e in caught.value.errors]


BASE = """[scheme]
name = "试点"
[sources.a]
name = "甲"
[sources.b]
name = "乙"
[groups.g]
name = "组"
weights = { a = 60, b = 40 }
"""


def test_a_minimal_scheme_is_valid():
    assert parse_scheme("s.toml", BASE).groups["g"].weights[0][0] == "a"


def test_weights_that_do_not_sum_to_100_are_an_error_at_their_line():
    found = problems(BASE.replace("b = 40", "b = 39.5"))
    assert found == ["s.toml:9:11: 错误：groups.g.weights 之和应为 100%，实际为 a 60% + b 39.5% = 99.5%"]


def test_an_unknown_source_in_the_weights_is_named_with_a_suggestion():
    assert "“c” 不是已定义的来源" in problems(BASE.replace("b = 40", "c = 40"))[0]


@pytest.mark.parametrize("edit, message", [
    (("b = 40", "b = nan"), "groups.g.weights.b 数值 nan 不是有限的数"),
    (("weights = {", "deep = [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]\nweights = {"), "嵌套层数超过"),
    (("b = 40", "b = true"), "应为数字"),
    (('name = "组"', 'name = "组"\nred = -1'), "groups.g.red 应为 0 到 1000 之间的整数"),
    (('name = "试点"', 'name = "试点"\nmissing = "skip"'), "scheme.missing 应为以下之一"),
    (('name = "试点"', 'name = "试点"\ncolour = 1'), "[scheme] 中有未知字段 “colour”"),
    (('name = "组"', 'name = "组"\n[groups.g.funding]\nrule = "tiers"\nup = 20\ndown = 20\ntiers = [{ top = 1, percent = 25 }]'),
     "percent 25 超出上浮 20% / 下浮 20% 的上限"),
    (("weights = {", "weights = ["), "TOML 语法错误"),
])
def test_scheme_mistakes_are_located(edit, message):
    found = problems(BASE.replace(*edit))
    assert any(message in f for f in found), found
    assert all(f.startswith("s.toml:") for f in found)


def roster_problem(tmp_path: Path, capsys, text: str) -> str:
    folder = tmp_path / "d"
    assert main(["assess", "init", str(folder)]) == 0
    (folder / "roster.csv").write_text(text, encoding="utf-8-sig")
    capsys.readouterr()
    assert main(["assess", "rank", str(folder), "--period", "2026-01"]) == 2
    return capsys.readouterr().err


def test_a_roster_group_that_is_not_in_the_scheme_is_located(tmp_path, capsys):
    err = roster_problem(tmp_path, capsys, "单位名称,简称,组别\n甲街道办事处,甲街道,街道组\n")
    assert "roster.csv:2:3: 错误：组别 “街道组” 不是考评方案中的组" in err


def test_a_roster_name_used_twice_is_located(tmp_path, capsys):
    err = roster_problem(tmp_path, capsys, "单位名称,简称,组别\n甲街道办事处,甲街道,jiedao\n乙街道办事处,甲街道,jiedao\n")
    assert "roster.csv:3:2: 错误：“甲街道” 与第 2 行的单位名称或简称重复" in err


def test_a_roster_base_amount_that_is_not_money_is_located(tmp_path, capsys):
    err = roster_problem(tmp_path, capsys, "单位名称,简称,组别,定额经费\n甲环卫所,甲,zhuanxiang,一百万\n")
    assert "roster.csv:2:4: 错误：定额经费应为不小于 0 的金额（元），实际为 “一百万”" in err


def test_a_folder_that_does_not_exist_is_a_usage_error(tmp_path, capsys):
    assert main(["assess", "rank", str(tmp_path / "nope"), "--period", "2026-01"]) == 2
    assert "考评目录不存在" in capsys.readouterr().err


def test_init_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "keep.txt").write_text("x")
    assert main(["assess", "init", str(tmp_path)]) == 2
    assert (tmp_path / "keep.txt").read_text() == "x"


def test_a_roster_base_amount_too_large_to_be_money_is_located(tmp_path, capsys):
    err = roster_problem(tmp_path, capsys, "单位名称,简称,组别,定额经费\n甲环卫所,甲,zhuanxiang,1e20\n")
    assert "roster.csv:2:4: 错误：定额经费应为不小于 0 的金额（元），实际为 “1e20”" in err
