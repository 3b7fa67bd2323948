"""The assessment screen on the generated year: the month's ranking with flags, a unit's trend and
its sources, months browsed with [ and ]."""

from __future__ import annotations

import asyncio

from ucm_check.assess.board import month_docs
from ucm_check.assess.folder import open_folder


def test_the_screen_shows_the_months_ranking_a_units_trend_and_its_sources(year):
    from textual.widgets import DataTable, Static

    from ucm_check.tui.assess import AssessApp

    docs = month_docs(open_folder(str(year)))
    app = AssessApp(docs, index=2)

    async def journey() -> None:
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            table = app.query_one("#table-jiedao", DataTable)
            assert table.row_count == 15
            assert [str(c) for c in table.get_row_at(0)[:5]] == ["1", "＝", "西湖路街道办事处", "99.00", "红旗"]
            assert str(table.get_row_at(14)[4]) == "黑旗"
            assert "2026年3月排名" in str(app.query_one("#heading", Static).render())
            table.focus()
            for _ in range(5):
                await pilot.press("down")
            await pilot.pause()
            parts = str(app.query_one("#parts", Static).render())
            assert "业务局委考评 15%：得分 缺评" in parts and "综合得分 92.24" in parts
            trend = str(app.query_one("#spark", Static).render())
            assert "横条：0～100 分" in trend and [line[:3].strip() for line in trend.splitlines()[1:]] == ["1月", "2月", "3月"]
            await pilot.press("]")
            await pilot.pause()
            assert "2026年4月排名" in str(app.query_one("#heading", Static).render())

    asyncio.run(journey())


def test_at_80x24_the_screen_speaks_chinese_has_help_and_switches_groups_with_one_key(year):
    from textual.widgets import TabbedContent

    from tests.tui.journeys.screen_text import screen_text
    from ucm_check.tui.assess import AssessApp

    docs = month_docs(open_folder(str(year)))
    app = AssessApp(docs, index=2)

    async def journey() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            assert "^p 命令" in shown and "palette" not in shown and "? 帮助" in shown
            assert "第1名" in shown.splitlines()[-4]  # a month's trend line fits 80 columns, rank included
            first = app.query_one(TabbedContent).active
            await pilot.press("full_stop")
            await pilot.pause()
            assert app.query_one(TabbedContent).active != first
            await pilot.press("question_mark")
            await pilot.pause()
            assert "帮助：按键" in screen_text(app) and "下一组" in screen_text(app)
            await pilot.press("escape", "ctrl+p")
            await pilot.pause()
            shown = screen_text(app)
            assert "输入以搜索命令" in shown
            for english in ("Search for commands", "Keys", "Maximize", "Screenshot", "Quit the application", "Cursor"):
                assert english not in shown

    asyncio.run(journey())


import pytest  # noqa: E402


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", ["ranking", "help"])
def test_snapshot(snap_compare, year, size, view):
    from tests.tui.journeys.screen_text import screen_text
    from tests.tui.test_screen_snapshots import unreadable
    from ucm_check.tui.assess import AssessApp

    app = AssessApp(month_docs(open_folder(str(year))), index=2)
    seen: list[str] = []

    async def run_before(pilot):
        await pilot.pause()
        if view == "help":
            await pilot.press("question_mark")
            await pilot.pause()
        seen.append(screen_text(pilot.app))

    assert snap_compare(app, terminal_size=size, run_before=run_before)
    (text,) = seen
    assert unreadable(text) == [] and "^p 命令" in text.splitlines()[-1]
