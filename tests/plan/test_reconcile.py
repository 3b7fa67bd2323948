"""Gaps to items, default deadlines and the province hook, and reconciling a changed profile."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from tests.plan.conftest import AS_OF
from ucm_check.hookspecs import hookimpl
from ucm_check.engine.host import build_host
from ucm_check.model import DEDUCTED
from ucm_check.plan import CLOSED, DONE, IN_PROGRESS, ONGOING, Item, deadline_chooser, reconcile

LATER = AS_OF + dt.timedelta(days=30)


def _rescore(host, **changes):
    """``result``'s profile re-scored with some facts changed (``area__key=value``)."""
    from ucm_check.engine.scoring import evaluate
    from ucm_check.profile.reading import load_profile
    from tests.helpers import PROFILES

    profile = load_profile(str(PROFILES / "hunan-county-typical.toml"), host.standards)
    facts = {a: dict(v) for a, v in profile.facts.items()}
    for path, value in changes.items():
        area, key = path.split("__")
        facts[area][key] = value
    return evaluate(profile.unit, facts, host.standards["hunan-2020"], as_of=AS_OF)


def _again(host, plan, result, as_of=LATER):
    return reconcile(plan, result, as_of=as_of, deadline_for=deadline_chooser(host, result.unit, as_of))


def test_every_gap_becomes_one_item_with_problem_clause_points_and_remedy(fresh_plan, typical):
    assert [i.id for i in fresh_plan.items] == [f.rule.code for f in typical.findings if f.status == DEDUCTED]
    assert len(fresh_plan.items) == 17
    item = fresh_plan.item("HN-06-4")
    assert item.problem == "持执法证率：城管执法人员持执法证率（%，以支（大）队为单位）：93.8%"
    assert item.clause == "湘建执函〔2020〕94号 附件 一（六）2（4）"
    assert item.area == "六 严格执法纪律"
    assert item.points == Decimal("3")
    assert item.measures == "组织未持证人员参加执法资格考试，取得执法证前不得单独执法。"
    assert (item.status, item.created, item.gap_closed) == ("未开始", AS_OF, None)
    assert sum((i.points for i in fresh_plan.items), Decimal(0)) == Decimal("17.3")


def test_default_deadline_is_as_of_plus_the_rules_period(fresh_plan, hunan):
    for item in fresh_plan.items:
        assert item.deadline == AS_OF + dt.timedelta(days=hunan.rule(item.rule).period_days)


class _Province:
    """A province pack: 持证率 by a fixed date, 文明执法 ongoing, no opinion on the rest."""

    @hookimpl
    def ucm_check_default_deadline(self, rule, as_of):
        return {"HN-06-4": dt.date(2027, 6, 30), "HN-06-3": ONGOING}.get(rule.code)


class _Broken:
    @hookimpl
    def ucm_check_default_deadline(self, rule):
        return "下个月" if rule.code == "HN-03-2" else None


def test_a_province_hook_overrides_default_deadlines_and_a_bad_answer_is_recorded(typical):
    host = build_host(entry_points=False)
    host.register("province", _Province(), module="tests", version="", source="file")
    host.register("broken", _Broken(), module="tests", version="", source="file")
    plan, _ = reconcile(None, typical, as_of=AS_OF, deadline_for=deadline_chooser(host, typical.unit, AS_OF))
    assert plan.item("HN-06-4").deadline == dt.date(2027, 6, 30)
    assert plan.item("HN-06-3").deadline == ONGOING
    assert plan.item("HN-03-2").deadline == AS_OF + dt.timedelta(days=typical.standard.rule("HN-03-2").period_days)
    assert [(e.plugin, e.hook) for e in host.errors] == [("broken", "ucm_check_default_deadline")]
    assert "下个月" in host.errors[0].error


def test_a_fixed_gap_becomes_ready_to_close_and_keeps_every_user_field(host, fresh_plan):
    edited = attrs.evolve(fresh_plan.item("HN-06-4"), lead_unit="人事科", person="李四", status=IN_PROGRESS,
                          evidence=("考试名单.xlsx",))
    plan = fresh_plan.replace(edited)
    fixed = _rescore(host, discipline__certificate_rate=Decimal("96"))
    again, changes = _again(host, plan, fixed)
    item = again.item("HN-06-4")
    assert changes.gone == ("HN-06-4",) and changes.added == ()
    assert item.gap_closed == LATER and item.ready_to_close
    assert item.state(LATER) == "整改中，可销号"
    assert (item.lead_unit, item.person, item.status, item.evidence) == ("人事科", "李四", IN_PROGRESS, ("考试名单.xlsx",))
    assert len(again.items) == 17
    assert _again(host, again, fixed, as_of=LATER + dt.timedelta(days=9))[0].item("HN-06-4").gap_closed == LATER


def test_a_new_gap_adds_an_item_dated_from_the_new_as_of(host, fresh_plan, hunan):
    worse = _rescore(host, opinion__major_negative_events=1)
    again, changes = _again(host, fresh_plan, worse)
    (new_id,) = changes.added
    new = again.item(new_id)
    assert new.rule.startswith("HN-12") and new.created == LATER
    assert new.deadline == LATER + dt.timedelta(days=hunan.rule(new.rule).period_days)
    assert again.items[:17] == fresh_plan.items


