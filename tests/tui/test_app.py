"""Pilot tests of the TUI: each behaviour of issue 3's "Done when", driven through the keyboard."""

from __future__ import annotations

import difflib
import sys

import attrs
from textual.widgets import DataTable, Input, Select, Static

from ucm_check.profile.checking import score
from ucm_check.numbers import fmt
from ucm_check.profile.reading import load_profile

SIZE = (100, 36)


def engine_total(host, path, **overrides):
    """What ``ucm-check check`` would make of ``path`` with ``area.key`` overrides: the reference value."""
    profile = load_profile(str(path), host.standards)
    facts = {area: dict(values) for area, values in profile.facts.items()}
    for dotted, value in overrides.items():
        area, _, key = dotted.partition(".")
        facts.setdefault(area, {})[key] = value
    return score(attrs.evolve(profile, facts=facts), host)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)  # a Wrapped text reads as its plain text


async def test_a_new_self_check_writes_a_template_where_nothing_is_answered(make_app, tmp_path, monkeypatch, host):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert type(app.screen).__name__ == "StartScreen"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"某县城管局")
        app.screen.query_one("#path", Input).value = "new.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "OverviewScreen"
        profile = load_profile(str(tmp_path / "new.toml"), host.standards)
        assert profile.unit["name"] == "某县城管局" and profile.unit["level"] == "县市区"
        assert all(not values for values in profile.facts.values())
        result = app.session.result
        assert result.unanswered and not result.complete
        answered, total = app.session.completeness()
        assert answered == 0 and total == len(result.unanswered)
        assert f"已答 0/{total} 条" in text_of(app, "#summary")


