"""方案 二 without a calendar: the 复议撤销/诉讼败诉 veto, the one-off deliverables and the standing
systems, as yes/no duties (the plan gives them no date, so each is a standing duty, 长期)."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from ucm_check.hookspecs import hookimpl
from ucm_check.model import Fact, Rule
from ucm_check.rulekit import area, count, yes_no
from ucm_check.shapes import AllTrue, Obligation
from ucm_check_citycapacity import COUNTIES, FOR_CITY, FOR_COUNTY, STANDARD, clause

VETO_TEXT = "对在考评年度内发生执法案件被行政复议撤销或诉讼败诉的,单位年度执法考评结果直接确定为不合格"
VERDICT = "单位年度执法考评结果：不合格（方案二（八）一票否决）"
REVERSED = count("reconsideration_revoked", "考评年度内被行政复议撤销的执法案件数", "Cases revoked on administrative reconsideration", "件")
LOST = count("litigation_lost", "考评年度内行政诉讼败诉的执法案件数", "Cases lost in administrative litigation", "件")


@frozen
class NoRevokedOrLost:
    """The veto of 二（八）: any case revoked on reconsideration or lost in court this assessment year
    makes the unit's year 不合格, whatever else it did."""

    revoked: Fact
    lost: Fact

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.revoked, self.lost)

    def check(self, get: Any) -> tuple[bool, str]:
        revoked, lost = get(self.revoked.key), get(self.lost.key)
        observed = f"{self.revoked.label}：{revoked}件；{self.lost.label}：{lost}件"
        return not (revoked or lost), observed + ("" if not (revoked or lost) else f"；{VERDICT}")


def _standing(code: str, path: str, title: str, text: str, facts: tuple[Fact, ...], area_id: str, *,
              lead: tuple[str, ...], remedy: str, reading: str = "") -> Rule:
    applies = FOR_COUNTY if area_id == "county_systems" else FOR_CITY
    return Rule(code=code, clause=clause(path), title=title, text=text, shape=Obligation(AllTrue(facts)),
                applies_to=applies, period_days=60, remedy=remedy, lead=lead,
                responsible=COUNTIES if area_id == "county_systems" else (),
                reading=(reading + "方案未写完成时限，按长期任务检查：未做到即为“未落实”。").strip(),
                good={f"{area_id}.{f.key}": True for f in facts}, bad={f"{area_id}.{f.key}": False for f in facts})


def _fact(key: str, label: str) -> Fact:
    return yes_no(key, label, key.replace("_", " "))


COUNTY_SYSTEMS = area("county_systems", "二（八）", "考评否决和县（市、区）制度", "Veto and county systems", STANDARD, "0",
                      order=3, rules=[
    Rule(code="CAP-VETO", clause=clause("二（八）"), title="复议撤销、诉讼败诉：年度考评不合格", text=VETO_TEXT,
         shape=Obligation(NoRevokedOrLost(REVERSED, LOST)), applies_to=FOR_COUNTY, period_days=30,
         lead=("局政策法规科", "执法监督科", "数字城管中心"), responsible=COUNTIES,
         reading="“考评年度”读作档案的 unit.period 所指年度；被撤销或败诉的案件有一件即一票否决，年度执法考评结果为“不合格”，"
                 "其他各项是否落实都不改变这一结论。确认违法、部分撤销按撤销计。政策文件可用 veto = [\"CAP-VETO\"] 把否决变成门槛。",
         remedy="逐案倒查被撤销、败诉案件的事实认定、证据、程序和法律适用，追究案件主办人责任（方案二（八））。",
         good={"county_systems.reconsideration_revoked": 0, "county_systems.litigation_lost": 0},
         bad={"county_systems.reconsideration_revoked": 1, "county_systems.litigation_lost": 0}),
    _standing("CAP-21c", "二（一）", "定期综合研判本地区执法状况", "定期对本地区执法状况进行综合研判分析",
              (_fact("periodic_analysis", "是否定期对本地区执法状况进行综合研判分析"),), "county_systems",
              lead=("局政策法规科",), remedy="建立执法数据综合研判制度，按季度形成研判分析报告。",
              reading="“定期”未写周期：有制度并按期开展即为落实。"),
])

