"""A unit exists from the month it joins the roster (纳入月份), and each fault in a source file is one
error (issue 17, item 5): the district's clerk adds a street in February, January still ranks as it
did, February ranks the new street."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.assess.district import month_files
from ucm_check.cli import main

NEW = "幸福路街道办事处"


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def import_month(folder: Path, month: int, capsys) -> None:
    """Import every source's file for 2026-``month`` (written from the roster as it is now)."""
    for source, path in month_files(folder, month, folder.parent / "收件" / f"{month:02d}").items():
        code, _, err = cli(capsys, "assess", "import", str(folder), "--period", f"2026-{month:02d}", "--source", source, "-f", str(path))
        assert code == 0, err


def add_street(folder: Path, since: str) -> None:
    """The clerk's edit in Excel: a 纳入月份 column, the new street joining from ``since``."""
    roster = folder / "roster.csv"
    lines = roster.read_text(encoding="utf-8-sig").splitlines()
    lines = [lines[0] + ",纳入月份"] + [line + "," for line in lines[1:]]
    lines.append(f"{NEW},幸福街道,街道办事处组,街道办事处,区政府,,{since}")
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def street_units(doc: dict) -> list[str]:
    return [r["unit"] for r in next(g for g in doc["groups"] if g["id"] == "jiedao")["rows"]]


@pytest.fixture
def january(tmp_path, capsys) -> Path:
    folder = tmp_path / "district"
    assert cli(capsys, "assess", "init", str(folder))[0] == 0
    import_month(folder, 1, capsys)
    assert cli(capsys, "assess", "rank", str(folder), "--period", "2026-01")[0] == 0
    return folder


def test_a_street_added_in_february_leaves_january_as_it_was_and_ranks_in_february(january, capsys):
    before = (january / "history" / "2026-01" / "results.json").read_bytes()
    add_street(january, "2026-02")
    import_month(january, 2, capsys)
    code, out, err = cli(capsys, "assess", "rank", str(january), "--period", "2026-01", "--format", "json")
    assert code == 0, err
    assert NEW not in street_units(json.loads(out)) and len(street_units(json.loads(out))) == 15
    code, out, err = cli(capsys, "assess", "rank", str(january), "--period", "2026-02", "--format", "json")
    assert code == 0, err
    row = next(r for r in json.loads(out)["groups"][0]["rows"] if r["unit"] == NEW)
    assert row["rank"] is not None and row["change"] is None and row["previous_rank"] is None
    assert (january / "history" / "2026-01" / "results.json").read_bytes() == before
    code, out, err = cli(capsys, "assess", "history", str(january), "--unit", "幸福街道", "--format", "json")
    assert code == 0, err
    assert [m["period"] for m in json.loads(out)["groups"][0]["units"][0]["months"]] == ["2026-02"]


def test_a_quarter_lists_a_unit_that_joined_in_its_second_month_unranked_with_its_months(january, capsys):
    add_street(january, "2026-02")
    import_month(january, 2, capsys)
    code, out, err = cli(capsys, "assess", "rank", str(january), "--period", "2026-Q1", "--format", "json")
    assert code == 0, err
    row = next(r for r in json.loads(out)["groups"][0]["rows"] if r["unit"] == NEW)
    assert (row["rank"], row["months"], row["complete"]) == (None, 1, False)


def test_a_unit_listed_before_it_joins_is_one_error_naming_its_month(january, capsys):
    add_street(january, "2026-03")
    path = month_files(january, 2, january.parent / "收件" / "02")["office"]  # lists every street, the new one too
    code, _, err = cli(capsys, "assess", "import", str(january), "--period", "2026-02", "--source", "office", "-f", str(path))
    assert code == 2
    assert err.count("错误") == 1
    assert "“幸福街道” 自 2026-03 起纳入考评（名册的纳入月份），2026年2月不参加考评" in err


def test_without_a_month_the_new_unit_makes_january_name_it_and_say_how_to_fix_it(january, capsys):
    add_street(january, "")
    code, _, err = cli(capsys, "assess", "rank", str(january), "--period", "2026-01")
    assert code == 2
    assert f"缺少单位：{NEW}；新纳入考评的单位请在名册的“纳入月份”栏填写" in err


@pytest.mark.parametrize("since", ["2026-13", "明年", "0000-01", "2026-02-01x"])
def test_a_joining_month_that_is_not_a_month_is_located_as_written(january, capsys, since):
    add_street(january, since)
    code, _, err = cli(capsys, "assess", "rank", str(january), "--period", "2026-01")
    assert code == 2
    assert f"roster.csv:37:7: 错误：纳入月份应写作 2026-02 或 2026年2月（1949 到 2100 年），实际为 “{since}”" in err


def test_a_joining_month_in_chinese_is_read(january, capsys):
    add_street(january, "2026年2月")
    import_month(january, 2, capsys)
    assert cli(capsys, "assess", "rank", str(january), "--period", "2026-01")[0] == 0


def test_a_blank_score_is_one_error_and_the_unit_is_not_also_called_missing(january, capsys):
    path = month_files(january, 2, january.parent / "收件" / "02")["office"]
    text = path.read_text(encoding="utf-8-sig").splitlines()
    unit = text[5].split(",")[0]
    text[5] = f"{unit},"
    path.write_text("\n".join(text) + "\n", encoding="utf-8-sig")
    code, _, err = cli(capsys, "assess", "import", str(january), "--period", "2026-02", "--source", "office", "-f", str(path))
    assert code == 2
    assert err.count("错误") == 1 and "得分为空" in err and "缺少单位" not in err
