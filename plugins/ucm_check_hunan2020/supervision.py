"""十、强化执法监督评价（共7分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Applicability, Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, count, percent, yes_no
from ucm_check.shapes import Band, Bands, Flag
from ucm_check_hunan2020 import CITY_LEVELS, STANDARD, C

MECHANISM = yes_no("hierarchy_supervision", "是否建立层级监督考评机制", "Hierarchical supervision and assessment in place")
VISITS = count("county_supervision_visits", "全年对辖区县（市、区）开展指导监督的次数", "Supervision visits to counties this year", "次")
ON_TIME = percent("on_time_closure_rate", "全年案件按期办结率（%）", "Cases closed on time this year (%)")
QUALITY = percent("quality_case_rate", "全年优质案件率（%）", "Quality cases this year (%)")

AREA = area("supervision", "十", "强化执法监督评价", "Supervision and evaluation", STANDARD, "7", order=10, rules=[
    Rule(
        code="HN-10-1", clause=C("附件 一（十）2（1）"), title="层级监督考评机制",
        text="建立层级监督考评机制等计1分。未建立扣1分。",
        shape=Flag(MECHANISM, D("1")), period_days=30, remedy="建立执法层级指导监督和考评机制，制定评价细则。",
        good={"supervision.hierarchy_supervision": True}, bad={"supervision.hierarchy_supervision": False},
    ),
    Rule(
        code="HN-10-2", clause=C("附件 一（十）2（2）"), title="对县（市、区）指导监督",
        text="市州级城市管理综合执法部门对辖区县(市、区)指导监督落实到位计2分。未对县(市、区)开展过指导监督工作扣2分，全年少于2次扣1分。",
        shape=Bands(VISITS, (Band(D("2"), D("0")), Band(D("1"), D("1")), Band(D("0"), D("2")))),
        applies_to=Applicability(CITY_LEVELS, "本项考核市州级部门对辖区县（市、区）的指导监督（附件 一（十）2（2）），县市区不适用"),
        reading="“少于2次”不含本数：全年0次扣2分，1次扣1分，2次及以上不扣分。",
        period_days=90, remedy="制定年度指导监督计划，全年对辖区县（市、区）开展不少于2次指导监督并形成通报。",
        good={"supervision.county_supervision_visits": 2}, bad={"supervision.county_supervision_visits": 1},
    ),
    Rule(
        code="HN-10-3", clause=C("附件 一（十）2（3）"), title="案件按期办结率",
        text="全年案件按期办结率达到95%以上计2分。按期办结率80%-95%以下扣1分，80%以下的扣2分。",
        shape=Bands(ON_TIME, (Band(D("95"), D("0")), Band(D("80"), D("1")), Band(D("0"), D("2"))), edges={D("80"): D("2")}),
        reading="80%处文本自相矛盾（“80%-95%以下扣1分”与“80%以下的扣2分”都含80%）。本工具默认归入以其为下限的档次：恰为80%扣1分；省级裁剪可改为扣2分。95%以上含本数。",
        period_days=90, remedy="清理超期未结案件，建立办案时限预警。",
        good={"supervision.on_time_closure_rate": D("95")}, bad={"supervision.on_time_closure_rate": D("80")},
    ),
    Rule(
        code="HN-10-4", clause=C("附件 一（十）2（4）"), title="优质案件率",
        text="全年案件优质案件率达到60%以上计2分。优质案件率50%-60%以下扣1分，50%以下扣2分。",
        shape=Bands(QUALITY, (Band(D("60"), D("0")), Band(D("50"), D("1")), Band(D("0"), D("2"))), edges={D("50"): D("2")}),
        reading="50%处文本自相矛盾（“50%-60%以下扣1分”与“50%以下扣2分”都含50%）。本工具默认归入以其为下限的档次：恰为50%扣1分；省级裁剪可改为扣2分。60%以上含本数。",
        period_days=180, remedy="开展案卷评查，对照优质案件标准提升办案质量。",
        good={"supervision.quality_case_rate": D("60")}, bad={"supervision.quality_case_rate": D("49.9")},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
