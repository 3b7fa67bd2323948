"""通知: the yearly campaign summary, due by 15 December each year."""

import datetime as dt

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Applicability, Rule
from ucm_check.rulekit import area, reports
from ucm_check.shapes import Periodic
from ucm_check_henan2021 import CITY_LEVELS, PLAN_ISSUED, STANDARD, C

SUMMARY_LAST = reports(
    "annual_summary_last", "向省住房城乡建设厅报送年度专项行动工作总结的记录（所涵盖年度 = 报送日期）",
    "Yearly campaign summaries sent to the provincial department (year covered = date sent)", "year",
)


AREA = area("reporting", "通知", "年度工作总结报送", "Yearly summary", STANDARD, "0", order=4, rules=[
    Rule(
        code="HEN-00-1", clause=C("通知"), title="年度专项行动工作总结",
        text="年度专项行动工作总结于每年的12月15日前报送省住房城乡建设厅执法监督处",
        shape=Periodic(SUMMARY_LAST, "year", soon_days=30, due_month=12, due_day=15, start=PLAN_ISSUED),
        applies_to=Applicability(CITY_LEVELS, "通知的报送主体为各省辖市、济源示范区城市管理主管部门；县（市、区）按所在市的要求报送"),
        reading="所存原文作“每年的1215日前”，按 12 月 15 日前理解，含当日。每份总结计入它所总结的年度（不是报送日所在的年度）："
                "自方案印发的 2021 年起每个年度都应有一份；某年度 12 月 15 日前 30 天内仍未报送列为“即将到期”，"
                "过期仍未报送即为“逾期”（晚报的仍计入该年度，并注明晚了几天）。新设单位可写 since = 成立日期，此前的年度不查。"
                "旧写法只有一个日期时，按报送窗口归入年度，且只查最近一个年度。",
        period_days=15, remedy="汇总本年度专项行动开展情况，形成工作总结，报送省住房城乡建设厅执法监督处。",
        good={"reporting.annual_summary_last": {str(y): dt.date(y, 11, 20) for y in range(2021, 2027)}},
        bad={"reporting.annual_summary_last": {"2021": dt.date(2021, 12, 10), "2022": dt.date(2022, 12, 10)}},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
