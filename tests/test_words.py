"""Values quoted back to the user are written as they wrote them in TOML, and nothing from a file ever
reaches the terminal as a control sequence (issue 24)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ucm_check.facts.words import show
from ucm_check.files.problems import ProfileError


def test_values_are_shown_as_toml_writes_them_never_as_python_reprs():
    assert show(Decimal("100.000000001")) == "100.000000001"
    assert show(dt.date(2100, 12, 31)) == "2100-12-31"
    assert show("\x1b[31m红\x1b[0m") == '"\\u001b[31m红\\u001b[0m"'
    assert show("a\x1fb\u202ec") == '"a\\u001fb\\u202ec"'
    assert show("两行\n文字\t") == '"两行\n文字\t"'


def test_a_problem_message_never_carries_a_control_character_to_the_terminal():
    shown = str(ProfileError("roster.toml", 3, 9, "组别 “\x1b[2J街道” 不是考评方案中的组"))
    assert "\x1b" not in shown
    assert shown == "roster.toml:3:9: 错误：组别 “\\u001b[2J街道” 不是考评方案中的组"