def test_a_changed_observation_refreshes_the_problem_but_not_the_users_measures(host, fresh_plan):
    plan = fresh_plan.replace(attrs.evolve(fresh_plan.item("HN-03-2"), measures="每周督查一次"))
    fewer = _rescore(host, uniform__dress_violations=3)
    item = _again(host, plan, fewer)[0].item("HN-03-2")
    assert item.problem.endswith("3起") and item.points == Decimal("0.6")
    assert item.measures == "每周督查一次"


def test_hand_added_items_are_kept_untouched(host, fresh_plan):
    mine = Item(fresh_plan.next_manual_id(), "档案室漏雨", lead_unit="办公室", deadline=dt.date(2026, 12, 1))
    again, _ = _again(host, fresh_plan.replace(mine), _rescore(host, discipline__certificate_rate=Decimal("99")))
    assert again.item("自定-1") == mine


def test_an_unanswered_rule_does_not_mark_its_gap_gone(host, fresh_plan):
    from ucm_check.engine.scoring import evaluate
    from ucm_check.profile.reading import load_profile
    from tests.helpers import PROFILES

    profile = load_profile(str(PROFILES / "hunan-county-typical.toml"), host.standards)
    facts = {a: dict(v) for a, v in profile.facts.items()}
    del facts["discipline"]["certificate_rate"]
    unanswered = evaluate(profile.unit, facts, host.standards["hunan-2020"], as_of=AS_OF)
    again, changes = _again(host, fresh_plan, unanswered)
    assert changes.gone == () and again.item("HN-06-4").gap_closed is None


def test_a_gap_back_before_closing_reopens_the_item_and_after_closing_gets_a_new_one(host, fresh_plan, typical):
    fixed = _rescore(host, discipline__certificate_rate=Decimal("96"))
    gone, _ = _again(host, fresh_plan, fixed)
    back, changes = _again(host, gone, typical, as_of=LATER + dt.timedelta(days=1))
    assert changes.reopened == ("HN-06-4",) and back.item("HN-06-4").gap_closed is None
    closed = gone.replace(attrs.evolve(gone.item("HN-06-4"), status=CLOSED))
    back, changes = _again(host, closed, typical, as_of=LATER + dt.timedelta(days=1))
    assert changes.added == ("HN-06-4#2",)
    assert back.item("HN-06-4").status == CLOSED and back.item("HN-06-4#2").status == "未开始"


@pytest.mark.parametrize("status", [DONE, CLOSED])
def test_an_item_finished_by_hand_while_its_gap_remains_is_not_duplicated(host, fresh_plan, typical, status):
    closed = fresh_plan.replace(attrs.evolve(fresh_plan.item("HN-06-4"), status=status))
    again, changes = _again(host, closed, typical)
    assert changes.added == () and again.item("HN-06-4").status == status


def test_an_area_whose_plugin_failed_leaves_its_items_alone(host, fresh_plan, typical):
    from ucm_check.model import AreaResult

    failed = attrs.evolve(typical, areas=tuple(
        AreaResult(a.area, (), error="插件 discipline 出错") if a.area.id == "discipline" else a for a in typical.areas))
    assert all(f.rule.code != "HN-06-4" for f in failed.findings)
    again, changes = _again(host, fresh_plan, failed)
    assert changes.gone == () and again.item("HN-06-4") == fresh_plan.item("HN-06-4")


def test_a_unit_in_several_roles_is_listed_once_in_its_first_role():
    item = Item("x", "问题", lead_unit="督查科", responsible_units=("一中队", "督查科"), cooperating_units=("一中队", "办公室"))
    assert item.units == (("督查科", "牵头"), ("一中队", "责任"), ("办公室", "配合"))


def test_an_unmet_dated_duty_becomes_an_item_due_when_its_document_says(host, typical):
    from ucm_check.model import AreaResult, NOT_MET, OVERDUE

    due = dt.date(2021, 12, 31)

    def dated(f):
        if f.rule.code == "HN-06-6a":
            return attrs.evolve(f, status=OVERDUE, points=Decimal(0), due=due, observed="协管人员管理制度：未建立")
        if f.rule.code == "HN-08-3":
            return attrs.evolve(f, status=NOT_MET, points=Decimal(0), observed="未建立")
        return f

    result = attrs.evolve(typical, areas=tuple(AreaResult(a.area, tuple(map(dated, a.findings)), a.error) for a in typical.areas))

    class DocumentDates:
        @hookimpl
        def ucm_check_default_deadline(self, finding):
            return finding.due

    host = build_host(entry_points=False)
    host.register("dates", DocumentDates(), module="tests", version="", source="file")
    plan, _ = reconcile(None, result, as_of=AS_OF, deadline_for=deadline_chooser(host, result.unit, AS_OF))
    overdue = plan.item("HN-06-6a")
    assert (overdue.deadline, overdue.points, overdue.problem.endswith("协管人员管理制度：未建立")) == (due, Decimal(0), True)
    assert overdue.overdue(AS_OF)
    standing = plan.item("HN-08-3")
    assert standing.deadline == AS_OF + dt.timedelta(days=result.standard.rule("HN-08-3").period_days)
    assert len(plan.items) == 19
