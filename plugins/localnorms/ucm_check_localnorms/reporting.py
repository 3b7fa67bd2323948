"""The reporting calendar of a city bureau's work plan: monthly statistics, quarterly typical cases."""

import datetime as dt

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Applicability, Rule
from ucm_check.rulekit import area, reports
from ucm_check.shapes import Periodic
from ucm_check_localnorms import CITY, STANDARD, clause

MONTHLY = reports("statistics_last", "向市局报送执法数据统计信息表的记录（所涵盖月份 = 报送日期）",
                  "Monthly statistics sent (month covered = date sent)", "month")
CASES = reports("typical_cases_last", "上报典型案例的记录（所涵盖季度 = 上报日期）", "Typical cases sent (quarter covered = date sent)",
                "quarter")

AREA = area("reporting", "二", "报送日历", "Reporting calendar", STANDARD, "0", order=2, rules=[
    Rule(
        code="LN-REP-M", clause=clause(CITY, "二（一）"), title="按月报送执法数据统计",
        text="各县市区城管执法局(包含市经济技术开发区城管执法局,下同)按月向市局报送执法数据统计信息表",
        shape=Periodic(MONTHLY, "month", soon_days=7),
        applies_to=Applicability(frozenset({"县（市、区）"}), "报送主体为各县市区城管执法局（方案二（一）），其他层级不适用"),
        reading="方案未规定报送日：每个自然月的统计表以该月月末为期限，计入它所统计的月份（不是报送日所在的月份）；"
                "月末前 7 天内未报列为“即将到期”，过了月末仍未报即为“逾期”，晚报的仍计入该月并注明晚了几天。",
        period_days=10, remedy="补报所缺月份的执法数据统计信息表，并固定每月报送日。",
        good={"reporting.statistics_last": {"2026-10": dt.date(2026, 10, 30), "2026-11": dt.date(2026, 11, 5)}},
        bad={"reporting.statistics_last": {"2026-09": dt.date(2026, 9, 28)}},
    ),
    Rule(
        code="LN-REP-Q", clause=clause(CITY, "二（二）"), title="每季度上报典型案例",
        text="局属各部门、各县市区城管局每季度向局政策法规科上报一至两个典型案例",
        shape=Periodic(CASES, "quarter", soon_days=15),
        reading="每个自然季度至少上报一次，以季末为期限，计入案例所属的季度；季末前 15 天内未报列为“即将到期”，过了季末仍未报即为“逾期”。"
                "“一至两个”的个数不在本项检查之内。",
        period_days=15, remedy="从本季度办结案件中选取一至两个典型案例报局政策法规科。",
        good={"reporting.typical_cases_last": {"2026-Q4": dt.date(2026, 10, 20)}},
        bad={"reporting.typical_cases_last": {"2026-Q2": dt.date(2026, 6, 30)}},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
