"""History kept as plain files: one folder per month, re-ranking gives the same bytes, trends."""

from __future__ import annotations

import json

from ucm_check.cli import main


def test_each_month_keeps_its_inputs_and_results_as_plain_files(fresh_year):
    assert main(["assess", "rank", str(fresh_year), "--period", "2026-12", "--format", "json", "-o", str(fresh_year / "x.json")]) == 0
    march = fresh_year / "history" / "2026-03"
    assert sorted(p.name for p in march.iterdir()) == ["inputs.csv", "results.json"]  # one file of inputs a month
    lines = (march / "inputs.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "来源编号,单位名称,得分,来源"
    assert lines[1] == "third_party,东风路街道办事处,50,第三方03.xlsx:3"  # the sender's file and row, for the record
    sources = [line.split(",")[0] for line in lines[1:]]
    assert sorted(set(sources), key=sources.index) == ["third_party", "digital", "bureaus", "office", "streets", "internal"]
    assert json.loads((march / "results.json").read_text(encoding="utf-8"))["period"] == "2026-03"


def test_ranking_a_past_month_again_writes_the_same_bytes(fresh_year):
    assert main(["assess", "rank", str(fresh_year), "--period", "2026-03", "-o", str(fresh_year / "a.txt")]) == 0
    kept = (fresh_year / "history" / "2026-03" / "results.json").read_bytes()
    assert main(["assess", "rank", str(fresh_year), "--period", "2026-12", "-o", str(fresh_year / "b.txt")]) == 0
    (fresh_year / "history" / "2026-03" / "results.json").unlink()
    assert main(["assess", "rank", str(fresh_year), "--period", "2026-03", "-o", str(fresh_year / "c.txt")]) == 0
    assert (fresh_year / "history" / "2026-03" / "results.json").read_bytes() == kept
    assert (fresh_year / "a.txt").read_bytes() == (fresh_year / "c.txt").read_bytes()


def test_a_corrected_input_changes_that_month_and_the_streaks_after_it(fresh_year, capsys):
    path = fresh_year / "history" / "2026-02" / "inputs.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("东风路街道办事处,50,", "东风路街道办事处,99.9,"), encoding="utf-8-sig")
    capsys.readouterr()
    assert main(["assess", "rank", str(fresh_year), "--period", "2026-04", "--format", "json"]) == 0
    row = next(r for g in json.loads(capsys.readouterr().out)["groups"] for r in g["rows"] if r["short"] == "东风街道")
    assert (row["streak"], row["escalation"]) == (2, "约谈")  # February left the bottom: March and April count


def test_a_gap_in_the_months_is_an_error_not_a_broken_streak(fresh_year, capsys):
    import shutil

    shutil.rmtree(fresh_year / "history" / "2026-02")
    assert main(["assess", "rank", str(fresh_year), "--period", "2026-03"]) == 2
    assert "缺少月份 2026-02" in capsys.readouterr().err


def test_history_of_one_unit_shows_ranks_flags_streak_and_ladder(year, capsys):
    capsys.readouterr()
    assert main(["assess", "history", str(year), "--to", "2026-06", "--months", "6", "--unit", "东风街道", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    unit = doc["groups"][0]["units"][0]
    assert doc["months"] == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert [m["rank"] for m in unit["months"]][:5] == [15, 15, 15, 15, 1]
    assert [m["escalation"] for m in unit["months"]][:5] == [None, "约谈", "诫勉谈话", "停职", None]
    assert unit["black"] == 4 and unit["red"] >= 1 and unit["best"] == 1 and unit["worst"] == 15


def test_history_text_lists_every_unit_with_its_ranks_and_a_trend_line(year, capsys):
    capsys.readouterr()
    assert main(["assess", "history", str(year), "--to", "2026-12"]) == 0
    text = capsys.readouterr().out
    assert "回顾 2026-01 至 2026-12（12 个月）" in text
    line = next(l for l in text.splitlines() if l.startswith("东风路街道办事处"))
    assert line.split()[1:6] == ["15", "15", "15", "15", "1"]


def test_importing_a_corrected_file_drops_the_kept_results_it_makes_stale(fresh_year, capsys):
    from tests.assess.district import month_files

    assert main(["assess", "rank", str(fresh_year), "--period", "2026-12", "-o", str(fresh_year / "x.txt")]) == 0
    files = month_files(fresh_year, 2, fresh_year.parent / "again")
    assert main(["assess", "import", str(fresh_year), "--period", "2026-02", "--source", "office", "-f", str(files["office"])]) == 0
    history = fresh_year / "history"
    assert (history / "2026-01" / "results.json").exists()
    assert not any((history / f"2026-{m:02d}" / "results.json").exists() for m in range(2, 13))
    assert not (history / "2026-Q1" / "results.json").exists()
    capsys.readouterr()
    assert main(["assess", "history", str(fresh_year), "--unit", "东风街道", "--to", "2026-04", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["groups"][0]["units"][0]["streak"] == 4
    assert (history / "2026-04" / "results.json").exists()  # ranked again for the look-back


def test_a_kept_input_spoiled_by_hand_is_reported_where_it_was_spoiled(fresh_year, capsys):
    path = fresh_year / "history" / "2026-03" / "inputs.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith("office,东风路街道办事处,50,")) + 1
    lines[row - 1] = lines[row - 1].replace(",50,", ",五十,")
    path.write_text("".join(lines), encoding="utf-8-sig")
    capsys.readouterr()
    assert main(["assess", "rank", str(fresh_year), "--period", "2026-03"]) == 2
    assert f"inputs.csv:{row}:3: 错误：得分应为数字（如 87.5），实际为 “五十”" in capsys.readouterr().err


def test_history_without_to_ends_at_the_last_month_with_every_source_imported(fresh_year, capsys):
    january = fresh_year / "history" / "2026-01"
    half = fresh_year / "history" / "2027-01"  # a month being imported: one source in so far
    half.mkdir()
    text = (january / "inputs.csv").read_text(encoding="utf-8-sig").splitlines(keepends=True)
    (half / "inputs.csv").write_text("".join(line for line in text if not line.startswith(("digital,", "bureaus,", "office,", "streets,", "internal,"))), encoding="utf-8-sig")
    capsys.readouterr()
    assert main(["assess", "history", str(fresh_year), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["to"] == "2026-12" and "2027-01" not in doc["months"]
    assert main(["assess", "history", str(fresh_year), "--to", "2027-01"]) == 2  # asked for: it says what is missing
    assert "2027年1月尚未导入" in capsys.readouterr().err


def test_a_quarter_and_the_year_add_up_only_their_own_months_as_ranking_every_month_would(year):
    """A quarter's mean composite needs no month before it: each quarter and the year, worked out from
    their own months, equal the same worked out while ranking every month from January (the old way)."""
    from fractions import Fraction

    from ucm_check.assess.cycle import aggregate, months_through, run_months
    from ucm_check.assess.folder import open_folder
    from ucm_check.assess.periods import parse_period

    folder = open_folder(str(year))
    months = folder.months()
    composites = {}  # (month, unit) -> composite, from January on
    for result in run_months(folder, months_through(folder, months[-1])):
        for _, rows in result.groups:
            for row in rows:
                composites[(result.period, row.unit.name)] = row.composite.value
    for name in ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026"):
        period = parse_period(name)
        kept, groups = aggregate(folder, period)
        assert kept == [m for m in months if m in period.months()]
        for _, standings in groups:
            for s in standings:
                values = [composites[(m, s.unit.name)] for m in kept]
                assert s.months == sum(v is not None for v in values)
                if s.value is not None:
                    mean = sum(Fraction(v) for v in values) / len(values)
                    assert abs(Fraction(s.value) - mean) <= Fraction(1, 2 * 10 ** folder.scheme.decimals)
