"""方案 三（四）加强舆情管控: public-opinion monitoring and a spokesperson."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.rulekit import area, yes_no
from ucm_check.shapes import AllTrue, Obligation
from ucm_check_henan2021 import STANDARD, C

MONITORING = yes_no("opinion_monitoring", "是否已建立舆情监测和研判工作机制", "Public-opinion monitoring and analysis in place")
RISK = yes_no("risk_assessment", "是否已建立健全风险评估机制", "Risk assessment in place")
EMERGENCY = yes_no("emergency_plan", "是否已制定突发事件处置预案", "Emergency response plan made")
SPOKESPERSON = yes_no("spokesperson_system", "是否已建立新闻发言人制度", "Spokesperson system set up")
SPOKESPERSON_NAMED = yes_no("spokesperson_named", "是否已明确新闻发言的部门和人员", "Office and person named")

STANDING = "方案未规定完成时限，按长期任务检查：未落实即为“未落实”，整改期限取本规则的默认期限。"

AREA = area("opinion", "三（四）", "加强舆情管控", "Public opinion", STANDARD, "0", order=3, rules=[
    Rule(
        code="HEN-34-1", clause=C("方案 三（四）"), title="舆情监测和研判机制",
        text="各级城市管理执法部门要建立健全舆情监测和研判工作机制,提高舆情应对能力",
        shape=Obligation(AllTrue((MONITORING,))), reading=STANDING,
        period_days=30, remedy="建立舆情监测、研判、报告和处置工作机制，明确责任人并留存研判记录。",
        good={"opinion.opinion_monitoring": True}, bad={"opinion.opinion_monitoring": False},
    ),
    Rule(
        code="HEN-34-3", clause=C("方案 三（四）"), title="风险评估机制和突发事件处置预案",
        text="建立健全风险评估机制,制定突发事件处置预案",
        shape=Obligation(AllTrue((RISK, EMERGENCY))),
        reading="建立风险评估机制和制定处置预案两项都做到才算落实。" + STANDING,
        period_days=30, remedy="建立执法风险评估机制，制定执法突发事件处置预案并组织演练。",
        good={"opinion.risk_assessment": True, "opinion.emergency_plan": True},
        bad={"opinion.risk_assessment": True, "opinion.emergency_plan": False},
    ),
    Rule(
        code="HEN-34-2", clause=C("方案 三（四）"), title="新闻发言人制度",
        text="建立健全新闻发言人制度,明确部门和人员",
        shape=Obligation(AllTrue((SPOKESPERSON, SPOKESPERSON_NAMED))),
        reading="建立制度并明确部门和人员两项都做到才算落实。" + STANDING,
        period_days=30, remedy="印发新闻发言人制度，明确负责部门和新闻发言人并向社会公布。",
        good={"opinion.spokesperson_system": True, "opinion.spokesperson_named": True},
        bad={"opinion.spokesperson_system": True, "opinion.spokesperson_named": False},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
