"""Hook specifications: what a ucm-check plugin may implement.

Implement a hook by decorating a function named after it with :data:`hookimpl`. An implementation may
accept fewer arguments than the spec lists. Hooks are called with keyword arguments; each plugin's
implementation is called on its own, so one failing plugin never stops the others.
"""

from __future__ import annotations

from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("ucm_check")
hookimpl = pluggy.HookimplMarker("ucm_check")


@hookspec
def ucm_check_standards() -> list[Any]:
    """Declare the scoring standards this plugin provides.

    :return: a list of :class:`ucm_check.model.Standard` with empty ``areas``; the host fills each
        standard's areas from :func:`ucm_check_areas`. A profile picks one by ``unit.standard``.
    """


@hookspec
def ucm_check_areas() -> list[Any]:
    """Contribute checklist areas to one or more standards.

    :return: a list of :class:`ucm_check.model.Area`; each names its standard in ``Area.standard``.
        Area ids must be unique within a standard: a later area with the same id is reported as a
        conflict and ignored.
    """
