"""Pilot tests of the timetable screen and its edit dialog, in a small app of their own."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from textual.app import App
from textual.widgets import DataTable, Select, Static

from tests.plan.conftest import AS_OF
from ucm_check.profile.checking import check_file
from ucm_check.plan import load_plan, plan_path_for, save_plan
from ucm_check.tui.plan_editor import MilestoneRow
from ucm_check.tui.timetable import ItemEditor, TimetableScreen

LATE_DAY = dt.date(2026, 12, 25)


class TimetableApp(App):
    """Just enough app to push the screen, as the TUI's ``t`` key does."""

    def __init__(self, host, profile, as_of):
        super().__init__()
        self.host, self.profile, self.as_of = host, profile, as_of
        self.result = check_file(str(profile), host, as_of=as_of).result

    def on_mount(self):
        self.push_screen(TimetableScreen(self.profile, self.result, self.as_of))


def play(host, profile, scenario, as_of=LATE_DAY):
    async def main():
        app = TimetableApp(host, profile, as_of)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            await scenario(app, pilot)
    asyncio.run(main())


@pytest.fixture
def planned(county, capsys):
    """The county with a plan made on AS_OF (so the 15- and 30-day items are late on LATE_DAY)."""
    from ucm_check.cli import main

    main(["--log-level", "error", "plan", str(county), "--as-of", AS_OF.isoformat(), "--no-entry-points"])
    capsys.readouterr()
    return county


def rows(screen):
    table = screen.query_one("#tt-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


def summary(screen):
    return str(screen.query_one("#tt-summary", Static).render())


def test_opening_without_a_plan_creates_it_and_shows_rate_and_overdue(host, county):
    async def scenario(app, pilot):
        assert "整改完成率 0%（0/17）  逾期 0 项" in summary(app.screen)
    play(host, county, scenario)
    assert len(load_plan(plan_path_for(county)).items) == 17


def test_items_are_sorted_by_deadline_and_overdue_ones_marked_with_red_bars(host, planned):
    plan = load_plan(plan_path_for(planned))

    async def scenario(app, pilot):
        screen = app.screen
        assert "整改完成率 0%（0/17）  逾期 8 项  可销号 0 项" in summary(screen)
        shown = rows(screen)
        assert [r[1].strip(" !") for r in shown] == [i.id for i in plan.by_deadline()]
        first = shown[0]
        assert first[0] == "2026年12月" and first[1] == "!HN-11-1" and first[5] == "未开始，逾期 16 天"
        assert shown[8][1] == " HN-02-3" and shown[8][0] == "2027年1月"
        table = screen.query_one("#tt-table", DataTable)
        bar = table.get_row_at(0)[6]
        assert [(span.start, str(span.style)) for span in bar.spans] == [(0, "on dodger_blue3"), (3, "on red3")]
        bar = table.get_row_at(len(shown) - 1)[6]  # HN-10-4, 180 days: planned to May, not late
        assert [str(span.style) for span in bar.spans] == ["on dodger_blue3"] * 6 + ["on blue"]
    play(host, planned, scenario)


def test_number_keys_switch_between_the_three_views(host, planned):
    async def scenario(app, pilot):
        screen = app.screen
        table = screen.query_one("#tt-table", DataTable)
        await pilot.press("1")
        assert str(table.columns[table.ordered_columns[0].key].label) == "区域"
        assert rows(screen)[0][0] == "一 加强基层党建工作"
        await pilot.press("2")
        assert str(table.ordered_columns[0].label) == "单位"
        assert rows(screen)[0][0] == "（未指定单位）" and len(rows(screen)) == 17
        await pilot.press("3")
        assert str(table.ordered_columns[0].label) == "月份"
    play(host, planned, scenario)


async def _type(pilot, selector, text):
    """Clear an input and type ``text`` key by key (punctuation such as 、 comes from an IME: pasted)."""
    widget = pilot.app.screen.query_one(selector)
    widget.value = ""
    widget.focus()
    for ch in text:
        if ch in "、，,":
            widget.insert_text_at_cursor(ch)
        else:
            await pilot.press(ch)


def test_moving_a_deadline_needs_a_reason_and_is_recorded(host, planned):
    path = plan_path_for(planned)
    before = path.read_bytes()

    async def scenario(app, pilot):
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, ItemEditor) and editor.item.id == "HN-11-1"
        await _type(pilot, "#lead_unit", "办公室")
        await _type(pilot, "#responsible_units", "一中队、二中队")
        await _type(pilot, "#deadline", "2027-01-31")
        await pilot.press("ctrl+s")
        assert app.screen is editor
        assert "调整完成时限必须填写调整原因（原时限 2026-12-09）" in str(editor.query_one("#editor-errors", Static).render())
        assert path.read_bytes() == before
        await _type(pilot, "#reason", "上级交办事项延期")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimetableScreen)
        assert "逾期 7 项" in summary(app.screen)
        shown = rows(app.screen)
        at = next(n for n, r in enumerate(shown) if r[1].strip() == "HN-11-1")
        group = next(r[0] for r in reversed(shown[: at + 1]) if r[0])
        assert group == "2027年1月" and shown[at][3] == "办公室" and shown[at][5] == "未开始"
    play(host, planned, scenario)
    item = load_plan(path).item("HN-11-1")
    assert (item.lead_unit, item.responsible_units, item.deadline) == ("办公室", ("一中队", "二中队"), dt.date(2027, 1, 31))
    (change,) = item.history
    assert (change.date, change.old, change.new, change.reason) == (LATE_DAY, dt.date(2026, 12, 9), dt.date(2027, 1, 31), "上级交办事项延期")


