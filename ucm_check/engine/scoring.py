"""The scoring engine: one profile and one standard in, a :class:`ProfileResult` out.

The TUI, ``check``, ``plan`` and the CI formats all call :func:`evaluate`: one source of truth.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Callable, Mapping

from ucm_check.engine.guard import is_plugin_failure, plugin_code
from ucm_check.model import (
    AWARDED, COMPLIANT, DEDUCTED, NOT_APPLICABLE, NOT_AWARDED, UNANSWERED,
    Area, AreaResult, Context, Finding, Outcome, ProfileResult, Rule, Standard,
)
from ucm_check.numbers import ZERO
from ucm_check import shapes
from ucm_check.shapes import MISSING


class PluginResultError(ValueError):
    """A rule's shape returned something that cannot be a finding (not an Outcome, points not a
    finite non-negative decimal); reported against the plugin like any exception it raised."""


def evaluate_rule(rule: Rule, area: Area, context: Context, get: Callable[[str], Any],
                  get_path: Callable[[str], Any]) -> Finding:
    """One rule's finding. ``get`` reads the area's own facts, ``get_path`` any ``area.key``."""
    unit = context.unit
    applies = rule.applies_to
    if applies and not applies.applies(unit):
        level = unit.get("level", "")
        return _kept(rule, area, (NOT_APPLICABLE, *_value_key(level)), lambda: Finding(
            rule, area.id, NOT_APPLICABLE, ZERO, f"单位层级：{level}", applies.reason))
    exempt = rule.exempt_if
    if exempt is not None:
        value = get_path(exempt.fact)
        if value is not MISSING and value in exempt.values:
            return _kept(rule, area, (COMPLIANT, *_value_key(value)), lambda: Finding(
                rule, area.id, COMPLIANT, ZERO, f"{exempt.fact}：{value}", exempt.reason))
    key = _pure_key(rule, area, get)
    if key is None:
        return _finding(rule, area, rule.shape.evaluate(get, context))
    return _kept(rule, area, key, lambda: _finding(rule, area, rule.shape.evaluate(get, context)))


def _kept(rule: Rule, area: Area, key: tuple[Any, ...], make: Callable[[], Finding]) -> Finding:
    """The finding remembered under ``key`` for this rule and area, else ``make()``'s, remembered.
    A key that cannot be hashed (a value a plugin read as a list) is worked out each time."""
    full = (id(rule), id(area), *key)
    try:
        kept = _FINDINGS.get(full)
    except TypeError:
        return make()
    if kept is not None and kept[0] is rule and kept[1] is area:  # not a new rule at a freed one's address
        return kept[2]
    finding = make()
    if len(_FINDINGS) < 1 << 14:  # a few MB at most, for a long TUI session too
        _FINDINGS[full] = (rule, area, finding)
    return finding


def _finding(rule: Rule, area: Area, outcome: Any) -> Finding:
    """The finding of a shape's ``outcome``, which is checked first (a plugin may return anything)."""
    points = getattr(outcome, "points", None)
    if type(outcome) is not Outcome or not (type(points) is Decimal and points.is_finite() and points >= 0
                                            or type(points) is int and points >= 0):
        from ucm_check.engine.contributions import outcome_problem

        raise PluginResultError(outcome_problem(outcome, rule) or f"规则 {rule.code} 算出的分值无效")
    if not outcome.answered:
        status = UNANSWERED
    elif outcome.status:
        status = outcome.status
    elif area.bonus:
        status = AWARDED if outcome.points > 0 else NOT_AWARDED
    else:
        status = DEDUCTED if outcome.points > 0 else COMPLIANT
    return Finding(rule, area.id, status, outcome.points, outcome.observed, outcome.note, outcome.due)


_PURE = frozenset({shapes.Flag, shapes.Choice, shapes.PerCount, shapes.MissingItems, shapes.Bands})
"""The grammar's one-fact shapes whose outcome depends on the answered value alone (exact types: a
plugin's subclass may read more)."""
_PURE_MANY = frozenset({shapes.Shortfall, shapes.Weighted})
"""The grammar's shapes of several facts whose outcome depends on those facts' values alone; a
:class:`~ucm_check.shapes.Gate` is one when the shape behind it is (dated shapes read the date too)."""
_FINDINGS: dict[tuple[Any, ...], tuple[Rule, Area, Finding]] = {}


def _is_pure(shape: Any) -> bool:
    kind = type(shape)
    return kind in _PURE or kind in _PURE_MANY or kind is shapes.Gate and _is_pure(shape.then)


