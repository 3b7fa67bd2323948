"""二、加大培训教育力度（共6分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, choice, count, subset, yes_no
from ucm_check.shapes import Choice, Flag, Gate, MissingItems, Shortfall
from ucm_check_hunan2020 import STANDARD, C

PLAN = choice("training_plan", "培训计划的状态", "State of the training plan", ("未制定培训计划", "已制定未完成任务", "已制定并完成任务"))
LAW = yes_no("law_popularization", "是否开展法律法规知识培训、讲座、竞赛、宣传等普法活动", "Legal-awareness activities held")
PRACTICE = yes_no("practice_training_held", "是否开展执法实务操作培训", "Enforcement practice training held")
TOPICS = subset(
    "practice_topics", "已开展的实务操作培训内容", "Practice-training topics covered",
    (
        "违法案件的种类、违法行为的特征与构成要件",
        "查处违法行为的基本要求",
        "城管综合执法中的证据、种类与证据规则",
        "城管综合执法中的证据收集、证据分析与事实认定",
    ),
)
ASSIGNED = count("cadre_rotation_assigned", "省厅科级干部轮训本单位报送人数", "Staff the unit put forward for the provincial section-chief rotation", "人")
COMPLETED = count("cadre_rotation_completed", "省厅科级干部轮训已完成人数", "Staff who completed the rotation", "人")

AREA = area("training", "二", "加大培训教育力度", "Training and education", STANDARD, "6", order=2, rules=[
    Rule(
        code="HN-02-1", clause=C("附件 一（二）2（1）"), title="培训计划及完成",
        text="制定培训计划并完成培训任务计2分。未制定培训计划扣2分；制定培训计划未完成任务扣1分。",
        shape=Choice(PLAN, {"未制定培训计划": D("2"), "已制定未完成任务": D("1"), "已制定并完成任务": D("0")}),
        reading="评价内容“各市州制定科级以下城管执法人员轮训方案，2020年至少完成三分之一轮训任务”读作 2020 年培训任务的一部分："
                "轮训完成人数不到方案应训人数的三分之一（恰为三分之一算完成，“至少”含本数）的，即为“已制定未完成任务”；"
                "县市区按所在市州的方案计其本单位人员。评分标准本身只问计划和任务，不另设扣分。",
        period_days=90, remedy="制定年度培训计划（含科级以下执法人员轮训方案），按计划完成培训并留存签到、课件和考核记录。",
        good={"training.training_plan": "已制定并完成任务"}, bad={"training.training_plan": "已制定未完成任务"},
    ),
    Rule(
        code="HN-02-2", clause=C("附件 一（二）2（2）"), title="普法活动",
        text="开展法律法规知识培训、讲座、竞赛、宣传等普法活动计1分。未开展扣1分。",
        shape=Flag(LAW, D("1")), period_days=30, remedy="组织法律法规知识培训、讲座、竞赛或宣传等普法活动并留存资料。",
        good={"training.law_popularization": True}, bad={"training.law_popularization": False},
    ),
    Rule(
        code="HN-02-3", clause=C("附件 一（二）2（3）"), title="执法实务操作培训",
        text="开展城管执法队伍执法实务操作培训计2分。未开展实务操作培训扣2分；对违法案件的种类、违法行为的特征与构成要件，查处违法行为的基本要求，城管综合执法中的证据、种类与证据规则，城管综合执法中的证据收集、证据分析与事实认定等实务操作培训，每少开展一项扣0.5分，扣完2分为止。",
        shape=Gate(PRACTICE, D("2"), MissingItems(TOPICS, D("0.5"), D("2"))),
        reading="“每少开展一项”按原文以逗号分隔的四类内容计，四项全缺与未开展同为扣2分。",
        period_days=60, remedy="针对所缺内容组织执法实务操作培训（案件种类与构成要件、查处要求、证据规则、证据收集与事实认定）。",
        good={"training.practice_training_held": True, "training.practice_topics": list(TOPICS.options)},
        bad={"training.practice_training_held": True, "training.practice_topics": ["查处违法行为的基本要求"]},
    ),
    Rule(
        code="HN-02-4", clause=C("附件 一（二）2（4）"), title="省厅科级干部轮训",
        text="积极参加省厅组织的城市管理执法科级干部轮训计1分。未按本单位报送人数完成轮训任务，每少一人扣0.5分，扣完1分为止。",
        shape=Shortfall(ASSIGNED, COMPLETED, D("0.5"), D("1")),
        period_days=180, remedy="按本单位报送名单安排未参训人员参加省厅下一期科级干部轮训。",
        good={"training.cadre_rotation_assigned": 3, "training.cadre_rotation_completed": 3},
        bad={"training.cadre_rotation_assigned": 3, "training.cadre_rotation_completed": 2},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
