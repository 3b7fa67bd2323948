"""Several units per role: a joint task has two 牵头单位, each unit's 责任清单 lists it, every export
shows them all, and a plan written when each role held one string still loads."""

from __future__ import annotations

import csv
import io

import attrs

from tests.plan.conftest import AS_OF
from tests.plan.test_timetable_screen import TimetableApp, _type, play  # noqa: F401
from ucm_check.plan import load_plan, plan_path_for, save_plan
from ucm_check.plan.export import render_csv, render_json, render_markdown, render_text
from ucm_check.plan.model import Item, Plan
from ucm_check.plan.storage import parse_plan
from ucm_check.plan.views import by_unit

JOINT = Item("3", "健全城乡管理执法机构", lead_unit=["区编办", "城乡管理综合执法大队"],
             responsible_units=["区法制办", "公安分局"], cooperating_units=["各镇（街道）"])
PLAN = Plan("yzh.toml", "阳宗海风景名胜区", items=[JOINT])


def test_each_lead_unit_gets_the_item_in_its_responsibility_list():
    listed = {unit: [(i.id, role) for i, role in pairs] for unit, pairs in by_unit(PLAN)}
    assert listed == {"区编办": [("3", "牵头")], "城乡管理综合执法大队": [("3", "牵头")], "区法制办": [("3", "责任")],
                      "公安分局": [("3", "责任")], "各镇（街道）": [("3", "配合")]}


def test_a_plan_file_with_lists_round_trips_and_one_unit_stays_a_string(tmp_path):
    path = tmp_path / "yzh.plan.toml"
    single = attrs.evolve(JOINT, id="7", lead_unit="城乡管理综合执法大队")
    save_plan(attrs.evolve(PLAN, items=[JOINT, single]), path)
    text = path.read_text(encoding="utf-8")
    assert 'lead_unit = [\n    "区编办",\n    "城乡管理综合执法大队",\n]' in text or 'lead_unit = ["区编办", "城乡管理综合执法大队"]' in text
    assert 'lead_unit = "城乡管理综合执法大队"' in text
    again = load_plan(path)
    assert again.item("3").lead_units == ("区编办", "城乡管理综合执法大队")
    assert again.item("7").lead_units == ("城乡管理综合执法大队",)


def test_an_old_plan_with_one_string_per_role_still_loads():
    text = '[plan]\nprofile = "x.toml"\n\n[[items]]\nid = "A"\nproblem = "问题"\nlead_unit = "督查科"\nresponsible_units = "一中队"\n'
    item = parse_plan("x.plan.toml", text).item("A")
    assert (item.lead_units, item.responsible_units, item.lead_unit) == (("督查科",), ("一中队",), "督查科")


def test_a_lead_unit_of_the_wrong_type_is_located_and_explained():
    text = '[plan]\nprofile = "x.toml"\n\n[[items]]\nid = "A"\nproblem = "问题"\nlead_unit = 3\n'
    try:
        parse_plan("x.plan.toml", text)
    except Exception as exc:  # InvalidPlan
        (error,) = exc.errors
    assert (error.line, error.column) == (7, 13) and "字符串或字符串数组" in error.message


def test_text_markdown_csv_and_json_show_every_unit():
    assert "牵头单位：区编办、城乡管理综合执法大队" in render_text(PLAN, AS_OF)
    md = render_markdown(PLAN, AS_OF)
    assert "| 区编办、城乡管理综合执法大队 |" in md and "### 区编办\n" in md and "### 城乡管理综合执法大队\n" in md
    rows = list(csv.reader(io.StringIO(render_csv(PLAN, AS_OF))))
    assert "区编办、城乡管理综合执法大队" in rows[1]
    assert '"lead_units": [\n        "区编办",\n        "城乡管理综合执法大队"\n      ]' in render_json(PLAN, AS_OF)


def test_the_xlsx_responsibility_sheet_lists_the_item_under_each_unit():
    import openpyxl

    from ucm_check.plan.xlsx import render_xlsx

    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(PLAN, AS_OF)))
    cells = [str(c.value) for row in book["责任清单"].iter_rows() for c in row if c.value is not None]
    for unit in ("区编办", "城乡管理综合执法大队", "区法制办", "公安分局", "各镇（街道）"):
        assert unit in cells, unit
    timetable = [str(c.value) for row in book["时间表"].iter_rows() for c in row if c.value is not None]
    assert "区编办、城乡管理综合执法大队" in timetable


def test_the_edit_dialog_takes_several_lead_units_separated_by_the_enumeration_comma(host, county, capsys):
    from ucm_check.cli import main

    main(["--log-level", "error", "plan", str(county), "--as-of", AS_OF.isoformat(), "--no-entry-points"])
    capsys.readouterr()

    async def scenario(app, pilot):
        await pilot.press("e")
        await _type(pilot, "#lead_unit", "办公室、督查科")
        await pilot.press("ctrl+s")
        await pilot.pause()
    play(host, county, scenario, as_of=AS_OF)
    item = load_plan(plan_path_for(county)).item("HN-11-1")
    assert item.lead_units == ("办公室", "督查科")
    assert 'lead_unit = [' in plan_path_for(county).read_text(encoding="utf-8")
