"""方案 二（一）（二）（三）（六）、三（三）: what each county bureau (县（市、区）) reports, takes part in and applies for."""

import datetime as dt

from ucm_check.hookspecs import hookimpl
from ucm_check.rulekit import area
from ucm_check_citycapacity import COUNTIES, FOR_COUNTY, STANDARD, duty

D = dt.date
LEAD_LAW = ("局政策法规科",)

COUNTY_RULES = [
    duty("CAP-21", "二（一）", "按月报送执法数据统计信息表",
         "各县市区城管执法局(包含市经济技术开发区城管执法局,下同)按月向市局报送执法数据统计信息表",
         "每月", "statistics", "向市局报送执法数据统计信息表", verb="报送", lead=LEAD_LAW, responsible=COUNTIES,
         applies=FOR_COUNTY, reading="方案未写报送日：每月的统计表以该月月末为期限，月末前 7 天内未报列为“即将到期”。",
         remedy="补报所缺月份的执法数据统计信息表（附件4），并固定每月报送日。",
         good={"2026-10": D(2026, 10, 30), "2026-11": D(2026, 11, 20)}, bad={"2026-09": D(2026, 9, 28)}),
    duty("CAP-22d", "二（二）", "每季度上报典型案例",
         "局属各部门、各县市区城管局每季度向局政策法规科上报一至两个典型案例",
         "每季度", "typical_cases", "向局政策法规科上报典型案例", verb="上报", lead=LEAD_LAW, responsible=COUNTIES,
         applies=FOR_COUNTY, reading="每季度至少上报一次，以季末为期限；“一至两个”的个数不在本项检查之内。",
         remedy="从本季度办结案件中选取一至两个典型案例报局政策法规科。",
         good={"2026-Q3": D(2026, 9, 18), "2026-Q4": D(2026, 10, 20)}, bad={"2026-Q2": D(2026, 6, 30)}),
    duty("CAP-23a", "二（三）", "季度法律知识学习测试", "继续开展季度法律知识学习测试活动",
         "每季度", "law_tests", "开展法律知识学习测试", verb="开展", lead=("局政策法规科", "局人事科"), responsible=COUNTIES,
         applies=FOR_COUNTY, reading="每季度开展一次，以季末为期限。",
         remedy="按《重点法律法规学习测试计划》组织本季度的法律知识测试并留存成绩。",
         good={"2026-Q3": D(2026, 9, 25), "2026-Q4": D(2026, 11, 12)}, bad={"2026-Q2": D(2026, 6, 20)}),
    duty("CAP-23b", "二（三）", "3月法律知识竞赛、9月岗位练兵竞赛",
         "3月份,组织选拔法律骨干参加全市法律知识竞赛活动,9月份组织开展全市城管执法系统岗位练兵竞赛活动",
         "3月和9月", "contests", "参加全市法律知识竞赛（3月）和岗位练兵竞赛（9月）", verb="参加",
         lead=("局政策法规科", "局人事科"), responsible=COUNTIES, applies=FOR_COUNTY,
         reading="县（市、区）按时选派人员参加：3 月参加法律知识竞赛，9 月参加岗位练兵竞赛，各以该月月末为期限。",
         remedy="选拔法律骨干和一线队员，按市局通知参加竞赛，并留存参赛名单。",
         good={"2026-03": D(2026, 3, 20), "2026-09": D(2026, 9, 18)}, bad={"2026-03": D(2026, 3, 20)}),
    duty("CAP-26", "二（六）", "按月公开行政处罚案件结果", "各执法单位按月度做好行政处罚案件结果公开",
         "每月", "case_publication", "公开行政处罚案件结果", verb="公开", lead=("局政策法规科", "办公室"), responsible=COUNTIES,
         applies=FOR_COUNTY, reading="每月公开一次（文号、案由、处罚结果与执行情况），以该月月末为期限。",
         remedy="在政府信息公开平台补公开所缺月份的行政处罚决定，并固定每月公开日。",
         good={"2026-10": D(2026, 10, 31), "2026-11": D(2026, 11, 23)}, bad={"2026-08": D(2026, 8, 31)}),
    duty("CAP-33a", "三（三）", "10月底前申报执法示范创建单位",
         "各县市区城管执法局城管执法局和局属各办案单位在10月底前进行执法示范创建单位的申报",
         "10月底前", "model_unit_application", "申报执法示范创建单位", verb="申报", lead=(),
         responsible=("各县市区城管执法局", "局属各办案单位"), applies=FOR_COUNTY,
         reading="每年一次，10 月 31 日当日仍在期限内。三（三）未写牵头单位。",
         remedy="对照示范单位创建标准（附件3）推荐本地区符合条件的基层执法单位并报市局。",
         good={"2026": D(2026, 10, 20)}, bad={"2025": D(2025, 10, 20)}),
]

AREA = area("county", "二", "县（市、区）的报送和参加", "County duties", STANDARD, "0", order=1, rules=COUNTY_RULES)


@hookimpl
def ucm_check_areas():
    return [AREA]
