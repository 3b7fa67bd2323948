"""Seed 003's checks a bureau can answer about itself: tasks 5, 6, 8, 12, 13, 30, 31 and 四（二）.

The plan's other tasks are duties of the district's departments, tracked in its 整改台账
(``examples/yangzonghai-2017.plan.toml``); the README lists each with its reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import frozen

from ucm_check.dated.schedule import Relative
from ucm_check.hookspecs import hookimpl
from ucm_check.model import Applicability, Fact, Rule
from ucm_check.rulekit import area, count, yes_no
from ucm_check.shapes import AllTrue, NoneOf, Obligation
from ucm_check_localnorms import KUNMING, STANDARD, clause

END_2017 = dt.date(2017, 12, 31)
BUREAUS = Applicability(frozenset({"设区市", "县（市、区）"}),
                        "实施方案三（一）至（七）、四（二）的任务由区（县）级城乡管理执法部门承担，街道（乡镇）执法中队不单独自查")

DOWNWARD = yes_no("district_keeps_two_squads", "区级执法部门是否仅保留机动执法中队和督察中队（其余力量下沉镇（街道））",
                  "The district bureau keeps only a mobile and an inspection squad")
TOWN_HEADS = yes_no("town_heads_consulted", "镇（街道）执法中队主要负责人调整是否征求区级执法部门意见",
                    "The district bureau is consulted when a town squad's head changes")
DUAL = yes_no("superior_consulted", "任命领导班子成员前是否征求上一级城乡管理执法部门意见",
              "The superior bureau is consulted before leaders are appointed")
ADJUSTED_ON = Fact("agencies_adjusted_on", "date", "职能机构调整到位日期", "Date the agencies' reorganisation was complete")
LISTS = yes_no("power_lists_published", "是否已制定并向社会公布权力清单和责任清单", "Power and responsibility lists published")
ASSIST_ENFORCING = count("assistants_enforcing", "抽查中协管人员从事具体行政执法工作的起数",
                         "Cases of auxiliary staff doing enforcement themselves", "起")
ASSIST_RULES = yes_no("assistant_rules", "是否已健全协管人员招聘、管理、奖惩、退出等制度",
                      "Rules for hiring, managing, rewarding and dismissing auxiliary staff")
POSTS_BEFORE = count("posts_last_year", "上年末城乡管理执法人员编制数", "Enforcement posts at the end of last year", "个")
POSTS_NOW = count("posts_now", "本年末城乡管理执法人员编制数", "Enforcement posts now", "个")
ASSIST_BEFORE = count("assistants_last_year", "上年末协管人员数", "Auxiliary staff at the end of last year", "人")
ASSIST_NOW = count("assistants_now", "本年末协管人员数", "Auxiliary staff now", "人")
SYSTEMS = tuple(yes_no(key, label, en) for key, label, en in (
    ("publicity_system", "是否已建立执法公示制度", "Enforcement publicity system"),
    ("full_record_system", "是否已建立执法全过程记录制度", "Whole-process recording system"),
    ("legal_review_system", "是否严格执行重大执法决定法制审核制度", "Legal review of major decisions"),
    ("discretion_standards", "是否已健全行政处罚适用规则和裁量基准制度", "Rules and discretion standards for penalties"),
    ("case_review_system", "是否已建立执法办案评议考核制度", "Case review and assessment system"),
))
BUDGETED = yes_no("funds_budgeted", "城乡管理经费是否列入同级财政预算", "City-management funds are in the budget")
FINES_APART = yes_no("fines_separated", "是否严格执行罚缴分离、收支两条线", "Fines are paid to the treasury, apart from spending")
FUNDS_TIED = count("funds_tied_to_fines", "经费与罚没收入挂钩的情形数（如按罚没收入返还、下达罚没指标）",
                   "Ways funds are tied to fines (refunds by fines, fine quotas)", "项")
CROSS_POSTED = yes_no("police_deputy_cross_posted", "区级公安部门负责治安工作的副局长是否兼任城乡管理执法部门副局长",
                      "The police deputy chief for public order is also a deputy chief of the bureau")
JOINT_LIST = yes_no("joint_enforcement_list", "是否已明确公安与城管联动执法清单", "A joint police-bureau enforcement list")
JOINT_PATROL = yes_no("joint_patrols", "是否在镇（街道）一线开展公安和城管联合执勤", "Joint police-bureau patrols on the ground")
OVER_POSTS = count("hires_over_quota", "改革期间超编进人的人数", "People hired beyond the establishment during the reform", "人")
OVER_LEADERS = count("leaders_over_quota", "超职数配备的领导干部人数", "Leaders appointed beyond the quota", "人")
RUSHED = count("rushed_promotions", "改革期间突击提拔的干部人数", "Cadres promoted in a rush during the reform", "人")


@frozen
class FallsAsPostsRise:
    """Task 12: 协管人员应随城乡管理执法人员编制数增加而逐步减少. Met when the posts did not grow, or
    the auxiliary staff fell below last year's number."""

    posts_before: Fact
    posts_now: Fact
    before: Fact
    now: Fact

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.posts_before, self.posts_now, self.before, self.now)

    def check(self, get: Any) -> tuple[bool, str]:
        posts_before, posts_now, before, now = (get(f.key) for f in self.facts)
        observed = (f"编制数 {posts_before} → {posts_now} 个；协管人员 {before} → {now} 人")
        return posts_now <= posts_before or now < before, observed


