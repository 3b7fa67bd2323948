"""Seeds 002 and 003 as shipped: the city-capacity pack's calendar and the Yangzonghai example plan,
each checked against the seed text itself, not against the pack."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from tests.plugins.conftest import ROOT, SEEDS
from ucm_check.profile.checking import check_file
from ucm_check.dated.schedule import parse_date
from ucm_check.model import COMPLIANT, DUE_SOON, MET_LATE, NOT_APPLICABLE, OVERDUE, PENDING
from ucm_check.plan import load_plan
from ucm_check.plan.views import by_unit

AS_OF = dt.date(2026, 11, 24)
SEED_002 = (SEEDS / "002_a0c9b8a2fc0217ac.txt").read_text(encoding="utf-8")
SEED_003 = (SEEDS / "003_a52b99e7f8b5a4da.txt").read_text(encoding="utf-8")
EXAMPLE_PLAN = ROOT / "plugins" / "localnorms" / "examples" / "yangzonghai-2017.plan.toml"


def _units(text: str) -> tuple[str, ...]:
    """A units line of seed 003 as a list: the source sometimes drops the 、 before or after 各镇(街道)."""
    text = text.strip().rstrip("。").replace("各镇(街道)及", "各镇(街道)、")
    text = re.sub(r"(?<=[^、])(各镇\(街道\))", r"、\1", text)
    text = re.sub(r"(各镇\(街道\))(?=[^、])", r"\1、", text)
    return tuple(u for u in text.split("、") if u)


def _seed_tasks() -> dict[int, dict]:
    tasks = {}
    for found in re.finditer(r"\n(\d+)\. ?([^。\n]+?)。(.*?)(?=\n\d+\. |\n四、)", SEED_003, re.S):
        body = found.group(3)
        field = lambda name: (re.search(name + r"[:：]([^\n]*)", body) or [None, ""])[1]  # noqa: E731
        tasks[int(found.group(1))] = {"title": found.group(2), "lead": _units(field("牵头单位")),
                                      "responsible": _units(field("责任单位")), "deadline": field("完成时限").strip()}
    return tasks


SEED_TASKS = _seed_tasks()


def test_the_seed_has_33_tasks_and_18_have_several_lead_units():
    assert sorted(SEED_TASKS) == list(range(1, 34))
    assert sum(1 for t in SEED_TASKS.values() if len(t["lead"]) > 1) == 18


@pytest.mark.parametrize("number", range(1, 34))
def test_each_task_of_the_example_plan_is_traced_to_its_number_with_the_seeds_units_and_deadline(number):
    task, item = SEED_TASKS[number], load_plan(EXAMPLE_PLAN).item(f"YZH-{number:02d}")
    assert item.problem == f"{number}. {task['title']}".replace("“公安+城管联动", "“公安+城管”联动")
    assert item.clause.endswith(f" 三（{'一二三四五六七'[_section(number)]}）{number}")
    assert (item.lead_units, item.responsible_units) == (task["lead"], task["responsible"])
    expected = parse_date(task["deadline"]) or task["deadline"]
    if number == 33:  # 问责考评机制2017年底前建立，考核评价工作持续推动: a 2017 node inside a 长期 task
        expected = "长期"
        assert [m.date for m in item.milestones] == [dt.date(2017, 12, 31)]
    assert item.deadline == expected
    assert item.measures in SEED_003


def _section(number: int) -> int:
    return next(i for i, last in enumerate((8, 12, 16, 18, 24, 28, 33)) if number <= last)


def test_the_relative_deadline_of_task_8_and_the_quarterly_working_day_reports_are_kept():
    plan = load_plan(EXAMPLE_PLAN)
    assert "职能机构调整到位后3个月内" in plan.item("YZH-08").note
    quarterly = plan.item("YZH-Q-城乡管理综合执法大队")
    # 2018: 元旦 01-01; 清明 04-05..07 with Sunday 04-08 worked; 国庆 10-01..07
    assert [m.date for m in quarterly.milestones][:4] == [
        dt.date(2018, 1, 8), dt.date(2018, 4, 9), dt.date(2018, 7, 6), dt.date(2018, 10, 12)]


def test_the_example_plan_lists_a_joint_task_under_each_of_its_lead_units():
    units = dict(by_unit(load_plan(EXAMPLE_PLAN)))
    assert ("YZH-20", "牵头") in [(i.id, role) for i, role in units["农村工作局"]]
    assert len([1 for i, role in units["城乡管理综合执法大队"] if role == "牵头"]) == 19 + 1   # 19 tasks and its quarterly report


def test_the_example_plan_reconciles_with_a_profiles_gaps_and_exports_every_unit(packs_host):
    from ucm_check.plan import deadline_chooser, reconcile
    from ucm_check.plan.export import render_markdown

    old = load_plan(EXAMPLE_PLAN)
    result = check_file(str(ROOT / "profiles" / "localnorms-county.toml"), packs_host, as_of=AS_OF).result
    plan, _ = reconcile(old, result, as_of=AS_OF, deadline_for=deadline_chooser(packs_host, result.unit, AS_OF),
                        profile=old.profile)
    ids = [i.id for i in plan.items]
    assert ids[:len(old.items)] == [i.id for i in old.items] and "LN-STAFF-1" in ids   # the tasks stay, the gaps join
    text = render_markdown(plan, AS_OF)
    assert "### 农村工作局" in text and "| 区编办、城乡管理综合执法大队 |" in text


# --- seed 002: the city-capacity pack ---------------------------------------------------------

# Read off the plan by hand: the duty's phrase, the task's 牵头单位 (as labelled) and the level it binds.
CAPACITY = {
    "CAP-21": ("每月", ("局政策法规科",), "county"),
    "CAP-22d": ("每季度", ("局政策法规科",), "county"),
    "CAP-23a": ("每季度", ("局政策法规科", "局人事科"), "county"),
    "CAP-23b": ("3月和9月", ("局政策法规科", "局人事科"), "county"),
    "CAP-26": ("每月", ("局政策法规科", "办公室"), "county"),
    "CAP-33a": ("10月底前", (), "county"),
    "CAP-22a": ("每年4月", ("局政策法规科",), "city"),
    "CAP-22b": ("每年6月", ("局政策法规科",), "city"),
    "CAP-22c": ("年底前", ("局政策法规科",), "city"),
    "CAP-22e": ("每季度", ("局政策法规科",), "city"),
    "CAP-24a": ("每年6月", ("局党委", "局政策法规科", "人事科", "办公室"), "city"),
    "CAP-24b": ("每年8月", ("局党委", "局政策法规科", "人事科", "办公室"), "city"),
    "CAP-27": ("每月", ("局政策法规科", "执法监督科"), "city"),
    "CAP-28": ("每年10月", ("局政策法规科", "执法监督科", "数字城管中心"), "city"),
    "CAP-33b": ("12月底前", (), "city"),
}


#: The plan's dateless systems and one-off deliverables the city bureau answers yes or no (二（一）…（八）).
CITY_SYSTEMS = ("CAP-21b", "CAP-23c", "CAP-23d", "CAP-24c", "CAP-25", "CAP-26b", "CAP-27b", "CAP-28b", "CAP-28c", "CAP-28d")


@pytest.fixture
def capacity(packs_host):
    return packs_host.standards["city-capacity"]


def _capacity_rules(standard):
    return {r.code: (a, r) for a in standard.areas for r in a.rules}


def test_the_pack_has_every_recurring_duty_of_the_plan_quoting_it_with_its_schedule_and_lead_units(capacity):
    from ucm_check.dated.schedule import parse

    rules = _capacity_rules(capacity)
    assert set(CAPACITY) == {c for c, (a, r) in rules.items() if hasattr(r.shape, "plan")}   # the calendar
    for code, (phrase, lead, area_id) in CAPACITY.items():
        area, rule = rules[code]
        assert rule.text in SEED_002, code
        assert (rule.shape.plan.every, rule.shape.plan.months, rule.shape.plan.due_month) == (
            parse(phrase).every, parse(phrase).months, parse(phrase).due_month), code
        assert (rule.lead, area.id) == (lead, area_id), code
        assert str(rule.clause).startswith("《城管执法能力提升工作方案》") and rule.max_points == 0


@pytest.mark.parametrize("code, which", [(c, w) for c in sorted(CAPACITY) for w in ("good", "bad")])
def test_each_duty_is_met_by_its_good_example_and_a_gap_on_its_bad_one(packs_host, capacity, code, which):
    from ucm_check.engine.scoring import evaluate

    area, rule = _capacity_rules(capacity)[code]
    facts: dict = {}
    for path, value in getattr(rule, which).items():
        a, _, key = path.partition(".")
        facts.setdefault(a, {})[key] = value
    level = "县（市、区）" if area.id == "county" else "设区市"
    found = next(f for f in evaluate({"level": level}, facts, capacity, as_of=AS_OF).findings if f.rule.code == code)
    assert found.status == COMPLIANT if which == "good" else found.is_gap, (found.status, found.note)


def test_the_bundled_county_and_city_profiles(packs_host):
    county = check_file(str(ROOT / "profiles" / "citycapacity-county.toml"), packs_host, as_of=AS_OF).result
    statuses = {f.rule.code: f.status for f in county.findings}
    assert {c: s for c, s in statuses.items() if s != NOT_APPLICABLE} == {
        "CAP-21": DUE_SOON, "CAP-22d": PENDING, "CAP-23a": OVERDUE, "CAP-23b": COMPLIANT, "CAP-26": COMPLIANT,
        "CAP-33a": COMPLIANT, "CAP-VETO": COMPLIANT, "CAP-21c": COMPLIANT}
    notes = {f.rule.code: f.note for f in county.findings}
    assert notes["CAP-21"] == "2026年11月完成时限 2026-11-30，还有 6 天；2026年10月于 2026-11-03 报送，晚于期限 2026-10-31 3 天"
    assert notes["CAP-23a"] == "2026年第3季度未开展（应于 2026-09-30 前）"
    city = check_file(str(ROOT / "profiles" / "citycapacity-city.toml"), packs_host, as_of=AS_OF).result
    statuses = {f.rule.code: f.status for f in city.findings if f.status != NOT_APPLICABLE}
    assert statuses == {"CAP-22a": COMPLIANT, "CAP-22b": MET_LATE, "CAP-22c": PENDING, "CAP-22e": PENDING,
                        "CAP-24a": COMPLIANT, "CAP-24b": OVERDUE, "CAP-27": DUE_SOON, "CAP-28": COMPLIANT,
                        "CAP-33b": PENDING, **dict.fromkeys(CITY_SYSTEMS, COMPLIANT)}
    assert county.complete and city.complete


def test_a_gap_enters_the_plan_with_the_tasks_own_lead_and_responsible_units(packs_host):
    from ucm_check.plan import deadline_chooser, reconcile

    result = check_file(str(ROOT / "profiles" / "citycapacity-county.toml"), packs_host, as_of=AS_OF).result
    plan, _ = reconcile(None, result, as_of=AS_OF, deadline_for=deadline_chooser(packs_host, result.unit, AS_OF),
                        profile="county.toml")
    item = plan.item("CAP-23a")
    assert (item.lead_units, item.responsible_units, item.deadline) == (
        ("局政策法规科", "局人事科"), ("各县市区城管执法局", "局属各部门"), dt.date(2026, 9, 30))


def test_the_henan_readme_maps_every_rule_and_gives_a_reason_for_every_other_obligation(henan):
    readme = (ROOT / "plugins" / "henan2021" / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Every dated or standing obligation"):]
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| clause")]
    codes = {r.code for a in henan.areas for r in a.rules}
    assert codes <= set(re.findall(r"HEN-[0-9A-Z-]+[a-z]?", table))
    assert all(re.search(r"HEN-|not (yet )?a rule", row) for row in rows), [r for r in rows if "HEN-" not in r]


def test_explain_shows_a_duty_s_schedule_and_its_tasks_units(capacity):
    from ucm_check.commands.explain import render

    area, rule = _capacity_rules(capacity)["CAP-23b"]
    text = render(rule, area, capacity)
    assert "期限：3月和9月（期限日当日仍按时），每期计入它所涵盖的期间，期限前 7 天内未参加列为“即将到期”" in text
    assert "牵头单位：局政策法规科、局人事科  责任单位：各县市区城管执法局、局属各部门" in text
