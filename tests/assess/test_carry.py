"""Ranking a month reads the carry (ranks, streaks, ladder steps) from the month before's kept
results instead of ranking every earlier month again (issue 23). The reference is ranking every
month from scratch (no kept results at all): the kept files must be byte-identical either way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ucm_check.cli import main

SCHEME = """[scheme]
name = "三组考评"
missing = "incomplete"
tie_break = ["a"]

[sources.a]
name = "甲来源"
[sources.b]
name = "乙来源"
[sources.c]
name = "丙来源"

[fund]
name = "考评专项基金"
yearly = 1200000

[groups.g1]
name = "一组"
weights = { a = 60, b = 40 }
red = 2
black = 1
escalation = { bottom = 2, after = 2, ladder = ["约谈", "诫勉谈话", "停职"] }
funding = { rule = "linear", up = 20, down = 20 }

[groups.g2]
name = "二组"
weights = { a = 50, c = 50 }
escalation = { bottom = 1, after = 1, ladder = ["通报", "约谈"] }
funding = { rule = "tiers", up = 10, down = 10, tiers = [{ top = 1, percent = 10 }, { bottom = 2, percent = -10 }] }

[groups.g2.fund]
share = 60
rewards = [50, 30, 20]
deductions = [10000, 5000]

[groups.g3]
name = "三组"
weights = { a = 30, b = 30, c = 40 }
escalation = { bottom = 3, after = 3, ladder = ["约谈", "停职"] }

