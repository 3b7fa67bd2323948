"""The deduction grammar: a handful of rule shapes that turn a unit's facts into points.

Every shape is frozen data with three members the engine uses:

* ``facts`` — the :class:`~ucm_check.model.Fact` objects it reads;
* ``max_points`` — the most it can deduct (or award);
* ``evaluate(get, context)`` — an :class:`~ucm_check.model.Outcome`, where ``get(key)`` returns a
  fact's value or :data:`MISSING` and ``context`` is an :class:`~ucm_check.model.Context` (the
  unit and the as-of date, for shapes that depend on them).

A plugin needing a shape the grammar lacks may write its own class with the same three members: the
:class:`~ucm_check.model.Shape` protocol (checked by ``mypy --strict``). A shape that reads one fact
can subclass :class:`OneFact` and write only ``max_points`` and ``score(value)``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
from attrs import frozen

from ucm_check import model
from ucm_check.model import Context, Fact, Outcome
from ucm_check.numbers import ZERO, fmt

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING", "__bool__": lambda self: False})()
Getter = model.Getter


def __getattr__(name: str) -> Any:
    """``add_months``, which plugins import from here, loaded when asked for: the dated-duty modules
    cost a cold ``check`` of a standard without dated duties about 4 ms."""
    if name == "add_months":
        from ucm_check.dated.schedule import add_months

        return add_months
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _unanswered(facts: tuple[Fact, ...], get: Getter) -> Outcome | None:
    missing = [f.label for f in facts if get(f.key) is MISSING]
    if missing:
        return Outcome(ZERO, "未填写：" + "；".join(missing), answered=False)
    return None


@frozen
class OneFact:
    """The shared opening of the shapes that read one fact: while it is missing the rule is not
    answered; otherwise :meth:`score` turns its value into an outcome."""

    fact: Fact

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.fact,)

    def evaluate(self, get: Getter, context: Context | None = None) -> Outcome:
        value = get(self.fact.key)
        if value is MISSING:
            return _unanswered(self.facts, get)  # type: ignore[return-value]
        return self.score(value)

    def score(self, value: Any) -> Outcome:
        """The outcome for the fact's answered ``value``."""
        raise NotImplementedError


@frozen
class Flag(OneFact):
    """Fixed points when a yes/no fact is not met: 未按规定建立的，扣2分."""

    points: Decimal

    @property
    def max_points(self) -> Decimal:
        return self.points

    def score(self, value: Any) -> Outcome:
        return Outcome(ZERO if value else self.points, f"{self.fact.label}：{self.fact.show(value)}")


@frozen
class Choice(OneFact):
    """A state chosen from a list, each state with its points: 未制定方案扣4分，方案未落实扣2分."""

    points: dict[str, Decimal]
    """Points for every option of the fact."""

    def __attrs_post_init__(self) -> None:
        if set(self.points) != set(self.fact.options):
            raise ValueError(f"{self.fact.key}: points must cover exactly the options {self.fact.options}")

    @property
    def max_points(self) -> Decimal:
        return max(self.points.values())

    def score(self, value: Any) -> Outcome:
        return Outcome(self.points[value], f"{self.fact.label}：{value}")


@frozen
class PerCount(OneFact):
    """Points per occurrence up to a cap: 每发现一起扣0.5分，扣完2分为止."""

    step: Decimal
    cap: Decimal

    @property
    def max_points(self) -> Decimal:
        return self.cap

    def score(self, value: Any) -> Outcome:
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
class MissingItems(OneFact):
    """Points per required item not done, up to a cap: 事前公开、事中公示、事后公开每少一项扣0.5分.

    Its fact is a ``subset`` fact: the items the unit has done."""

    step: Decimal
    cap: Decimal

    @property
    def max_points(self) -> Decimal:
        return min(self.cap, self.step * len(self.fact.options))

    def score(self, value: Any) -> Outcome:
        missing = sum(1 for o in self.fact.options if o not in value)
        return Outcome(min(self.step * missing, self.cap), f"{self.fact.label}：{self.fact.show(value)}")


