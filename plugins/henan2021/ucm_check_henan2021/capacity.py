"""方案 二（四）全面提升执法能力: standing duties and the three-yearly provincial training."""

import datetime as dt

from ucm_check.hookspecs import hookimpl
from ucm_check.dated.schedule import parse
from ucm_check.model import Fact, Rule
from ucm_check.rulekit import area, count, reports, yes_no
from ucm_check.shapes import AllOf, AllTrue, Every, Obligation, Periodic
from ucm_check_henan2021 import PLAN_ISSUED, STANDARD, C

POWER_LIST = yes_no("power_list_published", "是否已向社会公布城市管理执法权力和责任清单", "Powers-and-duties list published")
SENIOR = count("senior_cadres", "处级以上干部人数", "Cadres at division level or above", "人")
SENIOR_LAST = Fact(
    "senior_cadre_training_last", "date",
    "处级以上干部中最久未参加省级培训者的上次参训日期（从未参训的，填其任处级职务的日期）",
    "Oldest last provincial training among division-level cadres (or appointment date if never trained)",
)
RECRUITS = count("new_recruits", "评价年度新招录执法人员人数", "Enforcement staff recruited this year", "人")
RECRUITS_TRAINED = count("new_recruits_trained", "其中已接受初任培训的人数", "Of whom received initial training", "人")
LAWYERS = yes_no("lawyers_engaged", "是否已引入律师参与城市管理执法工作", "Lawyers take part in enforcement")
ISSUE_LIST = yes_no("assist_issue_list", "是否已制定城市巡查需要协助发现的问题事项清单", "List of issues patrols help find")
HEADS = count("team_heads", "所辖县（区）、街道（乡镇）城管执法队伍负责人中，应由本单位（上一级）组织任职培训的人数",
              "Heads of subordinate teams the unit must give induction training", "人")
HEADS_TRAINED = count("team_heads_trained", "其中已接受本单位组织的任职培训的人数", "Of whom trained", "人")
TRAINING_PLANS = reports("training_plans", "年度培训计划的制定记录（所涵盖年度 = 印发日期）",
                         "Yearly training plans (year covered = date issued)", "year")
RANDOM_CHECKS = yes_no("random_inspection", "是否已建立以“双随机、一公开”为基本手段的执法监管机制",
                       "Random-inspection (双随机、一公开) supervision in place")
METHOD_721 = yes_no("method_721", "是否已全面落实“721工作法”", "The 721 method applied throughout")
GRID = yes_no("grid_management", "是否已全面推行网格化管理", "Grid management in place throughout")

BOUNDARIES = yes_no("boundaries_defined", "是否已明确与行政管理部门之间、上下级执法部门之间的执法权责边界",
                    "Enforcement boundaries with administrative departments and between levels defined")
ROTATION = yes_no("rotation_training_system", "是否已建立常态化干部培训和轮训制度", "Regular cadre training and rotation system")
FRONT_BACK = yes_no("front_back_link", "是否已建立“前端及时发现+后端依法处置”衔接机制", "Detection linked to lawful handling")
QUICK_SAFETY = yes_no("quick_safety_enforcement", "是否已建立安全生产快查快处机制", "Fast investigation of work-safety violations")

STANDING = "方案未规定完成时限，按长期任务检查：未落实即为“未落实”，整改期限取本规则的默认期限。"

