"""Journey: a new self-check from the form, with a province pack installed beside the builtin standard."""

from __future__ import annotations

from textual.widgets import Input, Select

from journeys.driver import check_json, settle
from tests.packs import cli_env, pack_host
from ucm_check.profile.reading import load_profile

SIZE = (100, 36)


async def open_form(pilot, app) -> None:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    assert type(app.screen).__name__ == "NewProfileScreen"


async def test_the_form_defaults_to_hunan_2020_even_with_the_henan_pack_installed(tmp_path, monkeypatch):
    from ucm_check.tui.app import UcmApp

    monkeypatch.chdir(tmp_path)
    host = pack_host()
    assert "henan-2021" in host.standards and sorted(host.standards)[0] < "hunan-2020"  # a pack sorts first
    app = UcmApp(host)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app)
        assert app.screen.query_one("#standard", Select).value == "hunan-2020"
        level = app.screen.query_one("#level", Select)
        assert [v for _, v in level._options if v is not Select.BLANK][:3] == ["县市区", "设区市", "自治州"]
        assert level.value == "县市区"
        await pilot.press(*"某县城管局")
        app.screen.query_one("#path", Input).value = "u.toml"
        await pilot.press("enter")
        await settle(pilot)
    profile = load_profile(str(tmp_path / "u.toml"), host.standards)
    assert profile.standard_id == "hunan-2020" and profile.unit["level"] == "县市区"


async def test_choosing_henan_offers_henans_levels_and_writes_a_henan_profile(tmp_path, monkeypatch):
    from ucm_check.tui.app import UcmApp

    monkeypatch.chdir(tmp_path)
    host = pack_host()
    app = UcmApp(host)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, app)
        await pilot.press(*"某县城市管理局")
        app.screen.query_one("#standard", Select).value = "henan-2021"
        await settle(pilot)
        level = app.screen.query_one("#level", Select)
        assert {v for _, v in level._options if v is not Select.BLANK} == set(host.standards["henan-2021"].levels)
        assert level.value == "县（市、区）"
        app.screen.query_one("#path", Input).value = "h.toml"
        app.screen.query_one("#name", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "OverviewScreen"
    report = check_json(tmp_path / "h.toml", env=cli_env(tmp_path))
    assert report["valid"] and report["standard"]["id"] == "henan-2021"
    assert report["unit"]["level"] == "县（市、区）"
