"""二、加分评价内容和标准（共20分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, choice, count
from ucm_check.shapes import Choice, Weighted
from ucm_check_hunan2020 import STANDARD, C

LEVEL = choice("civilized_unit_level", "已获文明（标兵）单位的最高级别", "Highest civilised-unit title held", ("无", "市级", "省级", "全国"))
NAT_HONOUR = count("national_commendations", "本年度获国家级表彰或通报表扬的项（次）数", "National commendations this year", "项（次）")
PROV_HONOUR = count("provincial_commendations", "本年度获省级表彰或通报表扬的项（次）数", "Provincial commendations this year", "项（次）")
NAT_PILOT = count("national_pilots", "本年度承担国家试点或在国家推介经验的项（次）数", "National pilots or showcased practices this year", "项（次）")
PROV_PILOT = count("provincial_pilots", "本年度承担省试点或在省推介经验的项（次）数", "Provincial pilots or showcased practices this year", "项（次）")
MEDIA = count("publicity_reports", "本年度运用报刊、电视、广播、网络等媒体开展宣传的次数", "Media publicity pieces this year", "次")

AREA = area("bonus", "加分", "加分评价", "Bonus items", STANDARD, "20", order=13, bonus=True, rules=[
    Rule(
        code="HN-B-1", clause=C("附件 二 2（1）"), title="文明（标兵）单位",
        text="获全国文明单位加10分，省级文明(标兵)单位加8分，市级文明(标兵)单位加6分，不累计加分。",
        shape=Choice(LEVEL, {"无": D("0"), "市级": D("6"), "省级": D("8"), "全国": D("10")}),
        reading="“不累计加分”：按所获最高级别计一次。", period_days=365,
        remedy="按创建方案争创更高级别文明（标兵）单位。",
        good={"bonus.civilized_unit_level": "省级"}, bad={"bonus.civilized_unit_level": "无"},
    ),
    Rule(
        code="HN-B-2", clause=C("附件 二 2（2）"), title="国家、省级表彰",
        text="城市管理执法单位或个人本年度获国家、省级表彰或通报表扬计4分。国家级每项(次)加2分，省级每项(次)加1分，累计加分不超过4分。",
        shape=Weighted(((NAT_HONOUR, D("2")), (PROV_HONOUR, D("1"))), D("4")), period_days=365,
        remedy="总结推广先进典型，积极申报国家、省级表彰。",
        good={"bonus.national_commendations": 1, "bonus.provincial_commendations": 1},
        bad={"bonus.national_commendations": 0, "bonus.provincial_commendations": 0},
    ),
    Rule(
        code="HN-B-3", clause=C("附件 二 2（3）"), title="承担试点或推介经验",
        text="城市管理综合执法部门本年度承担国家、省试点或在国家、省推介经验计3分。国家级每项(次)加2分，省级每项(次)加1分，累计加分不超过3分。",
        shape=Weighted(((NAT_PILOT, D("2")), (PROV_PILOT, D("1"))), D("3")), period_days=365,
        remedy="积极争取承担国家、省试点，总结经验向上推介。",
        good={"bonus.national_pilots": 0, "bonus.provincial_pilots": 2},
        bad={"bonus.national_pilots": 0, "bonus.provincial_pilots": 0},
    ),
    Rule(
        code="HN-B-4", clause=C("附件 二 2（4）"), title="媒体宣传",
        text="城市管理综合执法部门本年度充分运用报刊、电视、广播、网络等媒体，广泛宣传城市管理综合执法工作动态，正确引导社会舆论，积极传播正能量计3分。每开展一次加0.5分，累计加分不超过3分。",
        shape=Weighted(((MEDIA, D("0.5")),), D("3")), period_days=365,
        remedy="制定宣传计划，运用报刊、电视、广播、网络等媒体宣传城管执法工作。",
        good={"bonus.publicity_reports": 4}, bad={"bonus.publicity_reports": 0},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