def _pure_key(rule: Rule, area: Area, get: Callable[[str], Any]) -> tuple[Any, ...] | None:
    """What a pure rule's finding depends on (its facts' values), or None (then it is worked out
    each time).

    A batch meets the same few answers to a rule thousands of times, so their findings (frozen) are
    remembered for the run. The key keeps each value's type and, for a decimal, its digits and
    exponent, since the observed text shows the value as written (93.80 stays 93.80)."""
    shape = rule.shape
    if type(shape) in _PURE:  # the usual case, quickest
        assert isinstance(shape, shapes.OneFact)  # every shape in _PURE is one
        value = get(shape.fact.key)  # MISSING too: an unanswered rule's finding depends on the rule alone
        return ("", *_value_key(value))
    if not _is_pure(shape):
        return None
    return ("", *(part for fact in shape.facts for part in _value_key(get(fact.key))))


def _value_key(value: Any) -> tuple[Any, Any]:
    """A value as a key that tells apart what equal values show differently: True, 1 and 1.0 by type,
    93.8 and 93.80 by a decimal's digits and exponent."""
    return type(value), value.as_tuple() if type(value) is Decimal else value


def evaluate(
    unit: Mapping[str, Any],
    facts: Mapping[str, Mapping[str, Any]],
    standard: Standard,
    *,
    file: str = "",
    as_of: dt.date | None = None,
    on_error: Callable[[Area, BaseException], str] | None = None,
) -> ProfileResult:
    """Score ``facts`` (area id -> key -> value) for ``unit`` against ``standard`` as of ``as_of``
    (default today).

    An area whose rules raise is reported with ``AreaResult.error`` (via ``on_error``, which may
    record the failing plugin) instead of stopping the other areas.
    """

    context = Context(unit, as_of or dt.date.today())

    def get_path(path: str) -> Any:
        area_id, _, key = path.partition(".")
        return facts.get(area_id, {}).get(key, MISSING)

    results = []
    with plugin_code():  # a plugin's shape that print()s must not reach a report on stdout
        for area in standard.areas:
            own = facts.get(area.id, {})
            key = _area_key(area, unit, own, get_path)
            if key is not None:
                kept = _AREAS.get(key)
                if kept is not None and kept[0] is area:
                    results.append(kept[1])
                    continue
            get = lambda key, own=own: own.get(key, MISSING)  # noqa: E731
            try:
                findings = tuple(evaluate_rule(r, area, context, get, get_path) for r in area.rules)
            except BaseException as exc:  # a plugin's own shape failed, or exited
                if not is_plugin_failure(exc):
                    raise
                message = on_error(area, exc) if on_error else f"{type(exc).__name__}: {exc}"
                results.append(AreaResult(area, (), error=message))
                continue
            result = AreaResult(area, findings)
            if key is not None and len(_AREAS) < 1 << 12:
                _AREAS[key] = (area, result)
            results.append(result)
    return ProfileResult(file, unit, standard, tuple(results), as_of=context.as_of)


_AREAS: dict[tuple[Any, ...], tuple[Area, AreaResult]] = {}
_READS: dict[int, tuple[Area, Any]] = {}


def _reads(area: Area) -> Any:
    """What the results of ``area`` depend on when every rule is pure (see :func:`_pure_key`): the
    area's own fact keys its rules read, the facts of its exemptions and its rules' applicability
    (then the unit's level too, which a not-applicable finding shows); None when a rule is not pure.
    Worked out once per area."""
    kept = _READS.get(id(area))
    if kept is None or kept[0] is not area:
        reads = None
        if all(_is_pure(r.shape) for r in area.rules):
            keys = tuple(dict.fromkeys(f.key for r in area.rules for f in r.shape.facts))
            exempt = tuple(r.exempt_if.fact for r in area.rules if r.exempt_if is not None)
            applies = tuple(r.applies_to for r in area.rules if r.applies_to is not None)
            reads = (keys, exempt, applies)
        kept = _READS[id(area)] = (area, reads)
    return kept[1]


def _area_key(area: Area, unit: Mapping[str, Any], own: Mapping[str, Any],
              get_path: Callable[[str], Any]) -> tuple[Any, ...] | None:
    """The key under which ``area``'s result is remembered for the run (a batch answers most areas
    alike), or None: a rule is not pure, or a value cannot be a key. Frozen, the result is shared."""
    reads = _reads(area)
    if reads is None:
        return None
    keys, exempt, applies = reads
    key: list[Any] = [id(area)]
    for name in keys:
        key.extend(_value_key(own.get(name, MISSING)))
    for path in exempt:
        key.extend(_value_key(get_path(path)))
    if applies:
        key.extend(_value_key(unit.get("level", "")))
        key.extend(a.applies(unit) for a in applies)
    try:
        found = tuple(key)
        hash(found)
    except TypeError:
        return None
    return found
