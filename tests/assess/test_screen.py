"""The assessment screen on the generated year: the month's ranking with flags, a unit's trend and
its sources, months browsed with [ and ]."""

from __future__ import annotations

import asyncio

from ucm_check.assess.board import month_docs
from ucm_check.assess.folder import open_folder


def test_the_screen_shows_the_months_ranking_a_units_trend_and_its_sources(year):
    from textual.widgets import DataTable, Sparkline, Static

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
            assert len(app.query_one("#spark", Sparkline).data) == 3  # January to March
            await pilot.press("]")
            await pilot.pause()
            assert "2026年4月排名" in str(app.query_one("#heading", Static).render())

    asyncio.run(journey())
