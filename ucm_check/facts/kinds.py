"""Fact kinds: one class per kind of answer a profile holds, and the one registry of them.

Each kind says, in one place, what an answer of that kind may be and how every part of ucm-check
handles it: :meth:`FactKind.check` (the profile reader, the editor, spot checks), :meth:`FactKind.show`
(reports), :meth:`FactKind.schema` (the JSON Schema), :meth:`FactKind.hint` and
:meth:`FactKind.example` (the ``init`` template and docs/profile.md), :meth:`FactKind.parse_typed` (what
a clerk types into a field) and :attr:`FactKind.widget` (which field the TUI shows). A new kind is one
class here, registered in :data:`KINDS`, plus its field's words in the TUI's strings.

The words these messages use for values are in :mod:`ucm_check.facts.words`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from ucm_check.facts.words import show, suggest, type_name


class Fact(Protocol):
    """What a kind reads of a :class:`ucm_check.model.Fact` (named here so this module needs no model)."""

    @property
    def key(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def options(self) -> tuple[str, ...]: ...
    @property
    def unit(self) -> str: ...

#: A field the clerk emptied: the answer is cleared (``parse_typed``'s value).
CLEARED: Any = type("Cleared", (), {"__repr__": lambda self: "CLEARED"})()


# --- the kinds --------------------------------------------------------------------------------

class FactKind:
    """What every kind answers; subclasses fill in what differs."""

    name = ""
    """The kind's name as a rule declares it (``Fact.kind``)."""
    widget = "input"
    """The TUI field: ``switch`` (yes/no), ``select`` (one of), ``checklist`` (some of), ``input``
    (typed text, read by :meth:`parse_typed`) or ``records`` (a list of period → date)."""
    template_hint = ""
    """What the ``init`` template says the answer must be."""

    def check(self, fact: Fact, value: Any) -> tuple[Any, str]:
        """``(normalised value, "")`` if ``value`` (as TOML gave it) suits ``fact``, else
        ``(None, Chinese message)``."""
        raise NotImplementedError

    def show(self, fact: Fact, value: Any) -> str:
        """The answer as a report prints it."""
        return str(value)

    def schema(self, fact: Fact) -> dict[str, Any]:
        """The JSON Schema (Draft-4 keywords) of an answer, without its description."""
        raise NotImplementedError

    def hint(self, fact: Fact) -> str:
        """The template's and docs' words for what to write."""
        return self.template_hint

    def example(self, fact: Fact) -> Any:
        """A valid answer the template shows commented out (a rule's good example wins over it)."""
        raise NotImplementedError

    def parse_typed(self, fact: Fact, text: str) -> tuple[Any, str]:
        """What a clerk typed: ``(value or CLEARED, "")`` or ``(None, problem)`` where problem is a
        ``bad_<kind>`` key of the TUI's strings or a Chinese message."""
        text = text.strip()
        if not text:
            return CLEARED, ""
        value, problem = self.read_text(fact, text)
        if problem:
            return None, problem
        return self.check(fact, value)

    def read_text(self, fact: Fact, text: str) -> tuple[Any, str]:
        """The raw value of non-empty typed ``text``, before :meth:`check`."""
        return None, f"bad_{self.name}"


class Bool(FactKind):
    name, widget, template_hint = "bool", "switch", "true 或 false"

    def check(self, fact: Fact, value: Any) -> tuple[Any, str]:
        if isinstance(value, bool):
            return value, ""
        return None, f"应为 true 或 false（{fact.label}），实际为{type_name(value)} {show(value)}"

    def show(self, fact: Fact, value: Any) -> str:
        return "是" if value else "否"

    def schema(self, fact: Fact) -> dict[str, Any]:
        return {"type": "boolean"}

    def example(self, fact: Fact) -> Any:
        return True


