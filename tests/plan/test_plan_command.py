"""``ucm-check plan`` as a user runs it: create, update, export, gate on overdue, refuse bad input."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import openpyxl

from tests.plan.conftest import AS_OF
from ucm_check.cli import main
from ucm_check.plan import IN_PROGRESS, load_plan, plan_path_for, save_plan


def run(capsys, *argv):
    code = main(["--log-level", "error", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_first_run_creates_the_plan_beside_the_profile_and_prints_it(capsys, county):
    code, out, err = run(capsys, "plan", str(county), "--as-of", "2026-11-24", "--no-entry-points")
    assert code == 0
    path = county.with_name("county.plan.toml")
    assert f"{path}: 已新建整改台账：新增 17 项，可销号 0 项" in err
    plan = load_plan(path)
    assert len(plan.items) == 17 and plan.profile == "county.toml" and plan.updated == AS_OF
    assert out.startswith("整改台账：某县城市管理和综合执法局  截至 2026-11-24\n整改完成率 0%（0/17）  逾期 0 项")


def test_a_second_run_keeps_edits_and_marks_a_fixed_gap_ready_to_close(capsys, county):
    run(capsys, "plan", str(county), "--as-of", "2026-11-24")
    path = plan_path_for(county)
    plan = load_plan(path)
    import attrs

    save_plan(plan.replace(attrs.evolve(plan.item("HN-06-4"), person="李四", status=IN_PROGRESS)), path)
    county.write_text(county.read_text(encoding="utf-8").replace("certificate_rate = 93.8", "certificate_rate = 96"), encoding="utf-8")
    code, out, err = run(capsys, "plan", str(county), "--as-of", "2026-12-01", "--format", "json")
    assert code == 0 and "可销号 1 项" in err
    item = load_plan(path).item("HN-06-4")
    assert (item.person, item.status, item.gap_closed.isoformat()) == ("李四", IN_PROGRESS, "2026-12-01")
    doc = json.loads(out)
    assert doc["summary"]["ready_to_close"] == 1


def test_an_unchanged_plan_is_not_rewritten(capsys, county):
    run(capsys, "plan", str(county), "--as-of", "2026-11-24")
    path = plan_path_for(county)
    before = path.stat().st_mtime_ns, path.read_bytes()
    code, _, err = run(capsys, "plan", str(county), "--as-of", "2027-01-10")
    assert code == 0 and "整改台账" not in err
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_fail_on_overdue_exits_1_the_day_after_a_deadline_not_on_it(capsys, county):
    run(capsys, "plan", str(county), "--as-of", "2026-11-24")
    first_due = min(i.deadline for i in load_plan(plan_path_for(county)).items)
    code, _, _ = run(capsys, "plan", str(county), "--as-of", first_due.isoformat(), "--fail-on-overdue")
    assert code == 0
    day_after = first_due + dt.timedelta(days=1)
    code, _, err = run(capsys, "plan", str(county), "--as-of", day_after.isoformat(), "--fail-on-overdue")
    assert code == 1
    assert f"未通过：1 项整改逾期未完成（截至 {day_after.isoformat()}）：HN-11-1" in err
    code, _, _ = run(capsys, "plan", str(county), "--as-of", day_after.isoformat())
    assert code == 0


def test_csv_output_is_utf8_with_bom_and_xlsx_needs_an_output_file(capsys, county, tmp_path):
    target = tmp_path / "台账.csv"
    code, out, _ = run(capsys, "plan", str(county), "--format", "csv", "--output", str(target))
    assert code == 0 and out == ""
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.decode("utf-8-sig").startswith("序号,编号,区域,问题")
    code, _, err = run(capsys, "plan", str(county), "--format", "xlsx")
    assert code == 2 and "xlsx 格式需要用 --output 指定文件名" in err
    book = tmp_path / "台账.xlsx"
    assert run(capsys, "plan", str(county), "--format", "xlsx", "-o", str(book))[0] == 0
    a4 = openpyxl.load_workbook(book)
    assert a4.sheetnames == ["问题清单", "问题清单（续）", "责任清单", "时间表"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["county.toml", "county.plan.toml", "台账.csv", "台账.xlsx"])
    assert run(capsys, "plan", str(county), "--format", "xlsx", "--paper", "A3", "-o", str(book))[0] == 0
    a3 = openpyxl.load_workbook(book)
    assert {ws.page_setup.paperSize for ws in a3.worksheets} == {8} and {ws.page_setup.paperSize for ws in a4.worksheets} == {9}
    assert a3["问题清单"].max_column > a4["问题清单"].max_column  # the larger sheet takes more columns on its first part


def test_a_broken_plan_file_is_reported_and_left_untouched(capsys, county):
    run(capsys, "plan", str(county), "--as-of", "2026-11-24")
    path = plan_path_for(county)
    broken = path.read_text(encoding="utf-8").replace('status = "未开始"', 'status = "搞定了"', 1)
    path.write_text(broken, encoding="utf-8")
    code, out, err = run(capsys, "plan", str(county))
    assert code == 2 and out == ""
    assert "status 应为以下之一：未开始、整改中、已完成、已销号，实际为字符串 \"搞定了\"" in err
    assert f"{path}: 整改台账有错误，本次未作任何改动" in err
    assert path.read_text(encoding="utf-8") == broken


def test_an_invalid_profile_or_date_exits_2_in_chinese(capsys, county):
    county.write_text("[unit]\nname = 1\n", encoding="utf-8")
    code, _, err = run(capsys, "plan", str(county))
    assert code == 2 and "错误" in err and "Traceback" not in err
    assert not plan_path_for(county).exists()
    proc = subprocess.run([sys.executable, "-m", "ucm_check", "plan", str(county), "--as-of", "2026-02-30"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2 and "应为日期，写作 2026-11-24，实际为 “2026-02-30”" in proc.stderr


def test_unanswered_facts_are_not_items_but_the_user_is_told(capsys, tmp_path):
    from tests.helpers import PROFILES

    profile = tmp_path / "incomplete.toml"
    profile.write_bytes((PROFILES / "hunan-county-incomplete.toml").read_bytes())
    code, _, err = run(capsys, "plan", str(profile))
    assert code == 0 and "项未填写，无法判断是否有差距，未列入整改台账" in err


def test_the_plan_command_never_imports_textual(county, tmp_path):
    code = ("import sys; from ucm_check.cli import main; "
            f"main(['plan', {str(county)!r}, '--format', 'xlsx', '-o', {str(tmp_path / 'p.xlsx')!r}]); "
            "main(['plan', sys.argv[1], '--format', 'markdown']); "
            "print('textual' in sys.modules, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, str(county)], capture_output=True, text=True, encoding="utf-8")
    assert proc.stderr.strip().splitlines()[-1] == "False", proc.stderr
    assert "## 问题清单" in proc.stdout