async def _add_milestone(pilot, date: str, text: str, done: bool) -> None:
    """Press 添加阶段节点 and fill the new row: date, what, done."""
    from textual.widgets import Checkbox, Input

    editor = pilot.app.screen
    editor.query_one("#add-milestone").press()
    await pilot.pause()
    row = list(editor.query(MilestoneRow))[-1]
    row.query_one(".m-date", Input).value = date
    row.query_one(".m-text", Input).value = text
    row.query_one(".m-done", Checkbox).value = done


def test_status_and_milestones_are_edited_in_a_small_form_and_a_bad_date_is_explained(host, planned):
    async def scenario(app, pilot):
        await pilot.press("e")
        editor = app.screen
        await _add_milestone(pilot, "2026-12-05", "补报季度报表", True)
        await _add_milestone(pilot, "下周", "建立台账", False)
        await pilot.pause()
        boxes = [row.query_one(".m-done")._button.plain for row in editor.query(MilestoneRow)]
        assert boxes == ["▐X▌", "▐ ▌"]  # done and not done differ without colour
        await pilot.press("ctrl+s")
        assert "第 2 个阶段节点的日期「下周」：请输入日期，如 2021-12-31" in str(editor.query_one("#editor-errors", Static).render())
        row = list(editor.query(MilestoneRow))[-1]
        row.query_one(".m-date").value = "2026年12月31日"
        row.query_one(".m-text").value = "建立交办事项台账"
        editor.query_one("#status", Select).value = "已完成"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "整改完成率 5.9%（1/17）  逾期 7 项" in summary(app.screen)
    play(host, planned, scenario)
    item = load_plan(plan_path_for(planned)).item("HN-11-1")
    assert item.status == "已完成"
    assert [(m.date.day, m.text, m.done) for m in item.milestones] == [(5, "补报季度报表", True), (31, "建立交办事项台账", False)]


def test_a_milestone_removed_in_the_form_is_gone_from_the_plan(host, planned):
    async def scenario(app, pilot):
        await pilot.press("e")
        await _add_milestone(pilot, "2026-12-05", "补报", False)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("e")
        editor = app.screen
        (row,) = editor.query(MilestoneRow)
        row.query_one(".m-remove").press()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    play(host, planned, scenario)
    assert load_plan(plan_path_for(planned)).item("HN-11-1").milestones == ()


def test_escape_with_typed_changes_asks_and_discarding_saves_nothing(host, planned):
    from ucm_check.tui.screens.dialogs import Confirm

    path = plan_path_for(planned)
    before = path.read_bytes()

    async def scenario(app, pilot):
        await pilot.press("e")
        await pilot.pause()
        await _type(pilot, "#person", "王五")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("escape")  # 继续编辑: the typed name is still there
        await pilot.pause()
        assert isinstance(app.screen, ItemEditor) and app.screen.query_one("#person").value == "王五"
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#discard").press()
        await pilot.pause()
        assert isinstance(app.screen, TimetableScreen)
    play(host, planned, scenario)
    assert path.read_bytes() == before


