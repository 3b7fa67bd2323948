"""Issue 10, first table: a plugin that exits, interrupts, prints or returns nonsense is a failure
of that plugin (exit 3, plugin and hook named), the JSON on stdout stays whole, and ``--min-score``
is never bypassed."""

from __future__ import annotations

import json
import textwrap

import pytest

from tests.helpers import PROFILES
from ucm_check.cli import main

TYPICAL = str(PROFILES / "hunan-county-typical.toml")

HEADER = """
import sys
from decimal import Decimal
from ucm_check.hookspecs import hookimpl
from ucm_check.model import Rule
from ucm_check.numbers import D
from ucm_check.rulekit import area, clause_maker, yes_no
from ucm_check.shapes import Flag

FACT = yes_no("night_patrol", "是否开展夜间巡查", "Night patrols held")
CLAUSE = clause_maker("某城管〔2024〕1号")("三")


class Custom:
    def __init__(self, action=None, most=D("1")):
        self.action, self.most = action, most

    @property
    def facts(self):
        return (FACT,)

    @property
    def max_points(self):
        return self.most

    def evaluate(self, get, context=None):
        return self.action()


def make(shape, most="1"):
    return area("night", "地方", "夜间巡查", "Night patrols", "hunan-2020", most, order=99, rules=[
        Rule(code="NP-1", clause=CLAUSE, title="夜间巡查", text="开展夜间巡查", shape=shape, remedy="开展夜间巡查")])
"""


def check(capsys, tmp_path, body: str, *extra: str) -> tuple[int, dict, str]:
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / "rogue.py").write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    code = main(["--log-level", "error", "check", TYPICAL, "--plugins-dir", str(folder), "--format", "json",
                 "--min-score", "99", *extra])
    out, err = capsys.readouterr()
    return code, json.loads(out), err  # the whole of stdout is one JSON document


def failures(doc: dict) -> list[tuple[str, str]]:
    return [(e["plugin"], e["hook"]) for e in doc["plugin_errors"]]


@pytest.mark.parametrize("escape", ["sys.exit(0)", "raise SystemExit(0)", "raise GeneratorExit", "raise KeyboardInterrupt"])
def test_a_plugin_that_exits_at_import_is_a_plugin_failure_not_exit_0(capsys, tmp_path, escape):
    code, doc, err = check(capsys, tmp_path, f"{escape}\n")
    assert code == 3 and doc["exit_code"] == 3
    assert failures(doc) == [("rogue", "import")] and "插件 rogue 在 import 中出错" in err
    assert doc["profiles"][0]["total"] == 86.2


@pytest.mark.parametrize("escape", ["sys.exit(0)", "raise GeneratorExit", "raise KeyboardInterrupt"])
def test_a_plugin_that_exits_in_a_hook_is_a_plugin_failure(capsys, tmp_path, escape):
    code, doc, _ = check(capsys, tmp_path, f"""
        @hookimpl
        def ucm_check_areas():
            {escape}
    """)
    assert code == 3 and failures(doc) == [("rogue", "ucm_check_areas")]


def test_a_rule_that_exits_while_scoring_cannot_bypass_min_score(capsys, tmp_path):
    code, doc, err = check(capsys, tmp_path, """
        @hookimpl
        def ucm_check_areas():
            return [make(Custom(lambda: sys.exit(0)))]
    """)
    assert code == 3 and failures(doc) == [("rogue", "evaluate")]
    night = next(a for a in doc["profiles"][0]["areas"] if a["id"] == "night")
    assert "SystemExit" in night["error"]
    assert any(g["gate"] == "min_score" and not g["passed"] for g in doc["gates"])


def test_a_plugin_that_prints_everywhere_leaves_stdout_one_json_document(capsys, tmp_path):
    code, doc, err = check(capsys, tmp_path, """
        print("at import")

        @hookimpl
        def ucm_check_areas():
            print("in a hook")
            sys.stdout.write("written directly\\n")
            return [make(Custom(lambda: print("while scoring") or __import__("ucm_check.model").model.Outcome(D("0"), "ok")))]
    """, "--min-score", "0")
    assert code == 0 and failures(doc) == []
    assert "at import" in err and "in a hook" in err and "while scoring" in err and "written directly" in err


@pytest.mark.parametrize("returned, words", [
    ("make(Flag(FACT, D('1')))", "实际返回了 Area"),
    ("42", "实际返回了 int"),
    ("[make(Flag(FACT, 1.5))]", "float"),
    ("[make(Flag(FACT, Decimal('Infinity')))]", "不是有限的数"),
    ("[make(Custom(most=None))]", "max_points"),
    ("[make(Flag(FACT, D('1')), most='nan')]", "不是有限的数"),
    ("[make(Flag(FACT, D('-36.2')))]", "为负数 -36.2"),
])
def test_what_a_hook_returns_is_checked_at_registration_with_the_plugin_named(capsys, tmp_path, returned, words):
    code, doc, err = check(capsys, tmp_path, f"""
        @hookimpl
        def ucm_check_areas():
            return {returned}
    """)
    assert code == 3 and failures(doc) == [("rogue", "ucm_check_areas")]
    assert words in doc["plugin_errors"][0]["error"] and "rogue" in err
    assert doc["profiles"][0]["total"] == 86.2  # the refused area changes nothing
    assert all(a["id"] != "night" for a in doc["profiles"][0]["areas"])


@pytest.mark.parametrize("points", ["D('-5')", "1.5", "Decimal('NaN')", "None"])
def test_points_a_shape_computes_are_checked_on_every_evaluation(capsys, tmp_path, points):
    code, doc, _ = check(capsys, tmp_path, f"""
        from ucm_check.model import Outcome

        @hookimpl
        def ucm_check_areas():
            return [make(Custom(lambda: Outcome({points}, "x")))]
    """)
    assert code == 3 and failures(doc) == [("rogue", "evaluate")]
    assert doc["profiles"][0]["total"] <= 100


def test_a_standard_declared_with_negative_base_is_refused(capsys, tmp_path):
    code, doc, _ = check(capsys, tmp_path, """
        from ucm_check.model import Standard

        @hookimpl
        def ucm_check_standards():
            return [Standard("rogue-1", "x", "x", ("县市区",), D("-100"), D("0"))]
    """)
    assert code == 3 and failures(doc) == [("rogue", "ucm_check_standards")]


def test_a_plugin_object_that_exits_while_being_registered_is_a_plugin_failure():
    import sys

    from ucm_check.engine.host import Host

    class Rogue:
        def __dir__(self):
            sys.exit(0)

    host = Host()
    host.register("rogue", Rogue(), module="rogue", version="", source="entry point")
    assert [(e.plugin, e.hook) for e in host.errors] == [("rogue", "register")]
