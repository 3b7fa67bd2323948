"""The plan beside a profile, brought up to date: read it, reconcile it with the profile's result,
and save it when that changed it. The one way every caller (``ucm-check plan``, the exports, the
TUI's timetable, the documents) gets the current plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs

from ucm_check.model import ProfileResult
from ucm_check.plan.model import Plan
from ucm_check.plan.reconcile import Changes, deadline_chooser, reconcile
from ucm_check.plan.storage import load_plan, plan_path_for, save_plan


@attrs.frozen
class Current:
    """A plan as reconciled with a result, and what that changed."""

    plan: Plan
    old: Plan | None
    """The plan as it was on disk; None when there was none."""
    changes: Changes
    path: Path
    """Where the plan lives (``<profile>.plan.toml``)."""

    @property
    def changed(self) -> bool:
        """True when the plan differs from the file (new, or items added, gone or reopened)."""
        return self.plan is not self.old


def current_plan(profile: str | Path, result: ProfileResult, host: Any, as_of: dt.date, *,
                 save: bool) -> Current:
    """The plan of ``profile`` reconciled with ``result`` as of ``as_of``.

    Raises :class:`~ucm_check.plan.InvalidPlan` for a broken plan file (left untouched). With
    ``save`` a changed plan is written back atomically (an :class:`OSError` propagates); without it
    the plan is only brought up to date in memory, as the documents need."""
    path = plan_path_for(profile)
    old = load_plan(path) if path.exists() else None
    plan, changes = reconcile(old, result, as_of=as_of, deadline_for=deadline_chooser(host, result.unit, as_of),
                              profile=old.profile if old else Path(profile).name)
    if save and plan is not old:
        save_plan(plan, path)
    return Current(plan, old, changes, path)
