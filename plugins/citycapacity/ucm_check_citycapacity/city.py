"""方案 二（二）（四）（七）（八）、三（三）: the training, bulletins, contests and reviews the city bureau's sections organise."""

import datetime as dt

from ucm_check.hookspecs import hookimpl
from ucm_check.rulekit import area
from ucm_check_citycapacity import COUNTIES, FOR_CITY, STANDARD, duty

D = dt.date
LEAD_LAW = ("局政策法规科",)

CITY_RULES = [
    duty("CAP-22a", "二（二）", "4月户外广告及门头店招管理业务培训",
         "4月份,由局行政审批科组织开展户外广告管理及门头店招管理业务培训",
         "每年4月", "training_ads", "户外广告及门头店招管理业务培训", verb="开展", lead=LEAD_LAW, responsible=("局行政审批科",),
         applies=FOR_CITY, reading="每年 4 月开展，以 4 月 30 日为期限；组织者局行政审批科列为责任单位，任务的牵头单位为局政策法规科。",
         remedy="由局行政审批科补办户外广告及门头店招管理业务培训。",
         good={"2026-04": D(2026, 4, 16)}, bad={"2025-04": D(2025, 4, 10)}),
    duty("CAP-22b", "二（二）", "6月环境卫生业务知识培训", "6月份,由局环卫处组织开展环境卫生业务知识培训",
         "每年6月", "training_sanitation", "环境卫生业务知识培训", verb="开展", lead=LEAD_LAW, responsible=("局环卫处",),
         applies=FOR_CITY, reading="每年 6 月开展，以 6 月 30 日为期限；组织者局环卫处列为责任单位。",
         remedy="由局环卫处补办环境卫生业务知识培训。",
         good={"2026-06": D(2026, 6, 12)}, bad={"2025-06": D(2025, 6, 12)}),
    duty("CAP-22c", "二（二）", "年底执法队伍集中轮训", "年底,由局人事科继续组织开展年度全市城管系统执法队伍集中轮训活动",
         "年底前", "training_rotation", "全市执法队伍集中轮训", verb="开展", lead=LEAD_LAW, responsible=("局人事科",),
         applies=FOR_CITY, reading="“年底”读作当年 12 月 31 日前（含当日），年内提前举办也计入当年；组织者局人事科列为责任单位。",
         remedy="由局人事科制定并实施年度集中轮训计划。",
         good={"2026": D(2026, 11, 10)}, bad={"2024": D(2024, 12, 20)}),
    duty("CAP-22e", "二（二）", "每季度编印典型案例通报", "局政策法规科每季度编印一期典型案执法例案例通报",
         "每季度", "case_bulletin", "编印典型案例通报", verb="编印", lead=LEAD_LAW, responsible=LEAD_LAW,
         applies=FOR_CITY, reading="每季度一期，以季末为期限。所存原文作“典型案执法例案例通报”，即典型执法案例通报。",
         remedy="汇编本季度各单位上报的典型案例，编印一期案例通报。",
         good={"2026-Q3": D(2026, 9, 28), "2026-Q4": D(2026, 11, 2)}, bad={"2026-Q2": D(2026, 6, 28)}),
    duty("CAP-24a", "二（四）", "6月“学经典”征文比赛", "6月份开展一次“学经典”征文比赛",
         "每年6月", "essay_contest", "“学经典”征文比赛", verb="开展", lead=("局党委", "局政策法规科", "人事科", "办公室"),
         responsible=COUNTIES, applies=FOR_CITY, reading="每年 6 月开展一次，以 6 月 30 日为期限。",
         remedy="补办“学经典”征文比赛并留存征文和评审记录。",
         good={"2026-06": D(2026, 6, 20)}, bad={"2025-06": D(2025, 6, 20)}),
    duty("CAP-24b", "二（四）", "8月“两学一做”主题演讲比赛", "8月份开展一次“两学一做”主题演讲比赛",
         "每年8月", "speech_contest", "“两学一做”主题演讲比赛", verb="开展", lead=("局党委", "局政策法规科", "人事科", "办公室"),
         responsible=COUNTIES, applies=FOR_CITY, reading="每年 8 月开展一次，以 8 月 31 日为期限。",
         remedy="补办“两学一做”主题演讲比赛并留存记录。",
         good={"2026-08": D(2026, 8, 26)}, bad={"2025-08": D(2025, 8, 26)}),
    duty("CAP-27", "二（七）", "月度执法办案通报", "落实月度执法办案通报制度",
         "每月", "case_briefing", "月度执法办案通报", verb="通报", lead=("局政策法规科", "执法监督科"), responsible=("局属各部门",),
         applies=FOR_CITY, reading="每月通报一次，以该月月末为期限。",
         remedy="补发所缺月份的执法办案通报，并固定每月通报日。",
         good={"2026-10": D(2026, 10, 29), "2026-11": D(2026, 11, 20)}, bad={"2026-09": D(2026, 9, 29)}),
    duty("CAP-28", "二（八）", "10月“优秀说理式执法文书”评比", "10月份,组织开展全市城管系统“优秀说理式执法文书”评比活动",
         "每年10月", "document_contest", "“优秀说理式执法文书”评比", verb="开展",
         lead=("局政策法规科", "执法监督科", "数字城管中心"), responsible=COUNTIES, applies=FOR_CITY,
         reading="每年 10 月开展，以 10 月 31 日为期限。", remedy="补办说理式执法文书评比并公布结果。",
         good={"2026-10": D(2026, 10, 22)}, bad={"2025-10": D(2025, 10, 22)}),
    duty("CAP-33b", "三（三）", "12月底前评议考核示范创建单位", "12月底前,对申报单位开展书面评议和实地评议考核",
         "12月底前", "model_unit_review", "对申报单位开展书面评议和实地评议考核", verb="完成", lead=(),
         responsible=("市城管执法局",), applies=FOR_CITY, reading="每年一次，12 月 31 日当日仍在期限内。三（三）未写牵头单位。",
         remedy="组织书面评议和实地评议考核，对优秀的基层执法示范单位授牌表彰。",
         good={"2026": D(2026, 11, 15)}, bad={"2024": D(2024, 12, 20)}),
]

AREA = area("city", "二、三", "市局组织的培训、通报和评比", "City bureau's own duties", STANDARD, "0", order=2, rules=CITY_RULES)


@hookimpl
def ucm_check_areas():
    return [AREA]
