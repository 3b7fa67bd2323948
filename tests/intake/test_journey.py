"""The province's journey end to end: fifteen bundles made with ``ucm-check bundle`` (late ones, a
resubmission, a tampered one, a zip bomb, aliased entry names, a county writing to the wrong
office), one city sending nothing, spot checks for three cities and the public survey for every
city; ``ucm-check intake`` with the bundled roster; every status, difference, flag and statistic
checked against values worked out by hand in the comments.

Hand computation. The base is profiles/hunan-city.toml: 100 - 5 + 16 = 111 (七(3) national link 2,
十(2) one visit 1, 八(2) 75% 1, 十(3) 80% 1; bonus 8 + 4 + 1 + 3). The roster's scheme is
``social = "fact"``: the survey's rate replaces 八(2)'s own 75% (85% → 0, 60% → 2, 50% → 3 under the
default boundary reading), so a unit surveyed at 85% gains the 1 point it deducted itself.
"""

from __future__ import annotations

import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from tests.helpers import PROFILES
from tests.intake.conftest import ROSTER, cli, write

BASE = (PROFILES / "hunan-city.toml").read_text(encoding="utf-8")
CHECKS = {
    "长沙市": ("430100", "[facts.uniform]\ndress_violations = 12\n[facts.assigned]\nlate_assignments = 3\n"),
    "株洲市": ("株洲市城市管理和综合执法局", "[facts.uniform]\ndress_violations = 15\n[facts.vehicles]\ntraffic_violations = 2\n"),
    "益阳市": ("430900", "[facts.uniform]\ndress_violations = 0\n"),
}


def profile(name: str, level: str = "设区市", **facts: str) -> str:
    """The city profile for ``name`` with ``key = value`` lines changed (value None: commented out)."""
    text = BASE.replace("某市城市管理和综合执法局", name).replace('level = "设区市"', f'level = "{level}"')
    for key, value in facts.items():
        line = re.compile(rf"^{key} = .*$", re.M)
        assert line.search(text), key
        text = line.sub(f"# {key} =" if value is None else f"{key} = {value}", text, count=1)
    return text


def bundle(work: Path, out: Path, name: str, date: str, *, evidence: str = "", **facts) -> Path:
    folder = work / out.stem
    folder.mkdir(parents=True, exist_ok=True)
    text = profile(name, **facts)
    if evidence:
        (folder / "佐证").mkdir(exist_ok=True)
        (folder / "佐证" / evidence).write_bytes(b"%PDF-1.4 " + name.encode())
        text += f'\n[evidence]\nHN-01-1 = ["佐证/{evidence}"]\n'
    write(folder / "profile.toml", text)
    code, _, err = cli("bundle", str(folder / "profile.toml"), "-o", str(out), "--as-of", date)
    assert code == 0, err
    return out