class Count(FactKind):
    name, template_hint = "count", "不小于 0 的整数"

    def check(self, fact: Fact, value: Any) -> tuple[Any, str]:
        if isinstance(value, int) and not isinstance(value, bool):
            if value < 0:
                return None, f"应为不小于 0 的整数（{fact.label}），实际为 {value}"
            return value, ""
        return None, f"应为不小于 0 的整数（{fact.label}），实际为{type_name(value)} {show(value)}"

    def show(self, fact: Fact, value: Any) -> str:
        return f"{value}{fact.unit}" if fact.unit else str(value)

    def schema(self, fact: Fact) -> dict[str, Any]:
        return {"type": "integer", "minimum": 0}

    def example(self, fact: Fact) -> Any:
        return 0

    def read_text(self, fact: Fact, text: str) -> tuple[Any, str]:
        try:
            return int(text), ""
        except ValueError:
            return None, "bad_count"


#: Passed by every real number once, by NaN twice: exactly one real number passes a oneOf of both.
_NOT_NAN = [{"minimum": 50}, {"maximum": 50, "exclusiveMaximum": True}]
#: Refuses every JSON type: what only a TOML date (``datetime.date`` under tomli) passes.
NOT_JSON = {"not": {"type": ["string", "number", "boolean", "array", "object", "null"]}}


class Percent(FactKind):
    name, template_hint = "percent", "0 到 100 的数字，85.5 表示 85.5%"

    def check(self, fact: Fact, value: Any) -> tuple[Any, str]:
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            if not 0 <= value <= 100:
                return None, f"应为 0 到 100 之间的百分数（{fact.label}，85.5 表示 85.5%），实际为 {value}"
            return Decimal(value), ""
        return None, f"应为 0 到 100 之间的数字（{fact.label}，不带 % 号），实际为{type_name(value)} {show(value)}"

    def show(self, fact: Fact, value: Any) -> str:
        return f"{value}%"

    def schema(self, fact: Fact) -> dict[str, Any]:
        # NaN passes every minimum/maximum (its comparisons are all false) and so passes both halves
        # of this oneOf, which exactly one real number passes: it is refused, as the CLI refuses it.
        return {"type": "number", "minimum": 0, "maximum": 100, "oneOf": _NOT_NAN}

    def example(self, fact: Fact) -> Any:
        return 100

    def parse_typed(self, fact: Fact, text: str) -> tuple[Any, str]:
        return super().parse_typed(fact, text.strip().rstrip("%％"))

    def read_text(self, fact: Fact, text: str) -> tuple[Any, str]:
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None, "bad_percent"
        return (value, "") if value.is_finite() else (None, "bad_percent")


class Date(FactKind):
    name, template_hint = "date", "日期，如 2021-12-31（不加引号）"

    def check(self, fact: Fact, value: Any) -> tuple[Any, str]:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            from ucm_check.dated.bounds import problem

            return (None, f"（{fact.label}）{problem(value)}") if problem(value) else (value, "")
        return None, f"应为日期（{fact.label}），写作 2021-12-31（不加引号），实际为{type_name(value)} {show(value)}"

    def show(self, fact: Fact, value: Any) -> str:
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    def schema(self, fact: Fact) -> dict[str, Any]:
        return dict(NOT_JSON)  # a TOML date, never a quoted string

    def example(self, fact: Fact) -> Any:
        return dt.date(2021, 12, 31)

    def read_text(self, fact: Fact, text: str) -> tuple[Any, str]:
        from ucm_check.dated.periods import parse_day

        return parse_day(text)


