"""Standards of dated obligations (no points) get a status-and-deadline report, not "总分 0（满分 0）"."""

from __future__ import annotations

import datetime as dt
import json

from ucm_check.engine.scoring import evaluate
from ucm_check.model import Rule, Standard
from ucm_check.numbers import D
from ucm_check.ci.formats import json as jr
from ucm_check.ci.formats.text import render
from ucm_check.rulekit import area, clause_maker, yes_no
from ucm_check.shapes import AllTrue, Obligation

C = clause_maker("测试〔2021〕1号")
SYSTEM = yes_no("system", "是否已建立制度", "System set up")
LAWYERS = yes_no("lawyers", "是否已引入律师", "Lawyers involved")
SUMMARY = yes_no("summary", "是否已报送总结", "Summary sent")


def rule(code, fact, due):
    return Rule(code=code, clause=C(f"二（{code[-1]}）"), title=fact.label, text="……前完成", remedy="尽快完成",
                shape=Obligation(AllTrue((fact,)), due=due))


STANDARD = Standard("test-2021", "测试方案（2021）", "测试〔2021〕1号", ("县市区",), D(0), D(0), scored=False, areas=(
    area("duties", "二", "重点任务", "Tasks", "test-2021", "0", order=1, rules=[
        rule("T-1", SYSTEM, dt.date(2022, 12, 31)),
        rule("T-2", LAWYERS, None),
        rule("T-3", SUMMARY, dt.date(2026, 12, 15)),
    ]),
))
UNIT = {"name": "测试县", "level": "县市区", "standard": "test-2021"}


def result(facts, as_of=dt.date(2026, 11, 24)):
    return evaluate(UNIT, {"duties": facts}, STANDARD, file="t.toml", as_of=as_of)


def test_the_text_report_groups_obligations_by_status_with_deadlines():
    text = render(result({"system": False, "lawyers": False, "summary": False}))
    assert "总分" not in text and "满分" not in text
    assert "共 3 项：逾期 1，未落实 1，即将到期 1，逾期完成 0，未到期 0，已落实 0" in text
    overdue = text[text.index("逾期（1 项）"):]
    assert overdue.splitlines()[1] == "[T-1] 是否已建立制度  完成时限 2022-12-31"
    assert "[T-2] 是否已引入律师" in text[text.index("未落实（1 项）"):]
    assert "[T-3] 是否已报送总结  完成时限 2026-12-15" in text[text.index("即将到期（1 项）"):]
    assert max(len(line) for line in text.splitlines()[4:11]) <= 80


def test_unanswered_obligations_are_listed_and_never_met():
    text = render(result({"system": True}))
    assert "评价不完整：2 项未填写" in text and "已落实 1" in text


def test_json_carries_each_deadline_and_says_the_standard_is_unscored():
    r = result({"system": False, "lawyers": True, "summary": True})
    doc = json.loads(jr.dumps(jr.document([jr.profile_dict(r)], exit_code=0)))
    p = doc["profiles"][0]
    assert p["standard"]["scored"] is False
    found = {f["code"]: f for f in p["areas"][0]["findings"]}
    assert (found["T-1"]["status"], found["T-1"]["due"]) == ("overdue", "2022-12-31")
    assert (found["T-2"]["status"], found["T-2"]["due"]) == ("compliant", None)
    assert p["gaps"] == ["T-1"]
