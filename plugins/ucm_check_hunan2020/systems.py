"""五、健全执法制度（共14分）."""

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, count, subset, yes_no
from ucm_check.shapes import Flag, Gate, MissingItems, PerCount
from ucm_check_hunan2020 import STANDARD, C

PUBLICITY = yes_no("publicity_system", "是否建立行政执法公示制度", "Enforcement publicity rules in place")
STAGES = subset("publicity_stages", "已落实的公示环节", "Publicity stages carried out", ("事前公开", "事中公示", "事后公开"))
RECORDING = yes_no("recording_system", "是否建立行政执法全过程记录制度", "Whole-process recording rules in place")
RECORD_ITEMS = subset(
    "recording_items", "全过程记录已做到的方面", "Whole-process recording aspects achieved",
    ("启动、调查取证、审核决定、送达执行全部过程记录", "全面系统归档保存", "执法全过程留痕和可回溯管理"),
)
REVIEW = yes_no("legal_review_system", "是否建立重大执法决定法制审核制度", "Legal review of major decisions in place")
UNREVIEWED = count("unreviewed_major_decisions", "未经法制审核或审核未通过擅自作出的重大执法决定数", "Major decisions made without (passing) legal review", "处")
DISCRETION = yes_no("discretion_baseline", "是否建立行政处罚裁量权基准制度", "Discretion baseline for penalties in place")
DISCRETION_ITEMS = subset(
    "discretion_items", "裁量权基准已做到的方面", "Discretion-baseline aspects achieved",
    ("细化裁量标准", "量化裁量标准", "规范裁量范围", "规范裁量种类", "规范裁量幅度"),
)
PROCEDURE = count("procedure_violations", "发现不按程序办理的案件起数", "Cases not handled by the prescribed procedure", "起")
POWER_LIST = subset(
    "power_list_published", "权责清单已向社会公布的内容", "Contents of the published list of powers and duties",
    ("行政职权及其依据", "行使主体", "运行流程", "对应的责任"),
)
FAULT = yes_no("fault_accountability_system", "是否建立行政执法过错责任追究制度", "Accountability rules for enforcement errors in place")

AREA = area("systems", "五", "健全执法制度", "Enforcement rules and procedures", STANDARD, "14", order=5, rules=[
    Rule(
        code="HN-05-1a", clause=C("附件 一（五）2（1）①"), title="行政执法公示制度",
        text="未建立行政执法公示制度的，扣1.5分。未按“事前公开、事中公示、事后公开”制度落实的，每少一项扣0.5分，扣完1.5分为止。",
        shape=Gate(PUBLICITY, D("1.5"), MissingItems(STAGES, D("0.5"), D("1.5"))), period_days=30,
        remedy="建立行政执法公示制度，落实事前公开、事中公示、事后公开三个环节。",
        good={"systems.publicity_system": True, "systems.publicity_stages": ["事前公开", "事中公示", "事后公开"]},
        bad={"systems.publicity_system": True, "systems.publicity_stages": ["事前公开"]},
    ),
    Rule(
        code="HN-05-1b", clause=C("附件 一（五）2（1）②"), title="执法全过程记录制度",
        text="未建立行政执法全过程记录制度的，扣1.5分。行政执法全过程记录应有文字、音像等记录，未对行政执法的启动、调查取证、审核决定、送达执行等全部过程进行记录，未全面系统归档保存，未做到执法全过程留痕和可回溯管理的，每少一项扣0.5分，扣完1.5分为止。",
        shape=Gate(RECORDING, D("1.5"), MissingItems(RECORD_ITEMS, D("0.5"), D("1.5"))),
        reading="“每少一项”按原文三个“未……”分句计三项：全部过程记录、全面系统归档保存、留痕和可回溯管理；三项全缺恰为1.5分。",
        period_days=30, remedy="建立全过程记录制度，配齐执法记录仪，对启动、取证、审核、送达执行全过程记录并系统归档，实现可回溯管理。",
        good={"systems.recording_system": True, "systems.recording_items": list(RECORD_ITEMS.options)},
        bad={"systems.recording_system": False, "systems.recording_items": []},
    ),
    Rule(
        code="HN-05-1c", clause=C("附件 一（五）2（1）③"), title="重大执法决定法制审核制度",
        text="未建立重大执法决定法制审核制度的，扣2分。作出重大执法决定前，未严格进行法制审核，未经法制审核或者审核未通过擅自作出决定的，每发现一处扣0.5分，扣完2分为止。",
        shape=Gate(REVIEW, D("2"), PerCount(UNREVIEWED, D("0.5"), D("2"))), period_days=30,
        remedy="建立重大执法决定法制审核制度，对已作出的未审核决定逐件补正或纠错。",
        good={"systems.legal_review_system": True, "systems.unreviewed_major_decisions": 0},
        bad={"systems.legal_review_system": True, "systems.unreviewed_major_decisions": 3},
    ),
    Rule(
        code="HN-05-2", clause=C("附件 一（五）2（2）"), title="行政处罚裁量权基准制度",
        text="建立健全行政处罚裁量权基准制度计3分。未细化、量化行政处罚裁量标准，未规范裁量范围、种类、幅度，每少一项扣0.5分，扣完3分为止。",
        shape=Gate(DISCRETION, D("3"), MissingItems(DISCRETION_ITEMS, D("0.5"), D("3"))),
        reading="原文列举细化、量化、范围、种类、幅度五项，五项全缺为2.5分，达不到3分；本工具读作：未建立裁量权基准制度的本项3分全扣，已建立的按五项每少一项扣0.5分。",
        period_days=60, remedy="制定行政处罚裁量权基准，细化、量化裁量标准，规范裁量范围、种类和幅度，并向社会公布。",
        good={"systems.discretion_baseline": True, "systems.discretion_items": list(DISCRETION_ITEMS.options)},
        bad={"systems.discretion_baseline": True, "systems.discretion_items": ["细化裁量标准"]},
    ),
    Rule(
        code="HN-05-3", clause=C("附件 一（五）2（3）"), title="执法程序和办案流程",
        text="落实执法程序、办案流程计3分。每发现一起不按程序办理扣0.5分，扣完3分为止。",
        shape=PerCount(PROCEDURE, D("0.5"), D("3")), period_days=30,
        remedy="开展案卷评查，对不按程序办理的案件逐件整改，规范办案流程。",
        good={"systems.procedure_violations": 0}, bad={"systems.procedure_violations": 2},
    ),
    Rule(
        code="HN-05-4", clause=C("附件 一（五）2（4）"), title="权责清单公布",
        text="建立城市管理综合执法部门权责清单并公布计2分。未将行政职权及其依据、行使主体、运行流程、对应的责任等以清单形式向社会公布，接受社会监督。每少一项扣0.5分，扣完2分为止。",
        shape=MissingItems(POWER_LIST, D("0.5"), D("2")), period_days=60,
        remedy="编制权责清单，载明行政职权及其依据、行使主体、运行流程、对应责任，并在门户网站公布。",
        good={"systems.power_list_published": list(POWER_LIST.options)}, bad={"systems.power_list_published": ["行使主体"]},
    ),
    Rule(
        code="HN-05-5", clause=C("附件 一（五）2（5）"), title="行政执法过错责任追究制度",
        text="建立行政执法过错责任追究制度计1分。未建立扣1分。",
        shape=Flag(FAULT, D("1")), period_days=30, remedy="制定行政执法过错纠正和责任追究制度并印发执行。",
        good={"systems.fault_accountability_system": True}, bad={"systems.fault_accountability_system": False},
    ),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
