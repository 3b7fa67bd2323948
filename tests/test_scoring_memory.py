"""Scoring remembers the findings of pure rules and the results of areas made of them (a batch
meets the same answers thousands of times). What it remembers must never change a result."""

from __future__ import annotations

import datetime as dt
import json
import random

from tests.helpers import PROFILES
from ucm_check.ci.formats.json import dumps, profile_dict
from ucm_check.ci.formats.json_records import profile_json
from ucm_check.engine import scoring
from ucm_check.engine.host import build_host
from ucm_check.model import COMPLIANT, OVERDUE, PENDING, Rule, Standard, UNANSWERED
from ucm_check.numbers import D
from ucm_check.profile.reading import parse_text
from ucm_check.rulekit import area, clause_maker, count, yes_no
from ucm_check.shapes import AllTrue, Gate, Obligation, PerCount, Shortfall

C = clause_maker("测试文件")


def forget() -> None:
    for memory in (scoring._FINDINGS, scoring._AREAS, scoring._READS):
        memory.clear()


def standard_of(*rules: Rule) -> Standard:
    return Standard("t", "测试", "测试文件", ("县级",), D("100"), D("20"),
                    areas=(area("a", "一", "甲", "A", "t", "10", rules=rules, order=1),))


def rule(code: str, shape) -> Rule:
    return Rule(code, C("一"), code, code, shape, "整改")


def test_a_gate_before_a_dated_duty_is_worked_out_on_each_day():
    """The gate's inner duty reads the date: the same answers are pending in 2021 and overdue in 2022."""
    duty = Obligation(AllTrue((yes_no("rules_made", "制定制度", "rules"),)), due=dt.date(2021, 12, 31))
    standard = standard_of(rule("T-1", Gate(yes_no("team", "组建队伍", "team"), D("2"), duty)))
    facts = {"a": {"team": True, "rules_made": False}}
    forget()
    early = scoring.evaluate({"level": "县级"}, facts, standard, as_of=dt.date(2021, 6, 1))
    late = scoring.evaluate({"level": "县级"}, facts, standard, as_of=dt.date(2022, 6, 1))
    assert (early.findings[0].status, late.findings[0].status) == (PENDING, OVERDUE)


def test_a_gate_before_a_pure_shape_and_a_shortfall_keep_each_answer_apart():
    shortfall = Shortfall(count("target", "应训人数", "target", "人"), count("actual", "实训人数", "actual", "人"),
                          D("0.5"), D("3"))
    gate = Gate(yes_no("made", "建立制度", "made"), D("2"), PerCount(count("found", "发现问题", "found"), D("0.5"), D("2")))
    standard = standard_of(rule("T-1", shortfall), rule("T-2", gate))
    answers = [
        ({"target": 10, "actual": 10, "made": True, "found": 0}, [D("0"), D("0")]),
        ({"target": 10, "actual": 7, "made": True, "found": 3}, [D("1.5"), D("1.5")]),
        ({"target": 10, "actual": 10, "made": False, "found": 3}, [D("0"), D("2")]),
        ({"target": 10, "actual": 7, "made": True, "found": 3}, [D("1.5"), D("1.5")]),
        ({"target": 10, "made": True}, None),
    ]
    forget()
    for facts, points in answers:
        result = scoring.evaluate({"level": "县级"}, {"a": facts}, standard, as_of=dt.date(2021, 6, 1))
        if points is None:
            assert [f.status for f in result.findings] == [UNANSWERED, UNANSWERED]
        else:
            assert [f.points for f in result.findings] == points
            assert result.findings[0].status == (COMPLIANT if points[0] == 0 else "deducted")


def test_a_batch_of_varied_profiles_scores_as_each_would_alone():
    """Differential: 60 profiles, answers drawn from a few values (so findings and areas repeat),
    some left out, one rate written as 93.80, levels, names and an exemption varied: each result, in
    JSON, as scored with nothing remembered."""
    standards = build_host(entry_points=False).standards
    template = (PROFILES / "hunan-county-typical.toml").read_text(encoding="utf-8")
    rng = random.Random(23)
    texts = []
    for _ in range(60):
        text = template.replace("dress_violations = 7", f"dress_violations = {rng.choice([0, 1, 7])}")
        text = text.replace("certificate_rate = 93.8", f"certificate_rate = {rng.choice(['93.8', '93.80', '100'])}")
        text = text.replace("stall_bbq_unmanaged = 3", rng.choice(["stall_bbq_unmanaged = 3", "", "stall_bbq_unmanaged = 0"]))
        # what rules' applicability and exemptions read: the level, the name (吉首市 is named), another area's fact
        text = text.replace('level = "县市区"', f'level = "{rng.choice(["县市区", "设区市", "自治州"])}"')
        text = text.replace('name = "某县城市管理和综合执法局"', f'name = "{rng.choice(["某县", "吉首市"])}城市管理和综合执法局"')
        text = text.replace('civilized_unit_level = "无"', rng.choice(['civilized_unit_level = "无"', 'civilized_unit_level = "省级"', ""]))
        texts.append(text)
    as_of = dt.date(2021, 6, 1)

    def scored(text: str) -> str:
        profile = parse_text("p.toml", text, standards)
        result = scoring.evaluate(profile.unit, profile.facts, standards["hunan-2020"], file="p.toml", as_of=as_of)
        tree = dumps(profile_dict(result), pretty=False)
        assert profile_json(result) == tree  # the record writer, which keeps an area's text while it lives
        return tree

    forget()
    together = [scored(t) for t in texts]
    alone = []
    for t in texts:
        forget()
        alone.append(scored(t))
    assert together == alone
    assert len({json.loads(t)["total"] for t in together}) > 5  # the answers did vary
    assert any("93.80" in t for t in together)
    for status in ('"status":"not_applicable"', '已获文明'):  # both kinds of remembered finding occur
        assert any(status in t for t in together)
