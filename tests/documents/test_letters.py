"""``ucm-check letters``: one 责任书 per unit of the typical county's plan, the same items the plan's
JSON gives that unit, and clear refusals when there is nothing to sign."""

from __future__ import annotations

import json

import pytest

from tests.documents.conftest import AS_OF, open_docx, run, table_rows, texts
from ucm_check.documents.common import lead_units, owners
from ucm_check.documents.letters import ITEM_HEADERS, file_name


def plan_items(capsys, county) -> list[dict]:
    code, out, _ = run(capsys, "plan", str(county), "--format", "json", "--as-of", AS_OF, "--no-entry-points")
    assert code == 0
    return json.loads(out)["items"]


def roles(item: dict, unit: str) -> str:
    lead = item["lead_unit"] if isinstance(item["lead_unit"], list) else [item["lead_unit"]]
    if unit in lead:
        return "牵头"
    return "责任" if unit in item["responsible_units"] else "配合" if unit in item["cooperating_units"] else ""


def test_every_unit_of_the_plan_gets_its_own_letter(capsys, county):
    out = county.parent / "责任书"
    code, _, err = run(capsys, "letters", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == sorted(
        file_name(u) for u in ("办公室", "政工科", "法制科", "督查科", "一中队", "二中队"))


def test_the_inspection_office_signs_for_exactly_its_items_with_role_person_and_deadline(capsys, county):
    out = county.parent / "督查科.docx"
    code, _, err = run(capsys, "letters", str(county), "--unit", "督查科", "-o", str(out), "--as-of", AS_OF,
                       "--no-entry-points")
    assert code == 0 and f"已生成责任书 {out}（督查科）" in err
    document = open_docx(out)
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == list(ITEM_HEADERS))
    rows = table_rows(table)[1:]
    expected = [i for i in plan_items(capsys, county) if roles(i, "督查科")]
    assert sorted((r[1], r[3]) for r in rows) == sorted((i["problem"], roles(i, "督查科")) for i in expected)
    assert len(rows) == 6 and sum(r[3] == "牵头" for r in rows) == 3
    dress = next(r for r in rows if r[1].startswith("执法着装规范"))
    assert dress[4:] == ["张三", "2027-01-31\n整改中"]
    body = texts(document)
    assert body[0] == "整改工作责任书" and "（督查科）" in body
    assert any("某县城市管理和综合执法局与督查科签订本责任书" in t and "承担以下6项整改事项" in t for t in body)
    milestones = table_rows(document.tables[1])[1:]
    assert [r[0] for r in rows if r[1].startswith("执法着装规范")] == [
        next(m[1] for m in milestones if m[2] == "阶段节点：第一轮着装风纪督查")]  # named by its 序号
    signature = table_rows(document.tables[2])
    assert signature[0] == ["某县城市管理和综合执法局", "责任单位：督查科"]
    assert ["（盖章）", ""] in signature  # an office of the bureau has no seal of its own


def test_an_unknown_unit_or_a_missing_plan_exits_2_and_says_what_exists(capsys, county):
    code, _, err = run(capsys, "letters", str(county), "--unit", "督察科", "-o", str(county.parent / "x.docx"),
                       "--no-entry-points")
    assert code == 2 and "没有单位 “督察科”" in err and "督查科" in err and not (county.parent / "x.docx").exists()
    county.with_name("county.plan.toml").unlink()
    code, _, err = run(capsys, "letters", str(county), "-o", str(county.parent / "out"), "--no-entry-points")
    assert code == 2 and "没有整改台账" in err and "ucm-check plan" in err and not (county.parent / "out").exists()


def test_a_plan_without_any_units_has_no_letters_to_write(capsys, county):
    county.with_name("county.plan.toml").unlink()
    assert run(capsys, "plan", str(county), "--as-of", AS_OF, "--no-entry-points")[0] == 0
    code, _, err = run(capsys, "letters", str(county), "-o", str(county.parent / "out"), "--no-entry-points")
    assert code == 2 and "都未指定单位" in err


