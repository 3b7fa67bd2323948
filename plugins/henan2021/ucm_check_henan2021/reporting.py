"""通知: the yearly campaign summary, due by 15 December each year."""

import datetime as dt

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Applicability, Fact, Rule
from ucm_check.rulekit import area
from ucm_check.shapes import Periodic
from ucm_check_henan2021 import CITY_LEVELS, STANDARD, C

SUMMARY_LAST = Fact(
    "annual_summary_last", "date", "最近一次向省住房城乡建设厅报送年度专项行动工作总结的日期",
    "Last date the yearly campaign summary was sent to the provincial department",
)

AREA = area("reporting", "通知", "年度工作总结报送", "Yearly summary", STANDARD, "0", order=4, rules=[
    Rule(
        code="HEN-00-1", clause=C("通知"), title="年度专项行动工作总结",
        text="年度专项行动工作总结于每年的12月15日前报送省住房城乡建设厅执法监督处",
        shape=Periodic(SUMMARY_LAST, "year", soon_days=30, due_month=12, due_day=15),
        applies_to=Applicability(CITY_LEVELS, "通知的报送主体为各省辖市、济源示范区城市管理主管部门；县（市、区）按所在市的要求报送"),
        reading="所存原文作“每年的1215日前”，按 12 月 15 日前理解，含当日。每个自然年报送一次：当年已报送即为完成；"
                "12 月 15 日前 30 天内未报送列为“即将到期”，过期或上一年度未报送即为“逾期”。",
        period_days=15, remedy="汇总本年度专项行动开展情况，形成工作总结，报送省住房城乡建设厅执法监督处。",
        good={"reporting.annual_summary_last": dt.date(2026, 11, 20)}, bad={"reporting.annual_summary_last": dt.date(2024, 12, 10)},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
