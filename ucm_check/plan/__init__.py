"""The rectification plan (整改台账): one item per gap, with owners, deadlines and progress.

Stable API (other features, e.g. CI gates, call these)::

    from ucm_check.plan import plan_path_for, load_plan
    plan = load_plan(plan_path_for("county.toml"))     # raises InvalidPlan with located errors
    late = plan.overdue(datetime.date.today())          # list[Item]
    plan.items                                          # tuple[Item, ...]

Headless: nothing in this package imports Textual.
"""

from ucm_check.plan.model import (
    CLOSED, DONE, IN_PROGRESS, NOT_STARTED, ONGOING, STATUSES,
    DeadlineChange, Item, Milestone, Plan,
)
from ucm_check.plan.current import Current, current_plan
from ucm_check.plan.reconcile import Changes, deadline_chooser, reconcile
from ucm_check.plan.storage import InvalidPlan, dumps, load_plan, parse_plan, plan_path_for, save_plan

__all__ = [
    "CLOSED", "DONE", "IN_PROGRESS", "NOT_STARTED", "ONGOING", "STATUSES",
    "Changes", "Current", "DeadlineChange", "InvalidPlan", "Item", "Milestone", "Plan",
    "current_plan", "deadline_chooser", "dumps", "load_plan", "parse_plan", "plan_path_for", "reconcile", "save_plan",
]