class _Item:
    """Stands in for a plan item whose 牵头单位 is stored as a list (several lead units)."""

    def __init__(self, lead, responsible=()):
        self.lead_units = lead
        self.responsible_units = responsible


@pytest.mark.parametrize("lead, expected", [
    ("督查科", "督查科（牵头）；一中队"),
    (("督查科", "法制科"), "督查科、法制科（牵头）；一中队"),
    ((), "一中队、督查科"),
])
def test_lead_units_read_as_one_name_or_a_list(lead, expected):
    item = _Item(lead, ("一中队", "督查科"))
    assert owners(item) == expected
    assert lead_units(item) == ((lead,) if isinstance(lead, str) else tuple(lead))


def test_an_item_with_two_lead_units_is_in_both_letters_and_the_report_names_both(capsys, county):
    plan = county.with_name("county.plan.toml")
    text = plan.read_text(encoding="utf-8")
    dress = text.index('id = "HN-03-2"')
    at = text.index('lead_unit = "督查科"', dress)
    plan.write_text(text[:at] + 'lead_unit = ["督查科", "法制科"]' + text[at + len('lead_unit = "督查科"'):], encoding="utf-8")
    out = county.parent / "out"
    assert run(capsys, "letters", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")[0] == 0
    for unit in ("督查科", "法制科"):
        rows = table_rows(open_docx(out / file_name(unit)).tables[0])[1:]
        assert [r[3] for r in rows if r[1].startswith("执法着装规范")] == ["牵头"]
    report = county.parent / "r.docx"
    assert run(capsys, "report", str(county), "-o", str(report), "--as-of", AS_OF, "--no-entry-points")[0] == 0
    from ucm_check.documents.report import PLAN_HEADERS

    table = next(t for t in open_docx(report).tables if [c.text for c in t.rows[0].cells] == list(PLAN_HEADERS))
    assert any(r[3] == "督查科、法制科（牵头）；一中队、二中队" for r in table_rows(table))


def test_a_squad_names_its_own_person_only_for_items_it_leads(capsys, county):
    out = county.parent / "一中队.docx"
    assert run(capsys, "letters", str(county), "--unit", "一中队", "-o", str(out), "--as-of", AS_OF,
               "--no-entry-points")[0] == 0
    rows = table_rows(open_docx(out).tables[0])[1:]
    led = {i["problem"]: i["person"] for i in plan_items(capsys, county) if roles(i, "一中队") == "牵头"}
    for row in rows:
        assert row[4] == (led.get(row[1]) or "未指定" if row[3] == "牵头" else "由本单位指定")
    assert any(r[3] != "牵头" for r in rows)


@pytest.mark.parametrize("names", [("督查/科", "督查_科"), ("督查 科", "督查_科", "督查:科"), ("Team", "team")])
def test_units_whose_names_differ_only_in_refused_characters_get_a_file_each(names):
    from ucm_check.documents.letters import file_names

    files = file_names(names)
    assert len({f.casefold() for f in files.values()}) == len(names)
    assert all("/" not in f and ":" not in f for f in files.values())


def test_letters_of_look_alike_units_are_all_written_and_say_whose_file_is_whose(capsys, county):
    plan = county.with_name("county.plan.toml")
    text = plan.read_text(encoding="utf-8").replace('"一中队"', '"督查/科"').replace('"二中队"', '"督查_科"')
    plan.write_text(text, encoding="utf-8")
    out = county.parent / "out"
    code, _, err = run(capsys, "letters", str(county), "-o", str(out), "--as-of", AS_OF, "--no-entry-points")
    assert code == 0, err
    written = {p.name for p in out.iterdir()}
    assert {"责任书-督查／科.docx", "责任书-督查_科.docx"} <= written and len(written) == 6
    assert f"{out / '责任书-督查／科.docx'}（督查/科）" in err and f"{out / '责任书-督查_科.docx'}（督查_科）" in err
    assert "（督查/科）" in "".join(texts(open_docx(out / "责任书-督查／科.docx")))