def rewrite(path: Path, change) -> None:
    """Rebuild the zip at ``path`` with ``change(zin, zout)`` copying the entries."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        change(zin, zout)
    tmp.replace(path)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The submissions folder as the office receives it, and the intake's JSON and text."""
    work = tmp_path_factory.mktemp("units")
    inbox = tmp_path_factory.mktemp("收件")
    made = [
        bundle(work, inbox / "长沙市.zip", "长沙市城市管理和综合执法局", "2020-11-10"),
        bundle(work, inbox / "株洲市.zip", "株洲市城市管理和综合执法局", "2020-11-15"),  # the deadline day
        bundle(work, inbox / "湘潭市.zip", "湘潭市城市管理和综合执法局", "2020-11-16"),  # one day late
        bundle(work, inbox / "衡阳市.zip", "衡阳市城市管理和综合执法局", "2020-11-20", late_assignments="5"),
        bundle(work, inbox / "邵阳市.zip", "邵阳市城市管理和综合执法局", "2020-11-12"),
        bundle(work, inbox / "岳阳市.zip", "岳阳市城市管理和综合执法局", "2020-11-12", evidence="台账.pdf"),
        bundle(work, inbox / "常德市.zip", "常德市城市管理和综合执法局", "2020-11-12", evidence="a.pdf"),
        bundle(work, inbox / "益阳市.zip", "益阳市城市管理和综合执法局", "2020-11-01", dress_violations="5"),
        bundle(work, inbox / "郴州市-第一次.zip", "郴州市城市管理和综合执法局", "2020-11-12", dress_violations="10"),
        bundle(work, inbox / "郴州市-更正.zip", "郴州市城市管理和综合执法局", "2020-11-14"),
        bundle(work, inbox / "永州市.zip", "永州市城市管理和综合执法局", "2020-11-13", major_negative_events="2",
               late_assignments="5", integrity_violations="2", duty_discipline_violations="2",
               uncivil_conduct_cases="6", certificate_rate="90"),
        bundle(work, inbox / "怀化市.zip", "怀化市城市管理和综合执法局", "2020-11-15"),
        bundle(work, inbox / "娄底市.zip", "娄底市城市管理和综合执法局", "2020-11-11", quality_case_rate=None),
        bundle(work, inbox / "湘西州.zip", "湘西自治州住房和城乡建设局", "2020-11-09", level="自治州"),
        bundle(work, inbox / "吉首市.zip", "吉首市城市管理和综合执法局", "2020-11-09", level="县市区"),
    ]
    assert len(made) == 15  # 张家界市 sends nothing
    # 邵阳市: the profile edited after sealing (dress violations hidden)
    rewrite(inbox / "邵阳市.zip", lambda zin, zout: [zout.writestr(i.filename, zin.read(i).replace(
        b"dress_violations = 0", b"dress_violations = 00") if i.filename == "profile.toml" else zin.read(i)) for i in zin.infolist()])
    # 岳阳市: its evidence swapped for 200 MiB of zeros (about 200 KiB compressed)

    def bomb(zin, zout):
        for i in zin.infolist():
            if i.filename == "佐证/台账.pdf":
                info = zipfile.ZipInfo(i.filename)
                info.compress_type = zipfile.ZIP_DEFLATED
                with zout.open(info, "w", force_zip64=True) as fh:
                    chunk = bytes(1024 * 1024)
                    for _ in range(200):
                        fh.write(chunk)
            else:
                zout.writestr(i, zin.read(i))
    rewrite(inbox / "岳阳市.zip", bomb)
    # 常德市: a second entry aliasing its evidence (./佐证/a.pdf beside 佐证/a.pdf)
    rewrite(inbox / "常德市.zip", lambda zin, zout: [
        [zout.writestr(i, zin.read(i))] + ([zout.writestr("./佐证/a.pdf", b"other bytes")] if i.filename == "佐证/a.pdf" else [])
        for i in zin.infolist()])
    for city, (unit, facts) in CHECKS.items():
        write(inbox / f"{city}.check.toml", f'[check]\nunit = "{unit}"\ninspectors = ["王五", "赵六"]\n'
              f'date = 2020-11-25\nnotes = "现场核查"\n{facts}[rule_notes]\nHN-03-2 = "抽查执法人员着装"\n')
    surveys = {"长沙市": 85, "株洲市": 85, "益阳市": 85, "湘潭市": 85, "衡阳市": 60, "郴州市-更正": 85, "永州市": 50,
               "怀化市": 85, "娄底市": 85, "湘西州": 85}
    for stem, rate in surveys.items():
        unit = "湘西自治州住房和城乡建设局" if stem == "湘西州" else stem.split("-")[0] + "城市管理和综合执法局"
        write(inbox / f"{stem}.social.toml", f'[social]\nunit = "{unit}"\nsatisfaction_rate = {rate}\nrespondents = 1000\n')
    code, out, err = cli("intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-30", "--format", "json")
    assert code == 0, err
    doc = json.loads(out, parse_float=Decimal)
    code, text, _ = cli("intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-30")
    assert code == 0
    return inbox, doc, text


def units(doc):
    return {u["name"][:3] if not u["name"].startswith("湘西") else "湘西州": u for u in doc["units"]}


