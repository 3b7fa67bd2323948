"""四、加强执法车辆管理（共5分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, choice, count
from ucm_check.shapes import Choice, PerCount
from ucm_check_hunan2020 import STANDARD, C

PAINT = count("vehicles_not_painted", "未按要求统一涂装的执法执勤用车台数", "Duty vehicles without the standard livery", "台")
RULES = choice("vehicle_rules", "执法车辆管理制度的状态", "State of the vehicle-management rules", ("未建立", "已建立未落实", "已建立并落实"))
TRAFFIC = count("traffic_violations", "执法车辆违反道路交通安全法的起数（以交警处罚平台记录为准）", "Traffic offences by duty vehicles (police records)", "起")

AREA = area("vehicles", "四", "加强执法车辆管理", "Vehicles", STANDARD, "5", order=4, rules=[
    Rule(
        code="HN-04-1", clause=C("附件 一（四）2（1）"), title="执法执勤用车统一涂装",
        text="按要求完成执法执勤用车统一涂装计2分。每发现一台车未按要求涂装扣0.5分，扣完2分为止。",
        shape=PerCount(PAINT, D("0.5"), D("2")), period_days=90,
        remedy="对未涂装车辆按统一标准完成涂装和标识，登记建档。",
        good={"vehicles.vehicles_not_painted": 0}, bad={"vehicles.vehicles_not_painted": 1},
    ),
    Rule(
        code="HN-04-2", clause=C("附件 一（四）2（2）"), title="执法车辆管理制度",
        text="建立并落实执法车辆管理制度计1分。未建立制度扣1分，建立制度未落实扣0.5分。",
        shape=Choice(RULES, {"未建立": D("1"), "已建立未落实": D("0.5"), "已建立并落实": D("0")}), period_days=30,
        remedy="建立执法车辆管理制度，对车辆统一编号、登记建档，并按制度执行派车、保养登记。",
        good={"vehicles.vehicle_rules": "已建立并落实"}, bad={"vehicles.vehicle_rules": "已建立未落实"},
    ),
    Rule(
        code="HN-04-3", clause=C("附件 一（四）2（3）"), title="遵守道路交通安全法律法规",
        text="驾驶执法车辆遵守道路交通安全法律法规，无违法行为计2分。发现一起违反道路交通安全法行为的扣0.5分(以交警处罚平台记录为准)，扣完2分为止。",
        shape=PerCount(TRAFFIC, D("0.5"), D("2")), period_days=30,
        remedy="处理交通违法记录，开展驾驶员安全教育，建立违章登记和通报制度。",
        good={"vehicles.traffic_violations": 0}, bad={"vehicles.traffic_violations": 5},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