@frozen
class Gate:
    """A yes/no gate, then another shape: 未建立制度扣2分；建立了的，每发现一处……扣0.5分."""

    fact: Fact
    points: Decimal
    """Points when the gate fact is not met."""
    then: model.Shape
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
        inner = self.then.evaluate(get, context)  # type: ignore[arg-type]  # the grammar's shapes accept None
        return attrs.evolve(inner, observed=f"{self.fact.label}：是；{inner.observed}")


@frozen
class Band:
    """One band of a :class:`Bands` rule: values from ``lower`` up (to the next band) lose ``points``."""

    lower: Decimal
    points: Decimal


@frozen
class Bands(OneFact):
    """Points by band of a rate or count: 85%及以上不扣分，75%-85%以下扣1分……

    Bands are listed best first; a value belongs to the first band whose ``lower`` it reaches, so
    each band includes its lower edge (以上 includes the number, Civil Code art. 1259). Where the
    text contradicts itself at an edge, ``edges`` holds the other reading's points for that exact
    value and ``edge_reading`` picks one: ``"lower"`` (default: the edge belongs to the band it is the
    lower bound of) or ``"upper"`` (it belongs to the band it is the upper bound of, 及以下).
    """

    bands: tuple[Band, ...]
    edges: dict[Decimal, Decimal] = attrs.field(factory=dict)
    edge_reading: str = attrs.field(default="lower", validator=attrs.validators.in_(("lower", "upper")))

    @property
    def max_points(self) -> Decimal:
        return max(b.points for b in self.bands)

    def band_points(self, value: Decimal) -> Decimal:
        for band in self.bands:
            if value >= band.lower:
                return band.points
        return self.bands[-1].points

    def score(self, value: Any) -> Outcome:
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


# --- Dated obligations -------------------------------------------------------------------------
# Standards such as Henan 2021 set deadlines rather than points: "2021年底前……制定协管人员管理制度".
# These shapes deduct nothing (``max_points`` is 0); they decide the finding's status themselves
# (met, pending, due soon, overdue, not met) by comparing the facts with ``context.as_of``.

def _not_done(due: dt.date, as_of: dt.date, soon_days: int, observed: str, what: str = "") -> Outcome:
    days = (due - as_of).days
    if days < 0:
        return Outcome(ZERO, observed, status=model.OVERDUE, due=due,
                       note=f"{what}完成时限 {due.isoformat()}，已逾期 {-days} 天")
    status = model.DUE_SOON if days <= soon_days else model.PENDING
    return Outcome(ZERO, observed, status=status, due=due, note=f"{what}完成时限 {due.isoformat()}，还有 {days} 天")


@frozen
class AllTrue:
    """Condition: every yes/no fact holds (制定管理制度并指导实施)."""

    facts: tuple[Fact, ...]

    def check(self, get: Getter) -> tuple[bool, str]:
        values = [get(f.key) for f in self.facts]
        return all(values), "；".join(f"{f.label}：{f.show(v)}" for f, v in zip(self.facts, values))


@frozen
class AllOf:
    """Condition: ``done`` reaches ``total`` (every new recruit received initial training)."""

    total: Fact
    done: Fact

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.total, self.done)

    def check(self, get: Getter) -> tuple[bool, str]:
        total, done = get(self.total.key), get(self.done.key)
        short = max(total - done, 0)
        observed = f"{self.total.label}：{self.total.show(total)}；{self.done.label}：{self.done.show(done)}"
        return short == 0, observed + (f"；差{short}{self.total.unit}" if short else "")