def test_escape_without_changes_closes_at_once(host, planned):
    async def scenario(app, pilot):
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TimetableScreen)
    play(host, planned, scenario)


def test_a_hand_edit_made_while_the_screen_is_open_survives_a_save(host, planned):
    path = plan_path_for(planned)

    async def scenario(app, pilot):
        import attrs

        plan = load_plan(path)
        save_plan(plan.replace(attrs.evolve(plan.item("HN-06-4"), person="赵六")), path)  # someone else's edit
        await pilot.press("e")
        await _type(pilot, "#person", "王五")
        await pilot.press("ctrl+s")
        await pilot.pause()
    play(host, planned, scenario)
    plan = load_plan(path)
    assert (plan.item("HN-11-1").person, plan.item("HN-06-4").person) == ("王五", "赵六")


def test_an_edit_of_an_item_changed_on_disk_meanwhile_is_refused(host, planned):
    path = plan_path_for(planned)

    async def scenario(app, pilot):
        import attrs

        await pilot.press("e")
        plan = load_plan(path)
        save_plan(plan.replace(attrs.evolve(plan.item("HN-11-1"), person="赵六")), path)
        await _type(pilot, "#person", "王五")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TimetableScreen)
    play(host, planned, scenario)
    assert load_plan(path).item("HN-11-1").person == "赵六"


def test_a_hand_added_item_is_saved_with_its_own_problem(host, planned):
    async def scenario(app, pilot):
        await pilot.press("n")
        editor = app.screen
        assert editor.item.id == "自定-1"
        await pilot.press("ctrl+s")
        assert "问题不能为空" in str(editor.query_one("#editor-errors", Static).render())
        await _type(pilot, "#problem", "档案室漏雨")
        await _type(pilot, "#deadline", "长期")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "（0/18）" in summary(app.screen)
    play(host, planned, scenario)
    item = load_plan(plan_path_for(planned)).item("自定-1")
    assert (item.problem, item.deadline, item.rule, item.history) == ("档案室漏雨", "长期", "", ())


def test_a_broken_plan_file_is_shown_not_crashed_on_and_left_alone(host, planned):
    path = plan_path_for(planned)
    broken = path.read_text(encoding="utf-8").replace("deadline = 2026-12-09", 'deadline = "下周"')
    path.write_text(broken, encoding="utf-8")

    async def scenario(app, pilot):
        detail = str(app.screen.query_one("#tt-detail", Static).render())
        assert "deadline 应为日期" in detail and "整改台账有错误" in detail
        await pilot.press("e", "2", "n")
        assert isinstance(app.screen, TimetableScreen)
    play(host, planned, scenario)
    assert path.read_text(encoding="utf-8") == broken


def test_on_an_80_column_terminal_counts_and_status_stay_on_screen(host, planned):
    async def main():
        app = TimetableApp(host, planned, LATE_DAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert summary(screen).startswith("整改完成率 0%（0/17）  逾期 8 项  可销号 0 项")
            table = screen.query_one("#tt-table", DataTable)
            upto_state = [c for c in table.ordered_columns][:6]  # 牵头 stays, cut short (issue 20)
            assert sum(c.get_render_width(table) for c in upto_state) <= 80 - 2
            assert rows(screen)[0][5] == "未开始，逾期 16 天" and rows(screen)[0][2] == "及时完成交办工作"
    asyncio.run(main())


def test_an_impossible_deadline_is_named_on_leaving_the_field_and_the_message_goes_once_fixed(host, planned):
    async def scenario(app, pilot):
        from textual.widgets import Input

        await pilot.press("e")
        editor = app.screen
        box = editor.query_one("#deadline", Input)
        box.focus()
        await pilot.pause()
        box.value = "2026/13/45"
        await pilot.pause()
        errors = editor.query_one("#editor-errors", Static)
        assert "没有13月" not in str(errors.render())          # not while the clerk is still typing
        await pilot.press("tab")                                 # leaving the field: said at once, no ctrl+s
        await pilot.pause()
        assert "完成时限「2026/13/45」：没有13月：月份应为 1 到 12" in str(errors.render())
        box.value = "2027/1/31"                                  # fixed: the old message goes
        await pilot.pause()
        assert str(errors.render()).strip() == ""

    play(host, planned, scenario)