class Reports(FactKind):
    name, widget = "reports", "records"
    template_hint = "所涵盖期间 = 报送日期 的表；从未报送写 {}，新设单位写 { since = 成立日期 }"
    EXAMPLES = {"year": '"2025" = 2025-12-12', "quarter": '"2026-Q3" = 2026-10-09', "month": '"2026-10" = 2026-11-03'}
    PATTERNS = {"year": "^[0-9]{4}$", "quarter": "^[0-9]{4}-[Qq][1-4]$", "month": "^[0-9]{4}-(0[1-9]|1[0-2])$"}

    @staticmethod
    def period(fact: Fact) -> str:
        """The period kind the reports cover (``year``, ``quarter``, ``month``)."""
        return fact.options[0] if fact.options else "year"

    def check(self, fact: Fact, value: Any) -> tuple[Any, str]:
        from ucm_check.dated.periods import parse_log

        log, problem = parse_log(self.period(fact), value)
        return (None, f"（{fact.label}）{problem}") if problem else (log, "")

    def show(self, fact: Fact, value: Any) -> str:
        return value.text() if hasattr(value, "text") else str(value)

    def schema(self, fact: Fact) -> dict[str, Any]:
        pattern = self.PATTERNS[self.period(fact)]
        return {"oneOf": [
            {"type": "object", "properties": {"since": NOT_JSON}, "patternProperties": {pattern: NOT_JSON},
             "additionalProperties": False},
            dict(NOT_JSON, description="旧写法：只有最近一次报送日期"),
        ]}

    def hint(self, fact: Fact) -> str:
        return self.template_hint + "，如 { " + self.EXAMPLES[self.period(fact)] + " }"

    def example(self, fact: Fact) -> Any:
        import tomli

        from ucm_check.dated.periods import parse_log

        table = tomli.loads("v = { " + self.EXAMPLES[self.period(fact)] + " }")["v"]
        return parse_log(self.period(fact), table)[0]

    def parse_typed(self, fact: Fact, text: str) -> tuple[Any, str]:
        if not text.strip():
            return CLEARED, ""
        from ucm_check.dated.periods import parse_entry, record_dates

        text, problem = record_dates(text)
        if problem:
            return None, problem
        record, problem = parse_entry(self.period(fact), text)
        return (None, problem) if problem else (record, "")


class Choice(FactKind):
    name, widget = "choice", "select"

    def check(self, fact: Fact, value: Any) -> tuple[Any, str]:
        if isinstance(value, str) and value in fact.options:
            return value, ""
        hint = suggest(value, list(fact.options)) if isinstance(value, str) else ""
        return None, f"应为以下之一：{_options(fact)}，实际为 {show(value)}{hint}"

    def schema(self, fact: Fact) -> dict[str, Any]:
        return {"type": "string", "enum": list(fact.options)}

    def hint(self, fact: Fact) -> str:
        return "以下之一：" + "、".join(f'"{o}"' for o in fact.options)

    def example(self, fact: Fact) -> Any:
        return fact.options[0]


class Subset(FactKind):
    name, widget = "subset", "checklist"

    def check(self, fact: Fact, value: Any) -> tuple[Any, str]:
        if not isinstance(value, list):
            return None, f"应为字符串数组（可为空 []），取值于：{_options(fact)}；实际为{type_name(value)}"
        for item in value:
            if item not in fact.options:
                hint = suggest(item, list(fact.options)) if isinstance(item, str) else ""
                return None, f"数组中的 {show(item)} 不是可选项{hint}；可选项：{_options(fact)}"
        if len(set(value)) != len(value):
            return None, "数组中有重复项"
        return tuple(value), ""

    def show(self, fact: Fact, value: Any) -> str:
        done = [o for o in fact.options if o in value]
        missing = [o for o in fact.options if o not in value]
        return f"已做到：{'、'.join(done) or '无'}；缺：{'、'.join(missing) or '无'}"

    def schema(self, fact: Fact) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string", "enum": list(fact.options)}, "uniqueItems": True}

    def hint(self, fact: Fact) -> str:
        return "已做到的项组成的数组，可为空 []，可选：" + "、".join(f'"{o}"' for o in fact.options)

    def example(self, fact: Fact) -> Any:
        return list(fact.options)


def _options(fact: Fact) -> str:
    return "、".join(f"“{o}”" for o in fact.options)


#: Every fact kind by name, in the order docs list them.
KINDS: dict[str, FactKind] = {k.name: k for k in (Bool(), Count(), Percent(), Choice(), Subset(), Date(), Reports())}


def kind(name: str) -> FactKind:
    """The kind called ``name`` (KeyError for an unknown one; ``Fact`` refuses those when built)."""
    return KINDS[name]
