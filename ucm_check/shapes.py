"""The deduction grammar: a handful of rule shapes that turn a unit's facts into points.

Every shape is frozen data with three members the engine uses:

* ``facts`` — the :class:`~ucm_check.model.Fact` objects it reads;
* ``max_points`` — the most it can deduct (or award);
* ``evaluate(get, context)`` — an :class:`~ucm_check.model.Outcome`, where ``get(key)`` returns a
  fact's value or :data:`MISSING` and ``context`` is an :class:`~ucm_check.model.Context` (the
  unit and the as-of date, for shapes that depend on them).

A plugin needing a shape the grammar lacks may write its own class with the same three members.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

import attrs
from attrs import frozen

from ucm_check.model import Context, Fact, Outcome
from ucm_check.numbers import ZERO, fmt

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING", "__bool__": lambda self: False})()
Getter = Callable[[str], Any]


def _unanswered(facts: tuple[Fact, ...], get: Getter) -> Outcome | None:
    missing = [f.label for f in facts if get(f.key) is MISSING]
    if missing:
        return Outcome(ZERO, "未填写：" + "；".join(missing), answered=False)
    return None


@frozen
class Flag:
    """Fixed points when a yes/no fact is not met: 未按规定建立的，扣2分."""

    fact: Fact
    points: Decimal

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.fact,)

    @property
    def max_points(self) -> Decimal:
        return self.points

    def evaluate(self, get: Getter, context: Context | None = None) -> Outcome:
        value = get(self.fact.key)
        if value is MISSING:
            return _unanswered(self.facts, get)  # type: ignore[return-value]
        return Outcome(ZERO if value else self.points, f"{self.fact.label}：{self.fact.show(value)}")


@frozen
class Choice:
    """A state chosen from a list, each state with its points: 未制定方案扣4分，方案未落实扣2分."""

    fact: Fact
    points: dict[str, Decimal]
    """Points for every option of the fact."""

    def __attrs_post_init__(self) -> None:
        if set(self.points) != set(self.fact.options):
            raise ValueError(f"{self.fact.key}: points must cover exactly the options {self.fact.options}")

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.fact,)

    @property
    def max_points(self) -> Decimal:
        return max(self.points.values())

    def evaluate(self, get: Getter, context: Context | None = None) -> Outcome:
        value = get(self.fact.key)
        if value is MISSING:
            return _unanswered(self.facts, get)  # type: ignore[return-value]
        return Outcome(self.points[value], f"{self.fact.label}：{value}")


@frozen
class PerCount:
    """Points per occurrence up to a cap: 每发现一起扣0.5分，扣完2分为止."""

    fact: Fact
    step: Decimal
    cap: Decimal

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.fact,)

    @property
    def max_points(self) -> Decimal:
        return self.cap

    def evaluate(self, get: Getter, context: Context | None = None) -> Outcome:
        value = get(self.fact.key)
        if value is MISSING:
            return _unanswered(self.facts, get)  # type: ignore[return-value]
        raw = self.step * value
        note = f"{value}×{fmt(self.step)}={fmt(raw)}，扣完{fmt(self.cap)}分为止" if raw > self.cap else ""
        return Outcome(min(raw, self.cap), f"{self.fact.label}：{self.fact.show(value)}", note=note)


@frozen
class Shortfall:
    """Points per unit short of a target, up to a cap: 未按报送人数完成轮训任务，每少一人扣0.5分."""

    target: Fact
    actual: Fact
    step: Decimal
    cap: Decimal

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.target, self.actual)

    @property
    def max_points(self) -> Decimal:
        return self.cap

    def evaluate(self, get: Getter, context: Context | None = None) -> Outcome:
        missing = _unanswered(self.facts, get)
        if missing:
            return missing
        target, actual = get(self.target.key), get(self.actual.key)
        short = max(target - actual, 0)
        observed = f"{self.target.label}：{target}；{self.actual.label}：{actual}；差{short}{self.target.unit}"
        return Outcome(min(self.step * short, self.cap), observed)


@frozen
class MissingItems:
    """Points per required item not done, up to a cap: 事前公开、事中公示、事后公开每少一项扣0.5分."""

    fact: Fact
    """A ``subset`` fact: the items the unit has done."""
    step: Decimal
    cap: Decimal

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.fact,)

    @property
    def max_points(self) -> Decimal:
        return min(self.cap, self.step * len(self.fact.options))

    def evaluate(self, get: Getter, context: Context | None = None) -> Outcome:
        value = get(self.fact.key)
        if value is MISSING:
            return _unanswered(self.facts, get)  # type: ignore[return-value]
        missing = sum(1 for o in self.fact.options if o not in value)
        return Outcome(min(self.step * missing, self.cap), f"{self.fact.label}：{self.fact.show(value)}")


@frozen
class Gate:
    """A yes/no gate, then another shape: 未建立制度扣2分；建立了的，每发现一处……扣0.5分."""

    fact: Fact
    points: Decimal
    """Points when the gate fact is not met."""
    then: Any
    """The shape evaluated when the gate fact is met."""

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.fact, *self.then.facts)

    @property
    def max_points(self) -> Decimal:
        return max(self.points, self.then.max_points)

    def evaluate(self, get: Getter, context: Context | None = None) -> Outcome:
        value = get(self.fact.key)
        if value is MISSING:
            return _unanswered((self.fact,), get)  # type: ignore[return-value]
        if not value:
            return Outcome(self.points, f"{self.fact.label}：否")
        inner = self.then.evaluate(get, context)
        return attrs.evolve(inner, observed=f"{self.fact.label}：是；{inner.observed}")


@frozen
class Band:
    """One band of a :class:`Bands` rule: values from ``lower`` up (to the next band) lose ``points``."""

    lower: Decimal
    points: Decimal


@frozen
class Bands:
    """Points by band of a rate or count: 85%及以上不扣分，75%-85%以下扣1分……

    Bands are listed best first; a value belongs to the first band whose ``lower`` it reaches, so
    each band includes its lower edge (以上 includes the number, Civil Code art. 1259). Where the
    text contradicts itself at an edge, ``edges`` holds the other reading's points for that exact
    value and ``edge_reading`` picks one: ``"lower"`` (default: the edge belongs to the band it is the
    lower bound of) or ``"upper"`` (it belongs to the band it is the upper bound of, 及以下).
    """

    fact: Fact
    bands: tuple[Band, ...]
    edges: dict[Decimal, Decimal] = attrs.field(factory=dict)
    edge_reading: str = attrs.field(default="lower", validator=attrs.validators.in_(("lower", "upper")))

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.fact,)

    @property
    def max_points(self) -> Decimal:
        return max(b.points for b in self.bands)

    def band_points(self, value: Decimal) -> Decimal:
        for band in self.bands:
            if value >= band.lower:
                return band.points
        return self.bands[-1].points

    def evaluate(self, get: Getter, context: Context | None = None) -> Outcome:
        value = get(self.fact.key)
        if value is MISSING:
            return _unanswered(self.facts, get)  # type: ignore[return-value]
        points, note = self.band_points(value), ""
        if value in self.edges:
            lower, upper = points, self.edges[value]
            points = lower if self.edge_reading == "lower" else upper
            rule = "归入以其为下限的档次" if self.edge_reading == "lower" else "归入以其为上限（及以下）的档次"
            note = (
                f"{self.fact.show(value)}恰在标准文本自相矛盾的边界上（一读扣{fmt(lower)}分，另一读扣{fmt(upper)}分）；"
                f"按所采用的读法{rule}，扣{fmt(points)}分"
            )
        return Outcome(points, f"{self.fact.label}：{self.fact.show(value)}", note=note)


@frozen
class Weighted:
    """Bonus: a weighted sum of counts up to a cap: 国家级每项加2分，省级每项加1分，累计不超过4分."""

    weights: tuple[tuple[Fact, Decimal], ...]
    cap: Decimal

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(f for f, _ in self.weights)

    @property
    def max_points(self) -> Decimal:
        return self.cap

    def evaluate(self, get: Getter, context: Context | None = None) -> Outcome:
        missing = _unanswered(self.facts, get)
        if missing:
            return missing
        raw = sum((w * get(f.key) for f, w in self.weights), ZERO)
        observed = "；".join(f"{f.label}：{f.show(get(f.key))}" for f, _ in self.weights)
        note = f"合计{fmt(raw)}分，累计不超过{fmt(self.cap)}分" if raw > self.cap else ""
        return Outcome(min(raw, self.cap), observed, note=note)