@frozen
class AtLeastPer:
    """Condition: ``actual`` is at least ``numerator``/``denominator`` of ``base`` (不低于万分之五;
    "不低于" includes the number itself)."""

    actual: Fact
    base: Fact
    numerator: Decimal
    denominator: Decimal

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.actual, self.base)

    def required(self, base: Any) -> Decimal:
        return Decimal(base) * self.numerator / self.denominator

    def check(self, get: Getter) -> tuple[bool, str]:
        actual, base = get(self.actual.key), get(self.base.key)
        need = self.required(base)
        observed = (f"{self.base.label}：{self.base.show(base)}；{self.actual.label}：{self.actual.show(actual)}；"
                    f"应不少于 {fmt(need)}{self.actual.unit}")
        return actual >= need, observed


@frozen
class NoneOf:
    """Condition: every count is zero (no instruction answered later than the norm allows)."""

    facts: tuple[Fact, ...]

    def check(self, get: Getter) -> tuple[bool, str]:
        values = [get(f.key) for f in self.facts]
        return not any(values), "；".join(f"{f.label}：{f.show(v)}" for f, v in zip(self.facts, values))


@frozen
class Obligation:
    """A duty to meet by a date (``due``), or a standing duty (``due`` None, 长期).

    Met: compliant, or :data:`~ucm_check.model.MET_LATE` (逾期完成, with the days in the note) when
    ``done_on`` is after the deadline. Not met: overdue after
    ``due``, due soon within ``soon_days`` of it (the deadline day itself is still on time), pending
    before that; a standing duty not met is :data:`~ucm_check.model.NOT_MET`.
    """

    condition: Any
    """:class:`AllTrue`, :class:`AllOf`, :class:`AtLeastPer`, :class:`NoneOf` or any object with
    ``facts`` and ``check(get) -> (met, observed)``."""
    due: dt.date | None = None
    soon_days: int = 30
    done_on: Fact | None = None
    """Optional date fact: when it was done (an unanswered date is not an unanswered rule)."""
    after: Fact | None = None
    """A relative deadline's event: the date fact it counts from (职能机构调整到位的日期)."""
    within: Any = None
    """A :class:`~ucm_check.dated.schedule.Relative` (完成后3个月内) counted from ``after``."""

    def __attrs_post_init__(self) -> None:
        if (self.after is None) != (self.within is None):
            raise ValueError("a relative deadline needs both after (the event's date fact) and within")
        if self.after is not None and self.due is not None:
            raise ValueError("give a fixed due date or a relative deadline, not both")

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (*self.condition.facts, *((self.after,) if self.after else ()), *((self.done_on,) if self.done_on else ()))

    def _due(self, get: Getter) -> tuple[dt.date | None, str]:
        if self.after is None:
            return self.due, ""
        from ucm_check.dated.workdays import estimate_note

        event = get(self.after.key)
        due = self.within.due(event)
        return due.day, "；".join(filter(None, [
            f"期限按“{self.within.describe()}”自{self.after.label} {event.isoformat()} 起算", estimate_note(due.estimated)]))

    @property
    def max_points(self) -> Decimal:
        return ZERO

    def evaluate(self, get: Getter, context: Context) -> Outcome:
        missing = _unanswered(tuple(self.condition.facts) + ((self.after,) if self.after else ()), get)
        if missing:
            return attrs.evolve(missing, due=self.due)
        due, how = self._due(get)
        met, observed = self.condition.check(get)
        if self.after is not None:
            observed += f"；{self.after.label}：{get(self.after.key).isoformat()}"
        if met:
            on = get(self.done_on.key) if self.done_on else MISSING
            note, status = "", model.COMPLIANT
            if on is not MISSING and self.done_on is not None:
                observed += f"；{self.done_on.label}：{on.isoformat()}"
                if due and on > due:
                    note, status = f"已完成，但晚于完成时限 {due.isoformat()} {(on - due).days} 天", model.MET_LATE
            return Outcome(ZERO, observed, status=status, due=due, note="；".join(filter(None, [note, how])))
        if due is None:
            return Outcome(ZERO, observed, status=model.NOT_MET, note="长期任务（文件未规定完成时限），尚未落实")
        outcome = _not_done(due, context.as_of, self.soon_days, observed)
        return attrs.evolve(outcome, note="；".join(filter(None, [outcome.note, how])))


