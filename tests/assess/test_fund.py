"""Seed 004's fund (issue 22): “区政府设立了500万元的城市管理综合考评专项基金，全额用于城市管理综合考评奖惩。
在全市考核排名的同时，每月对全区城市管理工作进行考核排名，对排名靠前的进行经费奖励，对排名靠后的实行财政扣款”.

The district's year (tests/assess/district.py) with a fund section added to its scheme. March's
street ranking is known by hand (test_district.py): 西湖街道 1st at 99, 人民街道 and 青年街道 tied 2nd at
97.15, 光明街道 4th and 新华街道 5th at 94.0 (third party 96 against 94), 东风街道 last at 50. Every
amount below is worked out by hand from those places, never by the code under test.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.assess.conftest import ranked, rows_by_short
from ucm_check.cli import main

FUND = """
[fund]
name = "城市管理综合考评专项基金"
yearly = 5000000   # 种子 004：“区政府设立了500万元的城市管理综合考评专项基金”

[groups.jiedao.fund]
share = 50
rewards = [30, 25, 20, 15, 10]
deductions = [30000, 20000]

[groups.juwei.fund]
share = 30
rewards = [50, 30, 20]
deductions = [20000]

[groups.zhuanxiang.fund]
share = 20
rewards = [40, 30, 20, 10]
"""


def with_fund(folder: Path, text: str = FUND) -> Path:
    scheme = folder / "scheme.toml"
    scheme.write_text(scheme.read_text(encoding="utf-8") + text, encoding="utf-8")
    return folder


@pytest.fixture
def march(fresh_year, capsys) -> dict:
    return ranked(with_fund(fresh_year), "2026-03", capsys)


def test_the_month_gets_a_twelfth_of_500_wan_rounded_down_to_the_fen(march):
    fund = march["fund"]
    assert (fund["yearly"], fund["months"], fund["monthly"]) == (5000000, 12, 416666.66)
    assert [(g["id"], g["pot"]) for g in fund["groups"]] == [("jiedao", 208333.33), ("juwei", 124999.99), ("zhuanxiang", 83333.33)]


def test_the_streets_are_paid_by_place_and_a_tie_splits_the_places_it_holds(march):
    rows = rows_by_short(march, "jiedao")
    paid = {short: row["fund"]["reward"] for short, row in rows.items() if row["fund"]["reward"]}
    assert paid == {"西湖街道": 62499.99,              # 30% of 208333.33 = 62499.999
                    "人民街道": 46874.99, "青年街道": 46874.99,  # (25% + 20%) / 2 = 22.5% = 46874.99925 each
                    "光明街道": 31249.99,              # 15% = 31249.9995
                    "新华街道": 20833.33}              # 10% = 20833.333
    assert rows["东风街道"]["fund"] == {"reward": 0, "deduction": 30000}
    deducted = sorted(r["fund"]["deduction"] for r in rows.values() if r["fund"]["deduction"])
    assert deducted == [20000, 30000]


def test_a_months_payouts_sum_to_at_most_its_share_of_the_fund(march):
    fund = march["fund"]
    for group in march["groups"]:
        mine = next(g for g in fund["groups"] if g["id"] == group["id"])
        paid = sum(Decimal(str(r["fund"]["reward"])) for r in group["rows"])
        assert paid == Decimal(str(mine["paid"])) <= Decimal(str(mine["pot"]))
    assert Decimal(str(fund["paid"])) == sum(Decimal(str(g["paid"])) for g in fund["groups"]) <= Decimal("416666.66")
    assert fund["groups"][0]["paid"] == 208333.29  # 62499.99 + 2 x 46874.99 + 31249.99 + 20833.33


def test_the_text_table_markdown_and_xlsx_show_each_units_money(fresh_year, tmp_path, capsys):
    import openpyxl

    folder = with_fund(fresh_year)
    capsys.readouterr()
    assert main(["assess", "rank", str(folder), "--period", "2026-03"]) == 0
    text = capsys.readouterr().out
    assert "城市管理综合考评专项基金：每年 5000000.00 元，分 12 个月，本月 416666.66 元" in text
    assert "基金：本组占 50%，本月 208333.33 元，奖励 208333.29 元，财政扣款 50000.00 元" in text
    xisu = next(line for line in text.splitlines() if "西湖路街道办事处" in line)
    assert "奖 62499.99元" in xisu
    out = tmp_path / "排名表.xlsx"
    assert main(["assess", "publish", str(folder), "--period", "2026-03", "-o", str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["街道办事处组"]
    header = [c.value for c in sheet[3]]
    column = header.index("基金奖惩")
    cells = {row[2].value: row[column].value for row in sheet.iter_rows(min_row=4) if row[2].value}
    assert cells["西湖路街道办事处"] == "奖 62499.99元" and cells["东风路街道办事处"] == "扣 30000.00元"


def test_history_carries_each_months_money_and_the_windows_totals(fresh_year, capsys):
    folder = with_fund(fresh_year)
    capsys.readouterr()
    assert main(["assess", "history", str(folder), "--unit", "西湖街道", "--to", "2026-03", "--months", "3", "--format", "json"]) == 0
    unit = json.loads(capsys.readouterr().out)["groups"][0]["units"][0]
    assert [m["fund"]["reward"] for m in unit["months"]] == [62499.99, 62499.99, 62499.99]  # 1st at 99 in Jan-Mar
    assert unit["fund"] == {"reward": 187499.97, "deduction": 0}


@pytest.mark.parametrize("extra, message", [
    (FUND.replace("share = 20", "share = 21"), "各组 fund.share 之和应不超过 100%，实际为 jiedao 50% + juwei 30% + zhuanxiang 21% = 101%"),
    (FUND.replace("[30, 25, 20, 15, 10]", "[30, 25, 20, 15, 11]"), "groups.jiedao.fund.rewards 之和应不超过 100%"),
    (FUND.split("[groups.jiedao.fund]")[0].replace("yearly = 5000000", 'yearly = "500万"'), "fund.yearly 应为数字"),
    ("\n[groups.jiedao.fund]\nshare = 50\nrewards = [100]\n", "方案中缺少 [fund]"),
    (FUND.replace("deductions = [20000]", "deductions = 20000"), "groups.juwei.fund.deductions 应为数组"),
    (FUND.replace("deductions = [20000]", "deductions = [-1]"), "groups.juwei.fund.deductions 第 1 项应为 0 到"),
])
def test_a_fund_that_cannot_be_paid_is_located_in_the_scheme(fresh_year, capsys, extra, message):
    folder = with_fund(fresh_year, extra)
    capsys.readouterr()
    assert main(["assess", "rank", str(folder), "--period", "2026-03"]) == 2
    err = capsys.readouterr().err
    assert "scheme.toml:" in err and message in err