def test_every_unit_gets_its_status_by_the_bundles_recorded_date(office):
    _, doc, _ = office
    u = units(doc)
    status = {k: (v["status"], v["days_late"]) for k, v in u.items()}
    assert status == {
        "长沙市": ("on_time", 0), "株洲市": ("on_time", 0), "湘潭市": ("late", 1), "衡阳市": ("late", 5),
        "邵阳市": ("invalid", 0), "岳阳市": ("invalid", 0), "常德市": ("invalid", 0), "张家界": ("missing", 0),
        "益阳市": ("on_time", 0), "郴州市": ("on_time", 0), "永州市": ("on_time", 0), "怀化市": ("on_time", 0),
        "娄底市": ("on_time", 0), "湘西州": ("on_time", 0),
    }
    assert doc["counts"] == {"on_time": 8, "late": 2, "missing": 1, "invalid": 3}  # 8 + 2 + 1 + 3 = 14


def test_invalid_bundles_say_why_and_nothing_was_extracted(office):
    inbox, doc, _ = office
    u = units(doc)
    assert "与打包时记录的指纹（SHA-256）不符" in u["邵阳市"]["reasons"][0]
    assert "疑似压缩炸弹" in u["岳阳市"]["reasons"][0] and "200 MB" in u["岳阳市"]["reasons"][0]
    assert any("./佐证/a.pdf" in r for r in u["常德市"]["reasons"])
    assert sorted(p.name for p in inbox.iterdir() if not p.name.endswith((".zip", ".toml"))) == []


def test_a_resubmission_replaces_the_first_and_a_county_bundle_is_set_aside(office):
    _, doc, _ = office
    u = units(doc)
    assert u["郴州市"]["file"] == "郴州市-更正.zip" and u["郴州市"]["self_total"] == 111
    assert u["郴州市"]["other_files"][0].startswith("郴州市-第一次.zip（评价日期 2020-11-12") and "已被较新的提交包取代" in u["郴州市"]["other_files"][0]
    assert [s["file"] for s in doc["stray"]] == ["吉首市.zip"]
    assert [s["reason"] for s in doc["stray"]] == ["吉首市城市管理和综合执法局 应向 湘西自治州住房和城乡建设局 报送，不属于本级收件"]


def test_spot_checks_give_self_verified_and_difference_per_rule_and_flag_only_beyond_the_margin(office):
    _, doc, _ = office
    u = units(doc)
    cs = u["长沙市"]  # dress 0 -> 12 (2.4, capped 2), late assignments 0 -> 3: 111 - 5 = 106, 5 > 3
    assert (cs["self_total"], cs["verified_total"], cs["difference"], cs["overrated"]) == (111, 106, 5, True)
    rows = {r["code"]: (r["self_score"], r["verified_score"], r["difference"]) for r in cs["rules"] if r["note"] != "x"}
    assert rows["HN-03-2"] == (2, 0, 2) and rows["HN-11-1"] == (5, 2, 3)
    zz = u["株洲市"]  # dress 15 (capped 2) and 2 traffic violations (1): exactly the margin of 3, not flagged
    assert (zz["self_total"], zz["verified_total"], zz["difference"], zz["overrated"]) == (111, 108, 3, False)
    yy = u["益阳市"]  # claimed 5 dress violations (1), inspectors found none: rated itself lower
    assert (yy["self_total"], yy["verified_total"], yy["difference"], yy["overrated"]) == (110, 111, -1, False)
    assert cs["check"]["inspectors"] == ["王五", "赵六"] and cs["check"]["date"] == "2020-11-25"
    assert next(r for r in cs["rules"] if r["code"] == "HN-03-2")["note"] == "抽查执法人员着装"