CITY_SYSTEMS = area("city_systems", "二", "市局的制度和一次性成果", "The city bureau's systems and deliverables", STANDARD, "0",
                    order=4, rules=[
    _standing("CAP-21b", "二（一）", "重大执法活动执法风险评估制度", "建立完善重大执法活动执法风险评估制度",
              (_fact("risk_assessment", "是否已建立重大执法活动执法风险评估制度"),), "city_systems",
              lead=("局政策法规科",), remedy="制定重大执法活动风险评估制度，明确评估范围、程序和结果运用。"),
    _standing("CAP-23c", "二（三）", "重点法律法规学习测试计划", "制定《2016年度重点法律法规学习测试计划》",
              (_fact("test_plan", "是否已制定本年度重点法律法规学习测试计划"),), "city_systems",
              lead=("局政策法规科", "局人事科"), remedy="制定本年度重点法律法规学习测试计划并印发。",
              reading="原文写“2016年度”（沿用旧方案的年份），读作每个考评年度都有当年的测试计划。"),
    _standing("CAP-23d", "二（三）", "任前法律考试和领导干部法制档案", "落实选拔任前干部法律考试制度和领导干部法制档案制度",
              (_fact("pre_appointment_exam", "是否落实选拔任前干部法律考试制度"),
               _fact("legal_files", "是否落实领导干部法制档案制度")), "city_systems",
              lead=("局政策法规科", "局人事科"), remedy="对拟任科级领导干部组织法律知识考试，建立领导干部法制档案。"),
    _standing("CAP-24c", "二（四）", "法治文化宣传阵地", "建立法治文化宣传阵地",
              (_fact("culture_site", "是否已建立法治文化宣传阵地"),), "city_systems",
              lead=("局党委", "局政策法规科", "人事科", "办公室"), remedy="建成法治文化宣传阵地（长廊、展室或网上专栏）并定期更新。"),
    _standing("CAP-25", "二（五）", "出台市行政处罚裁量权基准", "结合全市执法办案实际出台《市行政处罚裁量权基准》",
              (_fact("discretion_standard", "是否已出台《市行政处罚裁量权基准》"),), "city_systems",
              lead=("局政策法规科",), remedy="对照省裁量权实施办法和基准，出台本市裁量权基准。"),
    _standing("CAP-26b", "二（六）", "权力事项动态调整机制", "建立权力事项动态调整机制",
              (_fact("power_list_updates", "是否已建立权力事项动态调整机制"),), "city_systems",
              lead=("局政策法规科", "办公室"), remedy="建立法律修订、职能转变后及时调整权力清单的机制，明确责任科室和时限。"),
    _standing("CAP-27b", "二（七）", "行政执法案件办理工作考评办法", "出台《市城管执法局行政执法案件办理工作考评办法》等制度",
              (_fact("case_assessment_rules", "是否已出台《行政执法案件办理工作考评办法》"),), "city_systems",
              lead=("局政策法规科", "执法监督科"), remedy="出台案件办理考评办法，细化评分标准，实行量化考核。"),
    _standing("CAP-28b", "二（八）", "网上办案系统升级（电子签章、电子签名、电子卷宗）",
              "完成网上办案信息系统升级工作,完善网上执法流程管理,开发应用电子签章、电子签名,实现案件电子卷宗自动生成",
              (_fact("online_system_upgraded", "是否已完成网上办案信息系统升级"),
               _fact("e_seal", "是否已开发应用电子签章、电子签名"),
               _fact("e_dossier", "是否已实现案件电子卷宗自动生成")), "city_systems",
              lead=("局政策法规科", "执法监督科", "数字城管中心"), remedy="完成网上办案系统升级，上线电子签章、电子签名和电子卷宗自动生成。",
              reading="升级、电子签章签名、电子卷宗三项都做到才算完成。"),
    _standing("CAP-28c", "二（八）", "说理式行政处罚文书规范", "制定出台《说理式行政处罚文书规范》",
              (_fact("reasoned_document_rules", "是否已出台《说理式行政处罚文书规范》"),), "city_systems",
              lead=("局政策法规科", "执法监督科", "数字城管中心"), remedy="制定并印发说理式行政处罚文书规范。"),
    _standing("CAP-28d", "二（八）", "执法责任终身追究机制", "建立执法责任终身追究机制",
              (_fact("lifelong_accountability", "是否已建立执法责任终身追究机制"),), "city_systems",
              lead=("局政策法规科", "执法监督科", "数字城管中心"), remedy="落实《工作责任追究暂行规定》，建立执法责任终身追究机制。"),
])


@hookimpl
def ucm_check_areas():
    return [COUNTY_SYSTEMS, CITY_SYSTEMS]
