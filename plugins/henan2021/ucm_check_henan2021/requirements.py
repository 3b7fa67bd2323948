"""方案 三（一）提高思想认识: the leadership group and the local implementation plan."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.rulekit import area, yes_no
from ucm_check.shapes import AllTrue, Obligation
from ucm_check_henan2021 import STANDARD, C

LEADERSHIP = yes_no("leadership_group", "是否已建立健全专项行动组织领导（领导小组或专班）", "Leadership for the campaign set up")
LOCAL_PLAN = yes_no("implementation_plan", "是否已制定本地具体实施方案，明确时间节点、具体任务和工作要求",
                    "Local implementation plan with dates, tasks and requirements")

AREA = area("requirements", "三（一）", "组织领导和实施方案", "Leadership and local plan", STANDARD, "0", order=5, rules=[
    Rule(
        code="HEN-31-1", clause=C("方案 三（一）"), title="组织领导和具体实施方案",
        text="市县城市管理执法部门要建立健全组织领导,制定具体实施方案,明确时间节点、具体任务、工作要求,狠抓落实",
        shape=Obligation(AllTrue((LEADERSHIP, LOCAL_PLAN))),
        reading="建立组织领导和制定具体实施方案（含时间节点、具体任务、工作要求）两项都做到才算落实。"
                "方案未规定完成时限，按长期任务检查：未落实即为“未落实”。",
        period_days=30, remedy="成立专项行动领导小组，制定本地实施方案，明确时间节点、任务分工和工作要求，报上级备案。",
        good={"requirements.leadership_group": True, "requirements.implementation_plan": True},
        bad={"requirements.leadership_group": True, "requirements.implementation_plan": False},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
