"""The 单位信息 screen: committed on leaving, refused entries named on saving, no key shown."""

from __future__ import annotations

from tests.tui.journeys.driver import settle
from tests.packs import run_cli
from ucm_check.profile.reading import load_profile

SIZE = (80, 24)


def blank(tmp_path):
    path = tmp_path / "u.toml"
    assert run_cli("init", str(path)).returncode == 0
    return path


async def test_an_impossible_submission_date_and_an_emptied_name_are_refused_and_named(tmp_path, make_app, host):
    from tests.tui.journeys.screen_text import screen_text

    path = blank(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        await settle(pilot)
        assert type(app.screen).__name__ == "UnitScreen"
        await pilot.press(*"某县城管局", "tab", "tab", "tab", *"2020/13/45", "tab")
        await settle(pilot)
        assert "没有13月" in screen_text(app) and "未采用，评分仍按：未填写" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = screen_text(app)
        assert "报送日期：输入了「2020/13/45」" in shown
        for key in ("submitted", "unit.", "report.", "practices"):
            assert key not in shown
    unit = load_profile(str(path), host.standards).unit
    assert unit["name"] == "某县城管局" and "submitted" not in unit


async def test_the_unit_name_cannot_be_emptied(tmp_path, make_app, host):
    path = blank(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        await settle(pilot)
        await pilot.press(*"某县城管局", "tab")
        await settle(pilot)
        await pilot.press("shift+tab", "ctrl+u", "tab")
        await settle(pilot)
        assert app.session.editor.value("unit", "name") == "某县城管局"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "单位名称：不能为空" in str(app.screen.query_one("#message").render())
    assert load_profile(str(path), host.standards).unit["name"] == "某县城管局"
