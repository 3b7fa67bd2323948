"""The weighted composite, the tie rule and the funding rules at their edges."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest

from ucm_check.assess.composite import round_half_up, weighted_composite
from ucm_check.assess.ranking import funding_percent
from ucm_check.assess.scheme import Funding, Tier

W = [("a", D(40)), ("b", D(40)), ("c", D(15)), ("d", D(5))]


def test_the_composite_is_exact_not_binary_float():
    result = weighted_composite({"a": D("0.1"), "b": D("0.2"), "c": D("0.3"), "d": D("0.7")}, W, decimals=4)
    assert result.value == D("0.2000")  # 0.04 + 0.08 + 0.045 + 0.035 (floats give 0.20000000000000004)


@pytest.mark.parametrize("value, expected", [(Fraction(12345, 1000), "12.35"), (Fraction(12344999, 1000000), "12.34"),
                                             (Fraction(-12345, 1000), "-12.35"), (Fraction(0), "0.00")])
def test_rounding_is_half_up_at_the_published_place(value, expected):
    assert round_half_up(value, 2) == D(expected)


@pytest.mark.parametrize("a, b, expected", [("80.03", "80.02", "80.03"), ("80.01", "80.02", "80.02"),
                                            ("90.00", "89.99", "90.00"), ("0.01", "0.00", "0.01")])
def test_a_fifty_fifty_composite_exactly_on_a_half_rounds_up(a, b, expected):
    # (80.03 + 80.02) / 2 = 80.025 -> 80.03 (half-even: 80.02); 80.015 -> 80.02 (half-even too: 80.02 is even)
    # 89.995 -> 90.00; 0.005 -> 0.01: each quotient terminates, so the Decimal path rounds, not the fraction one
    result = weighted_composite({"x": D(a), "y": D(b)}, [("x", D(50)), ("y", D(50))])
    assert str(result.value) == expected


def test_a_sources_share_exactly_on_a_half_rounds_up():
    # 80.05 × 50 / 100 = 40.025 -> 40.03
    (part, _) = weighted_composite({"x": D("80.05"), "y": D(80)}, [("x", D(50)), ("y", D(50))]).parts
    assert str(part.points_rounded(2)) == "40.03"


def test_missing_source_reweighted_uses_only_the_present_weights():
    result = weighted_composite({"a": D(93), "b": D(93), "d": D(80)}, W, missing="reweight")
    assert result.value == D("92.24") and result.missing == ("c",) and result.reweighted


def test_missing_source_under_the_incomplete_rule_has_no_value():
    result = weighted_composite({"a": D(93), "b": D(93), "d": D(80)}, W, missing="incomplete")
    assert result.value is None and not result.complete


def test_every_source_missing_never_gives_a_value():
    assert weighted_composite({}, W).value is None


LINEAR = Funding("linear", D(20), D(20))


@pytest.mark.parametrize("above, below, percent", [(0, 5, 20), (5, 0, -20), (1, 4, 12), (0, 0, 0),
                                                   (1, 1, 0), (0, 2, 20), (2, 0, -20), (1, 2, "6.67")])
def test_linear_funding_from_the_top_to_the_bottom(above, below, percent):
    assert funding_percent(LINEAR, above, below) == D(percent)


def test_tiered_funding_takes_the_first_tier_the_unit_falls_in():
    tiers = Funding("tiers", D(20), D(20), (Tier("top", 1, D(20)), Tier("top", 3, D(10)), Tier("bottom", 1, D(-20))))
    assert [funding_percent(tiers, above, 5 - above) for above in range(6)] == [20, 10, 10, 0, 0, -20]
