"""六、严格执法纪律（共15分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, count, percent, yes_no
from ucm_check.shapes import Band, Bands, Flag, PerCount
from ucm_check_hunan2020 import STANDARD, C

INTEGRITY = count("integrity_violations", "违反廉洁纪律的起数（以纪检监察部门提供的情况为依据）", "Integrity breaches (per discipline inspectors)", "起")
DUTY = count("duty_discipline_violations", "酒后执勤、值班等违纪行为的起数（以纪检监察部门提供的情况为依据）", "Breaches such as drinking on duty (per discipline inspectors)", "起")
UNCIVIL = count("uncivil_conduct_cases", "语言粗俗、行为粗暴等不文明执法的起数（以信访等部门查处情况为依据）", "Cases of rude or rough conduct (per complaints handling)", "起")
CERT = percent("certificate_rate", "城管执法人员持执法证率（%，以支（大）队为单位）", "Share of officers holding an enforcement certificate (%)")
ON_DUTY = percent("on_duty_certificate_rate", "城管执法人员持证上岗率（%）", "Share of officers on duty with their certificate (%)")
AUX_RULES = yes_no("auxiliary_staff_rules", "是否制定协管人员管理制度", "Rules for auxiliary staff in place")
AUX_CASES = count("auxiliary_enforcement_cases", "协管人员违规从事具体行政执法工作的起数", "Cases of auxiliary staff doing enforcement themselves", "起")

AREA = area("discipline", "六", "严格执法纪律", "Discipline", STANDARD, "15", order=6, rules=[
    Rule(
        code="HN-06-1", clause=C("附件 一（六）2（1）"), title="廉洁纪律",
        text="城管执法人员遵守廉洁纪律(以纪检监察部门提供的情况为依据)计3分。每发现一起违反廉洁纪律规定的，扣1.5分，扣完3分为止。",
        shape=PerCount(INTEGRITY, D("1.5"), D("3")), period_days=30,
        remedy="配合纪检监察部门查处违纪问题，开展廉政警示教育，健全廉政风险防控。",
        good={"discipline.integrity_violations": 0}, bad={"discipline.integrity_violations": 1},
    ),
    Rule(
        code="HN-06-2", clause=C("附件 一（六）2（2）"), title="无酒后执勤等违纪行为",
        text="城管执法人员无酒后执勤、值班等违纪行为(以纪检监察部门提供的情况为依据)计3分。每发现一起违纪行为扣1.5分，扣完3分为止。",
        shape=PerCount(DUTY, D("1.5"), D("3")), period_days=30,
        remedy="严格执行禁酒令和值班纪律，查处违纪行为并通报。",
        good={"discipline.duty_discipline_violations": 0}, bad={"discipline.duty_discipline_violations": 3},
    ),
    Rule(
        code="HN-06-3", clause=C("附件 一（六）2（3）"), title="文明执法",
        text="城管执法人员文明执法(以信访等有关部门提供的举报、投诉等查处情况为依据)计3分。每发现一起语言粗俗、行为粗暴等不文明行为扣0.5分，扣完3分为止。",
        shape=PerCount(UNCIVIL, D("0.5"), D("3")), period_days=30,
        remedy="对投诉查实的不文明执法逐件处理，开展文明执法规范培训，推行执法记录仪全程记录。",
        good={"discipline.uncivil_conduct_cases": 0}, bad={"discipline.uncivil_conduct_cases": 2},
    ),
    Rule(
        code="HN-06-4", clause=C("附件 一（六）2（4）"), title="持执法证率",
        text="城管执法人员持执法证率达到95%以上计3分。以支(大)队为单位，城管执法人员持执法证率未达到95%的扣3分。",
        shape=Bands(CERT, (Band(D("95"), D("0")), Band(D("0"), D("3")))),
        reading="“95%以上”含本数（民法典第1259条）：恰为95%即达标。“以支(大)队为单位”：单位下有几个支（大）队的，"
                "逐个计算，填持证率最低的一个；任一支（大）队未达到95%即扣3分，不按全单位平均。", period_days=180,
        remedy="组织未持证人员参加执法资格考试，取得执法证前不得单独执法。",
        good={"discipline.certificate_rate": D("95")}, bad={"discipline.certificate_rate": D("94.9")},
    ),
    Rule(
        code="HN-06-5", clause=C("附件 一（六）2（5）"), title="持证上岗率",
        text="城管执法人员持证上岗率达到100%计1分。持证上岗率未达到100%扣1分。",
        shape=Bands(ON_DUTY, (Band(D("100"), D("0")), Band(D("0"), D("1")))), period_days=30,
        remedy="落实持证上岗制度，执法时出示执法证件，开展上岗督查。",
        good={"discipline.on_duty_certificate_rate": D("100")}, bad={"discipline.on_duty_certificate_rate": D("99")},
    ),
    Rule(
        code="HN-06-6a", clause=C("附件 一（六）2（6）"), title="协管人员管理制度",
        text="加强协管人员管理计2分。未制定管理制度扣1分；发现一起协管理人员违规从事具体行政执法工作的扣0.5分，扣完1分为止。",
        shape=Flag(AUX_RULES, D("1")), period_days=30,
        reading="本项2分由两部分组成：未制定管理制度扣1分（本规则）；协管人员违规执法每起扣0.5分、扣完1分为止（HN-06-6b）。",
        remedy="制定协管人员管理制度，明确协管人员只能从事辅助性事务。",
        good={"discipline.auxiliary_staff_rules": True}, bad={"discipline.auxiliary_staff_rules": False},
    ),
    Rule(
        code="HN-06-6b", clause=C("附件 一（六）2（6）"), title="协管人员违规执法",
        text="加强协管人员管理计2分。未制定管理制度扣1分；发现一起协管理人员违规从事具体行政执法工作的扣0.5分，扣完1分为止。",
        shape=PerCount(AUX_CASES, D("0.5"), D("1")), period_days=30,
        reading="本项2分由两部分组成：未制定管理制度扣1分（HN-06-6a）；协管人员违规执法每起扣0.5分、扣完1分为止（本规则）。",
        remedy="纠正协管人员从事具体行政执法的情形，由执法人员重新办理相关事项。",
        good={"discipline.auxiliary_enforcement_cases": 0}, bad={"discipline.auxiliary_enforcement_cases": 3},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
