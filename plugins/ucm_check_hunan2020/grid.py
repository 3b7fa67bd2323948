"""七、推行执法网格管理（共8分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Applicability, Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, subset, yes_no
from ucm_check.shapes import Flag, Gate, MissingItems
from ucm_check_hunan2020 import STANDARD, C

CELLS = yes_no("grid_cells_defined", "是否设置单元网格、划分网格范围", "Grid cells and their boundaries defined")
PATROL = yes_no("grid_patrol_staffed", "是否配齐网格巡查队伍", "Grid patrol teams fully staffed")
PLAN = yes_no("platform_plan", "是否制定《城市综合管理服务平台建设方案》", "Plan for the city management service platform drawn up")
BUILT = yes_no("platform_built", "是否建立城市综合管理服务平台", "City management service platform built")
LINKS = subset("platform_links", "平台已连通的上级平台", "Higher platforms the platform is connected to", ("省级平台", "国家平台"))

AREA = area("grid", "七", "推行执法网格管理", "Grid management", STANDARD, "8", order=7, rules=[
    Rule(
        code="HN-07-1a", clause=C("附件 一（七）2（1）"), title="设置单元网格",
        text="建立城管执法具体网格管理责任区域和网格管理责任单位(人)计2分。未设置单元网格、划分网格范围扣1分，未配齐网格巡查队伍扣1分。",
        shape=Flag(CELLS, D("1")), period_days=60, remedy="设置单元网格，划定网格范围和责任单位（人），绘制网格图并公示。",
        good={"grid.grid_cells_defined": True}, bad={"grid.grid_cells_defined": False},
    ),
    Rule(
        code="HN-07-1b", clause=C("附件 一（七）2（1）"), title="配齐网格巡查队伍",
        text="建立城管执法具体网格管理责任区域和网格管理责任单位(人)计2分。未设置单元网格、划分网格范围扣1分，未配齐网格巡查队伍扣1分。",
        shape=Flag(PATROL, D("1")), period_days=90, remedy="按网格配齐巡查队员，明确网格责任人并上墙公示。",
        good={"grid.grid_patrol_staffed": True}, bad={"grid.grid_patrol_staffed": False},
    ),
    Rule(
        code="HN-07-2", clause=C("附件 一（七）2（2）"), title="平台建设方案",
        text="制定《城市综合管理服务平台建设方案》计2分。未制定方案扣2分。",
        shape=Flag(PLAN, D("2")), period_days=60, remedy="制定《城市综合管理服务平台建设方案》并报批。",
        good={"grid.platform_plan": True}, bad={"grid.platform_plan": False},
    ),
    Rule(
        code="HN-07-3", clause=C("附件 一（七）2（3）"), title="城市综合管理服务平台联网",
        text="设区市、吉首市建立城市综合管理服务平台，年内实现与省、国家平台互联互通计4分。未建立城市综合管理服务平台扣4分；平台未与省级平台连接扣2分；平台未与国家平台连接扣2分。",
        shape=Gate(BUILT, D("4"), MissingItems(LINKS, D("2"), D("4"))),
        applies_to=Applicability(frozenset({"设区市"}), "本项仅考核设区市和吉首市（附件 一（七）2（3）），本单位不适用", names=("吉首市",)),
        reading="适用范围按原文“设区市、吉首市”：单位层级为设区市，或单位名称含“吉首市”的适用；湘西州平台由吉首市建设，自治州本级不适用。",
        period_days=180, remedy="建成城市综合管理服务平台，并完成与省级、国家平台的联网对接。",
        good={"grid.platform_built": True, "grid.platform_links": ["省级平台", "国家平台"]},
        bad={"grid.platform_built": True, "grid.platform_links": ["省级平台"]},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
