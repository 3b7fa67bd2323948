"""十一、完成省厅交办的工作（共5分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, count
from ucm_check.shapes import PerCount
from ucm_check_hunan2020 import STANDARD, C

LATE = count("late_assignments", "未及时完成的交办工作（计划、总结、方案、报表、信息报送等）项（次）数", "Assigned tasks and reports not done on time", "项（次）")

AREA = area("assigned", "十一", "完成省厅交办的工作", "Tasks assigned by the province", STANDARD, "5", order=11, rules=[
    Rule(
        code="HN-11-1", clause=C("附件 一（十一）2"), title="及时完成交办工作",
        text="市州城市管理综合执法部门及时完成省厅交办的计划、总结、方案、报表等相关材料和日常工作信息报送计5分。不及时完成省厅交办的工作(包括信息报送)每项(次)扣1分，扣完5分为止。",
        shape=PerCount(LATE, D("1"), D("5")),
        reading="县（市、区）按附件三参照执行，以其上级部门交办的工作计数。",
        period_days=15, remedy="建立交办事项台账，明确报送责任人和时限，逾期事项立即补报。",
        good={"assigned.late_assignments": 0}, bad={"assigned.late_assignments": 2},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
