"""Property tests for the assessment's readers (fixed seed, small budget; bench/fuzz.py runs longer):
the roster's 纳入月份, a source file's faults (one error each), scores as typed, and workbooks."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ucm_check.assess.periods import Period, parse_month
from ucm_check.assess.roster import InvalidRoster, Roster, Unit, parse_roster
from ucm_check.assess.scheme import Source
from ucm_check.assess.sources import InvalidScores, match_scores, parse_score
from ucm_check.assess.tables import Table

SETTINGS = settings(derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GROUPS = {"jiedao": "jiedao", "街道办事处组": "jiedao"}
months = st.builds(lambda y, m: Period(y, "month", m), st.integers(1949, 2100), st.integers(1, 12))


def roster_table(rows: list[tuple[str, ...]]) -> Table:
    return Table("roster.csv", tuple((n, r) for n, r in enumerate([("单位名称", "组别", "纳入月份"), *rows], start=1)))


@SETTINGS
@given(month=months, form=st.sampled_from(["{y}-{m:02d}", "{y}/{m}", "{y}.{m}", "{y}年{m}月", "{y} 年 {m} 月"]))
def test_a_joining_month_in_any_form_clerks_write_is_that_month(month, form):
    roster = parse_roster(roster_table([("甲街道办事处", "jiedao", form.format(y=month.year, m=month.number))]), GROUPS)
    assert roster.units[0].since == month


@SETTINGS
@given(text=st.text(max_size=12).filter(lambda t: t.strip()))
def test_any_joining_month_text_is_a_month_or_one_located_error(text):
    try:
        roster = parse_roster(roster_table([("甲街道办事处", "jiedao", text)]), GROUPS)
    except InvalidRoster as exc:
        assert len(exc.errors) == 1 and (exc.errors[0].line, exc.errors[0].column) == (2, 3)
        return
    since = roster.units[0].since
    assert since is not None and 1949 <= since.year <= 2100 and 1 <= since.number <= 12


@SETTINGS
@given(joined=st.lists(st.one_of(st.none(), months), min_size=1, max_size=8), month=months)
def test_a_unit_is_assessed_exactly_from_its_joining_month(joined, month):
    units = tuple(Unit(f"单位{i}", f"单位{i}", "jiedao", since=s, order=i) for i, s in enumerate(joined))
    chosen = Roster("roster.csv", units).in_group("jiedao", month)
    assert [u.name for u in chosen] == [f"单位{i}" for i, s in enumerate(joined)
                                       if s is None or (s.year, s.number) <= (month.year, month.number)]


FAULTS = {"blank": "", "text": "优秀", "range": "100.5", "places": "80.1234567", "exponent": "8e1"}


@SETTINGS
@given(plan=st.lists(st.sampled_from(["ok", "omitted", "duplicated", *FAULTS]), min_size=1, max_size=12),
       unknown=st.integers(0, 2))
def test_each_fault_in_a_source_file_is_one_error(plan, unknown):
    units = tuple(Unit(f"第{i}单位", f"{i}单位", "jiedao", order=i) for i in range(len(plan)))
    rows: list[tuple[str, str]] = []
    for unit, what in zip(units, plan):
        if what == "omitted":
            continue
        rows.append((unit.name, FAULTS.get(what, "80")))
        if what == "duplicated":
            rows.append((unit.short, "81"))
    rows += [(f"外单位{k}", "80") for k in range(unknown)]
    table = Table("s.csv", tuple((n, r) for n, r in enumerate([("单位名称", "得分"), *rows], start=1)))
    faults = sum(what in FAULTS or what == "duplicated" for what in plan) + unknown + ("omitted" in plan)
    source = Source("office", "区城考办考评")
    try:
        scores = match_scores(table, source, parse_month("2026-03"), Roster("r.csv", units), units)
    except InvalidScores as exc:
        assert len(exc.errors) == faults
        return
    assert faults == 0 and [s.value for s in scores] == [Decimal(80)] * len(units)


@SETTINGS
@given(whole=st.integers(0, 100), places=st.integers(0, 60))
def test_a_score_is_kept_as_typed_up_to_six_decimals_and_refused_beyond(whole, places):
    typed = f"{whole}." + "5" * places if places else str(whole)
    value, problem = parse_score(typed)
    if places <= 6:
        assert problem == "" and value == Decimal(typed) and str(value) == typed
    else:
        assert value is None and problem == f"得分最多 6 位小数，实际为 “{typed[:60]}{'…' if len(typed) > 60 else ''}”"
