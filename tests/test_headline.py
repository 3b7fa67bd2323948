"""The honest headline: a total with unanswered facts comes with the answered count and its range."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

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


@pytest.mark.parametrize("level, applicable, lowest", [
    ("县市区", 46, 6),  # HN-07-3 (4) and HN-10-2 (2) do not apply to a county: 100 - 94 = 6
    ("设区市", 48, 0),  # every rule applies: the maxima add up to exactly 100
])
def test_a_blank_template_ranges_from_zero_answers_to_every_possible_total(host, tmp_path, capsys, level,
                                                                          applicable, lowest):
    path = tmp_path / "u.toml"
    assert main(["--log-level", "error", "init", str(path), "--level", level]) == 0
    capsys.readouterr()
    c = completeness(score(load_profile(str(path), host.standards), host))
    assert (c.answered, c.unanswered, c.applicable, c.complete) == (0, applicable, applicable, False)
    assert (c.lowest, c.total, c.highest) == (lowest, 100, 120)
    main(["--log-level", "error", "check", str(path)])
    assert f"总分未定：已答 0/{applicable} 项，总分可能在 {lowest}～120 分之间（暂计 100 分）" in capsys.readouterr().out


def test_a_total_already_at_the_bonus_cap_has_no_room_above_it(host):
    # typical county with the bonus maxed (全国 10 + 4 + 3 + 3 = 20) and HN-01-1 (2 points) unanswered:
    # a 全国文明单位 is exempt from HN-01-3 (2 of the 17.3), so 100 - 15.3 + 20 = 104.7; at worst 2 less,
    # at best the same: the bonus cannot rise past 20
    profile = load_profile(str(PROFILES / "hunan-county-typical.toml"), host.standards)
    facts = {a: dict(v) for a, v in profile.facts.items()}
    facts["bonus"].update(civilized_unit_level="全国", national_commendations=2, national_pilots=2,
                          publicity_reports=6)
    was = facts["party"].pop("organization_established")
    c = completeness(score(attrs.evolve(profile, facts=facts), host))
    assert was is True and (c.lowest, c.total, c.highest) == (Decimal("102.7"), Decimal("104.7"), Decimal("104.7"))


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
