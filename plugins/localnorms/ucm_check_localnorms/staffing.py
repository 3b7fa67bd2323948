"""Staffing and response norms: 万分之五 (Kunming 2017), 城管120 and 双十 (a district's practice)."""

import datetime as dt
from decimal import Decimal

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.rulekit import area, count
from ucm_check.shapes import AtLeastPer, NoneOf, Obligation
from ucm_check_localnorms import DISTRICT, KUNMING, STANDARD, clause

POPULATION = count("population", "城乡人口（含常住人口和暂住人口）", "Residents, permanent and temporary", "人")
STAFF = count("enforcement_staff", "城乡管理执法人员人数", "Enforcement staff", "人")
KEY_AREA = count("key_area_hectares", "重点区域、重点路段面积（公顷，1 平方公里 = 100 公顷）", "Key areas (hectares)", "公顷")
KEY_STAFF = count("key_area_workers", "重点区域配置的城市管理工作人员人数", "City-management workers posted in key areas", "人")
LATE_ARRIVAL = count("late_arrivals", "抽查期内管理人员超过十分钟到达劝导的问题指令数", "Instructions reached after more than 10 minutes", "起")
LATE_ENFORCE = count("late_enforcements", "劝导无效后执法人员超过十分钟到达处罚的问题指令数", "Failed dissuasions enforced after more than 10 more minutes", "起")

AREA = area("staffing", "一", "人员配备与响应", "Staffing and response", STANDARD, "0", order=1, rules=[
    Rule(
        code="LN-STAFF-1", clause=clause(KUNMING, "三（二）9"), title="执法人员不低于人口万分之五",
        text="原则上按照不低于城乡人口(含常住人口和暂住人口)万分之五的标准,配备城乡管理执法人员",
        shape=Obligation(AtLeastPer(STAFF, POPULATION, Decimal(5), Decimal(10000)), due=dt.date(2020, 12, 31), soon_days=90),
        reading="“不低于”含本数：执法人员数 ≥ 人口 × 5 ÷ 10000（精确计算，不取整）。完成时限取该方案第9项“2020年底前”，含当日；"
                "期限前 90 天内未达标列为“即将到期”。",
        period_days=365, remedy="按人口万分之五测算缺口，通过增编、划转、调剂、整合等途径补充执法人员。",
        good={"staffing.population": 200000, "staffing.enforcement_staff": 100},
        bad={"staffing.population": 200000, "staffing.enforcement_staff": 99},
    ),
    Rule(
        code="LN-120", clause=clause(DISTRICT, "三"), title="城管120：重点区域每平方公里不低于20人",
        text="每平方公里区域配置不低于20人的城市管理工作人员",
        shape=Obligation(AtLeastPer(KEY_STAFF, KEY_AREA, Decimal(20), Decimal(100))),
        reading="“不低于”含本数：工作人员数 ≥ 面积（公顷）× 20 ÷ 100。面积按公顷填整数，免去平方公里的小数。"
                "原文指重点区域、重点路段，计的是城市管理工作人员（含劝导员），不限于执法人员。长期规范，无完成时限。",
        period_days=90, remedy="按重点区域面积补足城市管理工作人员，统一标识并落实路段责任。",
        good={"staffing.key_area_hectares": 250, "staffing.key_area_workers": 50},
        bad={"staffing.key_area_hectares": 250, "staffing.key_area_workers": 49},
    ),
    Rule(
        code="LN-1010", clause=clause(DISTRICT, "三"), title="双十响应",
        text="问题指令下达后,十分钟内管理人员到达进行劝导,劝导无效的,十分钟内执法人员到达进行行政处罚",
        shape=Obligation(NoneOf((LATE_ARRIVAL, LATE_ENFORCE))),
        reading="“十分钟内”含十分钟整；第二个十分钟从劝导无效时起算。抽查的每一条指令都做到才算达标。长期规范，无完成时限。",
        period_days=30, remedy="复盘超时指令，调整网格员、劝导员、执法队员的值守点位和排班。",
        good={"staffing.late_arrivals": 0, "staffing.late_enforcements": 0},
        bad={"staffing.late_arrivals": 2, "staffing.late_enforcements": 0},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
