"""九、加强日常巡查监管（共10分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, count, yes_no
from ucm_check.shapes import Flag, PerCount
from ucm_check_hunan2020 import STANDARD, C

MARKET_RULES = yes_no("market_rules", "是否建立健全马路市场整治相关制度和长效机制", "Rules and lasting mechanism for road markets in place")
MARKET = count("market_stalls_not_guided", "抽查中发现未引导入市经营的马路市场个体户、流动摊担起数", "Road-market vendors found not guided into markets", "起")
UNMANAGED = count("stall_bbq_unmanaged", "发现占道经营、露天烧烤未规范管理到位的起数", "Unmanaged street-trading or open-air barbecue cases", "起")
ZONES = yes_no("vendor_zones_designated", "是否协调相关部门划定流动摊贩经营区域", "Zones for mobile vendors designated")
NOT_GUIDED = count("vendors_not_guided", "发现占道经营、露天烧烤和流动摊贩未引导至规定点经营的起数", "Vendors not guided to designated spots", "起")

AREA = area("patrol", "九", "加强日常巡查监管", "Daily patrols", STANDARD, "10", order=9, rules=[
    Rule(
        code="HN-09-1a", clause=C("附件 一（九）2（1）"), title="马路市场整治制度",
        text="按《湖南省马路市场安全隐患专项整治方案》(湘政办函〔2019〕75号)要求，2020年完成马路市场全部搬迁进集贸市场，结合实际建立健全相关工作制度和长效机制计2分。未建立健全相关制度扣1分；未积极引导马路市场个体经营户和流动摊担入市经营，在抽查中每发现一起扣0.2分，扣完1分为止。",
        shape=Flag(MARKET_RULES, D("1")), period_days=30,
        reading="本项2分由两部分组成：未建立健全制度扣1分（本规则）；抽查每发现一起未引导入市扣0.2分、扣完1分为止（HN-09-1b）。",
        remedy="建立马路市场整治工作制度和长效机制。",
        good={"patrol.market_rules": True}, bad={"patrol.market_rules": False},
    ),
    Rule(
        code="HN-09-1b", clause=C("附件 一（九）2（1）"), title="引导马路市场入市经营",
        text="未积极引导马路市场个体经营户和流动摊担入市经营，在抽查中每发现一起扣0.2分，扣完1分为止。",
        shape=PerCount(MARKET, D("0.2"), D("1")), period_days=60,
        reading="本项2分由两部分组成：未建立健全制度扣1分（HN-09-1a）；抽查每发现一起未引导入市扣0.2分、扣完1分为止（本规则）。",
        remedy="对抽查发现的马路市场经营户逐户劝导入市，完成搬迁。",
        good={"patrol.market_stalls_not_guided": 0}, bad={"patrol.market_stalls_not_guided": 6},
    ),
    Rule(
        code="HN-09-2", clause=C("附件 一（九）2（2）"), title="占道经营和露天烧烤规范管理",
        text="占道经营和露天烧烤规范管理到位计4分。发现一起未规范管理到位扣0.4分，扣完4分为止。",
        shape=PerCount(UNMANAGED, D("0.4"), D("4")), period_days=30,
        remedy="按“主干道严禁、次干道严控、背街小巷规范”分类管控，对发现的问题点位逐一整治。",
        good={"patrol.stall_bbq_unmanaged": 0}, bad={"patrol.stall_bbq_unmanaged": 11},
    ),
    Rule(
        code="HN-09-3a", clause=C("附件 一（九）2（3）"), title="划定流动摊贩经营区域",
        text="结合实际，协调相关部门划定流动摊贩经营区域计4分。未划定流动摊贩经营区域扣1分；发现一起占道经营、露天烧烤和流动摊贩未引导至规定点经营扣0.3分，扣完3分为止。",
        shape=Flag(ZONES, D("1")), period_days=90,
        reading="本项4分由两部分组成：未划定经营区域扣1分（本规则）；每发现一起未引导至规定点经营扣0.3分、扣完3分为止（HN-09-3b）。",
        remedy="协调相关部门划定流动摊贩经营区域和时段并公布。",
        good={"patrol.vendor_zones_designated": True}, bad={"patrol.vendor_zones_designated": False},
    ),
    Rule(
        code="HN-09-3b", clause=C("附件 一（九）2（3）"), title="引导至规定点经营",
        text="发现一起占道经营、露天烧烤和流动摊贩未引导至规定点经营扣0.3分，扣完3分为止。",
        shape=PerCount(NOT_GUIDED, D("0.3"), D("3")), period_days=30,
        reading="本项4分由两部分组成：未划定经营区域扣1分（HN-09-3a）；每发现一起未引导至规定点经营扣0.3分、扣完3分为止（本规则）。",
        remedy="对发现的流动摊贩逐一引导至规定点经营，建立巡查台账。",
        good={"patrol.vendors_not_guided": 0}, bad={"patrol.vendors_not_guided": 4},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