@frozen
class Every:
    """A duty repeated at most every ``months`` months after the last time (每3年至少参加一次).

    The next time is due on the corresponding day ``months`` later (:func:`add_months`). When
    ``among`` is given and is 0 (no one the duty concerns), the rule is not applicable.
    """

    last: Fact
    """Date fact: when it was last done."""
    months: int
    soon_days: int = 30
    among: Fact | None = None
    """Optional count fact: how many people the duty concerns."""

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (*((self.among,) if self.among else ()), self.last)

    @property
    def max_points(self) -> Decimal:
        return ZERO

    def evaluate(self, get: Getter, context: Context) -> Outcome:
        if self.among is not None:
            among = get(self.among.key)
            if among is MISSING:
                return _unanswered((self.among,), get)  # type: ignore[return-value]
            if among == 0:
                observed = f"{self.among.label}：{self.among.show(among)}"
                return Outcome(ZERO, observed, status=model.NOT_APPLICABLE, note="本单位没有本项所涉人员，不适用")
        last = get(self.last.key)
        if last is MISSING:
            return _unanswered((self.last,), get)  # type: ignore[return-value]
        from ucm_check.dated.schedule import add_months

        due = add_months(last, self.months)
        observed = f"{self.last.label}：{last.isoformat()}"
        if context.as_of <= due - dt.timedelta(days=self.soon_days):
            return Outcome(ZERO, observed, status=model.COMPLIANT, due=due, note=f"下一次应于 {due.isoformat()} 前完成")
        return _not_done(due, context.as_of, self.soon_days, observed, "下一次")


PERIODS = {"month": (1, "月"), "quarter": (3, "季度"), "year": (12, "年度")}


