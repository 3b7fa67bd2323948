"""The compact JSON written record by record equals the dict tree's encoding, also for the findings
it looks up instead of writing again."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest

from ucm_check.ci.formats.json import finding_dict
from ucm_check.ci.formats.json_records import finding_json
from ucm_check.engine.host import build_host
from ucm_check.model import DEDUCTED, Finding


@pytest.fixture(scope="module")
def rule():
    standard = build_host(entry_points=False).standards["hunan-2020"]
    return standard.areas[0].rules[0]


def compact(f: Finding) -> str:
    return finding_json(f)


def expected(f: Finding) -> str:
    return json.dumps(finding_dict(f), ensure_ascii=False, separators=(",", ":"))


def test_values_equal_in_python_but_written_differently_each_keep_their_own_text(rule):
    """True == 1 == 1.0 and hash alike; a plugin's observed value of each type is written as its own."""
    base = Finding(rule=rule, area="x", status=DEDUCTED, observed="1", points=Decimal("1"))
    for observed in (1, True, 1.0, "1", 1, True):
        f = attrs.evolve(base, observed=observed)
        assert compact(f) == expected(f)


def test_an_unhashable_observed_value_is_written_each_time(rule):
    f = Finding(rule=rule, area="x", status=DEDUCTED, observed=["一", 2], points=Decimal("2"))  # type: ignore[arg-type]

    assert compact(f) == expected(f) == compact(f)


def test_the_same_values_under_another_rule_are_written_with_that_rules_head(rule):
    """The same values under another rule: that rule's code and title, not the first's."""
    other = attrs.evolve(rule, code=rule.code + "x", title="另一条")
    first = Finding(rule=rule, area="x", status=DEDUCTED, observed="3", points=Decimal("3"))
    second = attrs.evolve(first, rule=other)
    assert compact(first) == expected(first)
    assert compact(second) == expected(second) and '"另一条"' in compact(second)