def test_the_survey_replaces_the_satisfaction_fact_and_the_verified_final_score_ranks(office):
    _, doc, _ = office
    finals = {k: (v["final"], v["basis"], v["rank"]) for k, v in units(doc).items() if v["final"] is not None}
    assert finals == {
        "湘西州": (114, 114, 1),   # 七(3) does not apply to 自治州: 113, survey +1
        "益阳市": (112, 112, 2), "湘潭市": (112, 112, 2), "郴州市": (112, 112, 2), "怀化市": (112, 112, 2),
        "娄底市": (112, 110, 6),   # 十(4) unanswered: ranks on its lowest possible total
        "株洲市": (109, 109, 7), "长沙市": (107, 107, 8),
        "衡阳市": (105, 105, 9),   # 106 self, 75% -> 60% costs one more point
        "永州市": (84, 84, 10),    # 111 - 8 - 5 - 12 = 86, 75% -> 50% costs two more
    }


def test_per_rule_statistics_and_common_issues_over_the_ten_ranked_units(office):
    _, doc, _ = office
    stats = {r["code"]: (r["units_lost"], r["assessed"], r["total_lost"], r["mean_lost"]) for r in doc["rules"]}
    assert stats["HN-07-3"] == (9, 9, 18, 2)         # not applicable to 湘西州
    assert stats["HN-10-2"] == (10, 10, 10, 1) and stats["HN-10-3"] == (10, 10, 10, 1)
    assert stats["HN-11-1"] == (3, 10, 13, Decimal("1.3"))  # 长沙 3 (verified), 衡阳 5, 永州 5
    assert stats["HN-08-2"] == (2, 10, 5, Decimal("0.5"))   # 衡阳 2, 永州 3
    assert stats["HN-03-2"] == (2, 10, 4, Decimal("0.4"))   # 长沙 and 株洲 as verified; 益阳 none
    assert stats["HN-04-3"] == (1, 10, 1, Decimal("0.1"))
    assert stats["HN-10-4"] == (0, 9, 0, 0)                  # 娄底 left it unanswered
    assert stats["HN-12-1"] == (1, 10, 8, Decimal("0.8"))
    assert doc["common_issues"] == ["HN-10-2", "HN-10-3", "HN-07-3", "HN-11-1", "HN-08-2"]


def test_praise_and_criticism_follow_the_schemes_thresholds(office):
    _, doc, _ = office
    praised = [p["name"][:3] for p in doc["praise"]]
    # 110 or more, on time, complete, not 自评偏高: not 湘潭 (late) nor 娄底 (incomplete)
    assert praised[0] == "湘西自" and sorted(praised[1:]) == sorted(["益阳市", "郴州市", "怀化市"])
    criticised = {c["name"][:3]: c["reason"] for c in doc["criticise"]}
    assert set(criticised) == {"张家界", "邵阳市", "岳阳市", "常德市", "永州市"}
    assert criticised["张家界"] == "截至 2020-11-30 未报送总结自评"
    assert criticised["永州市"] == "得分 84，低于 85 分"


def test_the_text_report_groups_counts_and_flags(office):
    _, _, text = office
    assert "应报 14 个单位：按时 8  逾期 2  未报送 1  无效 3" in text
    assert "自评偏高 5 分" in text and "自评偏高 3 分" not in text
    line = next(li for li in text.splitlines() if "衡阳市城市管理" in li and "逾期" in li)
    assert "逾期 5 天" in line and "2020-11-20" in line


