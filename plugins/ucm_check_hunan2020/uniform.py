"""三、统一执法人员着装（共4分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, count
from ucm_check.shapes import PerCount
from ucm_check_hunan2020 import STANDARD, C

ISSUE = count("staff_not_fully_equipped", "未配齐制式服装和标志标识的执法人员人数", "Officers without the full uniform and insignia", "人")
DRESS = count("dress_violations", "发现着装不规范的起数", "Cases of improper dress on duty", "起")

AREA = area("uniform", "三", "统一执法人员着装", "Uniforms", STANDARD, "4", order=3, rules=[
    Rule(
        code="HN-03-1", clause=C("附件 一（三）2（1）"), title="制式服装和标志标识配发",
        text="按要求完成制式服装和标志标识配发计2分。每发现一人未配齐扣0.5分，扣完2分为止。",
        shape=PerCount(ISSUE, D("0.5"), D("2")), period_days=90,
        remedy="清点人员装备，为未配齐人员补发制式服装和标志标识并登记签收。",
        good={"uniform.staff_not_fully_equipped": 0}, bad={"uniform.staff_not_fully_equipped": 2},
    ),
    Rule(
        code="HN-03-2", clause=C("附件 一（三）2（2）"), title="执法着装规范",
        text="城管执法人员实施执法时着装规范计2分。每发现一起着装未规范(与便服混穿、披衣、敞怀、挽袖、卷裤腿、佩戴标志标识不统一等)扣0.2分，扣完2分为止。",
        shape=PerCount(DRESS, D("0.2"), D("2")), period_days=30,
        remedy="开展着装风纪督查，纠正混穿、披衣、敞怀、挽袖、卷裤腿等问题，纳入日常考核。",
        good={"uniform.dress_violations": 0}, bad={"uniform.dress_violations": 7},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
