"""Issue 24's dated edges: one range of dates (1949-01-01 … 2100-12-31) for --as-of, records,
periods, date facts and plan dates, checked where each is read, exit 2 in Chinese at the line and
column; schedule phrases with bounded counts; and the weekly and daily schedules of seed 004."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from tests.packs import cli_env, run_cli
from tests.plugins.conftest import ROOT
from ucm_check.dated.periods import Period, parse_log
from ucm_check.dated.schedule import parse, parse_date

PROFILES = ROOT / "profiles"
DATED = ("henan-city.toml", "henan-county.toml", "localnorms-county.toml", "citycapacity-county.toml",
         "citycapacity-city.toml")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("edges")
    for name in DATED:
        shutil.copy(PROFILES / name, path / name)
    return path


def _run(folder, *args):
    return run_cli(*args, cwd=folder, env=cli_env(folder))


def _clean(done):
    """Nothing English or internal reached the user."""
    return not any(w in done.stderr for w in ("Traceback", "OverflowError", "out of range", "插件"))


@pytest.mark.parametrize("day", ["9999-12-31", "1948-12-31", "2101-01-01", "0001-01-01"])
def test_an_as_of_outside_the_range_is_a_usage_error_in_chinese(folder, day):
    done = _run(folder, "check", "henan-city.toml", "--as-of", day)
    assert done.returncode == 2 and f"日期 {day} 超出可用范围（1949-01-01 至 2100-12-31）" in done.stderr and _clean(done)


@pytest.mark.parametrize("name", DATED)
@pytest.mark.parametrize("day", ["1949-01-01", "2100-12-31"])
def test_the_first_and_last_day_of_the_range_are_checked_by_every_dated_pack(folder, name, day):
    done = _run(folder, "check", name, "--as-of", day, "--format", "json")
    assert done.returncode in (0, 1) and _clean(done), done.stderr
    assert json.loads(done.stdout)["plugin_errors"] == []


@pytest.mark.parametrize("command", [("plan",), ("report", "-o", "自评报告.docx")])
def test_plan_and_report_take_the_last_day_of_the_range(folder, command):
    done = _run(folder, command[0], "henan-city.toml", *command[1:], "--as-of", "2100-12-31")
    assert done.returncode == 0 and _clean(done), done.stderr


@pytest.mark.parametrize("old, new, words", [
    ('"2021" = 2021-12-14', '"2021" = 2021-12-14, since = 0001-01-01', "“since” 的日期 0001-01-01 超出可用范围"),
    ('"2021" = 2021-12-14', '"0000" = 2021-12-14', "期间 “0000”：年份 0 超出可用范围（1949 至 2100 年）"),
    ('"2021" = 2021-12-14', '"2021" = 9999-12-14', "“2021” 的日期 9999-12-14 超出可用范围"),
])
def test_a_record_outside_the_range_is_refused_at_its_line(folder, old, new, words):
    text = (folder / "henan-city.toml").read_text(encoding="utf-8")
    assert old in text
    (folder / "bad.toml").write_text(text.replace(old, new), encoding="utf-8")
    line = next(n for n, text in enumerate(text.splitlines(), 1) if text.startswith("annual_summary_last"))
    done = _run(folder, "check", "bad.toml")
    assert done.returncode == 2 and words in done.stderr and f"bad.toml:{line}:23:" in done.stderr and _clean(done)


def test_a_date_fact_outside_the_range_is_refused(folder):
    text = (folder / "localnorms-county.toml").read_text(encoding="utf-8")
    (folder / "bad.toml").write_text(text.replace("agencies_adjusted_on = 2018-01-31", "agencies_adjusted_on = 9999-12-01"),
                                     encoding="utf-8")
    done = _run(folder, "check", "bad.toml")
    assert done.returncode == 2 and "日期 9999-12-01 超出可用范围" in done.stderr and _clean(done)


def test_a_plan_date_outside_the_range_is_refused_before_anything_is_counted_from_it(folder):
    shutil.copy(PROFILES / "localnorms-county.toml", folder / "yzh.toml")
    (folder / "yzh.plan.toml").write_text('[plan]\nprofile = "yzh.toml"\n[[items]]\nid = "YZH-08"\nproblem = "权责清单"\n'
                                          'relative = "职能机构调整到位后3个月内"\nevent = 9999-12-01\n', encoding="utf-8")
    done = _run(folder, "plan", "yzh.toml")
    assert done.returncode == 2 and "yzh.plan.toml:7:9: 错误：event：日期 9999-12-01 超出可用范围（1949-01-01 至 2100-12-31）" in done.stderr


def test_a_period_key_or_a_legacy_date_outside_the_range_is_a_message_not_an_error():
    assert parse_log("year", {"1900": dt.date(2020, 1, 1)})[1] == "期间 “1900”：年份 1900 超出可用范围（1949 至 2100 年）"
    assert parse_log("year", dt.date(1, 1, 1))[1] == "日期 0001-01-01 超出可用范围（1949-01-01 至 2100-12-31）"
    assert parse_date("9999年底前") is None and parse_date("2100年底前") == dt.date(2100, 12, 31)


@pytest.mark.parametrize("phrase, message", [
    ("每季度结束后100000个工作日内", "时限 “每季度结束后100000个工作日内” 的工作日数 100000 超出范围（1 至 250）"),
    ("每季度结束后251个工作日内", "的工作日数 251 超出范围（1 至 250）"),
    ("完成后121个月内", "的月数 121 超出范围（1 至 120）"),
    ("完成后0个月内", "的月数 0 超出范围（1 至 120）"),
])
def test_schedule_counts_are_bounded(phrase, message):
    with pytest.raises(ValueError, match=message.replace("（", r"\（").replace("）", r"\）")):
        parse(phrase)


def test_the_largest_counts_allowed_still_work_at_the_end_of_the_range():
    assert parse("完成后120个月内").due(dt.date(2100, 12, 31)).day == dt.date(2110, 12, 31)
    last = parse("每季度结束后250个工作日内")
    assert last.due(Period(2100, 10, "quarter")).day.year == 2101


# --- seed 004: "每周" and "每天" --------------------------------------------------------------

def test_weekly_and_daily_duties_are_read_and_fall_due_on_sunday_and_the_same_day():
    weekly, daily = parse("每周"), parse("每天")
    tuesday = dt.date(2026, 11, 24)
    week = weekly.upcoming(tuesday)
    assert (week.start, week.end, week.key, week.label) == (
        dt.date(2026, 11, 23), dt.date(2026, 11, 29), "2026-W48", "2026年第48周（11月23日至11月29日）")
    assert weekly.due(week).day == dt.date(2026, 11, 29)
    assert daily.upcoming(tuesday).key == "2026-11-24" and parse("每日").due(daily.upcoming(tuesday)).day == tuesday
    assert weekly.step(week, -1).key == "2026-W47"


def test_a_week_across_new_year_is_the_iso_week_of_its_monday():
    week = Period.containing("week", dt.date(2027, 1, 1))
    assert (week.key, week.start, week.end) == ("2026-W53", dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    assert Period.parse("week", "2026-W53") == week and Period.parse("day", "2027-01-01").label == "2027年1月1日"


def test_weekly_records_are_kept_by_the_week_they_cover():
    log, problem = parse_log("week", {"2026-W47": dt.date(2026, 11, 23)})
    assert problem == "" and log.on(Period.parse("week", "2026-W47")) == dt.date(2026, 11, 23)
    assert parse_log("week", {"2026-W54": dt.date(2026, 11, 23)})[1] == "期间 “2026-W54” 应写作\"2026-W48\"（本项按周报送）"
    assert parse_log("week", {"2025-W53": dt.date(2026, 1, 1)})[1] == "期间 “2025-W53” 不是实际存在的周"
