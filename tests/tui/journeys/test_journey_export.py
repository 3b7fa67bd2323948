"""Journey: the clerk exports the check report and the 整改台账 from the overview and the timetable,
by key and from the command palette; the files land beside the profile and match what the CLI writes."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl

from tests.render import page_text, to_pdf
from tests.tui.journeys.screen_text import ROOT, cli, screen_text
from ucm_check.exports import EXPORTS, ExportKind
from ucm_check.tui.app import UcmApp
from ucm_check.tui.screens.dialogs import Confirm
from ucm_check.tui.screens.export import ExportChooser

AS_OF = dt.date(2026, 11, 24)


def typical(tmp_path):
    path = tmp_path / "t.toml"
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.toml", path)
    return path


def cells(path):
    book = openpyxl.load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


async def choose(pilot, kind_id: str) -> None:
    """In the chooser: move to ``kind_id`` and press enter."""
    app = pilot.app
    assert isinstance(app.screen, ExportChooser)
    for _ in range([k.id for k in EXPORTS].index(kind_id)):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def test_x_on_the_overview_writes_the_plan_workbook_beside_the_profile_as_the_cli_does(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        shown = screen_text(app)
        assert "t-整改台账.xlsx" in shown and "t-检查报告.md" in shown
        await choose(pilot, "plan-xlsx")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
    written = tmp_path / "t-整改台账.xlsx"
    assert any(str(written) in n for n in notes)
    (tmp_path / "t.plan.toml").unlink()  # the CLI starts from the same state: no plan yet
    done = cli("plan", str(path), "--format", "xlsx", "--output", str(tmp_path / "cli.xlsx"),
               "--as-of", AS_OF.isoformat(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    ours, theirs = cells(written), cells(tmp_path / "cli.xlsx")
    assert ours == theirs and sum(len(rows) for rows in ours.values()) > 3
    pdf = to_pdf(written, tmp_path / "pdf")
    assert "整改台账" in "".join(page_text(pdf))


async def test_unsaved_edits_are_saved_first_when_the_clerk_says_so_and_the_report_shows_them(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        app.answer("uniform", "dress_violations", 2)
        await pilot.press("x")
        await pilot.pause()
        await choose(pilot, "check-markdown")
        assert isinstance(app.screen, Confirm) and "1 处修改尚未保存" in screen_text(app)
        app.screen.query_one("#save").press()
        await pilot.pause()
        await pilot.pause()
        assert not app.session.editor.dirty
    assert "dress_violations = 2" in path.read_text(encoding="utf-8")
    report = (tmp_path / "t-检查报告.md").read_text(encoding="utf-8")
    done = cli("check", str(path), "--format", "markdown", "--output", str(tmp_path / "cli.md"),
               "--as-of", AS_OF.isoformat(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert report == (tmp_path / "cli.md").read_text(encoding="utf-8")
    assert "总分 **87.2**" in report  # 86.2 with 7 violations; 2 cost 0.4 instead of 1.4


async def test_exporting_the_saved_file_leaves_the_edits_unsaved_and_uses_the_disk(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        app.answer("uniform", "dress_violations", 2)
        app.action_export("check-markdown")
        await pilot.pause()
        app.screen.query_one("#saved").press()
        await pilot.pause()
        assert app.session.editor.dirty
    assert "dress_violations = 7" in path.read_text(encoding="utf-8")
    assert "总分 **86.2**" in (tmp_path / "t-检查报告.md").read_text(encoding="utf-8")


async def test_the_palette_finds_every_export_by_导出_and_the_workbook_by_xlsx(host, tmp_path):
    from textual.command import CommandList

    path = typical(tmp_path)
    app = UcmApp(host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        for query, expected in (("导出", len(EXPORTS) + 1), ("xlsx", 1)):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*query)
            await pilot.pause(0.5)
            found = [str(o.prompt) for o in app.screen.query_one(CommandList)._options]
            assert sum("导出" in f for f in found) >= expected, found
            if query == "xlsx":
                assert "导出：整改台账（xlsx，Excel/WPS）" in found[0]
                await pilot.press("enter")
                await pilot.pause()
            else:
                await pilot.press("escape")
                await pilot.pause()
        await pilot.pause()
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "t-整改台账.xlsx")
    assert book.sheetnames == ["问题清单", "问题清单（续）", "责任清单", "时间表"]
    rows = list(book["问题清单"].iter_rows(min_row=3, values_only=True))
    assert "整改完成率 0%（0/17）" in book["问题清单"]["A1"].value  # the typical county's 17 deductions
    assert [r[1] for r in rows if r[1]][:3] == ["HN-01-3", "HN-02-3", "HN-02-1"]


async def test_from_the_timetable_x_writes_the_plan_csv_with_a_bom_as_the_cli_does(host, tmp_path):
    path = typical(tmp_path)
    app = UcmApp(host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await choose(pilot, "plan-csv")
    data = (tmp_path / "t-整改台账.csv").read_bytes()
    done = cli("plan", str(path), "--format", "csv", "--output", str(tmp_path / "cli.csv"),
               "--as-of", AS_OF.isoformat(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert data.startswith(b"\xef\xbb\xbf") and data == (tmp_path / "cli.csv").read_bytes()


def test_another_export_kind_appended_to_the_list_is_offered_and_written(host, tmp_path):
    from ucm_check.exports import export, load_source

    extra = ExportKind("note-txt", "说明（txt）", "Note (txt)", "-说明.txt",
                       lambda source: f"{source.result.total}".encode("utf-8"))
    EXPORTS.append(extra)
    try:
        written = export(extra, load_source(typical(tmp_path), host, AS_OF))
        assert written == tmp_path / "t-说明.txt" and written.read_text(encoding="utf-8") == "86.2"
        assert EXPORTS[-1] is extra
    finally:
        EXPORTS.remove(extra)


async def test_the_self_report_is_offered_and_written_as_the_report_command_writes_it(host, tmp_path):
    import docx

    path = typical(tmp_path)
    shutil.copy(ROOT / "profiles" / "hunan-county-typical.plan.toml", tmp_path / "t.plan.toml")
    app = UcmApp(host, path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert "t-自评报告.docx" in screen_text(app)
        await choose(pilot, "self-report-docx")
        await pilot.pause()
    written = tmp_path / "t-自评报告.docx"
    done = cli("report", str(path), "-o", str(tmp_path / "cli.docx"), "--as-of", AS_OF.isoformat(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr

    def tables(file):
        return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(file).tables]

    ours = tables(written)
    assert ours == tables(tmp_path / "cli.docx")
    assert any("86.2" in cell for table in ours for row in table for cell in row)
