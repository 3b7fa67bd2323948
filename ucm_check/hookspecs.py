"""Hook specifications: what a ucm-check plugin may implement.

Implement a hook by decorating a function named after it with :data:`hookimpl`. An implementation may
accept fewer arguments than the spec lists. Hooks are called with keyword arguments; each plugin's
implementation is called on its own, so one failing plugin never stops the others.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Mapping

import pluggy

if TYPE_CHECKING:
    from ucm_check.engine.formats import OutputFormat
    from ucm_check.model import Area, Finding, Rule, Standard

hookspec = pluggy.HookspecMarker("ucm_check")
hookimpl = pluggy.HookimplMarker("ucm_check")


@hookspec
def ucm_check_standards() -> list[Standard]:  # type: ignore[empty-body]  # a spec: pluggy never runs its body
    """Declare the scoring standards this plugin provides.

    :return: a list of :class:`ucm_check.model.Standard` with empty ``areas``; the host fills each
        standard's areas from :func:`ucm_check_areas`. A profile picks one by ``unit.standard``.
    """


@hookspec
def ucm_check_areas() -> list[Area]:  # type: ignore[empty-body]  # a spec: pluggy never runs its body
    """Contribute checklist areas to one or more standards.

    :return: a list of :class:`ucm_check.model.Area`; each names its standard in ``Area.standard``.
        Area ids must be unique within a standard: a later area with the same id is reported as a
        conflict and ignored.
    """


@hookspec
def ucm_check_default_deadline(rule: Rule, finding: Finding, unit: Mapping[str, Any],
                               as_of: dt.date) -> dt.date | str | None:
    """Propose the completion deadline (完成时限) of a new rectification item.

    Called once for each gap that enters a unit's plan; the first non-None result wins over the
    rule's own ``period_days``. A province pack uses it to feed its document's dates (e.g. 协管人员
    管理制度 by 2021-12-31) or to mark a duty as ongoing.

    :param rule: the :class:`ucm_check.model.Rule` with the gap.
    :param finding: the :class:`ucm_check.model.Finding`, a gap: its status is one of
        :data:`ucm_check.model.GAP_STATUSES` (``deducted``, ``due_soon``, ``overdue``, ``not_met``).
    :param unit: the profile's ``[unit]`` table (name, level, region, standard ...).
    :param as_of: the :class:`datetime.date` the plan is made as of.
    :return: a :class:`datetime.date`, the string ``"长期"`` for an ongoing duty, or None to leave
        the decision to other plugins (and finally to ``rule.period_days`` after ``as_of``).
    """


@hookspec
def ucm_check_output_formats() -> list[OutputFormat]:  # type: ignore[empty-body]  # a spec: pluggy never runs its body
    """Add output formats to ``check``, ``plan`` or the exports (the TUI's and the browser's).

    :return: a list of :class:`ucm_check.engine.formats.OutputFormat`. Its ``target`` names the writer
        class (``check``) or render function (``plan``, ``export``) as ``"module:attribute"``, imported
        only when the format is used. A name a builtin format already has is ignored.
    """