[groups.g3.fund]
share = 40
rewards = [60, 40]
"""
MONTHS = [f"2026-{m:02d}" for m in range(1, 10)]


def scores(unit: int, month: int, source: str) -> str:
    """Deterministic scores: units 0 and 1 of a group sink most months (streaks climb the ladder and
    break when they recover in month 5), a few ties, a 缺评 now and then (unranked, carry kept)."""
    if unit % 6 == 5 and month in (3, 7) and source == "a":
        return "缺评"
    if unit % 6 in (0, 1) and month != 5:
        return f"{40 + unit % 2}"
    if unit % 6 == 2 and month % 3 == 0:
        return "88.5"  # ties with unit 3 below
    if unit % 6 == 3 and month % 3 == 0:
        return "88.5"
    return f"{60 + (unit * 7 + month * 5 + ord(source)) % 39}.{(unit + month) % 10}"


def make_scheme(folder: Path) -> Path:
    """The scheme, an 18-unit roster (one unit joins in April) and every month's source files."""
    folder.mkdir(parents=True)
    (folder / "scheme.toml").write_text(SCHEME, encoding="utf-8")
    lines = ["单位名称,简称,组别,定额经费,纳入月份"]
    for i in range(18):
        lines.append(f"第{i:02d}单位,单位{i:02d},g{i % 3 + 1},{100000 + i * 1000},{'2026-04' if i == 17 else ''}")
    (folder / "roster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    inbox = folder.parent / "收件"
    inbox.mkdir()
    weights = {"g1": "ab", "g2": "ac", "g3": "abc"}
    for m, period in enumerate(MONTHS, start=1):
        for source in "abc":
            rows = ["单位名称,得分"] + [f"第{i:02d}单位,{scores(i, m, source)}" for i in range(18)
                                      if source in weights[f"g{i % 3 + 1}"] and not (i == 17 and m < 4)]
            (inbox / f"{period}-{source}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    return folder


def imported(folder: Path, period: str) -> None:
    for source in "abc":
        assert main(["assess", "import", str(folder), "--period", period, "--source", source,
                     "-f", str(folder.parent / "收件" / f"{period}-{source}.csv")]) == 0


def rank(folder: Path, period: str, capsys) -> str:
    capsys.readouterr()
    assert main(["--log-level", "info", "assess", "rank", str(folder), "--period", period, "--format", "json"]) == 0
    return capsys.readouterr().err


def kept(folder: Path) -> dict[str, bytes]:
    return {m: (folder / "history" / m / "results.json").read_bytes() for m in MONTHS
            if (folder / "history" / m / "results.json").exists()}


@pytest.fixture
def scratch(tmp_path, capsys) -> tuple[Path, dict[str, bytes]]:
    """Every month imported, then the last ranked with nothing kept: every month from scratch."""
    folder = make_scheme(tmp_path / "scratch" / "three")
    for period in MONTHS:
        imported(folder, period)
    err = rank(folder, MONTHS[-1], capsys)
    assert "重新排名" in err  # nothing was kept: the info line says it starts from the first month
    return folder, kept(folder)


def test_the_generated_scheme_has_streaks_ladders_funding_and_fund_payouts(scratch):
    every = b"".join(scratch[1].values()).decode()
    assert all(f'"escalation": "{step}"' in every for step in ("停职", "诫勉谈话", "通报", "约谈"))
    assert '"reward": 0' in every and '"deduction": 10000' in every and '"percent": -10' in every and '"rank": null' in scratch[1]["2026-07"].decode()


def test_ranking_month_by_month_with_the_carry_writes_the_same_files_as_from_scratch(scratch, tmp_path, capsys):
    folder = make_scheme(tmp_path / "monthly" / "three")
    for period in MONTHS:
        imported(folder, period)
        err = rank(folder, period, capsys)
        assert "重新排名" not in err, (period, err)  # each month carried from the one before
    assert kept(folder) == scratch[1]


@pytest.mark.parametrize("damage", ["missing", "corrupt", "truncated", "other-scheme", "edited-roster"])
def test_a_missing_or_damaged_previous_month_falls_back_to_ranking_from_the_start(scratch, tmp_path, capsys, damage):
    folder = tmp_path / "copy" / "three"
    shutil.copytree(scratch[0].parent, folder.parent)
    last = folder / "history" / MONTHS[-1] / "results.json"
    last.unlink()
    before = folder / "history" / MONTHS[-2] / "results.json"
    if damage == "missing":
        before.unlink()
    elif damage == "corrupt":
        before.write_bytes(b"\xff\xfe not json")
    elif damage == "truncated":
        before.write_bytes(before.read_bytes()[:500])
    elif damage == "other-scheme":
        before.write_text(before.read_text(encoding="utf-8").replace(scratch_digest(folder), "0" * 64), encoding="utf-8")
    else:  # a unit renamed in the roster after the month was kept: the kept rows no longer match
        roster = folder / "roster.csv"
        roster.write_text(roster.read_text(encoding="utf-8-sig").replace("第16单位,单位16", "第16单位改,单位16"),
                          encoding="utf-8-sig")
        for period in MONTHS:  # the inputs name the unit by its new name too
            path = folder / "history" / period / "inputs.csv"
            path.write_text(path.read_text(encoding="utf-8-sig").replace("第16单位,", "第16单位改,"), encoding="utf-8-sig")
        os.utime(before, (1, 1))
    err = rank(folder, MONTHS[-1], capsys)
    assert "重新排名" in err and MONTHS[-2] in err
    if damage == "edited-roster":
        renamed = {m: t.replace("第16单位".encode(), "第16单位改".encode()) for m, t in scratch[1].items()}
        assert kept(folder) == renamed
    else:
        assert kept(folder) == scratch[1]


def scratch_digest(folder: Path) -> str:
    import hashlib

    return hashlib.sha256((folder / "scheme.toml").read_text(encoding="utf-8").encode()).hexdigest()


def test_an_edited_earlier_month_invalidates_the_carry_of_every_later_month(scratch, tmp_path, capsys):
    folder = tmp_path / "edited" / "three"
    shutil.copytree(scratch[0].parent, folder.parent)
    # Month 2 re-imported with unit 00 on top: later ranks and streaks change, and month 9 must see it.
    inbox = folder.parent / "收件"
    for source in "ab":
        path = inbox / f"2026-02-{source}.csv"
        path.write_text(path.read_text(encoding="utf-8-sig").replace("第00单位,40", "第00单位,99"), encoding="utf-8-sig")
        assert main(["assess", "import", str(folder), "--period", "2026-02", "--source", source, "-f", str(path)]) == 0
    rank(folder, MONTHS[-1], capsys)
    fresh = make_scheme(tmp_path / "reference" / "three")
    shutil.copy(inbox / "2026-02-a.csv", fresh.parent / "收件" / "2026-02-a.csv")
    shutil.copy(inbox / "2026-02-b.csv", fresh.parent / "收件" / "2026-02-b.csv")
    for period in MONTHS:
        imported(fresh, period)
    rank(fresh, MONTHS[-1], capsys)
    assert kept(folder) == kept(fresh) != scratch[1]


def test_a_hand_edit_of_an_earlier_months_kept_input_is_seen_by_the_next_rank(scratch, tmp_path, capsys):
    folder = tmp_path / "hand" / "three"
    shutil.copytree(scratch[0].parent, folder.parent)
    kept_input = folder / "history" / "2026-03" / "inputs.csv"
    kept_input.write_text(kept_input.read_text(encoding="utf-8-sig").replace("b,第00单位,40", "b,第00单位,99"),
                          encoding="utf-8-sig")
    err = rank(folder, MONTHS[-1], capsys)
    assert "重新排名" in err
    assert kept(folder)["2026-03"] != scratch[1]["2026-03"] and kept(folder)["2026-02"] == scratch[1]["2026-02"]


def test_the_bundled_example_ranked_month_by_month_matches_ranking_the_year_at_once(year, tmp_path, capsys):
    monthly, once = tmp_path / "monthly", tmp_path / "once"
    shutil.copytree(year, monthly)
    shutil.copytree(year, once)
    for folder in (monthly, once):
        for results in folder.glob("history/*/results.json"):
            results.unlink()
    months = sorted(p.name for p in (year / "history").iterdir() if p.name[5:7].isdigit())
    for period in months:
        assert "重新排名" not in rank(monthly, period, capsys)
    rank(once, months[-1], capsys)
    texts = {m: (monthly / "history" / m / "results.json").read_bytes() for m in months}
    assert texts == {m: (once / "history" / m / "results.json").read_bytes() for m in months}


def test_ranking_the_next_month_ranks_that_month_only(scratch, tmp_path, capsys, monkeypatch):
    from ucm_check.assess import cycle

    folder = tmp_path / "next" / "three"
    shutil.copytree(scratch[0].parent, folder.parent)
    (folder / "history" / MONTHS[-1] / "results.json").unlink()  # as after importing the last month
    ranked: list[str] = []
    real = cycle.rank_month
    monkeypatch.setattr(cycle, "rank_month", lambda f, period, carry: ranked.append(period.id) or real(f, period, carry))
    assert "重新排名" not in rank(folder, MONTHS[-1], capsys)
    assert ranked == [MONTHS[-1]]
    assert kept(folder) == scratch[1]
