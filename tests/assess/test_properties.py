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


def _valid_workbook(tmp: str) -> bytes:
    """A small scores workbook written by XlsxWriter (a runtime dependency), as bytes."""
    import os

    import xlsxwriter

    path = os.path.join(tmp, "base.xlsx")
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("考评")
    sheet.write_row(0, 0, ["单位名称", "得分", "考评月份"])
    for n in range(1, 6):
        sheet.write_row(n, 0, [f"第{n}单位", 80 + n / 4, "2026年3月"])
    book.close()
    with open(path, "rb") as fh:
        return fh.read()


_BASE: dict[str, bytes] = {}


@SETTINGS
@given(edits=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=4),
       cut=st.one_of(st.none(), st.integers(0, 10_000)))
def test_a_mutated_workbook_is_a_table_or_a_chinese_refusal_never_a_crash(tmp_path_factory, edits, cut):
    from ucm_check.assess.tables import read_table

    tmp = str(tmp_path_factory.getbasetemp())
    base = _BASE.setdefault("xlsx", _valid_workbook(tmp))
    data = bytearray(base)
    for position, byte in edits:
        data[position % len(data)] = byte
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    path = f"{tmp}/mutant.xlsx"
    with open(path, "wb") as fh:
        fh.write(bytes(data))
    try:
        table = read_table(path, "得分文件", InvalidScores)
    except InvalidScores as exc:
        assert exc.errors and all("无法读取得分文件" in e.message or "工作表" in e.message for e in exc.errors)
        return
    assert all(row >= 1 for row, _ in table.rows)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_as_a_csv_are_a_table_or_a_chinese_refusal(tmp_path_factory, data):
    from ucm_check.assess.tables import read_table

    path = f"{tmp_path_factory.getbasetemp()}/any.csv"
    with open(path, "wb") as fh:
        fh.write(b"\xef\xbb\xbf\xe5\x8d\x95\xe4\xbd\x8d\xe5\x90\x8d\xe7\xa7\xb0,\xe5\xbe\x97\xe5\x88\x86\n" + data)
    try:
        read_table(path, "得分文件", InvalidScores)
    except InvalidScores as exc:
        assert exc.errors


@SETTINGS
@given(blocks=st.lists(st.integers(1, 4), min_size=1, max_size=10),
       rewards=st.lists(st.integers(0, 40), max_size=6).filter(lambda r: sum(r) <= 100),
       deductions=st.lists(st.integers(0, 50_000), max_size=4),
       yearly=st.integers(0, 10 ** 9), share=st.integers(0, 100))
def test_a_months_fund_never_pays_more_than_the_groups_pot_whatever_the_ties(blocks, rewards, deductions, yearly, share):
    from ucm_check.assess.fund import Fund, GroupFund, place_amounts

    fund = Fund("基金", Decimal(yearly))
    group = GroupFund(Decimal(share), tuple(map(Decimal, rewards)), tuple(map(Decimal, deductions)))
    ranked = sum(blocks)
    paid, above = Decimal(0), 0
    for size in blocks:  # a block of ``size`` units tied on one rank
        below = ranked - above - size
        reward, deduction = place_amounts(fund, group, above, below, ranked)
        assert reward >= 0 and deduction >= 0 and not (reward and deduction)
        assert deduction <= max(deductions, default=0)
        paid += reward * size
        above += size
    assert paid <= group.pot(fund) <= fund.monthly * share / 100 <= Decimal(yearly) / 12 * share / 100
