"""一、加强基层党建工作（共8分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Exemption, Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, choice, yes_no
from ucm_check.shapes import Choice, Flag
from ucm_check_hunan2020 import STANDARD, C

ORG = yes_no("organization_established", "城管执法支（大）队党组织是否按规定建立健全", "Party organisation of the enforcement brigade set up as required")
GRID = yes_no("grid_party_building", "是否与街道、社区、企业等开展“党建+城管综合执法网格化”活动", "Joint 'Party building + grid enforcement' activities with sub-districts, communities, firms")
PLAN = choice(
    "civilization_plan", "文明（或文明标兵）单位创建方案的状态", "State of the civilised-unit creation plan",
    ("未制定方案", "方案未落实", "已制定并实施"),
)

AREA = area("party", "一", "加强基层党建工作", "Party building", STANDARD, "8", order=1, rules=[
    Rule(
        code="HN-01-1", clause=C("附件 一（一）2（1）"), title="党组织健全",
        text="城管执法支(大)队党组织健全计2分。未按规定建立的，扣2分。",
        shape=Flag(ORG, D("2")), period_days=60,
        remedy="按规定建立健全城管执法支（大）队党组织，报上级党组织批复并配齐支部班子。",
        good={"party.organization_established": True}, bad={"party.organization_established": False},
    ),
    Rule(
        code="HN-01-2", clause=C("附件 一（一）2（2）"), title="党建+城管综合执法网格化",
        text="与街道、社区、企业等开展“党建+城管综合执法网格化”活动计2分。未开展扣2分。",
        shape=Flag(GRID, D("2")), period_days=30,
        remedy="与街道、社区、企业签订党建共建协议，开展“党建+城管综合执法网格化”活动并留存记录。",
        good={"party.grid_party_building": True}, bad={"party.grid_party_building": False},
    ),
    Rule(
        code="HN-01-3", clause=C("附件 一（一）2（3）"), title="文明单位创建",
        text="制定文明(或文明标兵)单位创建方案并实施的计4分(已获文明或文明标兵单位的不扣分)。未制定方案扣4分，方案未落实扣2分。",
        shape=Choice(PLAN, {"未制定方案": D("4"), "方案未落实": D("2"), "已制定并实施": D("0")}),
        exempt_if=Exemption("bonus.civilized_unit_level", frozenset({"市级", "省级", "全国"}), "已获文明（标兵）单位，依本项括注不扣分"),
        reading="“已获文明或文明标兵单位”以加分项 bonus.civilized_unit_level 为准：市级及以上即不扣分，不论创建方案状态。",
        period_days=90,
        remedy="制定文明（标兵）单位创建方案，明确责任分工和时间节点，并按方案组织实施。",
        good={"party.civilization_plan": "已制定并实施", "bonus.civilized_unit_level": "无"},
        bad={"party.civilization_plan": "未制定方案", "bonus.civilized_unit_level": "无"},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