AREA = area("capacity", "二（四）", "全面提升执法能力", "Enforcement capacity", STANDARD, "0", order=2, rules=[
    Rule(
        code="HEN-24-1", clause=C("方案 二（四）1"), title="公布权力和责任清单",
        text="各级城市管理执法部门要建立健全权责清单制度,经党委政府批准后依法动态调整并及时向社会公布城市管理执法权力和责任清单",
        shape=Obligation(AllTrue((POWER_LIST,))), reading=STANDING,
        period_days=60, remedy="编制城市管理执法权力和责任清单，报党委政府批准后向社会公布，并建立动态调整机制。",
        good={"capacity.power_list_published": True}, bad={"capacity.power_list_published": False},
    ),
    Rule(
        code="HEN-24-1b", clause=C("方案 二（四）1"), title="城市巡查协助发现问题事项清单",
        text="制定城市巡查需要协助发现的问题事项清单",
        shape=Obligation(AllTrue((ISSUE_LIST,))), reading=STANDING,
        period_days=60, remedy="会同行政管理部门梳理巡查中需要协助发现的问题事项，形成清单并明确移交流程。",
        good={"capacity.assist_issue_list": True}, bad={"capacity.assist_issue_list": False},
    ),
    Rule(
        code="HEN-24-2a", clause=C("方案 二（四）2"), title="处级以上干部省级培训",
        text="原则上处级以上干部每3年至少参加一次省级培训",
        shape=Every(SENIOR_LAST, months=36, among=SENIOR),
        reading="每名处级以上干部距上次省级培训不超过3年：以最久未参训者的上次参训日期加3年（到期月的对应日）为期限，"
                "当日仍在期限内；期限前 30 天内列为“即将到期”。没有处级以上干部的单位不适用。",
        period_days=180, remedy="将超过或即将超过3年未参加省级培训的处级以上干部报名参加省厅下一期培训。",
        good={"capacity.senior_cadres": 3, "capacity.senior_cadre_training_last": dt.date(2025, 5, 10)},
        bad={"capacity.senior_cadres": 3, "capacity.senior_cadre_training_last": dt.date(2021, 5, 10)},
    ),
    Rule(
        code="HEN-24-2b", clause=C("方案 二（四）2"), title="新招录执法人员初任培训",
        text="严格落实新招录执法人员初任培训制度",
        shape=Obligation(AllOf(RECRUITS, RECRUITS_TRAINED)), reading="评价年度新招录的执法人员都已接受初任培训才算落实（无新招录人员即为落实）。" + STANDING,
        period_days=90, remedy="为未参加初任培训的新招录执法人员安排初任培训，培训合格后方可上岗执法。",
        good={"capacity.new_recruits": 5, "capacity.new_recruits_trained": 5},
        bad={"capacity.new_recruits": 5, "capacity.new_recruits_trained": 3},
    ),
    Rule(
        code="HEN-24-2c", clause=C("方案 二（四）2"), title="县（区）、街道（乡镇）队伍负责人任职培训",
        text="县(区)、街道(乡镇)城管执法队伍负责人应接受上一级城市管理执法部门组织的任职培训",
        shape=Obligation(AllOf(HEADS, HEADS_TRAINED)),
        reading="检查本单位作为“上一级”的一面：所辖县（区）、街道（乡镇）执法队伍负责人都已接受本单位组织的任职培训才算落实"
                "（没有此类负责人即为落实）；本单位自己的负责人由其上一级检查。" + STANDING,
        period_days=90, remedy="为未接受任职培训的所辖队伍负责人举办任职培训，建立培训档案。",
        good={"capacity.team_heads": 4, "capacity.team_heads_trained": 4},
        bad={"capacity.team_heads": 4, "capacity.team_heads_trained": 3},
    ),
    Rule(
        code="HEN-24-2d", clause=C("方案 二（四）2"), title="年度培训计划",
        text="市县城市管理执法部门要制定年度培训计划",
        shape=Periodic(TRAINING_PLANS, schedule=parse("年底前"), soon_days=30, start=PLAN_ISSUED, verb="制定"),
        reading="每年制定当年的培训计划，计入它所计划的年度。方案未写制定日期：以当年 12 月 31 日为最后期限（含当日），"
                "年内任何时候制定都计入当年；自方案印发的 2021 年起每年都应有。",
        period_days=30, remedy="制定本年度执法人员培训计划，明确培训对象、时间、内容和考核，确保全覆盖。",
        good={"capacity.training_plans": {str(y): dt.date(y, 2, 20) for y in range(2021, 2027)}},
        bad={"capacity.training_plans": {"2021": dt.date(2021, 8, 1), "2022": dt.date(2022, 2, 20)}},
    ),
    Rule(
        code="HEN-24-3", clause=C("方案 二（四）3"), title="律师参与执法",
        text="要积极引入律师参与城市管理执法工作",
        shape=Obligation(AllTrue((LAWYERS,))), reading=STANDING,
        period_days=60, remedy="聘请法律顾问或购买律师服务，让律师参与重大执法决定法制审核、疑难案件和执行。",
        good={"capacity.lawyers_engaged": True}, bad={"capacity.lawyers_engaged": False},
    ),
    Rule(
        code="HEN-24-4a", clause=C("方案 二（四）4"), title="721工作法",
        text="全面落实“721工作法",  # verbatim: the document itself leaves the quote open
        shape=Obligation(AllTrue((METHOD_721,))), reading="所存原文缺右引号，即“721工作法”。" + STANDING,
        period_days=90, remedy="推行“70%的问题用服务手段解决、20%用管理手段解决、10%用执法手段解决”的工作法，并留存台账。",
        good={"capacity.method_721": True}, bad={"capacity.method_721": False},
    ),
    Rule(
        code="HEN-24-4c", clause=C("方案 二（四）4"), title="双随机、一公开",
        text="完善以双随机、一公开为基本手段、以重点监管为补充、以信用监管为基础的执法监管机制",
        shape=Obligation(AllTrue((RANDOM_CHECKS,))), reading=STANDING,
        period_days=60, remedy="建立检查对象名录库和执法检查人员名录库，随机抽取、随机选派，检查结果及时公开。",
        good={"capacity.random_inspection": True}, bad={"capacity.random_inspection": False},
    ),
    Rule(
        code="HEN-24-4b", clause=C("方案 二（四）4"), title="网格化管理",
        text="全面推行网格化管理",
        shape=Obligation(AllTrue((GRID,))), reading=STANDING,
        period_days=90, remedy="划定执法网格，明确网格责任人和巡查频次，实现辖区全覆盖。",
        good={"capacity.grid_management": True}, bad={"capacity.grid_management": False},
    ),
    Rule(
        code="HEN-24-1c", clause=C("方案 二（四）1"), title="明确执法权责边界",
        text="市县城市管理执法部门要进一步明确与行政管理部门之间、城市管理执法部门上下级之间的执法权责边界",
        shape=Obligation(AllTrue((BOUNDARIES,))),
        reading="两条边界（与行政管理部门之间、上下级之间）都以书面形式明确才算落实。" + STANDING,
        period_days=90, remedy="会同行政管理部门和上下级执法部门以文件明确执法权责边界，避免“看得见的罚不了、罚得了的看不见”。",
        good={"capacity.boundaries_defined": True}, bad={"capacity.boundaries_defined": False},
    ),
    Rule(
        code="HEN-24-2e", clause=C("方案 二（四）2"), title="常态化干部培训和轮训制度",
        text="建立常态化干部培训和轮训制度", shape=Obligation(AllTrue((ROTATION,))), reading=STANDING,
        period_days=60, remedy="制定干部培训和轮训制度，明确对象、周期和学时，纳入年度培训计划。",
        good={"capacity.rotation_training_system": True}, bad={"capacity.rotation_training_system": False},
    ),
    Rule(
        code="HEN-24-4d", clause=C("方案 二（四）4"), title="“前端及时发现+后端依法处置”衔接机制",
        text="建立前端及时发现+后端依法处置衔接机制", shape=Obligation(AllTrue((FRONT_BACK,))), reading=STANDING,
        period_days=90, remedy="打通视频监控、大数据等发现渠道与案件办理的移交流程，明确时限和责任。",
        good={"capacity.front_back_link": True}, bad={"capacity.front_back_link": False},
    ),
    Rule(
        code="HEN-24-6", clause=C("方案 二（四）6"), title="安全生产快查快处机制",
        text="建立安全生产快查快处机制", shape=Obligation(AllTrue((QUICK_SAFETY,))), reading=STANDING,
        period_days=60, remedy="建立住建领域安全生产违法行为快查快处机制，明确受理、查处、曝光的流程和时限。",
        good={"capacity.quick_safety_enforcement": True}, bad={"capacity.quick_safety_enforcement": False},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
