"""Checks on what plugins hand the host, before anything uses it.

A hook must return a list (or tuple) of :class:`~ucm_check.model.Standard` or
:class:`~ucm_check.model.Area`; every number in a standard, an area and each rule's shape must be an
exact, finite, non-negative decimal (an ``int`` or :class:`~decimal.Decimal`, never a float), and
each rule's ``max_points`` such a number. A rule with negative points would push a total above
its maximum (136.2 of 100), so it is refused. Each function returns a Chinese sentence naming what
is wrong, or ``""``; the host records it against the plugin and hook.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

import attrs

from ucm_check.files.inputs import show
from ucm_check.model import Area, Outcome, Rule, Standard


def listing_problem(value: Any, what: str) -> str:
    """Why a hook's return value is not a list of ``what``, or ``""``."""
    if isinstance(value, (list, tuple)):
        return ""
    return f"应返回 {what} 的列表，实际返回了 {type(value).__name__}"


def points_problem(value: Any, what: str) -> str:
    """Why ``value`` cannot be a number of points, or ``""``."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        kind = "二进制浮点数 float（分值须为精确小数 Decimal）" if isinstance(value, float) else type(value).__name__
        return f"{what}应为不小于 0 的 Decimal 或整数，实际为 {kind} {show(value) if not isinstance(value, float) else value}"
    if isinstance(value, Decimal) and not value.is_finite():
        return f"{what}不是有限的数：{show(value)}"
    number: int | Decimal = value
    if number < 0:
        return f"{what}为负数 {show(value) if isinstance(value, Decimal) else value}：扣分和加分都不能为负"
    if number >= Decimal(10) ** 15:  # not negative by now
        return f"{what}过大：{value}"
    return ""


def _numbers(obj: Any, path: str, depth: int = 0) -> Iterator[tuple[str, Any]]:
    if depth > 8:
        return
    if isinstance(obj, (int, float, Decimal)) and not isinstance(obj, bool):
        yield path, obj
    elif attrs.has(type(obj)) and not isinstance(obj, (Rule, Area, Standard)):
        for field in attrs.fields(type(obj)):
            if field.name in ("fact", "facts", "options"):
                continue
            yield from _numbers(getattr(obj, field.name), f"{path}.{field.name}", depth + 1)
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _numbers(item, f"{path}[{i}]", depth + 1)
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from _numbers(item, f"{path}[{show(key)}]", depth + 1)


def rule_problem(rule: Any) -> str:
    """Why ``rule`` cannot be scored, or ``""``."""
    if not isinstance(rule, Rule):
        return f"规则应为 Rule，实际为 {type(rule).__name__}"
    shape = rule.shape
    for member in ("facts", "max_points", "evaluate"):
        if not hasattr(type(shape), member):
            return f"规则 {rule.code} 的计分方式（{type(shape).__name__}）缺少 {member}"
    try:
        most = shape.max_points
    except Exception as exc:  # noqa: BLE001 - a plugin's own property
        return f"规则 {rule.code} 的 max_points 出错：{type(exc).__name__}: {exc}"
    problem = points_problem(most, f"规则 {rule.code} 的最高分值 max_points ")
    if problem:
        return problem
    for where, number in _numbers(shape, "shape"):
        problem = points_problem(number, f"规则 {rule.code} 的 {where} ")
        if problem:
            return problem
    return ""


def standard_problem(std: Any) -> str:
    """Why a declared standard cannot be used, or ``""``."""
    if not isinstance(std, Standard):
        return f"返回了 {type(std).__name__}，应为 Standard"
    for name in ("base", "bonus_max"):
        problem = points_problem(getattr(std, name), f"标准 {std.id} 的 {name} ")
        if problem:
            return problem
    return ""


def area_problem(area: Any) -> str:
    """Why a contributed area cannot be used, or ``""``."""
    if not isinstance(area, Area):
        return f"返回了 {type(area).__name__}，应为 Area"
    problem = points_problem(area.max, f"区域 {area.id} 的满分 max ")
    if problem:
        return problem
    if not isinstance(area.rules, (list, tuple)) or not isinstance(area.facts, (list, tuple)):
        return f"区域 {area.id} 的 rules 和 facts 应为元组"
    for rule in area.rules:
        problem = rule_problem(rule)
        if problem:
            return f"区域 {area.id}：{problem}"
    return ""


def outcome_problem(outcome: Any, rule: Rule) -> str:
    """Why what a rule's shape returned cannot be a finding, or ``""`` (checked on every evaluation)."""
    if not isinstance(outcome, Outcome):
        return f"规则 {rule.code} 的计分方式返回了 {type(outcome).__name__}，应为 Outcome"
    return points_problem(outcome.points, f"规则 {rule.code} 算出的分值 ")
