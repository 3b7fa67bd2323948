"""The honest headline: a total with unanswered facts comes with the answered count and its range."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from tests.helpers import PROFILES
from ucm_check.profile.checking import score
from ucm_check.cli import main
from ucm_check.engine.headline import completeness, duty_counts
from ucm_check.model import COMPLIANT, OVERDUE, Finding
from ucm_check.profile.reading import load_profile


def result_of(host, name: str, **facts):
    profile = load_profile(str(PROFILES / name), host.standards)
    edited = {area: dict(values) for area, values in profile.facts.items()}
    for dotted, value in facts.items():
        area, key = dotted.split(".")
        edited.setdefault(area, {})[key] = value
    return score(attrs.evolve(profile, facts=edited), host)


def test_a_blank_template_ranges_from_zero_answers_to_every_possible_total(host, tmp_path, capsys):
    path = tmp_path / "u.toml"
    assert main(["--log-level", "error", "init", str(path), "--level", "县市区"]) == 0
    capsys.readouterr()
    result = score(load_profile(str(path), host.standards), host)
    c = completeness(result)
    assert c.answered == 0 and c.unanswered == c.applicable > 0 and not c.complete
    assert c.total == 100 and c.lowest == 100 - result.max_further_deduction < 100
    assert c.highest == 100 + result.max_further_bonus > 100


def test_a_complete_profile_has_one_total_and_no_range(host):
    c = completeness(result_of(host, "hunan-county-typical.toml"))
    assert c.complete and c.lowest == c.total == c.highest == Decimal("86.2")


def test_one_unanswered_rule_opens_the_range_by_that_rules_points_only(host):
    whole = completeness(result_of(host, "hunan-county-compliant.toml"))
    profile = load_profile(str(PROFILES / "hunan-county-compliant.toml"), host.standards)
    facts = {a: dict(v) for a, v in profile.facts.items()}
    del facts["party"]["organization_established"]
    c = completeness(score(attrs.evolve(profile, facts=facts), host))
    rule = host.standards["hunan-2020"].rule("HN-01-1")
    assert c.answered == whole.answered - 1 and c.total == whole.total
    assert c.lowest == whole.total - rule.max_points and c.highest == whole.total


def test_check_prints_the_range_before_the_provisional_total(capsys):
    main(["--log-level", "error", "check", str(PROFILES / "hunan-county-incomplete.toml")])
    out = capsys.readouterr().out
    head = next(line for line in out.splitlines() if line.startswith("总分未定"))
    assert head == "总分未定：已答 10/46 项，总分可能在 32～117 分之间（暂计 97 分）"
    assert out.index("总分未定") < out.index("暂计总分")


def test_check_of_a_complete_profile_states_the_total_without_a_range(capsys):
    main(["--log-level", "error", "check", str(PROFILES / "hunan-county-typical.toml")])
    out = capsys.readouterr().out
    assert "总分未定" not in out and "总分 86.2（满分 120）" in out


def test_duty_counts_count_each_status_once():
    rule = object()
    due = dt.date(2022, 12, 31)
    findings = [Finding(rule, "a", OVERDUE, Decimal(0), "", due=due), Finding(rule, "a", COMPLIANT, Decimal(0), "")]
    counts = duty_counts(findings)
    assert counts[OVERDUE] == 1 and counts[COMPLIANT] == 1 and sum(counts.values()) == 2
