"""Overdue at the deadline's edge, completion rate, and deadline changes that need a reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ucm_check.plan import CLOSED, DONE, IN_PROGRESS, NOT_STARTED, ONGOING, Item, Plan

DUE = dt.date(2026, 12, 31)


def test_an_open_item_is_not_overdue_on_its_deadline_day_but_is_the_day_after():
    item = Item("HN-01-1", "问题", status=IN_PROGRESS, deadline=DUE)
    assert not item.overdue(DUE)
    assert item.overdue(DUE + dt.timedelta(days=1))
    assert item.state(DUE + dt.timedelta(days=1)) == "整改中，逾期"


@pytest.mark.parametrize("status", [DONE, CLOSED])
def test_a_finished_item_is_never_overdue(status):
    assert not Item("x", "问题", status=status, deadline=DUE).overdue(DUE + dt.timedelta(days=400))


def test_an_ongoing_item_is_never_overdue():
    assert not Item("x", "问题", deadline=ONGOING).overdue(dt.date(2099, 1, 1))


def test_plan_overdue_lists_only_late_open_items_earliest_first():
    plan = Plan("p.toml", items=[
        Item("b", "问题", deadline=dt.date(2026, 11, 1)),
        Item("a", "问题", deadline=dt.date(2026, 10, 1)),
        Item("c", "问题", deadline=dt.date(2026, 11, 23), status=DONE),
        Item("d", "问题", deadline=dt.date(2026, 11, 24)),
    ])
    assert [i.id for i in plan.overdue(dt.date(2026, 11, 24))] == ["a", "b"]


def test_completion_rate_counts_done_and_closed_rounded_half_up():
    items = [Item(str(n), "问题", status=s) for n, s in enumerate([DONE, CLOSED, NOT_STARTED, IN_PROGRESS, NOT_STARTED, NOT_STARTED])]
    assert Plan("p", items=items).completion_rate == Decimal("33.3")
    one_of_eight = [Item("done", "问题", status=DONE)] + [Item(str(n), "问题") for n in range(7)]
    assert Plan("p", items=one_of_eight).completion_rate == Decimal("12.5")
    assert Plan("p").completion_rate == 0


@pytest.mark.parametrize("done, of, shown", [(1, 16, "6.3"), (3, 16, "18.8"), (5, 16, "31.3"), (15, 16, "93.8"),
                                             (1, 80, "1.3"), (1, 3, "33.3"), (2, 3, "66.7")])
def test_a_completion_rate_exactly_on_a_half_rounds_up(done, of, shown):
    # 1/16 = 6.25% -> 6.3 (half-even would print 6.2); 3/16 = 18.75; 5/16 = 31.25; 15/16 = 93.75; 1/80 = 1.25
    items = [Item(f"d{n}", "问题", status=DONE) for n in range(done)] + [Item(f"o{n}", "问题") for n in range(of - done)]
    assert str(Plan("p", items=items).completion_rate) == shown


def test_moving_a_deadline_records_old_new_date_and_reason():
    item = Item("x", "问题", deadline=DUE)
    moved = item.reschedule(dt.date(2027, 3, 31), "  设备招标流标，重新采购 ", on=dt.date(2026, 12, 1))
    assert moved.deadline == dt.date(2027, 3, 31)
    (change,) = moved.history
    assert (change.date, change.old, change.new, change.reason) == (dt.date(2026, 12, 1), DUE, dt.date(2027, 3, 31), "设备招标流标，重新采购")
    again = moved.reschedule(ONGOING, "改为常态化工作", on=dt.date(2027, 1, 5))
    assert [c.new for c in again.history] == [dt.date(2027, 3, 31), ONGOING]


def test_moving_a_deadline_without_a_reason_is_refused():
    with pytest.raises(ValueError, match="调整原因"):
        Item("x", "问题", deadline=DUE).reschedule(dt.date(2027, 1, 31), "  ", on=DUE)


def test_keeping_the_same_deadline_records_nothing():
    item = Item("x", "问题", deadline=DUE)
    assert item.reschedule(DUE, "", on=DUE) is item


def test_a_deadline_must_be_a_date_or_ongoing():
    with pytest.raises(ValueError):
        Item("x", "问题", deadline="明年")
