"""八、突出城管服务为先（共10分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, choice, percent, yes_no
from ucm_check.shapes import Band, Bands, Choice, Flag
from ucm_check_hunan2020 import STANDARD, C

METHOD = choice("method_721", "“721工作法”的状态", "State of the '721' working method", ("未建立", "已建立未按其开展工作", "已建立并按其开展工作"))
SATISFACTION = percent("satisfaction_rate", "群众满意度（%，问卷和电话调查等）", "Public satisfaction (%, surveys and phone polls)")
RISK = yes_no("risk_assessment", "是否建立执法风险评估机制", "Enforcement risk assessment in place")

AREA = area("service", "八", "突出城管服务为先", "Service first", STANDARD, "10", order=8, rules=[
    Rule(
        code="HN-08-1", clause=C("附件 一（八）2（1）"), title="“721工作法”",
        text="实施“721工作法”计4分。未建立“721工作法”扣4分，建立未按“721工作法”开展工作的扣2分。",
        shape=Choice(METHOD, {"未建立": D("4"), "已建立未按其开展工作": D("2"), "已建立并按其开展工作": D("0")}), period_days=60,
        remedy="建立并实施“721工作法”（70%服务、20%管理、10%执法），留存工作台账。",
        good={"service.method_721": "已建立并按其开展工作"}, bad={"service.method_721": "未建立"},
    ),
    Rule(
        code="HN-08-2", clause=C("附件 一（八）2（2）"), title="群众满意度",
        text="群众满意度达到85%及以上计4分。75%-85%以下扣1分，60%-75%及以下扣2分，50%-60%及以下扣3分，50%及以下扣4分。采用问卷和电话调查等方式。",
        shape=Bands(
            SATISFACTION,
            (Band(D("85"), D("0")), Band(D("75"), D("1")), Band(D("60"), D("2")), Band(D("50"), D("3")), Band(D("0"), D("4"))),
            edges={D("75"): D("2"), D("60"): D("3"), D("50"): D("4")},
        ),
        reading="75%、60%、50%三处边界文本自相矛盾（如75%既在“75%-85%以下”又在“60%-75%及以下”）。本工具默认边界值归入以其为下限的档次（与“85%及以上”的写法一致，对被评单位有利）：恰为75%扣1分，60%扣2分，50%扣3分；省级裁剪可改为归入“及以下”档次。",
        period_days=180, remedy="分析满意度调查中的主要意见，针对群众反映强烈的问题制定改进措施并复测。",
        good={"service.satisfaction_rate": D("85")}, bad={"service.satisfaction_rate": D("74.9")},
    ),
    Rule(
        code="HN-08-3", clause=C("附件 一（八）2（3）"), title="执法风险评估机制",
        text="建立执法风险评估机制计2分。未建立扣2分。",
        shape=Flag(RISK, D("2")), period_days=30, remedy="建立执法风险评估机制，对易发生冲突的执法事项制定风险防控预案。",
        good={"service.risk_assessment": True}, bad={"service.risk_assessment": False},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
