"""Batch runs: files, folders and globs; a broken profile among good ones; the ranked summary; progress."""

from __future__ import annotations

import io
import json
import re

from tests.ci.conftest import CITY, COMPLIANT, INCOMPLETE, TYPICAL, run
from ucm_check.ci.batch import Progress, expand
from ucm_check.ci.outcome import Row
from ucm_check.ci.formats.summary import ranked


def test_a_folder_expands_to_every_profile_below_it_skipping_plans_and_hidden_folders(submissions):
    paths, problems = expand([str(submissions)])
    names = [p.split("submissions")[1] for p in paths]
    assert names == ["/a县/profile.toml", "/b县/profile.toml", "/c市/profile.toml", "/d县/profile.toml"]
    assert problems == []


def test_a_quoted_glob_is_expanded_and_duplicates_are_checked_once(submissions):
    paths, _ = expand([str(submissions / "*" / "profile.toml"), str(submissions / "a县" / "profile.toml")])
    assert len(paths) == 4


def test_a_glob_or_folder_that_matches_nothing_is_invalid_input(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "check", str(tmp_path / "nothing-*.toml"), str(tmp_path / "empty"), str(TYPICAL))
    assert code == 2
    assert "通配符没有匹配到任何 .toml 自评档案" in err and "目录中没有 .toml 自评档案" in err


def test_one_broken_profile_among_good_ones_is_reported_and_the_others_still_ranked(capsys, submissions):
    code, out, err = run(capsys, "check", str(submissions))
    assert code == 2
    assert re.search(r"d县/profile\.toml:3:9: 错误：unit\.level（单位层级）应为非空字符串", err)
    table = out[out.index("排名汇总"):]
    ranks = re.findall(r"^\s*(\d)\s+(\S+)\s+(\S+)", table, re.M)
    # the 设区市 is ranked on its own; the two counties against each other
    assert [(r, total) for r, _, total in ranks] == [("1", "111"), ("1", "100"), ("2", "86.2")]
    assert "排名汇总（hunan-2020，设区市，1 个单位" in table and "排名汇总（hunan-2020，县市区，2 个单位" in table
    assert "无效档案（1 个" in out and "d县/profile.toml" in out


def test_the_summary_shows_each_area_score_under_its_number(capsys):
    _, out, _ = run(capsys, "check", str(TYPICAL), str(COMPLIANT))
    header, first, second = out.splitlines()[1:4]
    assert header.split()[:6] == ["名次", "单位", "总分", "一", "二", "三"] and header.split()[-2:] == ["加分", "状态"]
    typical = second.split()
    assert typical[2] == "86.2" and typical[3:6] == ["6", "4", "2.6"] and typical[-2:] == ["+3.5", "通过"]


def test_one_profile_prints_the_full_report_several_only_the_summary_unless_details(capsys):
    _, one, _ = run(capsys, "check", str(TYPICAL))
    assert "扣分项（17 项" in one and "排名汇总" not in one
    _, two, _ = run(capsys, "check", str(TYPICAL), str(CITY))
    assert "扣分项" not in two and "排名汇总" in two
    _, both, _ = run(capsys, "check", str(TYPICAL), str(CITY), "--details")
    assert both.count("扣分项（") == 2 and "排名汇总" in both


def test_an_incomplete_profile_is_ranked_and_shown_at_its_lowest_possible_total(capsys):
    _, out, _ = run(capsys, "check", str(INCOMPLETE), str(TYPICAL))
    lines = out.splitlines()
    line = next(line for line in lines if "某区" in line)
    # 97 on the facts answered so far, 32 if every unanswered rule fails: it ranks on 32, below 86.2
    assert line.split()[:1] == ["2"] and "32*" in line and "不完整，已填写部分暂计 97" in line
    assert "* 评价不完整：总分栏为最低可能总分" in out


def _row(file: str, total: str, unit: str = "", *, lowest: str = "", level: str = "县市区") -> Row:
    from decimal import Decimal

    return Row(file, True, unit or file, "hunan-2020", Decimal(total), Decimal(lowest or total),
               complete=not lowest, level=level, level_order=("设区市", "自治州", "县市区").index(level))


def test_a_blank_profile_never_ranks_above_a_complete_county_that_scored_more_than_its_lowest_total():
    rows = [_row("blank", "100", lowest="6"), _row("typical", "86.2")]
    assert [(rank, r.file) for rank, r in ranked(rows)] == [(1, "typical"), (2, "blank")]


def test_an_incomplete_profile_sure_of_more_ranks_above_a_complete_one_with_less():
    rows = [_row("typical", "86.2"), _row("nearly", "99", lowest="95"), _row("equal", "90", lowest="86.2")]
    # sure of 95 beats 86.2; sure of 86.2 never beats a complete 86.2: listed after it, its own rank
    assert [(rank, r.file) for rank, r in ranked(rows)] == [(1, "nearly"), (2, "typical"), (3, "equal")]


def test_a_city_is_never_ranked_with_counties():
    rows = [_row("county", "80"), _row("city", "90", level="设区市"), _row("county2", "85")]
    assert [(rank, r.file, r.level) for rank, r in ranked(rows)] == [
        (1, "city", "设区市"), (1, "county2", "县市区"), (2, "county", "县市区")]


def test_equal_totals_share_a_rank_and_the_next_rank_is_skipped():
    rows = [_row("a", "90"), _row("b", "95"), _row("c", "90"), _row("d", "80")]
    assert [(rank, r.file) for rank, r in ranked(rows)] == [(1, "b"), (2, "a"), (2, "c"), (4, "d")]


def test_progress_is_silent_when_stderr_is_not_a_terminal(capsys, submissions):
    run(capsys, "check", str(submissions), "--format", "json")
    assert "检查 " not in capsys.readouterr().err


def test_progress_counts_up_in_place_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    progress = Progress(3, stream)
    for i, name in enumerate(["a.toml", "b.toml", "c.toml"], start=1):
        progress.update(i, f"x/{name}")
    progress.close()
    text = stream.getvalue()
    assert text.count("\r") == 4 and "检查 3/3 c.toml" in text and text.endswith("\r\x1b[K")
    assert Progress(1, Tty()).enabled is False and Progress(5, io.StringIO()).enabled is False


def test_json_for_a_batch_keeps_every_profile_in_order_and_ranks_the_valid_ones(capsys, submissions):
    code, out, _ = run(capsys, "check", str(submissions), "--format", "json")
    doc = json.loads(out)
    assert code == doc["exit_code"] == 2
    assert [p["valid"] for p in doc["profiles"]] == [True, True, True, False]
    assert [(r["rank"], r["level"], r["total"]) for r in doc["ranking"]] == [(1, "设区市", 111), (1, "县市区", 100), (2, "县市区", 86.2)]
    assert doc["ranking"][2]["areas"]["uniform"] == 2.6
    assert set(doc["rules"]) >= {"HN-03-2", "HN-06-4"}
