"""方案 二（三）全面提升管理水平: the three duties with a date in this section."""

import datetime as dt

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Fact, Rule
from ucm_check.rulekit import area, count, yes_no
from ucm_check.shapes import AllTrue, NoneOf, Obligation
from ucm_check_henan2021 import STANDARD, C

SUBSYSTEM = yes_no("staff_subsystem", "是否已在城市运行管理服务平台上建立城市管理执法人员管理信息子系统",
                   "Enforcement-staff subsystem set up on the city operations platform")
SUBSYSTEM_ON = Fact("staff_subsystem_on", "date", "执法人员管理信息子系统建成日期", "Date the subsystem went live")
INSPECTORS = yes_no("inspection_team", "是否已建立城管执法监察队伍", "Uniform inspection team set up")
AUXILIARY = yes_no("auxiliary_rules", "是否已制定本地区协管人员管理制度", "Rules for auxiliary staff (协管人员) made")
AUXILIARY_GUIDED = yes_no("auxiliary_rules_guided", "是否已指导协管人员管理制度实施", "Their implementation guided")
AUXILIARY_ON = Fact("auxiliary_rules_on", "date", "协管人员管理制度印发日期", "Date the rules were issued")
ASSISTANTS_ENFORCING = count("assistants_enforcing", "检查中发现协管人员从事具体行政执法工作的起数",
                             "Cases of auxiliary staff doing enforcement themselves", "起")
MEASURES = yes_no("assessment_measures", "是否已出台监督考核办法和有关标准", "Supervision and assessment measures issued")
OFFICE = yes_no("assessment_office", "是否已明确专门的处（科）室负责实施", "A dedicated office put in charge")
MEASURES_ON = Fact("assessment_measures_on", "date", "监督考核办法出台日期", "Date the measures were issued")

SOON = "期限前 30 天内未完成的列为“即将到期”。"

AREA = area("management", "二（三）", "全面提升管理水平", "Management", STANDARD, "0", order=1, rules=[
    Rule(
        code="HEN-23-2", clause=C("方案 二（三）2"), title="执法人员管理信息子系统",
        text="2022年底,各县市要在城市运行管理服务平台上建立城市管理执法人员管理信息子系统,实现人员基本信息、执法证件、案件信息、岗位状态、装备配置等信息的采集录入并及时更新",
        shape=Obligation(AllTrue((SUBSYSTEM,)), due=dt.date(2022, 12, 31), done_on=SUBSYSTEM_ON),
        reading="“2022年底”读作 2022-12-31 当日仍在期限内，次日起逾期。" + SOON,
        period_days=180, remedy="在城市运行管理服务平台上建成执法人员管理信息子系统，录入人员、证件、案件、岗位、装备信息并建立更新机制。",
        good={"management.staff_subsystem": True}, bad={"management.staff_subsystem": False},
    ),
    Rule(
        code="HEN-23-3", clause=C("方案 二（三）3"), title="城管执法监察队伍",
        text="建立城管执法监察队伍,加大纠察督查力度",
        shape=Obligation(AllTrue((INSPECTORS,))),
        reading="方案未规定完成时限，按长期任务检查：未建立即为“未落实”。",
        period_days=60, remedy="组建城管执法监察（纠察）队伍，明确职责，开展着装和执法行为纠察督查。",
        good={"management.inspection_team": True}, bad={"management.inspection_team": False},
    ),
    Rule(
        code="HEN-23-4", clause=C("方案 二（三）4"), title="协管人员管理制度",
        text="2021年底前,市县城市管理执法部门要制定本地区协管人员管理制度并指导实施",
        shape=Obligation(AllTrue((AUXILIARY, AUXILIARY_GUIDED)), due=dt.date(2021, 12, 31), done_on=AUXILIARY_ON),
        reading="“2021年底前”含 2021-12-31 当日。“制定……并指导实施”两项都做到才算完成。" + SOON,
        period_days=30, remedy="按“谁使用、谁负责”制定协管人员准入、岗位责任、教育培训、考核奖惩、岗位激励等制度，印发并指导实施。",
        good={"management.auxiliary_rules": True, "management.auxiliary_rules_guided": True},
        bad={"management.auxiliary_rules": True, "management.auxiliary_rules_guided": False},
    ),
    Rule(
        code="HEN-23-6", clause=C("方案 二（三）6"), title="监督考核办法",
        text="2022年6月底前出台监督考核办法和有关标准,并明确专门的处(科)室负责实施",
        shape=Obligation(AllTrue((MEASURES, OFFICE)), due=dt.date(2022, 6, 30), done_on=MEASURES_ON),
        reading="所存原文作“20226月底前”，缺“年”字，按 2022 年 6 月底前理解，含 2022-06-30 当日。出台办法和明确处（科）室两项都做到才算完成。" + SOON,
        period_days=60, remedy="出台对所辖县（区）、街道（乡镇）执法队伍的监督考核办法和标准，明确负责实施的处（科）室。",
        good={"management.assessment_measures": True, "management.assessment_office": True},
        bad={"management.assessment_measures": False, "management.assessment_office": False},
    ),
    Rule(
        code="HEN-23-4b", clause=C("方案 二（三）4"), title="协管人员不得从事具体行政执法工作",
        text="协管人员只能配合执法人员从事宣传教育、巡查、信息收集、违法行为劝阻等辅助性事务,不得从事具体行政执法工作",
        shape=Obligation(NoneOf((ASSISTANTS_ENFORCING,))),
        reading="长期规范：检查或抽查中发现一起协管人员从事具体行政执法工作（如独立作出处罚决定、实施强制措施）即为“未落实”；"
                "同湖南标准 HN-06-6b 的要求。",
        period_days=30, remedy="清理协管人员岗位，收回其承担的执法事项，由持证执法人员办理，并在协管人员管理制度中写明禁止事项。",
        good={"management.assistants_enforcing": 0}, bad={"management.assistants_enforcing": 1},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