async def test_the_new_self_check_form_refuses_an_existing_file(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken.toml").write_text("# mine\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"某县")
        app.screen.query_one("#path", Input).value = "taken.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert "已存在" in text_of(app, "#errors")
    assert (tmp_path / "taken.toml").read_text(encoding="utf-8") == "# mine\n"


async def test_answering_a_rule_rescores_area_and_total_to_the_engines_exact_value(make_app, profile_copy, host):
    path = profile_copy()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        before = app.session.result.total
        app.open_area("uniform", "HN-03-2")
        await pilot.pause()
        field = app.screen.query_one("#fact-uniform-dress_violations")
        box = field.query_one(Input)
        assert app.focused is box
        box.value = ""
        await pilot.press("3", "tab")  # leaving the field commits the answer
        await pilot.pause()
        expected = engine_total(host, path, **{"uniform.dress_violations": 3})
        area = next(a for a in expected.areas if a.area.id == "uniform")
        assert app.session.result.total == expected.total != before
        head = text_of(app, "#area-head")
        assert f"本领域 {fmt(area.score)}/4 分" in head and f"总分 {fmt(expected.total)} 分" in text_of(app, "#topbar")
        status = str(app.screen.query_one("#rule-HN-03-2 .status", Static).render())
        assert f"扣 {fmt(area.findings[1].points)} 分" in status


async def test_invalid_input_says_why_in_chinese_and_keeps_the_last_valid_score(make_app, profile_copy):
    app = make_app(profile_copy())
    async with app.run_test(size=SIZE) as pilot:
        before = app.session.result.total
        app.open_area("discipline")
        await pilot.pause()
        field = app.screen.query_one("#fact-discipline-certificate_rate")
        field.query_one(Input).value = "120"
        await pilot.pause()
        problem = str(field.query_one(".problem", Static).render())
        assert "0 到 100" in problem and field.has_class("-invalid")
        assert app.session.result.total == before and not app.session.editor.dirty


async def test_an_unanswered_rule_says_so_until_it_is_answered_and_clearing_unanswers_it(make_app, profile_copy):
    app = make_app(profile_copy("hunan-county-incomplete.toml"))
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("party")
        await pilot.pause()
        status = app.screen.query_one("#rule-HN-01-3 .status", Static)
        assert "未填写" in str(status.render())
        answered_before = app.session.completeness()[0]
        app.screen.query_one("#fact-party-civilization_plan Select", Select).value = "方案未落实"
        await pilot.pause()
        assert "扣 2 分" in str(status.render())
        assert app.session.completeness()[0] == answered_before + 1
        app.screen.query_one("#fact-party-organization_established .input").focus()
        await pilot.press("delete")
        await pilot.pause()
        assert "未填写" in str(app.screen.query_one("#rule-HN-01-1 .status", Static).render())
        assert app.session.completeness()[0] == answered_before


async def test_the_gap_list_follows_each_sort_order_and_lists_unanswered_apart(make_app, profile_copy):
    app = make_app(profile_copy("hunan-county-incomplete.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        table = app.screen.query_one("#gaps", DataTable)
        for order in ("recoverable", "area", "clause"):
            assert app.screen.order == order
            codes = [key.value for key in table.rows]
            assert codes == [g.rule.code for g in app.session.result.gaps(order)]
            await pilot.press("s")
            await pilot.pause()
        points = [app.session.result.gaps()[i].recoverable for i in range(table.row_count)]
        assert points == sorted(points, reverse=True)
        unanswered = app.screen.query_one("#unanswered", DataTable)
        assert [k.value for k in unanswered.rows] == [f.rule.code for f in app.session.result.unanswered]
        assert set(k.value for k in unanswered.rows).isdisjoint(k.value for k in table.rows)


async def test_enter_on_a_gap_jumps_to_its_question(make_app, profile_copy):
    app = make_app(profile_copy())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        second = app.session.result.gaps()[1]
        assert type(app.screen).__name__ == "AreaScreen" and app.screen.area_id == second.area
        card = app.screen.query_one(f"#rule-{second.rule.code}")
        assert app.focused is not None and card in app.focused.ancestors


async def test_ctrl_s_saves_a_commented_profile_changing_only_the_edited_value(make_app, profile_copy):
    path = profile_copy()
    before = path.read_text(encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("vehicles")
        await pilot.pause()
        app.screen.query_one("#fact-vehicles-vehicles_not_painted Input", Input).value = "0"
        await pilot.press("enter")  # committed when the clerk leaves or submits the field
        await pilot.pause()
        assert "未保存" in text_of(app, "#topbar")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.session.editor.dirty and "未保存" not in text_of(app, "#topbar")
    diff = [l for l in difflib.ndiff(before.splitlines(), path.read_text(encoding="utf-8").splitlines()) if l[:1] in "+-"]
    assert diff == ["- vehicles_not_painted = 1  # 新购 1 台尚未涂装", "+ vehicles_not_painted = 0  # 新购 1 台尚未涂装"]


async def test_a_file_changed_on_disk_is_not_clobbered_and_merge_keeps_both_edits(make_app, profile_copy):
    path = profile_copy()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("vehicles")
        await pilot.pause()
        app.screen.query_one("#fact-vehicles-vehicles_not_painted Input", Input).value = "0"
        await pilot.pause()
        theirs = path.read_text(encoding="utf-8").replace("late_assignments = 1", "late_assignments = 0")
        path.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "Confirm" and "已被其他程序修改" in text_of(app, "#message")
        assert path.read_text(encoding="utf-8") == theirs
        await pilot.press("escape")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == theirs and app.session.editor.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#disk")
        await pilot.pause()
        merged = path.read_text(encoding="utf-8")
        assert "late_assignments = 0" in merged and "vehicles_not_painted = 0" in merged
        assert app.session.result.total == engine_total(app.host, path).total


async def test_quitting_with_unsaved_changes_asks_first(make_app, profile_copy):
    path = profile_copy()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("uniform")
        await pilot.pause()
        app.screen.query_one("#fact-uniform-dress_violations Input", Input).value = "1"
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ == "Confirm" and "尚未保存" in text_of(app, "#message")
        await pilot.click("#cancel")
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "AreaScreen"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
    assert not app.is_running
    assert "dress_violations = 1  # 督查通报 7 起" in path.read_text(encoding="utf-8")


async def test_quitting_without_edits_does_not_ask(make_app, profile_copy):
    app = make_app(profile_copy())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_a_draft_left_by_a_crash_is_offered_and_recovered_on_next_open(make_app, profile_copy, monkeypatch):
    import ucm_check.tui.app as tui_app

    monkeypatch.setattr(tui_app, "DRAFT_DELAY", 0.01)
    path = profile_copy()
    before = path.read_text(encoding="utf-8")
    crashed = make_app(path)
    async with crashed.run_test(size=SIZE) as pilot:
        crashed.open_area("uniform")
        await pilot.pause()
        box = crashed.screen.query_one("#fact-uniform-dress_violations Input", Input)
        box.focus()
        box.value = "2"
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert crashed.session.editor.draft_path.exists()
        crashed.session.editor.edits.clear()  # what a kill leaves: no save, no clean quit
        crashed.exit()
    assert path.read_text(encoding="utf-8") == before
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "Confirm" and "草稿" in text_of(app, "#message")
        await pilot.click("#recover")
        await pilot.pause()
        assert app.session.editor.value("uniform", "dress_violations") == 2 and app.session.editor.dirty
        assert "未保存" in text_of(app, "#topbar")


async def test_the_command_palette_speaks_chinese(make_app, profile_copy):
    app = make_app(profile_copy())
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "保存" in titles and "整改台账" in titles and not {"Quit", "Theme", "Keys", "Screenshot"} & set(titles)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert palette.query_one(Input).placeholder.startswith("输入以搜索命令")
        await pilot.press(*"zzzz")
        await pilot.pause(0.8)
        assert "没有匹配的命令" in str(palette.query("CommandList").first().get_option("--no-matches").prompt.renderable)
        footer_labels = [b.description for _, b in app._bindings if b.show]
        assert footer_labels and all(not label.isascii() for label in footer_labels)


async def test_question_mark_shows_the_keys_of_the_screen_in_chinese(make_app, profile_copy):
    app = make_app(profile_copy())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "question_mark")
        await pilot.pause()
        keys = text_of(app, "#keys")
        assert "排序" in keys and "保存" in keys and "返回" in keys and "下一项" in keys
        assert not any(ch.isascii() and ch.isalpha() for line in keys.splitlines() for ch in line[10:])


async def test_the_timetable_key_says_so_in_chinese_when_the_screen_is_missing(make_app, profile_copy, monkeypatch):
    monkeypatch.setitem(sys.modules, "ucm_check.tui.timetable", None)  # import now raises ImportError
    app = make_app(profile_copy())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert any("整改台账" in n.message for n in app._notifications)
        assert type(app.screen).__name__ == "OverviewScreen"


async def test_english_is_available_with_lang_en(make_app, profile_copy):
    app = make_app(profile_copy(), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        assert text_of(app, "#summary").startswith("Total ")
        assert any(b.description == "Save" for _, b in app._bindings)


async def test_a_merge_save_shows_answers_the_other_writer_made_in_the_open_area(make_app, profile_copy):
    path = profile_copy()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("uniform")
        await pilot.pause()
        app.screen.query_one("#fact-uniform-dress_violations Input", Input).value = "1"
        await pilot.pause()
        theirs = path.read_text(encoding="utf-8").replace("staff_not_fully_equipped = 0", "staff_not_fully_equipped = 2")
        path.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#disk")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#fact-uniform-staff_not_fully_equipped Input", Input).value == "2"
        area = engine_total(app.host, path).areas[2]
        assert area.area.id == "uniform" and f"本领域 {fmt(area.score)}/4 分" in text_of(app, "#area-head")


async def test_t_opens_the_rectification_timetable_of_the_open_profile(make_app, profile_copy):
    app = make_app(profile_copy())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert type(app.screen).__name__ == "TimetableScreen"


async def test_a_path_that_does_not_exist_opens_the_new_self_check_form_for_it(make_app, tmp_path, monkeypatch, host):
    monkeypatch.chdir(tmp_path)
    app = make_app(new_path="县局.toml")
    async with app.run_test(size=SIZE) as pilot:
        assert type(app.screen).__name__ == "NewProfileScreen"
        assert app.screen.query_one("#path", Input).value == "县局.toml"
        await pilot.press(*"某县", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "OverviewScreen"
    assert load_profile(str(tmp_path / "县局.toml"), host.standards).unit["name"] == "某县"


async def test_an_invalid_profile_picked_on_the_start_screen_shows_its_chinese_errors(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.toml").write_text("[unit]\nname = 某县\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "StartScreen" and app.session is None
        errors = text_of(app, "#errors")
        assert "无法打开 broken.toml" in errors and "broken.toml:2:8: 错误：TOML 语法错误" in errors


async def test_the_highlighted_gap_shows_what_was_observed_and_how_to_fix_it(make_app, profile_copy):
    app = make_app(profile_copy())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "down")
        await pilot.pause()
        second = app.session.result.gaps()[1]
        detail = text_of(app, "#detail")
        assert second.observed in detail and second.rule.remedy in detail


async def test_escaping_the_draft_question_recovers_rather_than_losing_the_draft(make_app, profile_copy, host):
    from ucm_check.profile.editing import Editor

    path = profile_copy()
    editor = Editor.open(path, host.standards)
    editor.set("uniform", "dress_violations", 5)
    editor.write_draft()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.editor.value("uniform", "dress_violations") == 5
        assert app.session.result.total == engine_total(host, path, **{"uniform.dress_violations": 5}).total


async def test_clicking_an_area_row_opens_it_and_clicking_an_option_answers(make_app, profile_copy):
    app = make_app(profile_copy("hunan-county-incomplete.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#areas", offset=(3, 3))  # header is row 0: this is the third area
        await pilot.pause()
        assert type(app.screen).__name__ == "OverviewScreen"  # a first click highlights (DataTable's way)
        await pilot.click("#areas", offset=(3, 3))
        await pilot.pause()
        third = app.session.result.areas[2].area
        assert type(app.screen).__name__ == "AreaScreen" and app.screen.area_id == third.id
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#areas", offset=(3, 1))
        await pilot.click("#areas", offset=(3, 1))
        await pilot.pause()
        switch = app.screen.query_one("#fact-party-organization_established .input")
        assert switch.value is True
        await pilot.click(switch)
        await pilot.pause()
        assert app.session.editor.value("party", "organization_established") is False
        assert "扣 2 分" in str(app.screen.query_one("#rule-HN-01-1 .status", Static).render())


async def test_a_multi_select_answers_none_done_and_delete_unanswers_it(make_app, profile_copy, host):
    path = profile_copy("hunan-county-incomplete.toml")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("systems")
        await pilot.pause()
        field = app.screen.query_one("#fact-systems-publicity_stages")
        field.query_one(".input").focus()
        await pilot.press("space", "space")  # tick the first item, untick it: answered, nothing done
        await pilot.pause()
        assert app.session.editor.value("systems", "publicity_stages") == ()
        assert str(field.query_one(".state", Static).render()) == f"已做到 0/{len(field.fact.options)} 项"
        expected = engine_total(host, path, **{"systems.publicity_stages": ()})
        assert app.session.result.total == expected.total
        await pilot.press("delete")
        await pilot.pause()
        assert app.session.editor.value("systems", "publicity_stages") is None
        assert app.session.result.total == engine_total(host, path).total


async def test_a_file_name_with_brackets_changed_on_disk_is_named_as_it_is_not_read_as_markup(make_app, tmp_path):
    """``[x]`` in a file name is Textual markup: the dialog dropped it (named another file) or crashed."""
    import shutil

    from tests.tui.conftest import PROFILES
    from tests.tui.journeys.screen_text import screen_text

    path = tmp_path / "县[x]自评.toml"
    shutil.copy(PROFILES / "hunan-county-typical.toml", path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_area("vehicles")
        await pilot.pause()
        app.screen.query_one("#fact-vehicles-vehicles_not_painted Input", Input).value = "0"
        await pilot.pause()
        path.write_text(path.read_text(encoding="utf-8").replace("late_assignments = 1", "late_assignments = 0"),
                        encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "Confirm"
        assert "县[x]自评.toml" in screen_text(app).replace("\n", "")


async def test_a_unit_name_that_looks_like_markup_is_shown_as_written_not_a_crash(make_app, tmp_path):
    """The top bar carries the unit name from the file: ``[/]`` there raised MarkupError on open."""
    from tests.tui.conftest import PROFILES
    from tests.tui.journeys.screen_text import screen_text

    path = tmp_path / "t.toml"
    text = (PROFILES / "hunan-county-typical.toml").read_text(encoding="utf-8")
    path.write_text(text.replace('name = "某县城市管理和综合执法局"', 'name = "某县[/]城管局[b]"', 1), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "某县[/]城管局[b]" in screen_text(app).splitlines()[0]
        await pilot.press("g")
        await pilot.pause()
        assert "某县[/]城管局[b]" in screen_text(app).splitlines()[0]


async def test_a_bad_value_that_looks_like_markup_is_reported_as_written_not_a_crash(make_app, tmp_path):
    """The refusal quotes the value as written: ``"[/]x[b]"`` in a percent raised MarkupError on the start
    screen, a traceback instead of the message naming line and column."""
    from tests.tui.conftest import PROFILES
    from tests.tui.journeys.screen_text import screen_text

    path = tmp_path / "t.toml"
    text = (PROFILES / "hunan-county-typical.toml").read_text(encoding="utf-8")
    path.write_text(text.replace("certificate_rate = 93.8", 'certificate_rate = "[/]x[b]"', 1), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = screen_text(app).replace("\n", "")
        assert 't.toml:58:20:' in shown and '实际为字符串 "[/]x[b]"' in shown


def test_no_static_of_the_tuis_reads_text_as_markup_but_the_timetable_legend():
    """Text from files (names, values, messages, paths) reaches most Statics: each is built with
    ``markup=False``; the one exception builds its markup from our own styles and words."""
    import re

    from tests.tui.conftest import PROFILES

    allowed = {("timetable.py", 'yield Static("", id="tt-views")')}
    found = []
    for path in sorted((PROFILES.parent / "ucm_check" / "tui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"yield Static\((?:[^()]|\([^()]*(?:\([^()]*\))*[^()]*\))*\)", text):
            call = match.group(0)
            if "markup=False" not in call and (path.name, call) not in allowed:
                found.append(f"{path.name}: {call}")
    assert found == []
