"""Ranking rules at their edges: the incomplete rule, ties at the flags, funding among funded units."""

from __future__ import annotations

from decimal import Decimal as D

from ucm_check.assess.ranking import Carry, rank_group
from ucm_check.assess.roster import Unit
from ucm_check.assess.scheme import Escalation, Funding, Group, parse_scheme

SCHEME = """[scheme]
name = "试点"
missing = "incomplete"
[sources.a]
name = "甲"
[sources.b]
name = "乙"
[groups.g]
name = "组"
weights = { a = 50, b = 50 }
"""


def units(*names: str, base: dict[str, str] | None = None) -> tuple[Unit, ...]:
    return tuple(Unit(n, n, "g", base=D(base[n]) if base and n in base else None, order=i) for i, n in enumerate(names))


def group(**kw) -> Group:
    return Group("g", "组", (("a", D(50)), ("b", D(50))), **kw)


def scores(table: dict[str, tuple]) -> dict[str, dict[str, D | None]]:
    return {"a": {u: (None if a is None else D(a)) for u, (a, _) in table.items()},
            "b": {u: (None if b is None else D(b)) for u, (_, b) in table.items()}}


def test_under_the_incomplete_rule_a_unit_missing_a_source_is_listed_last_unranked_and_keeps_its_streak():
    scheme = parse_scheme("s.toml", SCHEME)
    g = group(red=1, black=1, escalation=Escalation(1, 2, ("约谈", "诫勉谈话")))
    rows = rank_group(scheme, g, units("甲", "乙", "丙"), scores({"甲": ("90", "90"), "乙": (None, "99"), "丙": ("60", "60")}),
                      {"乙": Carry(3, 1, ""), "丙": Carry(2, 1, "")})
    assert [(r.unit.name, r.rank, r.flag, r.streak, r.step) for r in rows] == [
        ("甲", 1, "red", 0, ""), ("丙", 2, "black", 2, "约谈"), ("乙", None, "", 1, "")]
    assert rows[2].composite.missing == ("a",) and rows[2].previous == 3


def test_a_tie_for_last_gives_every_tied_unit_the_black_flag_and_the_bottom_streak():
    scheme = parse_scheme("s.toml", SCHEME)
    g = group(red=1, black=1, escalation=Escalation(1, 1, ("约谈",)))
    rows = rank_group(scheme, g, units("甲", "乙", "丙"), scores({"甲": ("90", "90"), "乙": ("70", "70"), "丙": ("70", "70")}), {})
    assert [(r.unit.name, r.rank, r.flag, r.step) for r in rows] == [("甲", 1, "red", ""), ("乙", 2, "black", "约谈"), ("丙", 2, "black", "约谈")]


def test_funding_counts_places_among_units_with_a_base_only():
    scheme = parse_scheme("s.toml", SCHEME)
    g = group(funding=Funding("linear", D(20), D(20)))
    rows = rank_group(scheme, g, units("所一", "队一", "所二", "所三", base={"所一": "1000", "所二": "1000", "所三": "999.99"}),
                      scores({"所一": ("90", "90"), "队一": ("95", "95"), "所二": ("80", "80"), "所三": ("70", "70")}), {})
    funded = {r.unit.name: (r.percent, r.amount) for r in rows}
    # 队一 ranks first but has no base: 所一 is first among the funded (+20%), 所三 last (-20%, to the fen)
    assert funded == {"队一": (None, None), "所一": (D(20), D("200.00")), "所二": (D("0.00"), D("0.00")),
                      "所三": (D("-20.00"), D("-200.00"))}