def test_the_workbook_prints_on_a4_landscape_with_every_sheet_readable(office, tmp_path):
    from tests.render import first_page_png, page_sizes_mm, page_text, to_pdf

    inbox, _, _ = office
    book = tmp_path / "收件结果.xlsx"
    code, _, err = cli("intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-30", "--format", "xlsx",
                       "-o", str(book))
    assert code == 0, err
    import openpyxl

    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["汇总", "分市州", "县市区排名", "各规则", "核查对比", "共性问题", "拟通报表扬", "拟通报批评",
                             "其他文件"]  # one table per sheet, the housekeeping last and on its own
    for ws in wb:
        codes = {c.column for row in ws.iter_rows() for c in row if c.value == "编号"}  # unit codes stay text
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                assert cell.font.name == "宋体", (ws.title, cell.coordinate)
                if isinstance(cell.value, str) and cell.column not in codes:  # no number or date left as text
                    assert not re.fullmatch(r"-?\d+(\.\d+)?|\d{4}-\d{2}-\d{2}|-?\d+(\.\d+)?（最低.*）", cell.value), (
                        ws.title, cell.coordinate, cell.value)
        header = next(r for r in ws.iter_rows() if r[0].fill.fgColor.rgb not in (None, "00000000"))
        assert all(c.font.bold for c in header if c.value)
    issues = [[c.value for c in row] for row in wb["共性问题"].iter_rows()]
    head = next(r for r in issues if "规则" in r)
    assert head[head.index("规则") + 1] == "条款" and head[head.index("失分单位数") + 1] == "参评单位数"
    first = issues[issues.index(head) + 1]
    assert first[head.index("规则")].startswith("HN-") and "（" in first[head.index("条款")]
    assert 0 < first[head.index("失分单位数")] <= first[head.index("参评单位数")]  # N of M, both numbers
    summary = [[c.value for c in row] for row in wb["汇总"].iter_rows()]
    head = next(r for r in summary if "最终得分" in r)
    assert head[head.index("最终得分") + 1] == "最低可能得分"
    checks = [[c.value for c in row] for row in wb["核查对比"].iter_rows(min_row=3)]
    assert ["长沙市城市管理和综合执法局", "合计（核查）", "", 111, 106, 5] == checks[[r[1] for r in checks].index("合计（核查）")][:6]
    assert any(r[1].startswith("HN-03-2") and r[2] == "一（三）2（2）" for r in checks)  # the clause beside the code
    pdf = to_pdf(book, tmp_path / "pdf")
    sizes = page_sizes_mm(pdf)
    assert sizes and all(s == (297, 210) for s in sizes)
    from tests.render import char_sizes

    assert min(char_sizes(pdf)) >= 9  # printed at 100 %: nothing shrunk below 9 pt
    text = "\n".join(page_text(pdf))
    for expected in ("应报 14 个单位", "逾期 5 天", "自评偏高 5 分", "HN-07-3", "共性问题", "拟通报表扬", "拟通报批评",
                     "截至 2020-11-30 未报送总结自评", "第 1 页 共"):
        assert expected in text, expected
    from PIL import Image

    with Image.open(first_page_png(pdf, tmp_path / "page.png")) as page:
        grey = page.convert("L")
        inked = sum(grey.histogram()[:200])  # pixels darker than light grey: text and rules
        size = page.size
    assert abs(size[0] - 935) <= 1 and abs(size[1] - 661) <= 1  # A4 landscape at 80 dpi: 297 x 210 mm
    assert 0.005 < inked / (size[0] * size[1]) < 0.5, inked  # printed, not blank and not a black page


def test_markdown_has_every_section_as_a_table(office):
    inbox, _, _ = office
    code, md, _ = cli("intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-30", "--format", "markdown")
    assert code == 0 and md.startswith("# 收件情况：")
    for title in ("## 收件与得分", "## 核查对比", "## 各规则失分统计", "## 共性问题", "## 拟通报表扬", "## 拟通报批评", "## 其他文件"):
        assert f"\n{title}\n\n| " in md, title
    assert "| 430100 | 长沙市城市管理和综合执法局 | 设区市 | 按时报送 | 2020-11-10 | 111 | 106 | 107 | 8 |" in md


def test_every_key_of_the_intake_json_is_documented_in_docs_json_md(office):
    from tests.helpers import ROOT

    _, doc, _ = office
    documented = (ROOT / "docs" / "json.md").read_text(encoding="utf-8").split("## Intake report", 1)[1]
    keys: set[str] = set()

    def walk(value, parent=""):
        if isinstance(value, dict):
            for k, v in value.items():
                if parent != "deducted":  # keys there are rule codes
                    keys.add(k)
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, parent)

    walk(doc)
    assert sorted(k for k in keys if f"`{k}`" not in documented) == []


