"""Every Hunan 2020 sub-rule at its edges, with the numbers transcribed by hand from the standard.

The tables below are read off 湘建执函〔2020〕94号 附件 (tests/data/hunan-2020-standard.txt), not off
the plugins: a plugin that mistypes a step, a cap or a band edge fails here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from tests.helpers import compliant_facts, finding, score
from ucm_check.model import COMPLIANT, DEDUCTED, NOT_APPLICABLE
from ucm_check.numbers import fmt

D = Decimal
SOURCE = Path(__file__).parent / "data" / "hunan-2020-standard.txt"

# code: (fact path, step, cap) — "每发现一起……扣{step}分，扣完{cap}分为止"
PER_COUNT = {
    "HN-03-1": ("uniform.staff_not_fully_equipped", "0.5", "2"),
    "HN-03-2": ("uniform.dress_violations", "0.2", "2"),
    "HN-04-1": ("vehicles.vehicles_not_painted", "0.5", "2"),
    "HN-04-3": ("vehicles.traffic_violations", "0.5", "2"),
    "HN-05-3": ("systems.procedure_violations", "0.5", "3"),
    "HN-06-1": ("discipline.integrity_violations", "1.5", "3"),
    "HN-06-2": ("discipline.duty_discipline_violations", "1.5", "3"),
    "HN-06-3": ("discipline.uncivil_conduct_cases", "0.5", "3"),
    "HN-06-6b": ("discipline.auxiliary_enforcement_cases", "0.5", "1"),
    "HN-09-1b": ("patrol.market_stalls_not_guided", "0.2", "1"),
    "HN-09-2": ("patrol.stall_bbq_unmanaged", "0.4", "4"),
    "HN-09-3b": ("patrol.vendors_not_guided", "0.3", "3"),
    "HN-11-1": ("assigned.late_assignments", "1", "5"),
    "HN-12-1": ("opinion.major_negative_events", "4", "8"),
}

# code: (fact path, points when false) — "未建立的，扣{points}分"
FLAGS = {
    "HN-01-1": ("party.organization_established", "2"),
    "HN-01-2": ("party.grid_party_building", "2"),
    "HN-02-2": ("training.law_popularization", "1"),
    "HN-05-5": ("systems.fault_accountability_system", "1"),
    "HN-06-6a": ("discipline.auxiliary_staff_rules", "1"),
    "HN-07-1a": ("grid.grid_cells_defined", "1"),
    "HN-07-1b": ("grid.grid_patrol_staffed", "1"),
    "HN-07-2": ("grid.platform_plan", "2"),
    "HN-08-3": ("service.risk_assessment", "2"),
    "HN-09-1a": ("patrol.market_rules", "1"),
    "HN-09-3a": ("patrol.vendor_zones_designated", "1"),
    "HN-10-1": ("supervision.hierarchy_supervision", "1"),
}

# code: (fact path, {state: points})
CHOICES = {
    "HN-01-3": ("party.civilization_plan", {"未制定方案": "4", "方案未落实": "2", "已制定并实施": "0"}),
    "HN-02-1": ("training.training_plan", {"未制定培训计划": "2", "已制定未完成任务": "1", "已制定并完成任务": "0"}),
    "HN-04-2": ("vehicles.vehicle_rules", {"未建立": "1", "已建立未落实": "0.5", "已建立并落实": "0"}),
    "HN-08-1": ("service.method_721", {"未建立": "4", "已建立未按其开展工作": "2", "已建立并按其开展工作": "0"}),
}

# code: (gate path, gate points, items path, all items, step, cap)
GATED_ITEMS = {
    "HN-02-3": ("training.practice_training_held", "2", "training.practice_topics", 4, "0.5", "2"),
    "HN-05-1a": ("systems.publicity_system", "1.5", "systems.publicity_stages", 3, "0.5", "1.5"),
    "HN-05-1b": ("systems.recording_system", "1.5", "systems.recording_items", 3, "0.5", "1.5"),
    "HN-05-2": ("systems.discretion_baseline", "3", "systems.discretion_items", 5, "0.5", "3"),
    "HN-07-3": ("grid.platform_built", "4", "grid.platform_links", 2, "2", "4"),
}

# code: (gate path, gate points, count path, step, cap) — "未建立……扣2分；……每发现一处扣0.5分，扣完2分为止"
GATED_COUNT = {"HN-05-1c": ("systems.legal_review_system", "2", "systems.unreviewed_major_decisions", "0.5", "2")}

# code: (fact path, [(value, points under the default reading, points under the "upper" reading)])
BANDS = {
    "HN-06-4": ("discipline.certificate_rate", [("100", "0", "0"), ("95", "0", "0"), ("94.99", "3", "3"), ("0", "3", "3")]),
    "HN-06-5": ("discipline.on_duty_certificate_rate", [("100", "0", "0"), ("99.99", "1", "1"), ("0", "1", "1")]),
    "HN-08-2": ("service.satisfaction_rate", [
        ("100", "0", "0"), ("85", "0", "0"), ("84.99", "1", "1"), ("75", "1", "2"), ("74.99", "2", "2"),
        ("60", "2", "3"), ("59.99", "3", "3"), ("50", "3", "4"), ("49.99", "4", "4"), ("0", "4", "4"),
    ]),
    "HN-10-3": ("supervision.on_time_closure_rate", [
        ("95", "0", "0"), ("94.99", "1", "1"), ("80", "1", "2"), ("79.99", "2", "2"), ("0", "2", "2"),
    ]),
    "HN-10-4": ("supervision.quality_case_rate", [
        ("60", "0", "0"), ("59.99", "1", "1"), ("50", "1", "2"), ("49.99", "2", "2"), ("0", "2", "2"),
    ]),
}


def points(hunan, code, overrides, **kw):
    return finding(score(hunan, overrides, **kw), code).points


def _options(hunan, path):
    area, _, key = path.partition(".")
    return next(f for f in hunan.area(area).facts if f.key == key).options


@pytest.mark.parametrize("code", sorted(PER_COUNT))
def test_per_occurrence_rules_step_up_to_their_cap_and_stop(hunan, code):
    path, step, cap = PER_COUNT[code]
    step, cap = D(step), D(cap)
    at_cap = int(cap / step)
    assert points(hunan, code, {path: 0}) == 0
    assert points(hunan, code, {path: 1}) == step
    assert points(hunan, code, {path: at_cap - 1}) == cap - step
    assert points(hunan, code, {path: at_cap}) == cap
    assert points(hunan, code, {path: at_cap + 1}) == cap
    assert points(hunan, code, {path: 1000}) == cap


@pytest.mark.parametrize("code", sorted(FLAGS))
def test_yes_no_rules_cost_their_points_only_when_not_met(hunan, code):
    path, pts = FLAGS[code]
    assert points(hunan, code, {path: True}) == 0
    assert points(hunan, code, {path: False}) == D(pts)


@pytest.mark.parametrize("code", sorted(CHOICES))
def test_state_rules_cost_the_points_the_text_gives_each_state(hunan, code):
    path, table = CHOICES[code]
    assert set(table) == set(_options(hunan, path))
    for state, pts in table.items():
        overrides = {path: state, "bonus.civilized_unit_level": "无"}
        assert points(hunan, code, overrides) == D(pts), state


@pytest.mark.parametrize("code", sorted(GATED_ITEMS))
def test_gated_item_lists_cost_the_gate_then_per_missing_item(hunan, code):
    gate, gate_pts, items, n, step, cap = GATED_ITEMS[code]
    options = list(_options(hunan, items))
    assert len(options) == n
    assert points(hunan, code, {gate: False, items: tuple(options)}) == D(gate_pts)
    assert points(hunan, code, {gate: False, items: None}) == D(gate_pts)
    for missing in range(n + 1):
        expected = min(D(step) * missing, D(cap))
        assert points(hunan, code, {gate: True, items: tuple(options[missing:])}) == expected, missing


def test_legal_review_costs_two_without_the_system_then_half_a_point_per_decision(hunan):
    gate, gate_pts, path, step, cap = GATED_COUNT["HN-05-1c"]
    assert points(hunan, "HN-05-1c", {gate: False, path: 0}) == D(gate_pts)
    for n, expected in ((0, "0"), (1, step), (3, "1.5"), (4, cap), (5, cap)):
        assert points(hunan, "HN-05-1c", {gate: True, path: n}) == D(expected), n


def test_power_list_costs_half_a_point_per_missing_item_up_to_two(hunan):
    options = list(_options(hunan, "systems.power_list_published"))
    assert len(options) == 4
    for missing in range(5):
        expected = min(D("0.5") * missing, D(2))
        assert points(hunan, "HN-05-4", {"systems.power_list_published": tuple(options[missing:])}) == expected


@pytest.mark.parametrize("code", sorted(BANDS))
@pytest.mark.parametrize("reading", ["lower", "upper"])
def test_rate_bands_include_their_lower_edge_and_honour_the_reading(hunan, code, reading):
    path, cases = BANDS[code]
    rule = hunan.rule(code)
    tuned = attrs.evolve(rule, shape=attrs.evolve(rule.shape, edge_reading=reading))
    area = hunan.area(path.partition(".")[0])
    std = attrs.evolve(hunan, areas=tuple(
        attrs.evolve(a, rules=tuple(tuned if r.code == code else r for r in a.rules)) if a.id == area.id else a
        for a in hunan.areas
    ))
    for value, default, upper in cases:
        got = finding(score(std, {path: D(value)}), code)
        assert got.points == D(default if reading == "lower" else upper), value


def test_a_value_on_a_contradictory_edge_says_which_reading_was_used(hunan):
    at_edge = finding(score(hunan, {"service.satisfaction_rate": D(75)}), "HN-08-2")
    assert "75%" in at_edge.note and "下限" in at_edge.note
    off_edge = finding(score(hunan, {"service.satisfaction_rate": D("75.5")}), "HN-08-2")
    assert off_edge.note == ""


def test_supervision_visits_fewer_than_two_cost_one_and_none_cost_two(hunan):
    path = "supervision.county_supervision_visits"
    assert [points(hunan, "HN-10-2", {path: n}) for n in (0, 1, 2, 3)] == [2, 1, 0, 0]


def test_rotation_shortfall_costs_half_a_point_per_person_up_to_one(hunan):
    def short(assigned, completed):
        return points(hunan, "HN-02-4", {"training.cadre_rotation_assigned": assigned,
                                         "training.cadre_rotation_completed": completed})

    assert short(3, 3) == 0
    assert short(3, 4) == 0
    assert short(3, 2) == D("0.5")
    assert short(3, 1) == 1
    assert short(3, 0) == 1
    assert short(0, 0) == 0


class TestBonus:
    def test_civilised_unit_counts_the_highest_title_once(self, hunan):
        table = {"无": 0, "市级": 6, "省级": 8, "全国": 10}
        for level, pts in table.items():
            assert points(hunan, "HN-B-1", {"bonus.civilized_unit_level": level}) == pts

    @pytest.mark.parametrize("national,provincial,expected", [
        (0, 0, "0"), (0, 1, "1"), (1, 0, "2"), (1, 1, "3"), (1, 2, "4"), (2, 0, "4"), (2, 1, "4"), (0, 9, "4"),
    ])
    def test_commendations_two_per_national_one_per_provincial_at_most_four(self, hunan, national, provincial, expected):
        got = points(hunan, "HN-B-2", {"bonus.national_commendations": national, "bonus.provincial_commendations": provincial})
        assert got == D(expected)

    @pytest.mark.parametrize("national,provincial,expected", [
        (0, 0, "0"), (0, 2, "2"), (1, 1, "3"), (0, 3, "3"), (2, 0, "3"), (0, 4, "3"),
    ])
    def test_pilots_two_per_national_one_per_provincial_at_most_three(self, hunan, national, provincial, expected):
        got = points(hunan, "HN-B-3", {"bonus.national_pilots": national, "bonus.provincial_pilots": provincial})
        assert got == D(expected)

    @pytest.mark.parametrize("reports,expected", [(0, "0"), (1, "0.5"), (5, "2.5"), (6, "3"), (7, "3")])
    def test_publicity_half_a_point_each_at_most_three(self, hunan, reports, expected):
        assert points(hunan, "HN-B-4", {"bonus.publicity_reports": reports}) == D(expected)


class TestApplicability:
    def test_platform_and_county_supervision_are_not_applicable_to_a_county(self, hunan):
        result = score(hunan, level="县市区")
        for code in ("HN-07-3", "HN-10-2"):
            f = finding(result, code)
            assert f.status == NOT_APPLICABLE and f.points == 0 and "不适用" in f.note

    def test_the_platform_rule_applies_to_jishou_though_it_is_county_level(self, hunan):
        f = finding(score(hunan, {"grid.platform_built": False}, level="县市区", name="吉首市城市管理和综合执法局"), "HN-07-3")
        assert f.status == DEDUCTED and f.points == 4

    def test_an_autonomous_prefecture_is_supervised_on_counties_but_builds_no_platform(self, hunan):
        result = score(hunan, {"supervision.county_supervision_visits": 0}, level="自治州", name="湘西州城市管理局")
        assert finding(result, "HN-10-2").points == 2
        assert finding(result, "HN-07-3").status == NOT_APPLICABLE

    def test_a_civilised_unit_loses_nothing_for_its_creation_plan(self, hunan):
        for level in ("市级", "省级", "全国"):
            f = finding(score(hunan, {"party.civilization_plan": "未制定方案", "bonus.civilized_unit_level": level}), "HN-01-3")
            assert f.status == COMPLIANT and f.points == 0 and "不扣分" in f.note
        exempt_though_unanswered = finding(score(hunan, {"party.civilization_plan": None, "bonus.civilized_unit_level": "省级"}), "HN-01-3")
        assert exempt_though_unanswered.status == COMPLIANT


class TestTotals:
    def test_a_unit_meeting_every_rule_scores_exactly_100(self, hunan):
        for level in ("县市区", "设区市"):
            result = score(hunan, level=level)
            assert (result.total, result.deducted, result.bonus) == (100, 0, 0)
            assert result.complete

    def test_every_bonus_at_its_cap_makes_120_and_no_more(self, hunan):
        result = score(hunan, {
            "bonus.civilized_unit_level": "全国", "bonus.national_commendations": 5, "bonus.provincial_commendations": 5,
            "bonus.national_pilots": 5, "bonus.provincial_pilots": 5, "bonus.publicity_reports": 50,
        })
        assert result.bonus == 20 and result.total == 120

    def test_a_city_failing_every_rule_scores_exactly_0(self, hunan):
        worst: dict = {}
        for path, _, _ in PER_COUNT.values():
            worst[path] = 100
        for path, _ in FLAGS.values():
            worst[path] = False
        for path, table in CHOICES.values():
            worst[path] = max(table, key=lambda s: D(table[s]))
        for gate, *_ in [*GATED_ITEMS.values(), *GATED_COUNT.values()]:
            worst[gate] = False
        worst.update({"training.cadre_rotation_assigned": 9, "training.cadre_rotation_completed": 0,
                      "systems.power_list_published": (), "supervision.county_supervision_visits": 0,
                      "bonus.civilized_unit_level": "无"})
        for path, _ in BANDS.values():
            worst[path] = D(0)
        result = score(hunan, worst)
        assert [a.score for a in result.areas if not a.area.bonus] == [0] * 12
        assert result.deducted == 100 and result.total == 0

    def test_area_maxima_are_the_standards_and_sum_to_100_plus_20(self, hunan):
        expected = {"party": 8, "training": 6, "uniform": 4, "vehicles": 5, "systems": 14, "discipline": 15,
                    "grid": 8, "service": 10, "patrol": 10, "supervision": 7, "assigned": 5, "opinion": 8, "bonus": 20}
        assert {a.id: a.max for a in hunan.areas} == expected
        for area in hunan.areas:
            assert sum(r.max_points for r in area.rules) == area.max, area.id

    def test_steps_of_0_2_and_0_3_add_up_exactly(self, hunan):
        result = score(hunan, {"uniform.dress_violations": 7, "patrol.vendors_not_guided": 7, "patrol.market_stalls_not_guided": 3})
        assert finding(result, "HN-03-2").points == D("1.4")
        assert finding(result, "HN-09-3b").points == D("2.1")
        assert result.deducted == D("4.1") and str(result.total) == "95.9"


def _norm(text: str) -> str:
    table = str.maketrans({"，": ",", "；": ";", "（": "(", "）": ")", "：": ":", "?": None})
    return re.sub(r"\s+", "", text.translate(table))


def test_every_rule_text_is_quoted_from_the_standard(hunan):
    source = _norm(SOURCE.read_text(encoding="utf-8"))
    for area in hunan.areas:
        for rule in area.rules:
            for sentence in filter(None, _norm(rule.text).split("。")):
                assert sentence in source, (rule.code, sentence)


def test_every_number_a_rule_uses_appears_in_its_text(hunan):
    for area in hunan.areas:
        for rule in area.rules:
            numbers: list = []
            for shape in (rule.shape, getattr(rule.shape, "then", None)):
                for name in ("points", "step", "cap"):
                    value = getattr(shape, name, None)
                    numbers += list(value.values()) if isinstance(value, dict) else [value]
                numbers += [x for b in getattr(shape, "bands", ()) for x in (b.points, b.lower)]
                numbers += [w for _, w in getattr(shape, "weights", ())]
            for n in numbers:
                if isinstance(n, Decimal) and n != 0:
                    assert fmt(n) in rule.text, (rule.code, n)


def test_every_rule_cites_the_annex_and_has_a_stable_code_remedy_and_examples(hunan):
    codes = [r.code for a in hunan.areas for r in a.rules]
    assert len(codes) == len(set(codes))
    for area in hunan.areas:
        for rule in area.rules:
            assert re.fullmatch(r"HN-(0[1-9]|1[0-2]|B)-\d[a-c]?", rule.code)
            assert rule.clause.document == "湘建执函〔2020〕94号" and rule.clause.path.startswith("附件 ")
            assert rule.remedy and rule.good and rule.bad and rule.period_days > 0


def _examples():
    from ucm_check.engine.host import build_host

    std = build_host(entry_points=False).standards["hunan-2020"]
    return [(r.code, a.bonus) for a in std.areas for r in a.rules]


@pytest.mark.parametrize("code,bonus", _examples())
def test_good_and_bad_examples_behave_as_labelled(hunan, code, bonus):
    rule = hunan.rule(code)
    base = compliant_facts(hunan)
    good = finding(score(hunan, dict(rule.good), base=base), code)
    bad = finding(score(hunan, dict(rule.bad), base=base), code)
    if bonus:
        assert good.points > 0 and bad.points == 0
    else:
        assert good.points == 0 and good.status == COMPLIANT
        assert bad.points > 0 and bad.status == DEDUCTED and bad.recoverable == bad.points
