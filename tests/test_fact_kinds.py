"""A fact kind is one class (ucm_check.facts): registered, it is checked, shown, given a schema and a
template line, and read from typed text, with no other file changed."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from ucm_check.facts import KINDS, FactKind
from ucm_check.facts.kinds import CLEARED, kind
from ucm_check.model import Fact
from ucm_check.profile.reading import check_fact
from ucm_check.profile.schema import fact_schema
from ucm_check.profile.template import hint


class Phone(FactKind):
    """A telephone number, as a kind a province might add."""

    name, template_hint = "phone", "电话号码，如 0731-00000000"

    def check(self, fact, value):
        if isinstance(value, str) and re.fullmatch(r"\d{3,4}-\d{7,8}", value):
            return value, ""
        return None, f"应为电话号码（{fact.label}），如 0731-00000000"

    def schema(self, fact):
        return {"type": "string", "pattern": r"^\d{3,4}-\d{7,8}$"}

    def example(self, fact):
        return "0731-00000000"

    def read_text(self, fact, text):
        return text, ""


@pytest.fixture
def phone():
    KINDS["phone"] = Phone()
    yield Fact("hotline", "phone", "投诉电话", "Hotline")
    del KINDS["phone"]


def test_a_registered_kind_is_checked_described_and_read_from_typing(phone):
    assert check_fact(phone, "0731-12345678") == ("0731-12345678", "")
    assert check_fact(phone, 12345)[1] == "应为电话号码（投诉电话），如 0731-00000000"
    assert fact_schema(phone)["pattern"] == r"^\d{3,4}-\d{7,8}$"
    assert fact_schema(phone)["description"] == "投诉电话 / Hotline"
    assert hint(phone) == "电话号码，如 0731-00000000"
    assert kind("phone").parse_typed(phone, " 0731-12345678 ") == ("0731-12345678", "")
    assert kind("phone").parse_typed(phone, "  ") == (CLEARED, "")
    assert kind("phone").widget == "input"


def test_an_unknown_kind_is_refused_when_the_fact_is_declared():
    with pytest.raises(ValueError, match="unknown fact kind 'phone'"):
        Fact("hotline", "phone", "投诉电话", "Hotline")


@pytest.mark.parametrize("name, typed, expected", [
    ("count", "3", (3, "")), ("count", "1.5", (None, "bad_count")), ("count", "-1", None),
    ("percent", "85.5%", (Decimal("85.5"), "")), ("percent", "120", None), ("percent", "nan", (None, "bad_percent")),
    ("date", "2023年2月30日", (None, "2月没有30日：2023年2月只有28天")), ("date", "2023/3/1", None),
])
def test_builtin_kinds_read_what_a_clerk_types(name, typed, expected):
    fact = Fact("x", name, "某项", "x")
    value, problem = kind(name).parse_typed(fact, typed)
    if expected is not None:
        assert (value, problem) == expected
    elif name == "date":
        assert value.isoformat() == "2023-03-01" and problem == ""
    else:
        assert value is None and problem  # out of range: refused with a message, never a partial value