def test_the_tui_opens_the_intake_shows_a_units_comparison_and_the_rule_statistics(office, host):
    import asyncio

    asyncio.run(_browse(office, host))


async def _browse(office, host):
    from textual.widgets import DataTable, Static

    from ucm_check.intake.receive import receive
    from ucm_check.intake.roster import load_roster
    from ucm_check.tui.intake import IntakeApp
    import datetime as dt

    inbox, _, _ = office
    intake = receive(str(inbox), load_roster(str(ROSTER), host.standards), host, as_of=dt.date(2020, 11, 30))
    app = IntakeApp(intake)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        units = app.screen.query_one("#units", DataTable)
        assert units.row_count == 14
        assert "应报 14 个单位：按时 8" in str(app.screen.query_one("#heading", Static).render())
        await pilot.press("enter")  # 长沙市, the first row
        await pilot.pause()
        table = app.screen.query_one("#t0", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["HN-03-2 执法着装规范", "2", "0", "2"] == rows[0][:4]
        assert ["合计（核查）", "111", "106", "5"] == [r for r in rows if r[0] == "合计（核查）"][0][:4]
        await pilot.press("escape", "r")
        await pilot.pause()
        stats = app.screen.query_one("#t0", DataTable)
        assert [str(stats.get_row_at(i)[0]) for i in range(stats.row_count)][:2] == ["HN-03-2", "HN-04-3"]
        issues = app.screen.query_one("#t1", DataTable)
        assert str(issues.get_row_at(0)[1]) == "HN-10-2 对县（市、区）指导监督"


@pytest.mark.parametrize("fmt", ["text", "xlsx"])
def test_a_headless_intake_never_imports_textual(office, tmp_path, fmt):
    from tests.test_headless import loaded_after

    inbox, _, _ = office
    argv = ["intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-30", "--format", fmt,
            "-o", str(tmp_path / f"out.{fmt}")]
    assert loaded_after(f"from ucm_check.cli import main\nmain({argv!r})") == ""


def test_at_80x24_the_intake_tui_has_chinese_help_palette_and_says_how_to_see_cut_columns(office, host):
    import asyncio

    asyncio.run(_narrow(office, host))


async def _narrow(office, host):
    import datetime as dt

    from tests.tui.journeys.screen_text import screen_text
    from ucm_check.intake.receive import receive
    from ucm_check.intake.roster import load_roster
    from ucm_check.tui.intake import IntakeApp

    inbox, _, _ = office
    intake = receive(str(inbox), load_roster(str(ROSTER), host.standards), host, as_of=dt.date(2020, 11, 30))
    app = IntakeApp(intake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "左右方向键滚动查看其余列" in shown and "? 帮助" in shown and "^p 命令" in shown
        await pilot.press("question_mark")
        await pilot.pause()
        assert "帮助：按键" in screen_text(app) and "各规则统计" in screen_text(app)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        shown = screen_text(app)
        assert "输入以搜索命令" in shown
        for english in ("Search for commands", "Keys", "Maximize", "Screenshot", "palette", "Cursor"):
            assert english not in shown


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", ["units", "unit", "rules", "help"])
def test_snapshot(snap_compare, office, host, size, view):
    import datetime as dt

    from tests.tui.journeys.screen_text import screen_text
    from tests.tui.test_screen_snapshots import unreadable
    from ucm_check.intake.receive import receive
    from ucm_check.intake.roster import load_roster
    from ucm_check.tui.intake import IntakeApp

    inbox, _, _ = office
    app = IntakeApp(receive(str(inbox), load_roster(str(ROSTER), host.standards), host, as_of=dt.date(2020, 11, 30)))
    keys = {"units": [], "unit": ["enter"], "rules": ["r"], "help": ["question_mark"]}[view]
    seen: list[str] = []

    async def run_before(pilot):
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        seen.append(screen_text(pilot.app))

    assert snap_compare(app, terminal_size=size, run_before=run_before)
    (text,) = seen
    assert unreadable(text) == [] and "^p 命令" in text.splitlines()[-1]
