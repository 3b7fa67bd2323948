"""The reporting calendar of a city bureau's work plan: monthly statistics, quarterly typical cases."""

import datetime as dt

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Applicability, Fact, Rule
from ucm_check.rulekit import area
from ucm_check.shapes import Periodic
from ucm_check_localnorms import CITY, STANDARD, clause

MONTHLY = Fact("statistics_last", "date", "最近一次向市局报送执法数据统计信息表的日期", "Last monthly statistics report")
CASES = Fact("typical_cases_last", "date", "最近一次上报典型案例的日期", "Last typical cases sent")

AREA = area("reporting", "二", "报送日历", "Reporting calendar", STANDARD, "0", order=2, rules=[
    Rule(
        code="LN-REP-M", clause=clause(CITY, "二（一）"), title="按月报送执法数据统计",
        text="各县市区城管执法局(包含市经济技术开发区城管执法局,下同)按月向市局报送执法数据统计信息表",
        shape=Periodic(MONTHLY, "month", soon_days=7),
        applies_to=Applicability(frozenset({"县（市、区）"}), "报送主体为各县市区城管执法局（方案二（一）），其他层级不适用"),
        reading="方案未规定报送日：每个自然月至少报送一次，以月末为期限；月末前 7 天内未报列为“即将到期”，整月未报即为“逾期”。",
        period_days=10, remedy="补报所缺月份的执法数据统计信息表，并固定每月报送日。",
        good={"reporting.statistics_last": dt.date(2026, 11, 5)}, bad={"reporting.statistics_last": dt.date(2026, 9, 28)},
    ),
    Rule(
        code="LN-REP-Q", clause=clause(CITY, "二（二）"), title="每季度上报典型案例",
        text="局属各部门、各县市区城管局每季度向局政策法规科上报一至两个典型案例",
        shape=Periodic(CASES, "quarter", soon_days=15),
        reading="每个自然季度至少上报一次，以季末为期限；季末前 15 天内未报列为“即将到期”，整季未报即为“逾期”。"
                "“一至两个”的个数不在本项检查之内。",
        period_days=15, remedy="从本季度办结案件中选取一至两个典型案例报局政策法规科。",
        good={"reporting.typical_cases_last": dt.date(2026, 10, 20)}, bad={"reporting.typical_cases_last": dt.date(2026, 6, 30)},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