@frozen
class Both:
    """Condition: both conditions hold (a yes/no part and a none-of part)."""

    first: Any
    second: Any

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (*self.first.facts, *self.second.facts)

    def check(self, get: Any) -> tuple[bool, str]:
        (one, a), (two, b) = self.first.check(get), self.second.check(get)
        return one and two, f"{a}；{b}"


def _rule(code: str, path: str, title: str, text: str, shape: Any, reading: str, remedy: str,
          good: dict, bad: dict, period_days: int = 90) -> Rule:
    return Rule(code=code, clause=clause(KUNMING, path), title=title, text=text, shape=shape, reading=reading,
                remedy=remedy, period_days=period_days, applies_to=BUREAUS,
                good={f"reform.{k}": v for k, v in good.items()}, bad={f"reform.{k}": v for k, v in bad.items()})


SYSTEM_FACTS = {f.key: True for f in SYSTEMS}

AREA = area("reform", "三", "执法体制改革任务（阳宗海2017）", "Reform tasks (Yangzonghai 2017)", STANDARD, "0", order=3, rules=[
    _rule("LN-05", "三（一）5", "管理执法重心下移",
          "区级城乡管理执法部门仅保留机动执法中队和督察中队", Obligation(AllTrue((DOWNWARD, TOWN_HEADS)), due=END_2017),
          "两项都做到才算完成：区级只留机动、督察两个中队；镇（街道）中队主要负责人调整征求区级意见。完成时限“2017年底前”含当日。",
          "把其余执法中队下沉镇（街道），建立中队负责人调整征求区级意见的程序。",
          {"district_keeps_two_squads": True, "town_heads_consulted": True},
          {"district_keeps_two_squads": False, "town_heads_consulted": True}),
    _rule("LN-06", "三（一）6", "双重管理：任命前征求上级意见",
          "在任命辖区城乡管理执法部门领导班子成员前,需征求上一级城乡管理执法部门意见",
          Obligation(AllTrue((DUAL,))), "长期任务（完成时限：长期）：未征求即为“未落实”。",
          "建立任命前书面征求上一级城乡管理执法部门意见的程序并留档。",
          {"superior_consulted": True}, {"superior_consulted": False}),
    _rule("LN-08", "三（一）8", "调整到位后3个月内公布权责清单",
          "在职能机构调整到位后3个月内完成权力清单和责任清单的制定公布工作",
          Obligation(AllTrue((LISTS,)), after=ADJUSTED_ON, within=Relative(months=3, text="职能机构调整到位后3个月内")),
          "期限从职能机构调整到位之日起算 3 个月（无对应日的取月末，民法典第二百零二条）；调整日期未填写即本项未填写。"
          "完成时限栏另写“2017年底前”，按相对期限检查，固定期限见整改台账 YZH-08。",
          "清理调整执法职责，制定并向社会公布权力清单和责任清单。",
          {"agencies_adjusted_on": dt.date(2018, 1, 31), "power_lists_published": True},
          {"agencies_adjusted_on": dt.date(2018, 1, 31), "power_lists_published": False}),
    _rule("LN-12a", "三（二）12", "协管人员不得从事具体行政执法工作",
          "协管人员只能配合执法人员从事宣传教育、巡查、信息收集、违法行为劝阻等辅助性事务,不得从事具体行政执法工作",
          Obligation(NoneOf((ASSIST_ENFORCING,))), "长期规范：抽查发现一起即为“未落实”（同湖南标准 HN-06-6b 的要求）。",
          "清理协管人员岗位，收回其承担的执法事项，由持证执法人员办理。",
          {"assistants_enforcing": 0}, {"assistants_enforcing": 1}),
    _rule("LN-12b", "三（二）12", "协管人员管理制度",
          "健全完善协管人员招聘、管理、奖惩、退出等制度", Obligation(AllTrue((ASSIST_RULES,)), due=END_2017),
          "完成时限“2017年底前”含当日。", "制定协管人员招聘、管理、奖惩、退出制度并印发执行。",
          {"assistant_rules": True}, {"assistant_rules": False}),
    _rule("LN-12c", "三（二）12", "协管人员随编制增加逐步减少",
          "协管人员应随城乡管理执法人员编制数增加而逐步减少",
          Obligation(FallsAsPostsRise(POSTS_BEFORE, POSTS_NOW, ASSIST_BEFORE, ASSIST_NOW)),
          "按年比较：编制数比上年末增加的，协管人员数应少于上年末（持平不算“减少”）；编制数未增加的，本项不作要求。长期规范。",
          "随新增编制招录执法人员，相应核减协管人员。",
          {"posts_last_year": 40, "posts_now": 45, "assistants_last_year": 60, "assistants_now": 55},
          {"posts_last_year": 40, "posts_now": 45, "assistants_last_year": 60, "assistants_now": 60}),
    _rule("LN-13", "三（三）13", "执法管理制度（公示、全过程记录、法制审核等）",
          "建立健全执法办案评议考核制度和执法公示制度。健全行政处罚适用规则和裁量基准制度、执法全过程记录制度、执法监督检查制度。"
          "严格执行重大执法决定法制审核制度",
          Obligation(AllTrue(SYSTEMS), due=END_2017),
          "五项制度都建立（法制审核为严格执行）才算完成；执法监督检查制度见整改台账 YZH-15。完成时限“2017年底前”含当日。",
          "逐项建立并印发缺少的制度，法制审核覆盖全部重大执法决定。",
          SYSTEM_FACTS, {**SYSTEM_FACTS, "full_record_system": False}),
    _rule("LN-30", "三（七）30", "经费列入预算、不与罚没收入挂钩",
          "将城乡管理经费列入同级财政预算……严格执行罚缴分离、收支两条线制度,不得将城乡管理经费与罚没收入挂钩",
          Obligation(Both(AllTrue((BUDGETED, FINES_APART)), NoneOf((FUNDS_TIED,)))),
          "三项都做到才算落实：列入预算；罚缴分离、收支两条线；挂钩情形为 0。长期规范。",
          "经费全额列入预算，取消按罚没收入返还或下达罚没指标的做法。",
          {"funds_budgeted": True, "fines_separated": True, "funds_tied_to_fines": 0},
          {"funds_budgeted": True, "fines_separated": True, "funds_tied_to_fines": 1}),
    _rule("LN-31", "三（七）31", "公安+城管联动",
          "区级公安部门负责治安工作的副局长,兼任同级城乡管理执法部门副局长。明确联动执法清单,推行“公安+城管”联合执法模式,"
          "强化公安和城管在镇(街道)一线联合执勤",
          Obligation(AllTrue((CROSS_POSTED, JOINT_LIST, JOINT_PATROL))),
          "交叉任职、联动清单、一线联合执勤三项都做到才算落实；“在职数核定范围内”不另行检查。长期任务。",
          "商公安分局落实副局长交叉任职，制定联动执法清单，排定一线联合执勤。",
          {"police_deputy_cross_posted": True, "joint_enforcement_list": True, "joint_patrols": True},
          {"police_deputy_cross_posted": False, "joint_enforcement_list": True, "joint_patrols": True}),
    _rule("LN-4-2", "四（二）", "改革中不超编进人、不超职数配备、不突击提拔",
          "严禁在改革中超编进人、超职数配备领导干部、突击提拔干部",
          Obligation(NoneOf((OVER_POSTS, OVER_LEADERS, RUSHED))),
          "三种情形都为 0 才算落实；发现一人即为“未落实”。“突击提拔”按组织部门认定的人数填写。长期纪律要求。",
          "按编制和职数清理改革期间的进人和任职，纠正超编、超职数和突击提拔。",
          {"hires_over_quota": 0, "leaders_over_quota": 0, "rushed_promotions": 0},
          {"hires_over_quota": 1, "leaders_over_quota": 0, "rushed_promotions": 0}),
])


@hookimpl
def ucm_check_areas():
    return [AREA]
