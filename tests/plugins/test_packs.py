"""The Henan 2021 and local-norms packs: deadlines transcribed by hand from the seeds, every rule
quoted from its source, the examples and the bundled profiles as of a fixed date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.plugins.conftest import ROOT
from ucm_check.profile.checking import check_file
from ucm_check.engine.scoring import evaluate
from ucm_check.model import COMPLIANT, DUE_SOON, MET_LATE, NOT_APPLICABLE, NOT_MET, OVERDUE
from ucm_check.shapes import Every, Obligation, Periodic

AS_OF = dt.date(2026, 11, 24)
SEEDS = Path(__file__).parent / "data"
HENAN_TEXT = (SEEDS / "henan-2021-plan.txt").read_text(encoding="utf-8")
# The stored Henan text lost two characters; the rules quote the restored words and say so in their reading.
RESTORED = {"2022年6月底前": "20226月底前", "12月15日前": "1215日前"}

# Read off 豫建执法〔2021〕152号, not off the plugin.
HENAN_DUE = {
    "HEN-23-2": dt.date(2022, 12, 31),   # 二（三）2 “2022年底”
    "HEN-23-4": dt.date(2021, 12, 31),   # 二（三）4 “2021年底前”
    "HEN-23-6": dt.date(2022, 6, 30),    # 二（三）6 “2022年6月底前”
    "HEN-24-1": None, "HEN-24-2b": None, "HEN-24-3": None, "HEN-24-4a": None, "HEN-24-4b": None,
    "HEN-34-1": None, "HEN-34-2": None,  # standing duties: no date in the plan
    "HEN-23-3": None, "HEN-24-1b": None, "HEN-24-2c": None, "HEN-24-4c": None, "HEN-34-3": None, "HEN-31-1": None,
    "HEN-23-4b": None, "HEN-24-1c": None, "HEN-24-2e": None, "HEN-24-4d": None, "HEN-24-6": None,   # issue 22's five
}
HENAN_PATHS = {
    "HEN-23-2": "方案 二（三）2", "HEN-23-4": "方案 二（三）4", "HEN-23-6": "方案 二（三）6", "HEN-24-1": "方案 二（四）1",
    "HEN-24-2a": "方案 二（四）2", "HEN-24-2b": "方案 二（四）2", "HEN-24-3": "方案 二（四）3", "HEN-24-4a": "方案 二（四）4",
    "HEN-24-4b": "方案 二（四）4", "HEN-34-1": "方案 三（四）", "HEN-34-2": "方案 三（四）", "HEN-00-1": "通知",
    "HEN-23-3": "方案 二（三）3", "HEN-24-1b": "方案 二（四）1", "HEN-24-2c": "方案 二（四）2", "HEN-24-2d": "方案 二（四）2",
    "HEN-24-4c": "方案 二（四）4", "HEN-34-3": "方案 三（四）", "HEN-31-1": "方案 三（一）",
    "HEN-23-4b": "方案 二（三）4", "HEN-24-1c": "方案 二（四）1", "HEN-24-2e": "方案 二（四）2", "HEN-24-4d": "方案 二（四）4",
    "HEN-24-6": "方案 二（四）6",
}


def _rules(standard):
    return {r.code: (a, r) for a in standard.areas for r in a.rules}


def test_henan_has_exactly_the_obligations_of_the_plan_each_citing_its_clause(henan):
    rules = _rules(henan)
    assert {code: str(r.clause) for code, (_, r) in rules.items()} == {
        code: f"豫建执法〔2021〕152号 {path}" for code, path in HENAN_PATHS.items()}
    assert henan.scored is False and all(r.max_points == 0 for _, r in rules.values())


@pytest.mark.parametrize("code", sorted(HENAN_PATHS))
def test_every_henan_rule_quotes_the_plan(henan, code):
    text = _rules(henan)[code][1].text
    for restored, stored in RESTORED.items():
        text = text.replace(restored, stored)
    assert text in HENAN_TEXT


def test_henan_deadlines_match_the_plan(henan):
    rules = _rules(henan)
    assert {c: rules[c][1].shape.due for c in HENAN_DUE} == HENAN_DUE
    assert all(isinstance(rules[c][1].shape, Obligation) for c in HENAN_DUE)
    cadres = rules["HEN-24-2a"][1].shape
    assert isinstance(cadres, Every) and cadres.months == 36            # “每3年至少参加一次”
    summary = rules["HEN-00-1"][1].shape
    assert isinstance(summary, Periodic) and (summary.period, summary.due_month, summary.due_day) == ("year", 12, 15)
    assert summary.start == dt.date(2021, 6, 3)                           # “202163”: the plan's date
    plans = rules["HEN-24-2d"][1].shape                                   # 制定年度培训计划: no day given
    assert isinstance(plans, Periodic) and (plans.plan.every, plans.plan.due_month) == ("year", 0)


def _run_example(packs_host, standard_id, code, which, level):
    standard = packs_host.standards[standard_id]
    area, rule = _rules(standard)[code]
    facts: dict = {}
    for path, value in getattr(rule, which).items():
        a, _, key = path.partition(".")
        facts.setdefault(a, {})[key] = value
    result = evaluate({"level": level, "standard": standard_id}, facts, standard, as_of=AS_OF)
    return next(f for f in result.findings if f.rule.code == code)


REFORM_CODES = ["LN-05", "LN-06", "LN-08", "LN-12a", "LN-12b", "LN-12c", "LN-13", "LN-30", "LN-31", "LN-4-2"]
LOCAL_CODES = ["LN-STAFF-1", "LN-120", "LN-1010", "LN-REP-M", "LN-REP-Q", *REFORM_CODES]


@pytest.mark.parametrize("standard_id, code, which", [
    (s, c, w) for s, codes in (("henan-2021", sorted(HENAN_PATHS)), ("local-norms", LOCAL_CODES))
    for c in codes for w in ("good", "bad")])
def test_each_rules_good_example_is_met_and_its_bad_example_is_a_gap(packs_host, standard_id, code, which):
    level = {"henan-2021": "省辖市", "local-norms": "县（市、区）"}[standard_id]
    found = _run_example(packs_host, standard_id, code, which, level)
    assert found.status == COMPLIANT if which == "good" else found.is_gap, (found.status, found.observed)


@pytest.fixture()
def check(packs_host):
    def run(name: str):
        checked = check_file(str(ROOT / "profiles" / name), packs_host, as_of=AS_OF)
        assert not checked.errors, checked.errors
        return {f.rule.code: f.status for f in checked.result.findings}, checked.result
    return run


def test_the_bundled_henan_city_profile_has_each_status_its_header_promises(check):
    statuses, result = check("henan-city.toml")
    assert statuses == {
        "HEN-23-2": OVERDUE, "HEN-23-4": COMPLIANT, "HEN-23-6": MET_LATE, "HEN-24-1": COMPLIANT,
        "HEN-24-2a": DUE_SOON, "HEN-24-2b": COMPLIANT, "HEN-24-3": NOT_MET, "HEN-24-4a": COMPLIANT,
        "HEN-24-4b": COMPLIANT, "HEN-34-1": COMPLIANT, "HEN-34-2": COMPLIANT, "HEN-00-1": DUE_SOON,
        "HEN-23-3": COMPLIANT, "HEN-24-1b": COMPLIANT, "HEN-24-2c": COMPLIANT, "HEN-24-2d": COMPLIANT,
        "HEN-24-4c": COMPLIANT, "HEN-34-3": COMPLIANT, "HEN-31-1": COMPLIANT, "HEN-23-4b": COMPLIANT, "HEN-24-1c": COMPLIANT,
        "HEN-24-2e": COMPLIANT, "HEN-24-4d": COMPLIANT, "HEN-24-6": COMPLIANT,
    }
    notes = {f.rule.code: f.note for f in result.findings}
    assert notes["HEN-23-2"] == "完成时限 2022-12-31，已逾期 1424 天"   # 2022-12-31 → 2026-11-24
    assert notes["HEN-23-6"] == "已完成，但晚于完成时限 2022-06-30 63 天"  # 2022-09-01
    assert notes["HEN-24-2a"] == "下一次完成时限 2026-12-10，还有 16 天"  # 2023-12-10 + 3 years
    assert notes["HEN-00-1"] == "2026年度完成时限 2026-12-15，还有 21 天"


def test_the_bundled_henan_county_profile_meets_everything_that_applies_to_a_county(check):
    statuses, result = check("henan-county.toml")
    assert {c for c, s in statuses.items() if s == NOT_APPLICABLE} == {"HEN-24-2a", "HEN-00-1"}
    assert {s for c, s in statuses.items() if s != NOT_APPLICABLE} == {COMPLIANT}
    assert result.complete and not result.gaps()


def test_the_bundled_local_norms_profile(check):
    statuses, result = check("localnorms-county.toml")
    assert statuses == {"LN-STAFF-1": OVERDUE, "LN-120": COMPLIANT, "LN-1010": NOT_MET,
                        "LN-REP-M": DUE_SOON, "LN-REP-Q": COMPLIANT, **dict.fromkeys(REFORM_CODES, COMPLIANT)}
    staff = next(f for f in result.findings if f.rule.code == "LN-STAFF-1")
    assert "应不少于 193人" in staff.observed   # 386000 × 5 ÷ 10000


@pytest.mark.parametrize("profile, code, expected", [
    ("henan-city.toml", "HEN-23-2", dt.date(2022, 12, 31)),   # overdue: the document's date, now past
    ("henan-city.toml", "HEN-00-1", dt.date(2026, 12, 15)),
    ("henan-city.toml", "HEN-24-2a", dt.date(2026, 12, 10)),
    ("henan-city.toml", "HEN-24-3", None),                   # standing duty: left to period_days
    ("localnorms-county.toml", "LN-STAFF-1", dt.date(2020, 12, 31)),
    ("localnorms-county.toml", "LN-REP-M", dt.date(2026, 11, 30)),
])
def test_the_packs_propose_their_documents_deadline_for_the_rectification_plan(packs_host, check, profile, code, expected):
    _, result = check(profile)
    found = next(f for f in result.findings if f.rule.code == code)
    answers = packs_host.call("ucm_check_default_deadline", rule=found.rule, finding=found, unit=result.unit, as_of=AS_OF)
    assert [a for _, a in answers] == ([expected] if expected else [])


def test_the_packs_leave_other_standards_deadlines_alone(packs_host, check):
    _, result = check("henan-city.toml")
    found = next(f for f in result.findings if f.rule.code == "HEN-23-2")
    answers = packs_host.call("ucm_check_default_deadline", rule=found.rule, finding=found,
                              unit={"standard": "hunan-2020"}, as_of=AS_OF)
    assert answers == []


LOCAL_SOURCES = {
    "LN-STAFF-1": "003_a52b99e7f8b5a4da.txt", "LN-120": "004_b63195e9d500a494.txt", "LN-1010": "004_b63195e9d500a494.txt",
    "LN-REP-M": "002_a0c9b8a2fc0217ac.txt", "LN-REP-Q": "002_a0c9b8a2fc0217ac.txt",
}


def test_local_norms_quote_their_sources_with_the_numbers_of_the_text(packs_host):
    rules = _rules(packs_host.standards["local-norms"])
    assert sorted(rules) == sorted(LOCAL_CODES)
    for code, name in LOCAL_SOURCES.items():
        assert rules[code][1].text in (SEEDS / name).read_text(encoding="utf-8"), code
    staff, per_km2 = rules["LN-STAFF-1"][1].shape, rules["LN-120"][1].shape
    assert (staff.condition.numerator, staff.condition.denominator, staff.due) == (5, 10000, dt.date(2020, 12, 31))
    assert (per_km2.condition.numerator, per_km2.condition.denominator) == (20, 100)   # 20 per km² = 20 per 100 ha


@pytest.mark.parametrize("code, line", [
    ("HEN-23-4", "期限：2021-12-31 前（含当日），期限前 30 天内未完成列为“即将到期”，次日起“逾期”"),
    ("HEN-24-3", "期限：长期（文件未规定完成时限），未落实即为“未落实”"),
    ("HEN-24-2a", "期限：上次完成后每 36 个月至少一次，期限前 30 天内列为“即将到期”"),
    ("HEN-00-1", "期限：每年 12 月 15 日前（含当日），期限前 30 天内未报列为“即将到期”"),
    ("LN-REP-Q", "期限：每季度末前（含当日），期限前 15 天内未报列为“即将到期”"),
])
def test_explain_gives_a_dated_obligation_its_deadline_instead_of_points(packs_host, code, line):
    from ucm_check.commands.explain import render

    standard = next(s for s in packs_host.standards.values() if s.rule(code))
    area = next(a for a in standard.areas if any(r.code == code for r in a.rules))
    text = render(standard.rule(code), area, standard)
    assert line in text.splitlines()
    assert "分值：不计分，按期限检查" in text and "扣分" not in text.split("条款")[0]