@frozen
class Periodic:
    """A recurring report or activity, credited to the period each one *covers* (湖南/河南 annual
    summaries, 按月报送, 每季度上报, training 每年4月, 每季度结束后5个工作日内 ...).

    The fact is of kind ``reports`` (see :mod:`ucm_check.dated.periods`): which period each report
    covers and when it was filed. Checked as of a day: every occurrence whose deadline has passed
    since the record starts (``since`` in the profile, else ``start``, else only the last one) must
    have its report, or the duty is overdue from the oldest one missing; otherwise the occurrence
    now to be met is met, pending or due soon (within ``soon_days`` of its deadline). A report
    filed after its deadline still counts for its period, and the finding says how late it was; when the
    latest occurrence due was filed late, the status is :data:`~ucm_check.model.MET_LATE` (逾期完成).

    ``period``/``due_month``/``due_day`` are the short form (month, quarter, or year by a day);
    ``schedule`` states any other :class:`~ucm_check.dated.schedule.Schedule`. A bare date in the
    profile (the form before periods were recorded) is read as the report for the oldest
    occurrence still open for filing that day, and only the last occurrence before the current
    one is checked.
    """

    last: Fact
    """A ``reports`` fact (a ``date`` fact is read as the legacy form)."""
    period: str = attrs.field(default="year", validator=attrs.validators.in_(tuple(PERIODS)))
    soon_days: int = 7
    due_month: int = 12
    due_day: int = 31
    """Yearly reports only: the day in the year they are due by."""
    schedule: Any = None
    """A :class:`~ucm_check.dated.schedule.Schedule`; overrides the three fields above."""
    start: dt.date | None = None
    """The day the duty began (the document's date): occurrences ending before it are not asked for."""
    verb: str = "报送"
    """What is done each time, as the findings say it: 报送 (reports), 开展 (training, contests)."""

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (self.last,)

    @property
    def max_points(self) -> Decimal:
        return ZERO

    @property
    def plan(self) -> Any:
        """The schedule in force."""
        if self.schedule is not None:
            return self.schedule
        from ucm_check.dated.schedule import Schedule

        if self.period == "year":
            return Schedule("year", due_month=self.due_month, due_day=self.due_day)
        return Schedule(self.period)

    @staticmethod
    def _met(filed: dict[Any, dt.date], dues: dict[Any, Any], period: Any) -> str:
        """Met, or met late (逾期完成) when the occurrence that decides the status was filed after its
        deadline. Reading: only the latest occurrence due decides; earlier late reports stay in the note,
        so one late report years ago does not mark the duty late for ever."""
        return model.MET_LATE if filed[period] > dues[period].day else model.COMPLIANT

    def evaluate(self, get: Getter, context: Context) -> Outcome:
        from ucm_check.dated.periods import ReportLog
        from ucm_check.dated.workdays import estimate_note

        value = get(self.last.key)
        if value is MISSING:
            return _unanswered(self.facts, get)  # type: ignore[return-value]
        if isinstance(value, dict):  # a rule's example facts, written as the profile would
            from ucm_check.dated.periods import parse_log

            value, problem = parse_log(self.plan.every, value)
            if problem:
                raise ValueError(problem)
        log = value if isinstance(value, ReportLog) else ReportLog(legacy=value)
        plan, as_of = self.plan, context.as_of
        current = plan.upcoming(as_of)
        observed = f"{self.last.label}：{log.text()}"
        if log.legacy is not None:
            filed = {}
            if log.legacy <= as_of:
                filed[plan.filed_for(log.legacy)] = log.legacy
                observed += f"，按报送窗口计为{plan.filed_for(log.legacy).label}的报送"
            past = [] if current in filed else [plan.step(current, -1)]  # earlier reports: unknown, presumed
        else:
            filed = {p: day for p, day in log.filed if day <= as_of}  # not yet filed as of that day
            since = max((d for d in (log.since, self.start) if d), default=None)
            if since is None and log.filed:  # the record starts with its first report
                since = log.filed[0][0].start
            past = list(plan.before(current, since)) if since else [plan.step(current, -1)]
        dues = {p: plan.due(p) for p in (current, *past)}
        extra = [f"{p.label}于 {filed[p].isoformat()} {self.verb}，晚于期限 {dues[p].day.isoformat()} {(filed[p] - dues[p].day).days} 天"
                 for p in reversed((current, *past)) if p in filed and filed[p] > dues[p].day]
        estimated = tuple(sorted({y for d in dues.values() for y in d.estimated}))
        extra += [estimate_note(estimated)] if estimated else []
        missing = [p for p in past if p not in filed]
        if missing:
            oldest = dues[missing[-1]].day
            if len(missing) == 1:
                note = f"{missing[0].label}未{self.verb}（应于 {oldest.isoformat()} 前）"
            else:
                labels = "、".join(p.label for p in list(reversed(missing))[:3]) + (f" 等 {len(missing)} 期" if len(missing) > 3 else "")
                note = f"{labels}未{self.verb}（最早一期应于 {oldest.isoformat()} 前）"
            return Outcome(ZERO, observed, status=model.OVERDUE, due=oldest, note="；".join([note, *extra]))
        due = dues[current].day
        if current in filed:
            note = "；".join([f"{current.label}已{self.verb}", *extra])
            return Outcome(ZERO, observed, status=self._met(filed, dues, current), due=due, note=note)
        if current.start > as_of and past:  # the next occurrence has not begun: all due so far is done
            note = f"{past[0].label}已{self.verb}；下一期{current.label}应于 {due.isoformat()} 前"
            return Outcome(ZERO, observed, status=self._met(filed, dues, past[0]), due=due,
                           note="；".join([note, *extra]))
        outcome = _not_done(due, as_of, self.soon_days, observed, current.label)
        return attrs.evolve(outcome, note="；".join([outcome.note, *extra]))
